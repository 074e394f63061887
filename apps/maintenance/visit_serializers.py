"""Request shapes and presenters of the visit-request routes (spec 07 section 7)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.core.serializers import InputSerializer, iso
from apps.maintenance.models import VisitRequest, VisitSource, VisitStatus

TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"


def _time() -> serializers.RegexField:
    """``HH:mm`` (24-hour); the field name is put in front of the message by the error handler."""
    return serializers.RegexField(
        TIME_PATTERN, error_messages={"invalid": "must be in HH:mm format (24-hour)"}
    )


class VisitCreateInput(InputSerializer):
    source_type = serializers.ChoiceField(choices=VisitSource.values)
    ticket_id = serializers.UUIDField(required=False, allow_null=True)
    scope_of_work_id = serializers.UUIDField(required=False, allow_null=True)
    availability_slot_id = serializers.UUIDField()
    visit_date = serializers.DateField()
    start_time = _time()
    end_time = _time()
    message = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    full_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone_number = serializers.CharField(required=False, allow_blank=True, max_length=20)


class VisitListQuery(InputSerializer):
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=1_000_000)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=100)
    status = serializers.ChoiceField(choices=VisitStatus.values, required=False)
    source_type = serializers.ChoiceField(choices=VisitSource.values, required=False)
    ticket_id = serializers.UUIDField(required=False)
    scope_of_work_id = serializers.UUIDField(required=False)
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)
    contractor_id = serializers.UUIDField(required=False)
    tenant_id = serializers.UUIDField(required=False)
    visit_date_from = serializers.DateField(required=False)
    visit_date_to = serializers.DateField(required=False)
    sort_by = serializers.ChoiceField(
        choices=["createdAt", "updatedAt", "visitDate", "status"], required=False, default="createdAt"
    )
    sort_order = serializers.ChoiceField(choices=["asc", "desc"], required=False, default="desc")

    SORT_FIELDS = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "visitDate": "starts_at",
        "status": "status",
    }

    def ordering(self) -> tuple[str, str]:
        data = self.validated_data
        prefix = "" if data["sort_order"] == "asc" else "-"
        return (f"{prefix}{self.SORT_FIELDS[data['sort_by']]}", f"{prefix}id")


class VisitRespondInput(InputSerializer):
    response = serializers.ChoiceField(choices=["ACCEPT", "REFUSE"])
    response_message = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class VisitSuggestInput(InputSerializer):
    availability_slot_id = serializers.UUIDField(required=False, allow_null=True)
    visit_date = serializers.DateField()
    start_time = _time()
    end_time = _time()
    reschedule_reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


def _id(value) -> str | None:
    return None if value is None else str(value)


def _named(obj, *fields: str) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {"_id": str(obj.pk), **{name: getattr(obj, name) for name in fields}}


def visit_to_dict(visit: VisitRequest, *, populated: bool = False) -> dict[str, Any]:
    data = {
        "_id": str(visit.pk),
        "landlord": str(visit.landlord_id),
        "contractor": _id(visit.contractor_id),
        "requested_by": _id(visit.requested_by_id),
        "full_name": visit.full_name,
        "email": visit.email,
        "phone_number": visit.phone_number,
        "source_type": visit.source_type,
        "ticket": _id(visit.ticket_id),
        "scope_of_work": _id(visit.scope_of_work_id),
        "target_type": visit.target_type,
        "property": str(visit.property_id),
        "unit": _id(visit.unit_id),
        "tenant": _id(visit.tenant_id),
        "availability_slot": str(visit.availability_slot_id),
        "visit_date": iso(visit.visit_date),
        "start_time": visit.start_time,
        "end_time": visit.end_time,
        "message": visit.message,
        "previous_suggestion": _id(visit.previous_suggestion_id),
        "next_suggestion": _id(visit.next_suggestion_id),
        "original_request": _id(visit.original_request_id),
        "suggested_by": _id(visit.suggested_by_id),
        "suggested_at": iso(visit.suggested_at),
        "reschedule_reason": visit.reschedule_reason,
        "status": visit.status,
        "response_message": visit.response_message,
        "responded_by": _id(visit.responded_by_id),
        "responded_at": iso(visit.responded_at),
        "deleted": visit.deleted,
        "created_at": iso(visit.created_at),
        "updated_at": iso(visit.updated_at),
        "__v": visit.version,
    }
    if populated:
        person = ("first_name", "last_name", "email")
        prop = visit.property
        data.update(
            contractor=_named(visit.contractor, "name"),
            tenant=_named(visit.tenant, "name"),
            property={"_id": str(prop.pk), "name": prop.name, "address": prop.address},
            unit=_named(visit.unit, "unit_number"),
            ticket=_named(visit.ticket, "ticket_number", "title"),
            scope_of_work=_named(visit.scope_of_work, "sow_number", "title"),
            requested_by=_named(visit.requested_by, *person),
            responded_by=_named(visit.responded_by, *person),
            suggested_by=_named(visit.suggested_by, *person),
        )
    return data


VISIT_RELATED = (
    "contractor",
    "tenant",
    "property",
    "unit",
    "ticket",
    "scope_of_work",
    "requested_by",
    "responded_by",
    "suggested_by",
)
