"""Admin console routes for properties and units (spec 02 section 9): read-only, SuperAdmin only."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.pagination import ListQuery, search_filter
from apps.core.schema import doc
from apps.core.views import ApiView
from apps.properties import parties
from apps.properties.models import Property, Unit
from apps.properties.selectors import unit_counts
from apps.properties.serializers import property_to_dict, unit_to_dict


class AdminListQuery(ListQuery):
    landlord_id = serializers.UUIDField(required=False)
    sortable = {"createdAt": "created_at", "updatedAt": "updated_at"}


class AdminListView(ApiView):
    """A console list over every landlord: filter by landlord, search, page. Subclasses say what."""

    admin_only = True
    audit_controller = "AdminController"
    search_fields: tuple[str, ...] = ()

    def base_queryset(self):
        raise NotImplementedError

    def serialize(self, rows) -> list[dict]:
        raise NotImplementedError

    def get(self, request):
        query = self.parse_query(AdminListQuery)
        data = query.validated_data
        queryset = self.base_queryset()
        if data.get("landlord_id"):
            queryset = queryset.filter(landlord_id=data["landlord_id"])
        clause = search_filter(data.get("search"), *self.search_fields)
        if clause is not None:
            queryset = queryset.filter(clause)
        return Response(
            query.page_of(
                queryset,
                serialize=self.serialize,
            )
        )


class AdminPropertyListView(AdminListView):
    audit_handlers = {"GET": "getProperties"}
    search_fields = ("name", "address_city", "address_state")

    def base_queryset(self):
        return Property.objects.unscoped().select_related("landlord")

    def serialize(self, rows):
        counts = unit_counts([row.pk for row in rows])
        items = []
        for row in rows:
            item = property_to_dict(row)
            item["landlord_name"] = row.landlord.name
            item["unit_count"] = counts[row.pk]["total"]
            items.append(item)
        return items

    @doc("admin", "All properties", query=AdminListQuery)
    def get(self, request):
        return super().get(request)


class AdminPropertyDetailView(ApiView):
    admin_only = True
    audit_controller = "AdminController"
    audit_handlers = {"GET": "getProperty"}

    @doc("admin", "A property with its landlord and counts", path=("pk",))
    def get(self, request, pk):
        prop = self.load(
            Property.objects.unscoped().select_related("landlord"), pk, not_found="Property not found"
        )
        data = property_to_dict(prop)
        data["landlord"] = {"_id": str(prop.landlord_id), "name": prop.landlord.name}
        leases = parties.call("active_lease_counts", [prop.pk]) or {}
        data["stats"] = {
            "unit_count": Unit.objects.unscoped().filter(property_id=prop.pk).count(),
            "active_lease_count": leases.get(prop.pk, 0),
        }
        return Response({"success": True, "data": data})


class AdminUnitListView(AdminListView):
    audit_handlers = {"GET": "getUnits"}
    search_fields = ("unit_number", "type")

    def base_queryset(self):
        return Unit.objects.unscoped().select_related("landlord", "property")

    def serialize(self, rows):
        items = []
        for row in rows:
            item = unit_to_dict(row)
            item["landlord_name"] = row.landlord.name
            item["property_name"] = row.property.name
            items.append(item)
        return items

    @doc("admin", "All units", query=AdminListQuery)
    def get(self, request):
        return super().get(request)


class AdminUnitDetailView(ApiView):
    admin_only = True
    audit_controller = "AdminController"
    audit_handlers = {"GET": "getUnit"}

    @doc("admin", "A unit with its landlord, property and active lease", path=("pk",))
    def get(self, request, pk):
        unit = self.load(
            Unit.objects.unscoped().select_related("landlord", "property"), pk, not_found="Unit not found"
        )
        data = unit_to_dict(
            unit,
            property_data={
                "_id": str(unit.property_id),
                "name": unit.property.name,
                "address": unit.property.address,
            },
        )
        data["landlord"] = {"_id": str(unit.landlord_id), "name": unit.landlord.name}
        data["active_lease"] = parties.call("active_leases_for_units", [unit.pk]).get(unit.pk)
        return Response({"success": True, "data": data})
