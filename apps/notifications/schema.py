"""OpenAPI of the realtime REST routes (chat and notifications): the operation helper and the
notification shapes of spec 08 section 2.3.

Names are the internal snake_case ones; the camel-case postprocessing hook renames them as the
renderer does on the wire. Documentation only: no view serializes through these.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers

from apps.accounts.schemas import MESSAGE, page_of
from apps.notifications.types import NotificationType


def doc(
    tag: str,
    summary: str,
    *,
    response,
    status: int = 200,
    request=None,
    query=None,
    path: tuple[str, ...] = (),
):
    """``extend_schema`` of one operation: its summary, request, query, UUID path ids, response.

    ``response=None`` documents an empty body.
    """
    parameters = [OpenApiParameter(name, OpenApiTypes.UUID, OpenApiParameter.PATH) for name in path]
    if query is not None:
        parameters.append(query)
    return extend_schema(
        tags=[tag],
        summary=summary,
        request=request,
        parameters=parameters or None,
        responses={status: response},
    )


def record_fields(**fields) -> dict:
    """``_id`` + ``fields`` + the stored document's timestamps and ``__v``."""
    return {
        "_id": serializers.UUIDField(),
        **fields,
        "created_at": serializers.DateTimeField(),
        "updated_at": serializers.DateTimeField(),
        "__v": serializers.IntegerField(),
    }


NOTIFICATION_FIELDS = record_fields(
    user_id=serializers.UUIDField(),
    title=serializers.CharField(),
    content=serializers.CharField(),
    action_url=serializers.CharField(allow_null=True),
    read_at=serializers.DateTimeField(allow_null=True),
    deleted=serializers.BooleanField(),
)
NOTIFICATION = inline_serializer(name="Notification", fields=NOTIFICATION_FIELDS)
NOTIFICATION_PAGE = inline_serializer(
    name="NotificationPage",
    fields={
        "data": serializers.ListField(child=NOTIFICATION),
        "total": serializers.IntegerField(),
        "limit": serializers.IntegerField(),
        "offset": serializers.IntegerField(),
        "has_more": serializers.BooleanField(),
    },
)
ADMIN_NOTIFICATION = inline_serializer(
    name="AdminNotification",
    fields={
        **NOTIFICATION_FIELDS,
        "user_name": serializers.CharField(),
        "user_email": serializers.EmailField(),
    },
)
ADMIN_NOTIFICATION_PAGE = page_of("AdminNotificationPage", ADMIN_NOTIFICATION)
UNREAD_COUNT = inline_serializer(name="UnreadCount", fields={"count": serializers.IntegerField()})
MODIFIED_COUNT = inline_serializer(
    name="ModifiedCount", fields={"modified_count": serializers.IntegerField()}
)
PREFERENCES = inline_serializer(
    name="NotificationPreference",
    fields=record_fields(
        user_id=serializers.UUIDField(),
        notification_type=serializers.ChoiceField(choices=NotificationType.choices),
        in_app=serializers.BooleanField(),
        email=serializers.BooleanField(),
        sms=serializers.BooleanField(),
    ),
    many=True,
)
__all__ = [
    "ADMIN_NOTIFICATION_PAGE",
    "MESSAGE",
    "MODIFIED_COUNT",
    "NOTIFICATION",
    "NOTIFICATION_PAGE",
    "PREFERENCES",
    "UNREAD_COUNT",
    "doc",
    "record_fields",
]
