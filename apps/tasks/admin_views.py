"""Admin console routes for tasks (spec 02 section 9): read-only, stored role SuperAdmin."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.console import AdminListQuery, AdminView, each
from apps.core.schema import doc
from apps.core.serializers import named_ref
from apps.tasks.models import Task, TaskPriority, TaskStatus
from apps.tasks.serializers import task_to_dict

RELATED = ("landlord", "property", "unit", "created_by", "assigned_party")


class AdminTaskQuery(AdminListQuery):
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False)
    sortable = {"createdAt": "created_at", "updatedAt": "updated_at", "title": "title"}


PERSON = ("first_name", "last_name", "email")


def _name(user) -> str | None:
    return f"{user.first_name} {user.last_name}".strip() if user else None


class AdminTasksView(AdminView):
    audit_handlers = {"GET": "getTasks"}

    @doc("admin", "All tasks (SuperAdmin)", query=AdminTaskQuery)
    def get(self, request):
        return self.list_page(
            AdminTaskQuery,
            Task.objects.select_related(*RELATED),
            search=("title", "description"),
            narrow=("landlord_id", "status", "priority"),
            serialize=each(
                task_to_dict,
                lambda row: {
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name,
                    "unit_number": row.unit.unit_number if row.unit_id else None,
                    "created_by_name": _name(row.created_by),
                },
            ),
        )


class AdminTaskDetailView(AdminView):
    audit_handlers = {"GET": "getTask"}

    @doc("admin", "A task (SuperAdmin)", path=("pk",))
    def get(self, request, pk):
        task = self.load(Task.objects.select_related(*RELATED), pk, not_found="Task not found")
        body = task_to_dict(task, populated=True)
        body.update(
            landlord={"_id": str(task.landlord_id), "name": task.landlord.name},
            created_by=named_ref(task.created_by, *PERSON),
            assigned_party=named_ref(task.assigned_party, *PERSON),
            tenant=None,
        )
        return Response({"success": True, "data": body})
