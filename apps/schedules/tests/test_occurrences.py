"""Next occurrences of recurring schedules (spec 07 section 1.8)."""

from datetime import UTC, datetime

from apps.schedules.occurrences import following_occurrence, next_occurrence


def at(*parts):
    return datetime(*parts, tzinfo=UTC)


def test_weekly_series_is_the_first_date_strictly_after_now():
    start = at(2026, 11, 2, 8)
    assert next_occurrence(start=start, frequency="weekly", end=None, now=at(2026, 12, 4)) == at(
        2026, 12, 7, 8
    )
    assert next_occurrence(start=start, frequency="weekly", end=None, now=at(2026, 11, 2, 8)) == at(
        2026, 11, 9, 8
    )
    assert next_occurrence(start=start, frequency="biweekly", end=None, now=at(2026, 12, 4)) == at(
        2026, 12, 14, 8
    )


def test_future_start_is_its_own_next_occurrence():
    start = at(2027, 3, 1)
    assert next_occurrence(start=start, frequency="monthly", end=None, now=at(2026, 12, 4)) == start


def test_monthly_series_clamps_short_months_without_drifting():
    start = at(2026, 1, 31, 7)
    assert next_occurrence(start=start, frequency="monthly", end=None, now=at(2026, 2, 10)) == at(
        2026, 2, 28, 7
    )
    assert next_occurrence(start=start, frequency="monthly", end=None, now=at(2026, 3, 1)) == at(
        2026, 3, 31, 7
    )
    assert next_occurrence(start=start, frequency="monthly", end=None, now=at(2027, 12, 31, 8)) == at(
        2028, 1, 31, 7
    )


def test_no_recurrence_or_past_the_end_has_no_next_occurrence():
    start = at(2026, 11, 2)
    assert next_occurrence(start=start, frequency="none", end=None, now=at(2026, 12, 4)) is None
    assert next_occurrence(start=start, frequency=None, end=None, now=at(2026, 12, 4)) is None
    assert next_occurrence(start=start, frequency="weekly", end=at(2026, 12, 6), now=at(2026, 12, 4)) is None


def test_following_occurrence_is_one_period_on():
    start = at(2026, 11, 2, 8)
    assert following_occurrence(start=start, frequency="weekly", current=at(2026, 12, 7, 8), end=None) == at(
        2026, 12, 14, 8
    )
    assert (
        following_occurrence(
            start=start, frequency="weekly", current=at(2026, 12, 7, 8), end=at(2026, 12, 10)
        )
        is None
    )
