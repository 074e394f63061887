"""The list envelope of spec 00 section 8 and the query parameters that drive it."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework import serializers

from apps.core.serializers import InputSerializer

MAX_LIMIT = 100
#: far beyond any real list, and small enough that the offset fits every engine's integers
MAX_PAGE = 1_000_000


class ListQuery(InputSerializer):
    """``page``, ``limit``, ``sortBy``, ``sortOrder`` and ``search``.

    Subclasses add their filters and set ``sortable`` to the wire names they allow for ``sortBy``
    mapped to model fields.
    """

    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=MAX_LIMIT)
    sort_by = serializers.CharField(required=False, default="createdAt", max_length=64)
    sort_order = serializers.CharField(required=False, default="desc", max_length=8)
    search = serializers.CharField(required=False, allow_blank=True, max_length=200)

    #: wire name of a sortable field -> model field path
    sortable: dict[str, str] = {"createdAt": "created_at", "updatedAt": "updated_at"}

    def validate_sort_by(self, value: str) -> str:
        if value not in self.sortable:
            raise serializers.ValidationError(
                "must be one of the following values: " + ", ".join(self.sortable)
            )
        return value

    def page_of(
        self, queryset: QuerySet, *, serialize: Callable[[Iterable[Any]], list[Any]]
    ) -> dict[str, Any]:
        """The requested page of ``queryset`` in the requested order, as the list envelope."""
        data = self.validated_data
        return paginate(
            queryset.order_by(*self.ordering()), page=data["page"], limit=data["limit"], serialize=serialize
        )

    def ordering(self) -> tuple[str, ...]:
        data = self.validated_data
        field = self.sortable[data["sort_by"]]
        prefix = "" if str(data.get("sort_order", "desc")).lower() == "asc" else "-"
        tie_breaker = "id" if field != "id" else "created_at"
        return (f"{prefix}{field}", f"{prefix}{tie_breaker}")


def search_filter(text: str | None, *fields: str) -> Q | None:
    """Case-insensitive "contains" over ``fields`` (escaped: the user's text is not a pattern)."""
    if not text:
        return None
    clause = Q()
    for field in fields:
        clause |= Q(**{f"{field}__icontains": text})
    return clause


def envelope(items: list[Any], *, total: int, page: int, limit: int) -> dict[str, Any]:
    total_pages = math.ceil(total / limit) if limit else 0
    return {
        "data": items,
        "total": total,
        "page": page,
        "limit": limit,
        "total_pages": total_pages,
        "has_next_page": page < total_pages,
        "has_prev_page": page > 1,
    }


def paginate(
    queryset: QuerySet,
    *,
    page: int,
    limit: int,
    serialize: Callable[[Iterable[Any]], list[Any]],
) -> dict[str, Any]:
    """Count, slice and serialize one page: two queries plus whatever ``serialize`` does."""
    total = queryset.count()
    offset = (page - 1) * limit
    rows = list(queryset[offset : offset + limit]) if offset < total else []
    return envelope(serialize(rows), total=total, page=page, limit=limit)
