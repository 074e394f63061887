"""Admin console routes for tasks (spec 02 section 9): read-only, stored role SuperAdmin."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.console import AdminListQuery, AdminView
from apps.core.pagination import search_filter
from apps.core.schema import doc
from apps.tasks.models import Task, TaskPriority, TaskStatus
from apps.tasks.serializers import task_to_dict

RELATED = ("landlord", "property", "unit", "created_by", "assigned_party")


class AdminTaskQuery(AdminListQuery):
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False)
    sortable = {"createdAt": "created_at", "updatedAt": "updated_at", "title": "title"}


def _name(user) -> str | None:
    return f"{user.first_name} {user.last_name}".strip() if user else None


def _brief(user) -> dict | None:
    if user is None:
        return None
    return {
        "_id": str(user.pk),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
    }


class AdminTasksView(AdminView):
    audit_handlers = {"GET": "getTasks"}

    @doc("admin", "All tasks (SuperAdmin)", query=AdminTaskQuery)
    def get(self, request):
        query = self.parse_query(AdminTaskQuery)
        data = query.validated_data
        queryset = Task.objects.select_related(*RELATED)
        clause = search_filter(data.get("search"), "title", "description")
        if clause is not None:
            queryset = queryset.filter(clause)
        if data.get("landlord_id"):
            queryset = queryset.filter(landlord_id=data["landlord_id"])
        for name in ("status", "priority"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})

        def serialize(rows):
            return [
                {
                    **task_to_dict(row),
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name,
                    "unit_number": row.unit.unit_number if row.unit_id else None,
                    "created_by_name": _name(row.created_by),
                }
                for row in rows
            ]

        return self.page(query, queryset, serialize)


class AdminTaskDetailView(AdminView):
    audit_handlers = {"GET": "getTask"}

    @doc("admin", "A task (SuperAdmin)", path=("pk",))
    def get(self, request, pk):
        task = self.load(Task.objects.select_related(*RELATED), pk, not_found="Task not found")
        body = task_to_dict(task, populated=True)
        body.update(
            landlord={"_id": str(task.landlord_id), "name": task.landlord.name},
            created_by=_brief(task.created_by),
            assigned_party=_brief(task.assigned_party),
            tenant=None,
        )
        return Response({"success": True, "data": body})
