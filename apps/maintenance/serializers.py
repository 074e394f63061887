"""Request shapes of the maintenance routes and the presenters of their records.

Presenters build plain dicts with snake_case keys (the renderer camel-cases them) and never query:
selectors hand in what they fetched in bulk.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from apps.chat.models import SenderType
from apps.core.pagination import ListQuery
from apps.core.serializers import InputSerializer, iso
from apps.maintenance.models import (
    Invoice,
    LinkedEntity,
    MaintenanceTicket,
    ScopeOfWork,
    TicketCategory,
    TicketComment,
    TicketPriority,
    TicketSource,
    TicketStatus,
)
from apps.media.services import media_to_dict


def _id(value) -> str | None:
    return None if value is None else str(value)


# -- inputs ---------------------------------------------------------------------------------------
class TicketCreateInput(InputSerializer):
    property = serializers.UUIDField()
    unit = serializers.UUIDField(required=False, allow_null=True)
    title = serializers.CharField(min_length=1, max_length=200)
    description = serializers.CharField(min_length=1, max_length=2000)
    category = serializers.ChoiceField(choices=TicketCategory.values)
    priority = serializers.ChoiceField(choices=TicketPriority.values, required=False)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    source = serializers.ChoiceField(choices=TicketSource.values, required=False)
    metadata = serializers.JSONField(required=False, allow_null=True)


class TicketUpdateInput(InputSerializer):
    property = serializers.UUIDField(required=False)
    unit = serializers.UUIDField(required=False, allow_null=True)
    title = serializers.CharField(required=False, min_length=1, max_length=200)
    description = serializers.CharField(required=False, min_length=1, max_length=2000)
    category = serializers.ChoiceField(choices=TicketCategory.values, required=False)
    priority = serializers.ChoiceField(choices=TicketPriority.values, required=False)
    notes = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=1000)
    source = serializers.ChoiceField(choices=TicketSource.values, required=False)
    metadata = serializers.JSONField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=TicketStatus.values, required=False)
    assigned_contractor = serializers.UUIDField(required=False, allow_null=True)
    assigned_date = serializers.DateTimeField(required=False, allow_null=True)
    completed_date = serializers.DateTimeField(required=False, allow_null=True)


class AssignInput(InputSerializer):
    contractor_id = serializers.UUIDField()


class AcceptInput(InputSerializer):
    user_id = serializers.UUIDField()


class RefuseInput(InputSerializer):
    refuse_reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class EmptyInput(InputSerializer):
    """No body fields."""


class TicketListQuery(ListQuery):
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "ticketNumber": "ticket_number",
        "title": "title",
        "status": "status",
        "priority": "priority",
        "category": "category",
        "requestDate": "request_date",
    }
    sort_order = serializers.ChoiceField(choices=["asc", "desc"], required=False, default="desc")
    status = serializers.ChoiceField(choices=TicketStatus.values, required=False)
    category = serializers.ChoiceField(choices=TicketCategory.values, required=False)
    priority = serializers.ChoiceField(choices=TicketPriority.values, required=False)
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)
    contractor_id = serializers.UUIDField(required=False)
    tenant_id = serializers.UUIDField(required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)


class MediaQuery(InputSerializer):
    media_type = serializers.ChoiceField(
        choices=["image", "document", "video", "audio", "other"], required=False
    )
    collection_name = serializers.CharField(required=False, max_length=64)


class CommentInput(InputSerializer):
    content = serializers.CharField(min_length=1, max_length=2000)


# -- presenters -----------------------------------------------------------------------------------
def ticket_to_dict(ticket: MaintenanceTicket) -> dict[str, Any]:
    """The stored document: references as ids."""
    return {
        "_id": str(ticket.pk),
        "landlord": _id(ticket.landlord_id),
        "property": _id(ticket.property_id),
        "unit": _id(ticket.unit_id),
        "assigned_contractor": _id(ticket.assigned_contractor_id),
        "title": ticket.title,
        "description": ticket.description,
        "category": ticket.category,
        "priority": ticket.priority,
        "status": ticket.status,
        "requested_by": _id(ticket.requested_by_id),
        "assigned_by": _id(ticket.assigned_by_id),
        "assigned_user": _id(ticket.assigned_user_id),
        "request_date": iso(ticket.request_date),
        "assigned_date": iso(ticket.assigned_date),
        "completed_date": iso(ticket.completed_date),
        "notes": ticket.notes,
        "refuse_reason": ticket.refuse_reason,
        "ticket_number": ticket.ticket_number,
        "scope_of_work": _id(ticket.scope_of_work_id),
        "source": ticket.source,
        "metadata": ticket.metadata,
        "deleted": ticket.deleted,
        "created_at": iso(ticket.created_at),
        "updated_at": iso(ticket.updated_at),
        "__v": ticket.version,
    }


def person_brief(user, *fields: str) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"_id": str(user.pk), **{name: getattr(user, name) for name in fields}}


def ticket_populated(ticket: MaintenanceTicket, media: list) -> dict[str, Any]:
    """A list/detail item: references populated with the spec's fields, plus ``media``."""
    data = ticket_to_dict(ticket)
    prop = ticket.property
    data["property"] = {"_id": str(prop.pk), "name": prop.name, "address": prop.address} if prop else None
    unit = ticket.unit
    data["unit"] = {"_id": str(unit.pk), "unit_number": unit.unit_number, "type": unit.type} if unit else None
    contractor = ticket.assigned_contractor
    data["assigned_contractor"] = {"_id": str(contractor.pk), "name": contractor.name} if contractor else None
    data["requested_by"] = person_brief(ticket.requested_by, "username", "email")
    data["assigned_by"] = person_brief(ticket.assigned_by, "username", "email")
    data["assigned_user"] = person_brief(ticket.assigned_user, "username", "email", "first_name", "last_name")
    data["media"] = [media_to_dict(item) for item in media]
    return data


def comment_to_dict(comment: TicketComment, *, media: list | None = None) -> dict[str, Any]:
    author = comment.author
    data = {
        "_id": str(comment.pk),
        "ticket": str(comment.ticket_id),
        "author": person_brief(author, "username", "email", "user_type") if author else None,
        "content": comment.content,
        "deleted": comment.deleted,
        "created_at": iso(comment.created_at),
        "updated_at": iso(comment.updated_at),
        "__v": comment.version,
    }
    if media is not None:
        data["media"] = [media_to_dict(item) for item in media]
    return data


def money(value: Decimal) -> Decimal:
    """Two places; the JSON encoder writes a Decimal as a JSON number (the original's wire type)."""
    return Decimal(value).quantize(Decimal("0.01"))


def invoice_to_dict(invoice: Invoice, *, file=None) -> dict[str, Any]:
    creator = invoice.created_by
    return {
        "_id": str(invoice.pk),
        "landlord": str(invoice.landlord_id),
        "amount": money(invoice.amount),
        "currency": invoice.currency,
        "description": invoice.description,
        "notes": invoice.notes,
        "issuer": invoice.issuer,
        "linked_entity_type": invoice.linked_entity_type,
        "linked_entity_id": _id(invoice.linked_entity_id),
        "linked_entity_model": invoice.linked_entity_model,
        "status": invoice.status,
        "created_by": {"_id": str(creator.pk), "email": creator.email} if creator else None,
        "invoice_file": media_to_dict(file) if file is not None else None,
        "deleted": invoice.deleted,
        "created_at": iso(invoice.created_at),
        "updated_at": iso(invoice.updated_at),
        "__v": invoice.version,
    }


def sow_to_dict(sow: ScopeOfWork) -> dict[str, Any]:
    return {
        "_id": str(sow.pk),
        "landlord": str(sow.landlord_id),
        "assigned_contractor": _id(sow.assigned_contractor_id),
        "assigned_user": _id(sow.assigned_user_id),
        "parent_sow": _id(sow.parent_sow_id),
        "property": _id(sow.property_id),
        "unit": _id(sow.unit_id),
        "sow_number": sow.sow_number,
        "title": sow.title,
        "description": sow.description,
        "status": sow.status,
        "assigned_date": iso(sow.assigned_date),
        "completed_date": iso(sow.completed_date),
        "notes": sow.notes,
        "refuse_reason": sow.refuse_reason,
        "deleted": sow.deleted,
        "created_at": iso(sow.created_at),
        "updated_at": iso(sow.updated_at),
        "__v": sow.version,
    }


LINKED_MODEL = {LinkedEntity.TICKET: "MaintenanceTicket", LinkedEntity.SCOPE_OF_WORK: "ScopeOfWork"}


class InvoiceCreateInput(InputSerializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0"))
    currency = serializers.CharField(min_length=1, max_length=3)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class InvoiceUpdateInput(InputSerializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0"))
    currency = serializers.CharField(min_length=1, max_length=3)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SowCreateInput(InputSerializer):
    title = serializers.CharField(min_length=1, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    tickets = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=500)


class TicketIdInput(InputSerializer):
    ticket_id = serializers.UUIDField()


SOW_VIEW_TYPES = ("parent", "property", "property_wide", "unit")


class SowListQuery(ListQuery):
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "sowNumber": "sow_number",
        "title": "title",
        "status": "status",
    }
    sort_order = serializers.ChoiceField(choices=["asc", "desc"], required=False, default="desc")
    status = serializers.ChoiceField(choices=TicketStatus.values, required=False)
    contractor_id = serializers.UUIDField(required=False)
    user_id = serializers.UUIDField(required=False)
    parent_sow_id = serializers.UUIDField(required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)
    view_type = serializers.ChoiceField(choices=SOW_VIEW_TYPES, required=False)


PARTICIPANT_TYPES = ("LANDLORD", "TENANT", "CONTRACTOR")
PARTICIPANT_STATUSES = ("PENDING", "ACCEPTED", "DECLINED", "ACTIVE")


class ThreadListQuery(InputSerializer):
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=1_000_000)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=100)
    linked_entity_type = serializers.ChoiceField(choices=["TICKET", "SCOPE_OF_WORK"], required=False)
    thread_type = serializers.ChoiceField(
        choices=[
            "LANDLORD_TENANT",
            "LANDLORD_TENANT_SOW",
            "LANDLORD_CONTRACTOR",
            "CONTRACTOR_TENANT",
            "SOW_GROUP",
            "TENANT_TENANT",
            "TENANT_TENANT_GROUP",
        ],
        required=False,
    )
    participant_id = serializers.UUIDField(required=False)
    participant_status = serializers.ChoiceField(choices=PARTICIPANT_STATUSES, required=False)


class ParticipantInput(InputSerializer):
    participant_type = serializers.ChoiceField(choices=PARTICIPANT_TYPES)
    participant_id = serializers.UUIDField()


class ThreadMessageInput(InputSerializer):
    content = serializers.CharField(min_length=1, max_length=5000)
    sender_type = serializers.ChoiceField(choices=SenderType.choices)
    sender_id = serializers.UUIDField()


def participant_to_dict(participant) -> dict[str, Any]:
    return {
        "_id": str(participant.pk),
        "thread": str(participant.thread_id),
        "participant_type": participant.participant_type,
        "participant_id": str(participant.participant_id),
        "participant_model": participant.participant_model,
        "status": participant.status,
        "is_mandatory": participant.is_mandatory,
        "cleared_at": iso(participant.cleared_at),
        "created_at": iso(participant.created_at),
        "updated_at": iso(participant.updated_at),
        "__v": participant.version,
    }
