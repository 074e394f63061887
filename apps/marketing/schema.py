"""OpenAPI documentation of the marketing routes (drf-spectacular).

Like :func:`apps.core.schema.doc`, plus the route's own error statuses beyond the ones every
route documents (``errors``, e.g. 422 for an unknown property) and empty bodies.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers

from apps.core.schema import ERROR_DESCRIPTIONS, ErrorSerializer
from apps.marketing.models import (
    ConversationRole,
    FeedbackPriority,
    FeedbackStatus,
    InquiryStatus,
    InquiryType,
)

ID_PARAMETER = OpenApiParameter("pk", OpenApiTypes.UUID, OpenApiParameter.PATH)

EXTRA_ERRORS = {
    409: "The post changed during the vote too often; try again",
    422: "A referenced property or unit does not exist",
    429: ERROR_DESCRIPTIONS[429],
}


def doc(
    tag: str,
    summary: str,
    *,
    request=None,
    query=None,
    status: int = 200,
    response=OpenApiTypes.OBJECT,
    with_id: bool = False,
    multipart: bool = False,
    empty: bool = False,
    errors: tuple[int, ...] = (),
):
    parameters = [ID_PARAMETER] if with_id else []
    if query is not None:
        parameters.append(query)
    if request is not None and multipart:
        request = {"application/json": request, "multipart/form-data": request}
    responses = {status: OpenApiResponse(description="No content") if empty else response}
    for code in errors:
        responses[code] = OpenApiResponse(response=ErrorSerializer, description=EXTRA_ERRORS[code])
    return extend_schema(
        tags=[tag], summary=summary, request=request, parameters=parameters or None, responses=responses
    )


# -- response shapes (documentation only: the views present plain dicts) ---------------------------
def _shape(component: str, /, **fields) -> serializers.Serializer:
    return inline_serializer(name=component, fields=fields)


def _optional(field: serializers.Field) -> serializers.Field:
    """The same field, not required (fields are re-created from their arguments when bound)."""
    return type(field)(*field._args, **{**field._kwargs, "required": False})


def _record(**fields) -> dict:
    return {
        "deleted": serializers.BooleanField(),
        "created_at": serializers.DateTimeField(),
        "updated_at": serializers.DateTimeField(),
        "__v": serializers.IntegerField(),
        **fields,
    }


def page_of(name: str, item: serializers.Serializer) -> serializers.Serializer:
    return _shape(
        name,
        data=serializers.ListField(child=item),
        total=serializers.IntegerField(),
        page=serializers.IntegerField(),
        limit=serializers.IntegerField(),
        total_pages=serializers.IntegerField(),
        has_next_page=serializers.BooleanField(),
        has_prev_page=serializers.BooleanField(),
    )


REFERENCE = "an id, or the referenced record's public fields where the route expands it"

INQUIRY = _shape(
    "Inquiry",
    _id=serializers.UUIDField(),
    inquiry_type=serializers.ChoiceField(choices=InquiryType.values),
    status=serializers.ChoiceField(choices=InquiryStatus.values),
    tenant=_optional(serializers.JSONField(help_text=REFERENCE)),
    name=_optional(serializers.CharField()),
    email=_optional(serializers.CharField()),
    phone=_optional(serializers.CharField()),
    property=_optional(serializers.JSONField(help_text=REFERENCE)),
    unit=_optional(serializers.JSONField(help_text=REFERENCE)),
    message=serializers.CharField(),
    preferred_date=_optional(serializers.DateTimeField()),
    email_verified=serializers.BooleanField(),
    reply=_optional(serializers.CharField()),
    replied_at=_optional(serializers.DateTimeField()),
    **_record(),
)
INQUIRY_RESULT = _shape(
    "InquiryResult",
    success=serializers.BooleanField(),
    data=_shape("InquiryData", inquiry=INQUIRY),
    message=_optional(serializers.CharField()),
)
CONTACT_RESULT = _shape(
    "InquiryContactResult",
    success=serializers.BooleanField(),
    data=_shape(
        "InquiryContactData",
        requires_verification=serializers.BooleanField(),
        inquiry=_optional(INQUIRY),
        inquiry_id=_optional(serializers.UUIDField()),
        email=_optional(serializers.CharField()),
    ),
    message=serializers.CharField(),
)
SUCCESS_MESSAGE = _shape(
    "SuccessMessage", success=serializers.BooleanField(), message=serializers.CharField()
)

POLL_OPTION = _shape(
    "PollOption",
    _id=serializers.UUIDField(),
    id=serializers.UUIDField(),
    text=serializers.CharField(),
    votes=serializers.IntegerField(),
    voters=serializers.ListField(child=serializers.UUIDField()),
)
FEED_POST = _shape(
    "FeedPost",
    _id=serializers.UUIDField(),
    id=serializers.UUIDField(),
    property=serializers.JSONField(help_text="{_id, name, address}"),
    landlord=serializers.JSONField(help_text="{_id, companyName}"),
    title=serializers.CharField(),
    description=serializers.CharField(),
    poll=_optional(
        _shape(
            "Poll",
            options=serializers.ListField(child=POLL_OPTION),
            allow_multiple_votes=serializers.BooleanField(),
        )
    ),
    upvotes=serializers.IntegerField(),
    downvotes=serializers.IntegerField(),
    upvoted_by=serializers.ListField(child=serializers.UUIDField()),
    downvoted_by=serializers.ListField(child=serializers.UUIDField()),
    media=_optional(serializers.JSONField(help_text="the first attached image, with its url")),
    **_record(),
)

FEEDBACK_MESSAGE = _shape(
    "FeedbackMessage",
    role=serializers.ChoiceField(choices=ConversationRole.values),
    content=serializers.CharField(),
    timestamp=serializers.DateTimeField(),
)
FEEDBACK_ENTRY = _shape(
    "FeedbackEntry",
    _id=serializers.UUIDField(),
    user=serializers.UUIDField(),
    user_email=serializers.CharField(),
    priority=serializers.ChoiceField(choices=FeedbackPriority.values),
    conversation=serializers.ListField(child=FEEDBACK_MESSAGE),
    status=serializers.ChoiceField(choices=FeedbackStatus.values),
    analysis=_optional(
        serializers.JSONField(
            help_text="{summary, actionItems, tags, sentiment, recommendedPriority, escalationRisk?}"
        )
    ),
    analyzed_at=_optional(serializers.DateTimeField()),
    failure_reason=_optional(serializers.CharField()),
    created_at=serializers.DateTimeField(),
    updated_at=serializers.DateTimeField(),
    __v=serializers.IntegerField(),
)
LANDING_RESULT = _shape(
    "LandingFeedbackResult", status=serializers.CharField(), message=serializers.CharField()
)
FEEDBACK_ENTRY_LIST = type(FEEDBACK_ENTRY)(many=True)
