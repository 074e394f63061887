"""Request shapes and presenters of collection schedules (spec 07 section 9)."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.pagination import MAX_LIMIT, ListQuery
from apps.core.serializers import IdField, InputSerializer, iso
from apps.schedules.models import CollectionType, Frequency, Schedule

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class HourMinuteField(serializers.CharField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not TIME.match(value):
            raise serializers.ValidationError("Time must be in HH:mm format")
        return value


class RecurrenceInput(InputSerializer):
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    day_of_week = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=6)
    day_of_month = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=31)
    end_date = serializers.DateTimeField(required=False, allow_null=True)


class ScheduleCreateInput(InputSerializer):
    property = IdField()
    unit = IdField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=CollectionType.choices)
    scheduled_date = serializers.DateTimeField()
    scheduled_time = HourMinuteField(required=False, allow_blank=True)
    recurrence = RecurrenceInput(required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=500)
    reminder_days_before = serializers.IntegerField(required=False, min_value=1, max_value=7)


class ScheduleUpdateInput(ScheduleCreateInput):
    clear_unit = serializers.BooleanField(required=False)


@extend_schema_field(OpenApiTypes.STR)
class TruthyField(serializers.Field):
    """``upcomingOnly``: any non-empty value turns it on (spec 07 section 9)."""

    def to_internal_value(self, data):
        return bool(str(data))

    def to_representation(self, value):
        return value


class ScheduleListQuery(ListQuery):
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=MAX_LIMIT)
    sort_by = serializers.CharField(required=False, default="scheduledDate", max_length=64)
    sort_order = serializers.CharField(required=False, default="asc", max_length=8)
    property = IdField(required=False)
    unit = IdField(required=False)
    type = serializers.ChoiceField(choices=CollectionType.choices, required=False)
    recurrence_frequency = serializers.ChoiceField(choices=Frequency.choices, required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)
    upcoming_only = TruthyField(required=False)

    sortable = {
        "scheduledDate": "scheduled_date",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "type": "type",
        "nextOccurrence": "next_occurrence",
    }


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    """The stored schedule with property, unit and creator populated, and the virtual ``id``."""
    prop, unit, creator = schedule.property, schedule.unit, schedule.created_by
    recurrence = schedule.recurrence
    if recurrence is not None:
        recurrence = {**recurrence, "end_date": iso(recurrence["end_date"])}
    return {
        "_id": str(schedule.pk),
        "id": str(schedule.pk),
        "landlord": str(schedule.landlord_id),
        "property": {"_id": str(prop.pk), "name": prop.name, "address": prop.address},
        "unit": {"_id": str(unit.pk), "unit_number": unit.unit_number} if unit else None,
        "type": schedule.type,
        "scheduled_date": iso(schedule.scheduled_date),
        "scheduled_time": schedule.scheduled_time or None,
        "recurrence": recurrence,
        "description": schedule.description,
        "reminder_days_before": schedule.reminder_days_before,
        "created_by": {
            "_id": str(creator.pk),
            "first_name": creator.first_name,
            "last_name": creator.last_name,
            "email": creator.email,
        },
        "last_reminder_sent_at": iso(schedule.last_reminder_sent_at),
        "next_occurrence": iso(schedule.next_occurrence),
        "deleted": schedule.deleted,
        "created_at": iso(schedule.created_at),
        "updated_at": iso(schedule.updated_at),
        "__v": schedule.version,
    }
