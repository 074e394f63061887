"""Writes of collection schedules (spec 07 section 9). Landlord users only; atomic."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import Forbidden, NotFound
from apps.core.scope import Principal, UserType
from apps.properties.models import Property, Unit
from apps.schedules.models import Frequency, Schedule
from apps.schedules.occurrences import next_occurrence

NOT_A_LANDLORD = "User is not a landlord"


def require_landlord(principal: Principal) -> None:
    if principal.user_type != UserType.LANDLORD or principal.landlord_id is None:
        raise Forbidden(NOT_A_LANDLORD)


def _property_of(principal: Principal, property_id) -> Property:
    prop = Property.objects.unscoped().filter(pk=property_id, landlord_id=principal.landlord_id).first()
    if prop is None:
        raise NotFound("Property not found in your organization")
    return prop


def _unit_of(principal: Principal, prop: Property, unit_id) -> Unit:
    unit = (
        Unit.objects.unscoped()
        .filter(pk=unit_id, landlord_id=principal.landlord_id, property_id=prop.pk)
        .first()
    )
    if unit is None:
        raise NotFound("Unit not found in your organization or does not belong to this property")
    return unit


def _apply_recurrence(schedule: Schedule, recurrence: dict[str, Any] | None) -> None:
    """The recurrence object is replaced wholesale (spec 07 section 9, PATCH)."""
    recurrence = recurrence or None
    schedule.has_recurrence = recurrence is not None
    recurrence = recurrence or {}
    schedule.recurrence_frequency = recurrence.get("frequency") or Frequency.NONE
    schedule.recurrence_day_of_week = recurrence.get("day_of_week")
    schedule.recurrence_day_of_month = recurrence.get("day_of_month")
    schedule.recurrence_end_date = recurrence.get("end_date")


def _refresh_next_occurrence(schedule: Schedule) -> None:
    schedule.next_occurrence = next_occurrence(
        start=schedule.scheduled_date,
        frequency=schedule.recurrence_frequency if schedule.has_recurrence else None,
        end=schedule.recurrence_end_date,
        now=timezone.now(),
    )


@atomic
def schedule_create(*, principal: Principal, data: dict[str, Any]) -> Schedule:
    require_landlord(principal)
    prop = _property_of(principal, data["property"])
    unit = _unit_of(principal, prop, data["unit"]) if data.get("unit") else None
    schedule = Schedule(
        landlord_id=principal.landlord_id,
        property=prop,
        unit=unit,
        type=data["type"],
        scheduled_date=data["scheduled_date"],
        scheduled_time=data.get("scheduled_time") or "",
        description=data.get("description") or "",
        reminder_days_before=data.get("reminder_days_before") or 1,
        created_by_id=principal.user_id,
    )
    _apply_recurrence(schedule, data.get("recurrence"))
    _refresh_next_occurrence(schedule)
    schedule.save()
    return schedule


@atomic
def schedule_update(*, principal: Principal, schedule: Schedule, data: dict[str, Any]) -> Schedule:
    require_landlord(principal)
    if schedule.landlord_id != principal.landlord_id:
        raise Forbidden("You do not have access to this schedule")
    prop = schedule.property
    if data.get("property"):
        prop = _property_of(principal, data["property"])
        schedule.property = prop
    if data.get("clear_unit"):
        schedule.unit = None
    elif data.get("unit"):
        schedule.unit = _unit_of(principal, prop, data["unit"])
    elif data.get("property") and schedule.unit_id and schedule.unit.property_id != prop.pk:
        # Moving to another property keeps no unit of the old one.
        schedule.unit = None
    for name in ("type", "scheduled_date", "reminder_days_before"):
        if data.get(name) is not None:
            setattr(schedule, name, data[name])
    for name in ("scheduled_time", "description"):
        if name in data:
            setattr(schedule, name, data[name] or "")
    if "recurrence" in data:
        _apply_recurrence(schedule, data["recurrence"])
    _refresh_next_occurrence(schedule)
    schedule.version += 1
    schedule.save()
    return schedule


@atomic
def schedule_delete(*, principal: Principal, schedule: Schedule) -> None:
    """Hard delete, as the original does (spec 07 open question 8)."""
    require_landlord(principal)
    if schedule.landlord_id != principal.landlord_id:
        raise Forbidden("You do not have access to this schedule")
    schedule.delete()
