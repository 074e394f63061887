"""Period resolution of spec 06 section 1, in UTC.

A :class:`Window` is inclusive on both ends (``start <= x <= end``), as the original's queries
are; a calendar month ends one microsecond before the next month starts. Decisions (rows in
docs/compatibility/kpi.md):

* ``custom`` with a bare ``customEndDate`` includes that whole day (open question 6); an end with
  a time of day is taken as given.
* ``rolling-12-months`` is twelve calendar months: the eleven before the current one and the
  current one (open question 7: the original spans thirteen).
* the previous window of ``rolling-12-months`` is the twelve calendar months before it; that of
  ``custom`` is the window of equal length that ends one microsecond before the current one
  starts (the original's shared boundary instant counted in both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils.dateparse import parse_date, parse_datetime

THIS_MONTH = "this-month"
LAST_MONTH = "last-month"
YEAR_TO_DATE = "year-to-date"
ROLLING_12_MONTHS = "rolling-12-months"
CUSTOM = "custom"
PERIODS = (THIS_MONTH, LAST_MONTH, YEAR_TO_DATE, ROLLING_12_MONTHS, CUSTOM)

TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    def lookups(self, field: str) -> dict[str, datetime]:
        return {f"{field}__gte": self.start, f"{field}__lte": self.end}

    def months(self) -> list[str]:
        """``YYYY-MM`` of every calendar month the window touches, ascending."""
        labels = []
        cursor = month_start(self.start)
        while cursor <= self.end:
            labels.append(cursor.strftime("%Y-%m"))
            cursor = add_months(cursor, 1)
        return labels


def month_start(moment: datetime) -> datetime:
    return datetime(moment.year, moment.month, 1, tzinfo=UTC)


def add_months(moment: datetime, months: int) -> datetime:
    """The first instant of the month ``months`` after the month of ``moment`` (a month start)."""
    index = moment.year * 12 + moment.month - 1 + months
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC)


def month_window(first: datetime) -> Window:
    return Window(first, add_months(first, 1) - TICK)


def shift_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February in a year without one
        return moment.replace(year=moment.year + years, day=28)


def parse_instant(text: str, *, end_of_day: bool = False) -> datetime | None:
    """An ISO-8601 date or date-time in UTC; a bare date is midnight (or its last instant)."""
    text = (text or "").strip()
    try:
        moment = parse_datetime(text) if "T" in text or " " in text else None
        day: date | None = parse_date(text) if moment is None and len(text) == 10 else None
    except ValueError:  # well formed but impossible, e.g. month 13
        return None
    if moment is None:
        if day is None:
            return None
        moment = datetime.combine(day, time.min, tzinfo=UTC)
        if end_of_day:
            moment += timedelta(days=1) - TICK
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def resolve(period: str, now: datetime, custom: tuple[datetime, datetime] | None = None) -> Window:
    now = now.astimezone(UTC)
    current_month = month_start(now)
    if period == LAST_MONTH:
        return month_window(add_months(current_month, -1))
    if period == YEAR_TO_DATE:
        return Window(datetime(now.year, 1, 1, tzinfo=UTC), now)
    if period == ROLLING_12_MONTHS:
        return Window(add_months(current_month, -11), add_months(current_month, 1) - TICK)
    if period == CUSTOM and custom is not None:
        return Window(*custom)
    return month_window(current_month)


def previous(period: str, window: Window, *, custom_given: bool = True) -> Window:
    if period in (THIS_MONTH, LAST_MONTH) or (period == CUSTOM and not custom_given):
        return month_window(add_months(month_start(window.start), -1))
    if period == YEAR_TO_DATE:
        return Window(shift_years(window.start, -1), shift_years(window.end, -1))
    if period == ROLLING_12_MONTHS:
        return Window(add_months(window.start, -12), window.start - TICK)
    length = window.end - window.start + TICK
    return Window(window.start - length, window.start - TICK)
