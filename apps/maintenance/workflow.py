"""The ticket state machine (spec 07 section 3.10) and the ticket and SOW numbers (section 1.1).

PATCH follows :data:`TRANSITIONS`; the workflow actions (assign, accept, refuse, mark-as-done,
close) set their status from any state, and reopen has its own two edges
(:data:`REOPEN_TRANSITIONS`). Numbers come from a counter row incremented atomically, so parallel
creates never share a number.
"""

from __future__ import annotations

from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest
from apps.maintenance.models import MaintenanceTicket, NumberCounter, ScopeOfWork
from apps.maintenance.models import TicketStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.IN_REVIEW, S.CLOSED}),
    S.IN_REVIEW: frozenset({S.ASSIGNED, S.CLOSED}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.DONE}),
    S.DONE: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

#: what each workflow action sets, whatever the current status
ACTION_TARGETS = {
    "assign": S.ASSIGNED,
    "accept": S.IN_PROGRESS,
    "refuse": S.OPEN,
    "mark-as-done": S.DONE,
    "close": S.CLOSED,
}

REOPEN_TRANSITIONS = {S.DONE: S.IN_PROGRESS, S.CLOSED: S.OPEN}


def can_transition(current: str, target: str) -> bool:
    return target == current or target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    """400 ``Invalid status transition from X to Y`` for an edge PATCH may not take."""
    if not can_transition(current, target):
        raise BadRequest(f"Invalid status transition from {current} to {target}")


def reopen_target(current: str) -> str:
    if current not in REOPEN_TRANSITIONS:
        raise BadRequest("Only tickets with DONE or CLOSED status can be reopened")
    return REOPEN_TRANSITIONS[current]


# -- numbers ------------------------------------------------------------------------------------
def _existing_count(prefix: str, year: int) -> int:
    start = timezone.now().replace(year=year, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if prefix == "MT":
        return MaintenanceTicket.objects.unscoped().filter(created_at__gte=start).count()
    return ScopeOfWork.objects.unscoped().filter(created_at__gte=start).count()


def next_number(prefix: str) -> str:
    """``{prefix}{YYYY}-{NNNNNN}``: the next value of this year's counter.

    The counter row is created on first use, starting after the records already numbered this
    year (seeded or imported data); a concurrent first use loses the insert race and retries on
    the row the other transaction created. The increment is one ``UPDATE ... SET value =
    value + 1``: the database orders concurrent increments, each sees its own result.
    """
    year = timezone.now().year
    key = f"{prefix}{year}"
    with atomic():
        for _attempt in range(5):
            if NumberCounter.objects.filter(key=key).update(value=F("value") + 1, updated_at=timezone.now()):
                break
            try:
                with atomic():
                    NumberCounter.objects.create(key=key, value=_existing_count(prefix, year) + 1)
                break
            except IntegrityError:
                continue
        value = NumberCounter.objects.get(key=key).value
    return f"{key}-{value:06d}"
