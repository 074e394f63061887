"""Period resolution in UTC (spec 06 section 1) with a frozen clock, across month and year ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from apps.kpi import periods
from apps.kpi.periods import Window
from apps.kpi.serializers import FinancialQuery

TICK = timedelta(microseconds=1)


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def resolved(at: datetime, **params):
    """The windows as the view gets them (the middleware has turned camelCase keys to snake_case)."""
    with time_machine.travel(at, tick=False):
        query = FinancialQuery(data={"scope": "portfolio", "compare": "true", **params})
        assert query.is_valid(), query.errors
    return query.validated_data["window"], query.validated_data["previous_window"]


def test_this_month_in_january_compares_with_december():
    window, previous = resolved(utc(2026, 1, 1, 0, 0, 0), period="this-month")
    assert window == Window(utc(2026, 1, 1), utc(2026, 2, 1) - TICK)
    assert previous == Window(utc(2025, 12, 1), utc(2026, 1, 1) - TICK)


def test_last_instant_of_a_month_is_still_that_month():
    window, _ = resolved(utc(2026, 2, 28, 23, 59, 59, 999999), period="this-month")
    assert window == Window(utc(2026, 2, 1), utc(2026, 3, 1) - TICK)


def test_last_month_across_the_year_end():
    window, previous = resolved(utc(2026, 1, 20, 8), period="last-month")
    assert window == Window(utc(2025, 12, 1), utc(2026, 1, 1) - TICK)
    assert previous == Window(utc(2025, 11, 1), utc(2025, 12, 1) - TICK)


def test_year_to_date_and_the_same_span_a_year_before():
    now = utc(2026, 3, 15, 12)
    window, previous = resolved(now, period="year-to-date")
    assert window == Window(utc(2026, 1, 1), now)
    assert previous == Window(utc(2025, 1, 1), utc(2025, 3, 15, 12))


def test_year_to_date_on_a_leap_day():
    _, previous = resolved(utc(2028, 2, 29, 9), period="year-to-date")
    assert previous.end == utc(2027, 2, 28, 9)


def test_rolling_twelve_months_spans_twelve_calendar_months():
    window, previous = resolved(utc(2026, 1, 15), period="rolling-12-months")
    assert window == Window(utc(2025, 2, 1), utc(2026, 2, 1) - TICK)
    assert window.months() == [f"2025-{month:02d}" for month in range(2, 13)] + ["2026-01"]
    assert previous == Window(utc(2024, 2, 1), utc(2025, 2, 1) - TICK)


def test_custom_dates_include_the_whole_end_day_and_compare_with_the_span_before():
    window, previous = resolved(
        utc(2026, 3, 15), period="custom", custom_start_date="2025-12-31", custom_end_date="2026-01-01"
    )
    assert window == Window(utc(2025, 12, 31), utc(2026, 1, 2) - TICK)
    assert previous == Window(utc(2025, 12, 29), utc(2025, 12, 31) - TICK)
    assert window.months() == ["2025-12", "2026-01"]


def test_custom_end_with_a_time_is_taken_as_given():
    window, _ = resolved(
        utc(2026, 3, 15),
        period="custom",
        custom_start_date="2026-03-01T06:00:00+02:00",
        custom_end_date="2026-03-02T10:00:00Z",
    )
    assert window == Window(utc(2026, 3, 1, 4), utc(2026, 3, 2, 10))


def test_custom_without_dates_falls_back_to_this_month():
    window, previous = resolved(utc(2026, 3, 15), period="custom")
    assert window == Window(utc(2026, 3, 1), utc(2026, 4, 1) - TICK)
    assert previous == Window(utc(2026, 2, 1), utc(2026, 3, 1) - TICK)


@pytest.mark.parametrize(
    "params",
    [
        {"period": "custom", "custom_start_date": "2026-03-05", "custom_end_date": "2026-03-01"},
        {"period": "custom", "custom_start_date": "2026-13-01", "custom_end_date": "2026-03-01"},
        {"period": "custom", "custom_start_date": "yesterday", "custom_end_date": "2026-03-01"},
    ],
)
def test_bad_custom_dates_are_refused(params):
    assert not FinancialQuery(data={"scope": "portfolio", **params}).is_valid()


def test_add_months_wraps_years():
    assert periods.add_months(utc(2025, 11, 1), 3) == utc(2026, 2, 1)
    assert periods.add_months(utc(2026, 1, 1), -13) == utc(2024, 12, 1)
