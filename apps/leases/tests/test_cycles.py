"""Cycle completion, schedules and rent increases (spec 05 sections 4.1, 4.2, 4.4): exact Decimals."""

from __future__ import annotations

import ast
import pathlib
from decimal import Decimal

import pytest

from apps.core.exceptions import Unprocessable
from apps.leases import cycles, states
from apps.leases.tests.factories import day


def test_one_year_monthly_lease_has_twelve_installments_and_ends_on_the_last_day():
    start = day("2025-01-01")
    end = cycles.complete_cycle(start, day("2025-12-31"), "MONTHLY")
    assert end == day("2025-12-31")
    assert cycles.complete_cycle(start, day("2026-01-01"), "MONTHLY") == day("2025-12-31")
    dates = cycles.due_dates(start, end, "MONTHLY")
    assert len(dates) == 12
    assert dates[0] == start and dates[-1] == day("2025-12-01")


def test_month_ends_clamp_without_drift():
    dates = cycles.due_dates(day("2025-01-31"), day("2025-05-30"), "MONTHLY")
    assert [d.date().isoformat() for d in dates] == ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"]


@pytest.mark.parametrize(
    ("cycle", "desired", "end", "count"),
    [
        ("WEEKLY", "2025-01-20", "2025-01-21", 3),
        ("QUARTERLY", "2025-12-31", "2025-12-31", 4),
        ("ANNUALLY", "2027-06-01", "2027-12-31", 3),
        ("MONTHLY", "2025-01-10", "2025-01-31", 1),
    ],
)
def test_other_cycles(cycle, desired, end, count):
    start = day("2025-01-01")
    completed = cycles.complete_cycle(start, day(desired), cycle)
    assert completed == day(end)
    assert len(cycles.due_dates(start, completed, cycle)) == count


def test_time_of_day_of_the_start_is_kept_on_due_dates():
    start = day("2025-06-10").replace(hour=14)
    end = cycles.complete_cycle(start, day("2026-06-10"), "MONTHLY")
    assert end == day("2026-06-09")
    dates = cycles.due_dates(start, end, "MONTHLY")
    assert len(dates) == 12 and all(d.hour == 14 for d in dates)


def test_rent_increases_round_half_up_to_cents():
    assert cycles.increased_rent(Decimal("1000"), "PERCENTAGE", Decimal("5")) == Decimal("1050.00")
    assert cycles.increased_rent(Decimal("999.99"), "PERCENTAGE", Decimal("3.5")) == Decimal("1034.99")
    assert cycles.increased_rent(Decimal("1000.10"), "VALUE", Decimal("0.05")) == Decimal("1000.15")
    assert cycles.increased_rent(Decimal("1000"), None, None) == Decimal("1000.00")
    assert cycles.percentage_of(Decimal("1"), Decimal("3")).quantize(cycles.CENT) == Decimal("33.33")
    assert cycles.percentage_of(Decimal("1"), Decimal("0")) == 0


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("DRAFT", "PENDING_SIGNATURE", True),
        ("DRAFT", "TERMINATED", True),
        ("DRAFT", "ACTIVE", False),
        ("DRAFT", "EXPIRED", False),
        ("PENDING_SIGNATURE", "DRAFT", True),
        ("PENDING_SIGNATURE", "TERMINATED", True),
        ("PENDING_SIGNATURE", "ACTIVE", False),
        ("ACTIVE", "EXPIRED", True),
        ("ACTIVE", "TERMINATED", True),
        ("ACTIVE", "DRAFT", False),
        ("EXPIRED", "ACTIVE", False),
        ("TERMINATED", "DRAFT", False),
    ],
)
def test_patch_transitions(current, target, allowed):
    if allowed:
        states.check_patch_transition(current, target)
    else:
        with pytest.raises(Unprocessable):
            states.check_patch_transition(current, target)


MONEY_MODULES = (
    "cycles.py",
    "services.py",
    "transactions.py",
    "deposits.py",
    "rent_roll.py",
    "renewals.py",
    "jobs.py",
)


def test_no_float_arithmetic_in_the_money_modules():
    """No ``float(...)`` call and no float literal in the modules that compute money."""
    root = pathlib.Path(__file__).resolve().parents[1]
    offenders = []
    for name in MONEY_MODULES:
        tree = ast.parse((root / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                offenders.append(f"{name}:{node.lineno} float()")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                offenders.append(f"{name}:{node.lineno} {node.value!r}")
    assert not offenders, offenders
