"""Reads of the landlord's inquiry routes: scoped to the caller's landlord, related rows joined."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from apps.core.pagination import search_filter
from apps.marketing.models import Inquiry


def inquiry_list_queryset(*, query: dict[str, Any]) -> QuerySet[Inquiry]:
    """The caller's inquiries of every status, filtered as ``GET /inquiries`` asks."""
    queryset = Inquiry.objects.select_related("property", "unit", "tenant")
    clause = search_filter(query.get("search"), "name", "email", "phone")
    if clause is not None:
        queryset = queryset.filter(clause)
    for wire, field in (
        ("inquiry_type", "inquiry_type"),
        ("property_id", "property_id"),
        ("unit_id", "unit_id"),
    ):
        if query.get(wire) is not None:
            queryset = queryset.filter(**{field: query[wire]})
    return queryset


def inquiry_detail_queryset() -> QuerySet[Inquiry]:
    return Inquiry.objects.select_related("property", "unit", "tenant")
