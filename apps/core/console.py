"""The base of every ``/admin/*`` console route (spec 02 section 9): read-only, SuperAdmin only.

Each domain mounts its own console routes (``apps/chat/admin_views.py``,
``apps/properties/admin_views.py``, the identity routes in ``apps/console``) on these two
pieces, so a domain never imports the console app above it.
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.pagination import ListQuery, search_filter
from apps.core.serializers import IdField
from apps.core.views import ApiView


class AdminListQuery(ListQuery):
    sort_order = serializers.ChoiceField(choices=["asc", "desc"], required=False, default="desc")
    landlord_id = IdField(required=False)


def narrowed(queryset, data: dict, *keys: str):
    """``queryset`` filtered on each of ``keys`` (``landlord_id``, ``status``...) the query sets."""
    for key in keys:
        if data.get(key):
            queryset = queryset.filter(**{key: data[key]})
    return queryset


class AdminView(ApiView):
    admin_only = True
    audit_controller = "AdminController"

    def page(self, query, queryset, serialize):
        return Response(
            query.page_of(
                queryset,
                serialize=serialize,
            )
        )

    def list_page(self, query_class, queryset, *, serialize, search=(), narrow=("landlord_id",)):
        """A console list: the query validated, ``search`` over those fields, the rows narrowed on
        the ``narrow`` keys the query sets, one page of ``serialize``d rows."""
        query = self.parse_query(query_class)
        data = query.validated_data
        clause = search_filter(data.get("search"), *search) if search else None
        if clause is not None:
            queryset = queryset.filter(clause)
        return self.page(query, narrowed(queryset, data, *narrow), serialize)


def each(present, extra=None):
    """The ``serialize`` of a page: ``present(row)`` with ``extra(row)``'s keys added, per row."""

    def serialize(rows):
        return [{**present(row), **(extra(row) if extra else {})} for row in rows]

    return serialize
