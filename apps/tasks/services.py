"""Writes of tasks (spec 07 section 8). Each is atomic; notifications are written in the same
transaction (in-app rows, pushed after commit) and go to the acting user only."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from apps.accounts.models import User
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.core.scope import Principal, UserType
from apps.notifications.services import notify
from apps.notifications.types import NotificationType
from apps.properties.models import Property, Unit
from apps.tasks.models import Task, TaskStatus

STATUS_NOTICES = {
    TaskStatus.COMPLETED: (NotificationType.TASK_COMPLETED, "Task Completed", "has been completed"),
    TaskStatus.CANCELED: (NotificationType.TASK_CANCELED, "Task Canceled", "has been canceled"),
    TaskStatus.IN_PROGRESS: (NotificationType.TASK_STATUS_CHANGED, "Task In Progress", "is now in progress"),
    TaskStatus.OPEN: (NotificationType.TASK_STATUS_CHANGED, "Task Open", "is open again"),
}


def _tasks_url(principal: Principal) -> str:
    side = {UserType.TENANT: "tenant", UserType.CONTRACTOR: "contractor"}.get(principal.user_type, "landlord")
    return f"/dashboard/{side}/tasks"


def _notify(principal: Principal, task: Task, kind: str, title: str, content: str) -> None:
    notify(
        user=principal.user_id,
        type=kind,
        title=title,
        content=content,
        data={"taskId": str(task.pk)},
        action_url=_tasks_url(principal),
        channels=("in_app",),
    )


def _resolve_place(*, property_id, unit_id) -> tuple[Property, Unit | None]:
    """The property and unit, read through the caller's scope: what it cannot read is 404."""
    prop = Property.objects.filter(pk=property_id).first()
    if prop is None:
        raise NotFound("Property not found")
    unit = None
    if unit_id is not None:
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise NotFound("Unit not found")
        if unit.property_id != prop.pk:
            raise BadRequest("Unit does not belong to the specified property")
    return prop, unit


def _resolve_assignee(user_id) -> User | None:
    """Only a user the caller may read can be assigned: no other landlord's people."""
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise NotFound("Assigned user not found")
    return user


@atomic
def task_create(*, principal: Principal, data: dict[str, Any]) -> Task:
    prop, unit = _resolve_place(property_id=data["property"], unit_id=data.get("unit"))
    landlord_id = principal.landlord_id or prop.landlord_id
    task = Task.objects.create(
        landlord_id=landlord_id,
        property=prop,
        unit=unit,
        title=data["title"],
        description=data["description"],
        priority=data.get("priority") or Task._meta.get_field("priority").default,
        notes=data.get("notes") or "",
        assigned_party=_resolve_assignee(data.get("assigned_party")),
        created_by_id=principal.user_id,
    )
    _notify(
        principal,
        task,
        NotificationType.TASK_CREATED,
        "Task Created",
        f'Your task "{task.title}" has been created.',
    )
    return task


def _own(task: Task, principal: Principal, message: str) -> None:
    if task.created_by_id != principal.user_id:
        raise Forbidden(message)


def _log_status(task: Task, *, to_status: str, principal: Principal, note: str | None = None) -> None:
    entry = {
        "from_status": task.status,
        "to_status": to_status,
        "changed_by": str(principal.user_id),
        "changed_at": timezone.now().isoformat(),
    }
    if note:
        entry["note"] = note
    task.status_logs = [*task.status_logs, entry]
    task.status = to_status


@atomic
def task_update(*, principal: Principal, task: Task, data: dict[str, Any]) -> Task:
    """PATCH semantics of spec 07 section 8: any field; no transition rules; logs and notices."""
    if not data:
        raise BadRequest("Update data cannot be empty")
    _own(task, principal, "You can only update your own tasks")
    if "property" in data or "unit" in data:
        prop, unit = _resolve_place(
            property_id=data.get("property", task.property_id),
            unit_id=data["unit"] if "unit" in data else task.unit_id,
        )
        task.property, task.unit = prop, unit
    if "assigned_party" in data:
        task.assigned_party = _resolve_assignee(data["assigned_party"])
    for name in ("title", "description", "priority", "notes"):
        if name in data:
            setattr(task, name, data[name] if data[name] is not None else "")
    notices = []
    new_status = data.get("status")
    if new_status and new_status != task.status:
        _log_status(task, to_status=new_status, principal=principal)
        notices.append(STATUS_NOTICES[TaskStatus(new_status)])
    if "is_escalated" in data and data["is_escalated"] != task.is_escalated:
        task.is_escalated = data["is_escalated"]
        notices.append(_escalation_notice(task))
    task.version += 1
    task.save()
    for kind, title, verb in notices:
        _notify(principal, task, kind, title, f'Your task "{task.title}" {verb}.')
    return task


def _escalation_notice(task: Task) -> tuple[str, str, str]:
    if task.is_escalated:
        return (NotificationType.TASK_ESCALATED, "Task Escalated", "has been escalated")
    return (NotificationType.TASK_ESCALATED, "Task De-escalated", "has been de-escalated")


@atomic
def task_set_status(*, principal: Principal, task: Task, status: str) -> Task:
    """``complete`` / ``cancel``: a repeat call succeeds without a new log entry or notice."""
    _own(task, principal, "You can only update your own tasks")
    if task.status == status:
        return task
    return task_update(principal=principal, task=task, data={"status": status})


@atomic
def task_toggle_escalation(*, principal: Principal, task: Task) -> Task:
    _own(task, principal, "You can only modify your own tasks")
    return task_update(principal=principal, task=task, data={"is_escalated": not task.is_escalated})


@atomic
def task_delete(*, principal: Principal, task: Task) -> None:
    """Hard delete, as the original does (spec 07 open question 8)."""
    _own(task, principal, "You can only delete your own tasks")
    task.delete()
