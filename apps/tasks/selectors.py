"""Reads of tasks: the caller's own, with related rows joined in the same query."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from apps.accounts.models import User
from apps.core.exceptions import Forbidden, NotFound
from apps.core.ids import parse_id
from apps.core.pagination import search_filter
from apps.core.scope import Principal
from apps.tasks.models import Task

RELATED = ("property", "unit", "created_by", "assigned_party")


def task_list_queryset(*, principal: Principal, query: dict[str, Any]) -> QuerySet:
    """``createdBy = caller`` always (spec 07 section 8), narrowed by the query's filters."""
    queryset = Task.objects.filter(created_by_id=principal.user_id).select_related(*RELATED)
    filters = Q()
    for name in ("status", "priority"):
        if query.get(name):
            filters &= Q(**{name: query[name]})
    if "is_escalated" in query:
        filters &= Q(is_escalated=query["is_escalated"])
    if query.get("property_id"):
        filters &= Q(property_id=query["property_id"])
    if query.get("unit_id"):
        filters &= Q(unit_id=query["unit_id"])
    if query.get("start_date"):
        filters &= Q(created_at__gte=query["start_date"])
    if query.get("end_date"):
        filters &= Q(created_at__lte=query["end_date"])
    text = search_filter(query.get("search"), "title", "description")
    if text is not None:
        filters &= text
    return queryset.filter(filters)


def task_get(*, principal: Principal, raw_id: Any, populated: bool = False) -> Task:
    """A task the caller may see (404 outside its scope) that it created (403 otherwise)."""
    pk = parse_id(raw_id)
    queryset = Task.objects.select_related(*RELATED) if populated else Task.objects.all()
    task = queryset.filter(pk=pk).first()
    if task is None:
        raise NotFound(f"Task with ID {raw_id} not found")
    if populated and task.created_by_id != principal.user_id:
        raise Forbidden("You do not have access to this task")
    return task


def status_log_people(tasks: list[Task]) -> dict[str, User]:
    """The users named in the tasks' status logs, in one query."""
    ids = {entry.get("changed_by") for task in tasks for entry in task.status_logs if entry.get("changed_by")}
    if not ids:
        return {}
    return {str(user.pk): user for user in User.objects.unscoped().filter(pk__in=list(ids))}


def open_task_count() -> int:
    """Tasks OPEN or IN_PROGRESS, for the admin console's overview (as the caller may read)."""
    from apps.tasks.models import TaskStatus

    return Task.objects.filter(status__in=[TaskStatus.OPEN, TaskStatus.IN_PROGRESS]).count()
