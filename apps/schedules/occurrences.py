"""Recurrence arithmetic of collection schedules (spec 07 section 1.8), in UTC.

A recurring schedule's next occurrence is the first date of the series ``scheduledDate + k
periods`` (k >= 0) strictly after now; a monthly series counts calendar months from the first
date (day clamped to the month's length, without drifting: Jan 31 -> Feb 28 -> Mar 31), and a
series past its end date has no next occurrence.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from apps.schedules.models import Frequency

PERIOD_DAYS = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}


def add_months(start: datetime, months: int) -> datetime:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def nth_occurrence(start: datetime, frequency: str, n: int) -> datetime:
    if frequency == Frequency.MONTHLY:
        return add_months(start, n)
    return start + timedelta(days=PERIOD_DAYS[frequency] * n)


def occurrence_index_after(start: datetime, frequency: str, moment: datetime) -> int:
    """The smallest n with ``nth_occurrence(start, frequency, n) > moment``."""
    if start > moment:
        return 0
    if frequency == Frequency.MONTHLY:
        n = max((moment.year - start.year) * 12 + moment.month - start.month - 1, 0)
    else:
        n = (moment - start).days // PERIOD_DAYS[frequency]
    while nth_occurrence(start, frequency, n) <= moment:
        n += 1
    return n


def next_occurrence(
    *, start: datetime, frequency: str | None, end: datetime | None, now: datetime
) -> datetime | None:
    if not frequency or frequency == Frequency.NONE:
        return None
    result = nth_occurrence(start, frequency, occurrence_index_after(start, frequency, now))
    if end is not None and result > end:
        return None
    return result


def following_occurrence(
    *, start: datetime, frequency: str, current: datetime, end: datetime | None
) -> datetime | None:
    """The occurrence after ``current`` in the series of ``start`` (one period on)."""
    result = nth_occurrence(start, frequency, occurrence_index_after(start, frequency, current))
    if end is not None and result > end:
        return None
    return result
