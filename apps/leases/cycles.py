"""Date and money arithmetic of schedules, cycles and rent increases (spec 05 sections 4.1, 4.2, 4.4).

Decisions (docs/compatibility/leases.md), taken the way a landlord expects:

* A cycle is added with calendar arithmetic that clamps to the end of a shorter month (Jan 31 +
  1 month = Feb 28), each due date counted from the start (no drift: Jan 31, Feb 28, Mar 31...).
* A term covers whole cycles and ends on the last day of its last cycle: a one-year monthly lease
  from 2025-01-01 ends 2025-12-31 and has 12 installments (the original: 2026-01-01 and 13).
* Renewals, manual or automatic, start the day after the current period ends and end on the last
  day of their last whole cycle.

Money is :class:`~decimal.Decimal` throughout, rounded half-up to cents.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

CENT = Decimal("0.01")
HUNDRED = Decimal("100")

_STEPS = {
    "WEEKLY": lambda n: relativedelta(weeks=n),
    "MONTHLY": lambda n: relativedelta(months=n),
    "QUARTERLY": lambda n: relativedelta(months=3 * n),
    "ANNUALLY": lambda n: relativedelta(years=n),
}


def to_cents(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def midnight(value: datetime) -> datetime:
    """The date of ``value`` at 00:00:00 UTC."""
    value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return value.replace(hour=0, minute=0, second=0, microsecond=0)


def add_cycles(start: datetime, cycle: str, count: int) -> datetime:
    return start + _STEPS[cycle](count)


def cycles_to_cover(start: datetime, desired_end: datetime, cycle: str) -> int:
    """The number of whole cycles from ``start`` needed to reach ``desired_end`` (at least one)."""
    count = 1
    while add_cycles(start, cycle, count) < desired_end:
        count += 1
    return count


def complete_cycle(start: datetime, desired_end: datetime, cycle: str) -> datetime:
    """The last day (UTC midnight) of the last whole cycle that covers ``desired_end``."""
    start = midnight(start)
    count = cycles_to_cover(start, midnight(desired_end), cycle)
    return add_cycles(start, cycle, count) - timedelta(days=1)


def due_dates(start: datetime, end: datetime, cycle: str) -> list[datetime]:
    """One due date per cycle starting within ``[start, end]`` (time of day of ``start`` kept)."""
    dates: list[datetime] = []
    last_day = midnight(end) + timedelta(days=1)
    index = 0
    while True:
        due = add_cycles(start, cycle, index)
        if due >= last_day:
            return dates
        dates.append(due)
        index += 1


def increased_rent(rent: Decimal, increase_type: str | None, amount: Decimal | None) -> Decimal:
    """The rent after a lease's increase (PERCENTAGE or VALUE), in cents; unchanged without one."""
    rent = Decimal(rent)
    if not increase_type or amount is None:
        return to_cents(rent)
    if increase_type == "PERCENTAGE":
        return to_cents(rent * (1 + Decimal(amount) / HUNDRED))
    return to_cents(rent + Decimal(amount))


def percentage_of(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole * 100``; zero when ``whole`` is zero."""
    if not whole:
        return Decimal("0")
    return Decimal(part) * HUNDRED / Decimal(whole)
