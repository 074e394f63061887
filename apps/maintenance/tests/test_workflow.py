"""The ticket state machine (spec 07 section 3.10) and ticket numbers."""

from __future__ import annotations

import pytest
import time_machine

from apps.core.exceptions import BadRequest
from apps.maintenance import workflow
from apps.maintenance.models import NumberCounter
from apps.maintenance.models import TicketStatus as S

ALLOWED = {
    (S.OPEN, S.IN_REVIEW),
    (S.OPEN, S.CLOSED),
    (S.IN_REVIEW, S.ASSIGNED),
    (S.IN_REVIEW, S.CLOSED),
    (S.ASSIGNED, S.IN_PROGRESS),
    (S.ASSIGNED, S.CLOSED),
    (S.IN_PROGRESS, S.DONE),
    (S.DONE, S.CLOSED),
}
ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS)
def test_patch_transition_table(current, target):
    if (current, target) in ALLOWED:
        workflow.check_transition(current, target)
    else:
        with pytest.raises(BadRequest) as caught:
            workflow.check_transition(current, target)
        assert caught.value.message == f"Invalid status transition from {current} to {target}"


def test_closed_is_terminal():
    assert workflow.TRANSITIONS[S.CLOSED] == frozenset()


@pytest.mark.parametrize(("current", "target"), [(S.DONE, S.IN_PROGRESS), (S.CLOSED, S.OPEN)])
def test_reopen_edges(current, target):
    assert workflow.reopen_target(current) == target


@pytest.mark.parametrize("current", [S.OPEN, S.IN_REVIEW, S.ASSIGNED, S.IN_PROGRESS])
def test_reopen_refused_elsewhere(current):
    with pytest.raises(BadRequest) as caught:
        workflow.reopen_target(current)
    assert caught.value.message == "Only tickets with DONE or CLOSED status can be reopened"


@pytest.mark.django_db
def test_numbers_are_sequential_per_year():
    with time_machine.travel("2026-03-01T10:00:00Z", tick=False):
        assert [workflow.next_number("MT") for _ in range(3)] == [
            "MT2026-000001",
            "MT2026-000002",
            "MT2026-000003",
        ]
        assert workflow.next_number("SOW") == "SOW2026-000001"
    with time_machine.travel("2027-01-01T00:00:01Z", tick=False):
        assert workflow.next_number("MT") == "MT2027-000001"
    assert NumberCounter.objects.get(key="MT2026").value == 3


@pytest.mark.django_db
def test_counter_starts_after_existing_tickets_of_the_year():
    from apps.maintenance.tests.factories import TicketFactory

    with time_machine.travel("2026-05-01T10:00:00Z", tick=False):
        TicketFactory.create_batch(2)
        assert workflow.next_number("MT") == "MT2026-000003"
