"""Helpers shared by the KPI selectors."""

from __future__ import annotations

from datetime import UTC

from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth

from apps.kpi.periods import Window


def within(field: str, window: Window) -> Q:
    return Q(**window.lookups(field))


def spanning(field: str, *windows: Window | None) -> Q:
    """One range over all given windows: the base filter that lets an index do the work."""
    present = [window for window in windows if window is not None]
    return Q(
        **{
            f"{field}__gte": min(window.start for window in present),
            f"{field}__lte": max(window.end for window in present),
        }
    )


def month_of(field: str) -> TruncMonth:
    return TruncMonth(field, tzinfo=UTC, output_field=DateTimeField())


def month_label(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m") if value is not None else ""


def elapsed(end: str, start: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())
