"""The base of every ``/admin/*`` console route (spec 02 section 9): read-only, SuperAdmin only.

Each domain mounts its own console routes (``apps/chat/admin_views.py``,
``apps/properties/admin_views.py``, the identity routes in ``apps/console``) on these two
pieces, so a domain never imports the console app above it.
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.pagination import ListQuery
from apps.core.serializers import IdField
from apps.core.views import ApiView


class AdminListQuery(ListQuery):
    sort_order = serializers.ChoiceField(choices=["asc", "desc"], required=False, default="desc")
    landlord_id = IdField(required=False)


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
