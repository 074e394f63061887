"""Availability slots (spec 03 section 7): who may visit when. Services, selectors, presenters.

Visit requests (maintenance, later) hook in through :mod:`apps.properties.parties`: the provider
``availability_slot_deleted`` cancels the pending requests of a deleted slot and notifies.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from rest_framework import serializers

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.core.pagination import ListQuery
from apps.core.scope import Principal, UserType
from apps.core.serializers import InputSerializer, iso
from apps.properties import parties
from apps.properties.models import (
    WEEKDAYS,
    Availability,
    DayOfWeek,
    Property,
    SlotCreator,
    SlotType,
    Unit,
)

TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
NOT_TENANT_OR_LANDLORD = "Only tenants and landlords can manage availability"


def _time_field() -> serializers.RegexField:
    return serializers.RegexField(
        TIME_PATTERN,
        error_messages={"invalid": "must be in HH:mm format (24-hour)"},
    )


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def normalize_time(value: str) -> str:
    hours, minutes = value.split(":")
    return f"{int(hours):02d}:{minutes}"


class SlotCreateInput(InputSerializer):
    property_id = serializers.UUIDField()
    unit_id = serializers.UUIDField(required=False, allow_null=True)
    availability_type = serializers.ChoiceField(choices=SlotType.values)
    date = serializers.DateTimeField(required=False, allow_null=True)
    day_of_week = serializers.ChoiceField(choices=DayOfWeek.values, required=False, allow_null=True)
    start_time = _time_field()
    end_time = _time_field()
    notes = serializers.CharField(required=False, allow_blank=True, max_length=500)
    effective_from = serializers.DateTimeField(required=False, allow_null=True)
    effective_until = serializers.DateTimeField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False, default=True)

    def validate(self, attrs):
        if _minutes(attrs["start_time"]) >= _minutes(attrs["end_time"]):
            raise serializers.ValidationError("Start time must be before end time")
        if attrs["availability_type"] == SlotType.ONE_TIME and not attrs.get("date"):
            raise serializers.ValidationError("Date is required for one-time availability slots")
        if attrs["availability_type"] == SlotType.RECURRING and not attrs.get("day_of_week"):
            raise serializers.ValidationError("Day of week is required for recurring availability slots")
        return attrs


class SlotUpdateInput(SlotCreateInput):
    """Every field optional; the slot's place (property, unit) never changes. No default for
    ``isActive`` (an absent key leaves it as it is) and none of the create-time cross checks."""

    def get_fields(self):
        fields = super().get_fields()
        fields.pop("property_id")
        fields.pop("unit_id")
        for name in ("availability_type", "start_time", "end_time", "is_active"):
            fields[name].required = False
        fields["is_active"].default = serializers.empty
        return fields

    def validate(self, attrs):
        return attrs


class SlotListQuery(ListQuery):
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)
    tenant_id = serializers.UUIDField(required=False)
    created_by = serializers.ChoiceField(choices=SlotCreator.values, required=False)
    availability_type = serializers.ChoiceField(choices=SlotType.values, required=False)
    day_of_week = serializers.ChoiceField(choices=DayOfWeek.values, required=False)
    date = serializers.DateField(required=False)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    is_active = serializers.CharField(required=False)
    sortable = {
        **{"createdAt": "created_at", "updatedAt": "updated_at"},
        "date": "date",
        "dayOfWeek": "day_of_week",
        "startTime": "start_time",
        "endTime": "end_time",
        "availabilityType": "availability_type",
        "createdBy": "created_by",
        "isActive": "is_active",
    }

    def validate_sort_by(self, value):
        # snake_case names arrive when the client sent them that way
        camel = {v: k for k, v in self.sortable.items()}
        return super().validate_sort_by(camel.get(value, value))


class SlotScopeQuery(InputSerializer):
    property_id = serializers.UUIDField(required=False)
    unit_id = serializers.UUIDField(required=False)


# -- presenters ---------------------------------------------------------------------------------
def slot_to_public_dict(slot: Availability) -> dict[str, Any]:
    """What anyone may see of a slot: when, for which property/unit; no tenant, no notes."""
    return {
        "_id": str(slot.pk),
        "property": str(slot.property_id),
        "unit": str(slot.unit_id) if slot.unit_id else None,
        "created_by": slot.created_by,
        "availability_type": slot.availability_type,
        "date": iso(slot.date),
        "day_of_week": slot.day_of_week,
        "start_time": slot.start_time,
        "end_time": slot.end_time,
        "effective_from": iso(slot.effective_from),
        "effective_until": iso(slot.effective_until),
        "is_active": slot.is_active,
    }


def slot_to_dict(slot: Availability, *, populated: bool = False) -> dict[str, Any]:
    """The whole slot (its landlord and tenant sides); ``populated`` expands the references."""
    public = slot_to_public_dict(slot)
    data: dict[str, Any] = {
        "_id": public.pop("_id"),
        "landlord": str(slot.landlord_id),
        "tenant": str(slot.tenant_id) if slot.tenant_id else None,
        **public,
        "notes": slot.notes,
        "deleted": slot.deleted,
        "created_at": iso(slot.created_at),
        "updated_at": iso(slot.updated_at),
        "__v": slot.version,
    }
    if populated:
        data["tenant"] = {"_id": str(slot.tenant_id), "name": slot.tenant.name} if slot.tenant_id else None
        data["property"] = {
            "_id": str(slot.property_id),
            "name": slot.property.name,
            "address": slot.property.address,
        }
        data["unit"] = (
            {"_id": str(slot.unit_id), "unit_number": slot.unit.unit_number} if slot.unit_id else None
        )
    return data


def populated(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("tenant", "property", "unit")


# -- scope --------------------------------------------------------------------------------------
def require_profile(principal: Principal) -> None:
    if principal.user_type == UserType.TENANT and principal.organization_id is None:
        raise Forbidden("No tenant profile associated with this user")
    if principal.user_type in (UserType.LANDLORD, UserType.CONTRACTOR) and principal.organization_id is None:
        raise Forbidden("No landlord profile associated with this user")


def scoped_slots(principal: Principal) -> QuerySet:
    """Tenants see their own slots, landlords their landlord's (scoped manager + explicit filter)."""
    require_profile(principal)
    queryset = Availability.objects.all()
    if principal.user_type == UserType.TENANT:
        return queryset.filter(tenant_id=principal.tenant_org_id)
    if principal.user_type == UserType.LANDLORD:
        return queryset.filter(landlord_id=principal.landlord_id)
    return queryset


def slot_list(*, principal: Principal, query: dict[str, Any]) -> QuerySet:
    queryset = scoped_slots(principal)
    for key in ("property_id", "unit_id", "availability_type", "day_of_week"):
        if query.get(key):
            queryset = queryset.filter(**{key: query[key]})
    if principal.user_type != UserType.TENANT:
        if query.get("tenant_id"):
            queryset = queryset.filter(tenant_id=query["tenant_id"])
        if query.get("created_by"):
            queryset = queryset.filter(created_by=query["created_by"])
    if query.get("start_date") or query.get("end_date"):
        if query.get("start_date"):
            queryset = queryset.filter(date__gte=_midnight(query["start_date"]))
        if query.get("end_date"):
            queryset = queryset.filter(date__lt=_midnight(query["end_date"]) + timedelta(days=1))
    elif query.get("date"):
        start = _midnight(query["date"])
        queryset = queryset.filter(date__gte=start, date__lt=start + timedelta(days=1))
    if query.get("is_active") is not None:
        queryset = queryset.filter(is_active=str(query["is_active"]).lower() == "true")
    return populated(queryset)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _weekday_order() -> Case:
    return Case(
        *[When(day_of_week=day, then=Value(index)) for index, day in enumerate(WEEKDAYS)],
        default=Value(7),
        output_field=IntegerField(),
    )


def weekly_schedule(*, principal: Principal, property_id=None, unit_id=None) -> list[Availability]:
    queryset = scoped_slots(principal).filter(availability_type=SlotType.RECURRING)
    if property_id:
        queryset = queryset.filter(property_id=property_id)
    if unit_id:
        queryset = queryset.filter(unit_id=unit_id)
    return list(
        populated(queryset.annotate(weekday=_weekday_order())).order_by("weekday", "start_time", "id")
    )


def parse_day(raw: str) -> date:
    """``YYYY-MM-DD`` as a UTC day; anything else is 400 (the original answered 500)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(raw)):
            return date.fromisoformat(str(raw))
    except ValueError:
        pass
    raise BadRequest("Invalid date format. Use YYYY-MM-DD.")


def slots_on(queryset: QuerySet, day: date) -> list[Availability]:
    """Active slots of ``day``: one-time slots of that date, then recurring slots of its weekday."""
    start = _midnight(day)
    queryset = queryset.filter(is_active=True)
    one_time = queryset.filter(
        availability_type=SlotType.ONE_TIME, date__gte=start, date__lt=start + timedelta(days=1)
    ).order_by("start_time", "id")
    recurring = (
        queryset.filter(availability_type=SlotType.RECURRING, day_of_week=WEEKDAYS[day.weekday()])
        .filter(Q(effective_from__isnull=True) | Q(effective_from__lt=start + timedelta(days=1)))
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=start))
        .order_by("start_time", "id")
    )
    return [*populated(one_time), *populated(recurring)]


def visit_request_slots(*, property_id: UUID, unit_id: UUID | None, day: date) -> tuple[list, str]:
    """Public: the slots a visitor can book, and whose they are (tenant or landlord)."""
    queryset = Availability.objects.unscoped().filter(property_id=property_id, property__deleted=False)
    owner = "landlord"
    if unit_id:
        tenant_id = parties.call("active_lease_tenant_id", unit_id)
        if tenant_id:
            owner = "tenant"
            queryset = queryset.filter(unit_id=unit_id, created_by=SlotCreator.TENANT, tenant_id=tenant_id)
        else:
            queryset = queryset.filter(unit_id=unit_id, created_by=SlotCreator.LANDLORD)
        queryset = queryset.filter(unit__deleted=False)
    else:
        queryset = queryset.filter(unit__isnull=True, created_by=SlotCreator.LANDLORD)
    return slots_on(queryset, day), owner


def landlord_slots_for(*, principal: Principal, field: str, target) -> list[Availability]:
    queryset = Availability.objects.filter(
        landlord_id=principal.landlord_id, is_active=True, **{field: target.pk}
    )
    return list(
        populated(queryset.annotate(weekday=_weekday_order())).order_by(
            "created_by", "weekday", "start_time", "id"
        )
    )


# -- services -----------------------------------------------------------------------------------
def require_tenant_or_landlord(principal: Principal) -> None:
    if principal.user_type not in (UserType.TENANT, UserType.LANDLORD):
        raise Forbidden(NOT_TENANT_OR_LANDLORD)
    require_profile(principal)


def slot_create(*, principal: Principal, data: dict[str, Any]) -> Availability:
    require_tenant_or_landlord(principal)
    unit_id = data.get("unit_id")
    slot = Availability(
        availability_type=data["availability_type"],
        date=data.get("date") if data["availability_type"] == SlotType.ONE_TIME else None,
        day_of_week=data.get("day_of_week") if data["availability_type"] == SlotType.RECURRING else None,
        start_time=normalize_time(data["start_time"]),
        end_time=normalize_time(data["end_time"]),
        notes=data.get("notes") or "",
        effective_from=data.get("effective_from"),
        effective_until=data.get("effective_until"),
        is_active=data.get("is_active", True),
    )
    if principal.user_type == UserType.TENANT:
        if not unit_id:
            raise BadRequest("Unit ID is required for tenant availability")
        if parties.call("active_lease_tenant_id", unit_id) != principal.tenant_org_id:
            raise Forbidden("You do not have access to this unit")
        unit = Unit.objects.unscoped().filter(pk=unit_id).first()
        if unit is None:
            raise NotFound("Unit not found")
        slot.landlord_id, slot.property_id, slot.unit_id = unit.landlord_id, unit.property_id, unit.pk
        slot.tenant_id, slot.created_by = principal.tenant_org_id, SlotCreator.TENANT
    else:
        prop = Property.objects.filter(pk=data["property_id"], landlord_id=principal.landlord_id).first()
        if prop is None:
            raise Forbidden("You do not have access to this property")
        if unit_id:
            unit = Unit.objects.filter(pk=unit_id, property_id=prop.pk).first()
            if unit is None:
                raise Forbidden("You do not have access to this property")
            if parties.call("active_lease_tenant_id", unit.pk):
                raise Forbidden("You can only create availability for vacant units")
        slot.landlord_id, slot.property_id, slot.unit_id = prop.landlord_id, prop.pk, unit_id
        slot.created_by = SlotCreator.LANDLORD
    if _duplicate_exists(slot):
        raise BadRequest("An availability slot with the same time and date/day already exists")
    with atomic():
        slot.save()
    return slot


def _duplicate_exists(slot: Availability) -> bool:
    queryset = Availability.objects.unscoped().filter(
        property_id=slot.property_id,
        unit_id=slot.unit_id,
        start_time=slot.start_time,
        end_time=slot.end_time,
        availability_type=slot.availability_type,
        created_by=slot.created_by,
    )
    if slot.created_by == SlotCreator.TENANT:
        queryset = queryset.filter(tenant_id=slot.tenant_id)
    else:
        queryset = queryset.filter(landlord_id=slot.landlord_id)
    if slot.availability_type == SlotType.ONE_TIME:
        queryset = queryset.filter(date=slot.date)
    else:
        queryset = queryset.filter(day_of_week=slot.day_of_week)
    return queryset.exists()


def own_slot(*, principal: Principal, pk: UUID, verb: str) -> Availability:
    """A slot the caller's side created (tenant: own tenant; landlord: own landlord), else 404."""
    require_tenant_or_landlord(principal)
    queryset = Availability.objects.all()
    if principal.user_type == UserType.TENANT:
        queryset = queryset.filter(tenant_id=principal.tenant_org_id, created_by=SlotCreator.TENANT)
    else:
        queryset = queryset.filter(landlord_id=principal.landlord_id, created_by=SlotCreator.LANDLORD)
    slot = queryset.filter(pk=pk).first()
    if slot is None:
        raise NotFound(f"Availability slot with ID {pk} not found or you don't have permission to {verb} it")
    return slot


def slot_update(*, slot: Availability, data: dict[str, Any]) -> Availability:
    start = normalize_time(data["start_time"]) if data.get("start_time") else slot.start_time
    end = normalize_time(data["end_time"]) if data.get("end_time") else slot.end_time
    if ("start_time" in data or "end_time" in data) and _minutes(start) >= _minutes(end):
        raise BadRequest("Start time must be before end time")
    changed = []
    for field, value in data.items():
        if field in ("start_time", "end_time"):
            value = normalize_time(value)
        if field == "notes" and value is None:
            value = ""
        setattr(slot, field, value)
        changed.append(field)
    if changed:
        slot.version += 1
        with atomic():
            slot.save(update_fields=[*changed, "version"])
    return slot


def slot_delete(*, slot: Availability, principal: Principal, actor) -> None:
    side = "tenant" if principal.user_type == UserType.TENANT else "landlord"
    with atomic():
        parties.call("availability_slot_deleted", slot, actor, side)
        slot.soft_delete()
