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
            queryset.order_by(*self.ordering()),
            page=data["page"],
            limit=data["limit"],
            serialize=serialize,
            search=bool(data.get("search")),
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
    search: bool = False,
) -> dict[str, Any]:
    """Count, slice and serialize one page of an ordered ``queryset``: three queries + ``serialize``.

    The page is found as ids first (a scan of the filter + sort index, no table rows, no joins,
    so a deep page costs little more than the first) and its rows are then loaded by primary key
    with whatever ``select_related`` the queryset asks for: related rows are joined for the page
    only. The count uses the same index (``COUNT(*)`` drops the ordering and the joins).

    With ``search`` (a filter no index serves, such as a case-insensitive "contains" over several
    columns), the filter is evaluated once: one query returns the ordered ids of every match,
    which gives both the total and the page.
    """
    offset = (page - 1) * limit
    ids_query = queryset.values_list("pk", flat=True)
    if search:
        matches = list(ids_query)
        total = len(matches)
        ids = matches[offset : offset + limit]
    else:
        total = queryset.count()
        ids = list(ids_query[offset : offset + limit]) if offset < total else []
    return envelope(serialize(rows_by_ids(queryset, ids)), total=total, page=page, limit=limit)


def rows_by_ids(queryset: QuerySet, ids: list[Any]) -> list[Any]:
    """The rows of ``queryset`` with these primary keys, in the order of ``ids``.

    The ids were read through ``queryset`` (its scope and filters applied), so the rows are looked
    up by primary key alone, with the queryset's ``select_related``, ``only``/``defer`` and
    prefetches: repeating the filters would let a planner prefer the filter's index and scan
    every row of the landlord for 20 ids. A queryset with annotations keeps its filters (the
    annotations need its joins).
    """
    if not ids:
        return []
    if queryset.query.annotations or queryset.query.extra:
        lookup = queryset.order_by()
    else:
        lookup = queryset.model._base_manager.all()
        lookup.query.select_related = queryset.query.select_related
        lookup.query.deferred_loading = queryset.query.deferred_loading
        lookup._prefetch_related_lookups = queryset._prefetch_related_lookups
    rows = {row.pk: row for row in lookup.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]
