"""OpenAPI helpers of the maintenance and visit-request routes (drf-spectacular).

Error responses (400/401/403/404/429) are added to every operation by
:class:`apps.core.schema.ApiAutoSchema`.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers

from apps.maintenance.models import TicketCategory, TicketPriority, TicketSource, TicketStatus

PATH_NAMES = ("pk", "ticket_id", "comment_id", "invoice_id", "sow_id", "thread_id")

MEDIA_ITEM = inline_serializer(
    name="MaintenanceMedia",
    fields={
        "_id": serializers.UUIDField(),
        "name": serializers.CharField(),
        "mime_type": serializers.CharField(),
        "size": serializers.IntegerField(),
        "type": serializers.CharField(),
        "collection_name": serializers.CharField(),
        "url": serializers.CharField(required=False),
    },
)

TICKET = inline_serializer(
    name="MaintenanceTicket",
    fields={
        "_id": serializers.UUIDField(),
        "landlord": serializers.UUIDField(),
        "property": serializers.JSONField(),
        "unit": serializers.JSONField(allow_null=True),
        "assignedContractor": serializers.JSONField(allow_null=True),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "category": serializers.ChoiceField(choices=TicketCategory.values),
        "priority": serializers.ChoiceField(choices=TicketPriority.values),
        "status": serializers.ChoiceField(choices=TicketStatus.values),
        "requestedBy": serializers.JSONField(),
        "ticketNumber": serializers.CharField(),
        "scopeOfWork": serializers.JSONField(allow_null=True),
        "source": serializers.ChoiceField(choices=TicketSource.values),
        "requestDate": serializers.DateTimeField(allow_null=True),
        "assignedDate": serializers.DateTimeField(allow_null=True),
        "completedDate": serializers.DateTimeField(allow_null=True),
        "createdAt": serializers.DateTimeField(),
        "updatedAt": serializers.DateTimeField(),
        "__v": serializers.IntegerField(),
    },
)


def page_of(name: str, item) -> serializers.Serializer:
    return inline_serializer(
        name=name,
        fields={
            "data": serializers.ListField(child=item),
            "total": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "limit": serializers.IntegerField(),
            "totalPages": serializers.IntegerField(),
            "hasNextPage": serializers.BooleanField(),
            "hasPrevPage": serializers.BooleanField(),
        },
    )


def success_of(name: str, data) -> serializers.Serializer:
    return inline_serializer(
        name=name,
        fields={
            "success": serializers.BooleanField(),
            "data": data,
            "message": serializers.CharField(required=False),
        },
    )


def record_list(name: str) -> serializers.Serializer:
    """A JSON array of stored records (each with its ``_id``)."""
    return inline_serializer(name=name, fields={"_id": serializers.UUIDField()}, many=True)


COMMENT_LIST = record_list("MaintenanceCommentList")
INVOICE_LIST = record_list("MaintenanceInvoiceList")
PARTICIPANT_LIST = record_list("MaintenanceThreadParticipantList")
MESSAGE_LIST = record_list("MaintenanceThreadMessageList")
VISIT_LIST = record_list("VisitRequestList")

MESSAGE = inline_serializer(name="MaintenanceMessage", fields={"message": serializers.CharField()})
TICKET_PAGE = page_of("MaintenanceTicketPage", TICKET)
TICKET_CREATED = success_of("MaintenanceTicketCreated", serializers.JSONField())
MEDIA_LIST = success_of("MaintenanceMediaList", serializers.ListField(child=MEDIA_ITEM))


def doc(
    tag: str,
    summary: str,
    *,
    response=OpenApiTypes.OBJECT,
    status: int = 200,
    request=None,
    query=None,
    path: tuple[str, ...] = (),
    multipart: bool = False,
):
    parameters = [OpenApiParameter(name, OpenApiTypes.UUID, OpenApiParameter.PATH) for name in path]
    if query is not None:
        parameters.append(query)
    if request is not None and multipart:
        request = {"application/json": request, "multipart/form-data": request}
    return extend_schema(
        tags=[tag],
        summary=summary,
        request=request,
        parameters=parameters or None,
        responses={status: response},
    )
