"""Cross-tenant cases of the task routes and their admin console routes.

A task belongs to its creator: landlord B's people never read, change or delete landlord A's
tasks (404, nothing changes), cannot file tasks on A's properties, and the lists answer only the
caller's own tasks.
"""

from __future__ import annotations

from apps.tasks.models import Task
from tests.isolation import Case, bearer_client

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")


def _task(w) -> Task:
    if "task" not in w.extra:
        from apps.properties.tests.factories import PropertyFactory
        from apps.tasks.tests.factories import TaskFactory

        building = PropertyFactory(landlord=w.landlord_a, name="A's building")
        w.extra["task"] = TaskFactory(created_by=w.admin_a, property=building, title="A's secret task")
    return w.extra["task"]


def _path(suffix: str = ""):
    return lambda w: f"/tasks/{_task(w).pk}{suffix}"


def _task_untouched(w, path) -> None:
    task = Task.objects.including_deleted().get(pk=w.extra["task"].pk)
    assert (task.title, task.status, task.is_escalated, task.deleted) == (
        "A's secret task",
        "OPEN",
        False,
        False,
    )
    assert task.status_logs == []


def _list_hides_a(w, path) -> None:
    for attacker in B_SIDE:
        body = bearer_client(getattr(w, attacker)).get("/tasks").json()
        assert str(w.extra["task"].pk) not in {row["_id"] for row in body["data"]}


def _no_task_on_a(w, path) -> None:
    assert (
        not Task.objects.unscoped()
        .filter(property=w.extra["task"].property)
        .exclude(pk=w.extra["task"].pk)
        .exists()
    )


CASES = [
    Case(
        "tasks:list",
        "GET",
        lambda w: (_task(w), "/tasks")[1],
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_list_hides_a,
    ),
    Case(
        "tasks:list",
        "POST",
        lambda w: (_task(w), "/tasks")[1],
        body=lambda w: {"property": str(_task(w).property_id), "title": "x", "description": "y"},
        attackers=B_SIDE,
        unchanged=_no_task_on_a,
    ),
    Case("tasks:detail", "GET", _path(), attackers=B_SIDE),
    Case(
        "tasks:detail", "PATCH", _path(), body={"title": "pwned"}, attackers=B_SIDE, unchanged=_task_untouched
    ),
    Case("tasks:detail", "DELETE", _path(), attackers=B_SIDE, unchanged=_task_untouched),
    Case("tasks:escalate", "POST", _path("/escalate"), attackers=B_SIDE, unchanged=_task_untouched),
    Case("tasks:complete", "POST", _path("/complete"), attackers=B_SIDE, unchanged=_task_untouched),
    Case("tasks:cancel", "POST", _path("/cancel"), attackers=B_SIDE, unchanged=_task_untouched),
    # The console is SuperAdmin only: every landlord-side user is refused before any lookup.
    Case(
        "tasks:admin-tasks",
        "GET",
        lambda w: (_task(w), "/admin/tasks")[1],
        attackers=B_SIDE + ("admin_a",),
        expect=(403,),
    ),
    Case(
        "tasks:admin-task-detail",
        "GET",
        lambda w: f"/admin/tasks/{_task(w).pk}",
        attackers=B_SIDE + ("admin_a",),
        expect=(403,),
    ),
]
