"""Request shapes and presenters of tasks. Presenters build snake_case dicts (the renderer
camel-cases them) from rows fetched in bulk; they never query."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.pagination import ListQuery
from apps.core.serializers import IdField, InputSerializer, iso
from apps.tasks.models import Task, TaskPriority, TaskStatus


def trimmed(**kwargs) -> serializers.CharField:
    return serializers.CharField(trim_whitespace=True, **kwargs)


class TaskCreateInput(InputSerializer):
    property = IdField()
    unit = IdField(required=False, allow_null=True)
    title = trimmed(min_length=1, max_length=200)
    description = trimmed(min_length=1, max_length=2000)
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False)
    assigned_party = IdField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=1000)


class TaskUpdateInput(TaskCreateInput):
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    is_escalated = serializers.BooleanField(required=False)


@extend_schema_field(OpenApiTypes.STR)
class LooseTrueField(serializers.Field):
    """``isEscalated`` of the list query: ``"true"`` is true, any other value false (spec 07 §8)."""

    def to_internal_value(self, data):
        return str(data) == "true"

    def to_representation(self, value):
        return value


class TaskListQuery(ListQuery):
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False)
    is_escalated = LooseTrueField(required=False)
    property_id = IdField(required=False)
    unit_id = IdField(required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)

    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "title": "title",
        "status": "status",
        "priority": "priority",
    }


def _person(user) -> dict[str, Any] | None:
    if user is None:
        return None
    return {
        "_id": str(user.pk),
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def task_to_dict(task: Task, *, populated: bool = False, people: dict | None = None) -> dict[str, Any]:
    """The stored task; ``populated`` replaces references by the objects of spec 07 section 8."""
    logs = [dict(entry) for entry in task.status_logs]
    body: dict[str, Any] = {
        "_id": str(task.pk),
        "landlord": str(task.landlord_id),
        "property": str(task.property_id),
        "unit": str(task.unit_id) if task.unit_id else None,
        "title": task.title,
        "description": task.description,
        "status": task.status,
        "priority": task.priority,
        "is_escalated": task.is_escalated,
        "created_by": str(task.created_by_id),
        "assigned_party": str(task.assigned_party_id) if task.assigned_party_id else None,
        "notes": task.notes,
        "status_logs": logs,
        "deleted": task.deleted,
        "created_at": iso(task.created_at),
        "updated_at": iso(task.updated_at),
        "__v": task.version,
    }
    if populated:
        prop = task.property
        body["property"] = {"_id": str(prop.pk), "name": prop.name, "address": prop.address}
        if task.unit_id:
            body["unit"] = {
                "_id": str(task.unit_id),
                "unit_number": task.unit.unit_number,
                "type": task.unit.type,
            }
        body["created_by"] = _person(task.created_by)
        body["assigned_party"] = _person(task.assigned_party)
    if people is not None:
        for entry in logs:
            entry["changed_by"] = _person(people.get(entry.get("changed_by"))) or entry.get("changed_by")
    return body
