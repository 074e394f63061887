"""The one rounding rule and the small formulas every KPI block shares (spec 06 section 0).

Money is summed in the database as ``Decimal`` and stays ``Decimal`` here; only the renderer turns
it into a JSON number. Every money amount, percentage, rate, growth rate and average in hours is
rounded once, at presentation, to two decimals, half away from zero (``ROUND_HALF_UP`` on a
``Decimal``: the original's ``Math.round(x * 100) / 100``). Averages in days are whole numbers,
rounded the same way. Percentages are computed from the unrounded parts.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
SECONDS_PER_HOUR = Decimal(3600)
SECONDS_PER_DAY = Decimal(86400)


def number(value) -> Decimal:
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def round2(value) -> Decimal:
    return number(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round0(value) -> int:
    return int(number(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ratio(part, total) -> Decimal:
    """``part / total x 100`` unrounded; 0 when the total is 0."""
    total = number(total)
    if total == 0:
        return ZERO
    return number(part) * HUNDRED / total


def percent(part, total) -> Decimal:
    return round2(ratio(part, total))


def growth(current, previous) -> Decimal:
    """``g(cur, prev)`` of spec 06 section 0, rounded."""
    current, previous = number(current), number(previous)
    if previous == 0:
        return HUNDRED.quantize(CENT) if current > 0 else ZERO.quantize(CENT)
    return round2((current - previous) / previous * HUNDRED)


def seconds(duration: timedelta | None) -> Decimal:
    if duration is None:
        return ZERO
    return (
        Decimal(duration.days) * SECONDS_PER_DAY
        + Decimal(duration.seconds)
        + Decimal(duration.microseconds) / Decimal(1_000_000)
    )


def mean_hours(total: timedelta | None, count: int | None) -> Decimal:
    """Mean of a summed duration in hours, rounded; 0 without items."""
    if not count:
        return ZERO.quantize(CENT)
    return round2(seconds(total) / SECONDS_PER_HOUR / count)


def mean_days(total: timedelta | None, count: int | None) -> int:
    if not count:
        return 0
    return round0(seconds(total) / SECONDS_PER_DAY / count)


def pair(label_a: str, value_a: int, label_b: str, value_b: int) -> list[dict]:
    return [{"label": label_a, "value": value_a}, {"label": label_b, "value": value_b}]
