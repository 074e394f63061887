"""Availability, favorites and admin-console routes (spec 03 sections 7-8, spec 02 section 9)."""

from __future__ import annotations

from django.db import IntegrityError
from rest_framework import serializers
from rest_framework.response import Response

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Conflict, Forbidden, NotFound, Unprocessable
from apps.core.pagination import ListQuery, search_filter
from apps.core.schema import doc
from apps.core.scope import UserType
from apps.core.serializers import InputSerializer, iso
from apps.core.views import ApiView, parse_id
from apps.properties import availability as slots
from apps.properties import parties
from apps.properties.models import Favorite, Property, Unit
from apps.properties.selectors import unit_counts
from apps.properties.serializers import property_to_dict, unit_to_dict


# -- availability -------------------------------------------------------------------------------
class AvailabilityListView(ApiView):
    policies = {"GET": [("read", "Availability")], "POST": [("create", "Availability")]}
    audit_controller = "AvailabilityController"

    @doc("availability", "List availability slots", query=slots.SlotListQuery)
    def get(self, request):
        query = self.parse_query(slots.SlotListQuery)
        queryset = slots.slot_list(principal=self.principal, query=query.validated_data)
        return Response(
            query.page_of(
                queryset,
                serialize=lambda rows: [slots.slot_to_dict(row, populated=True) for row in rows],
            )
        )

    @doc("availability", "Create an availability slot", request=slots.SlotCreateInput, status=201)
    def post(self, request):
        data = self.parse_body(slots.SlotCreateInput)
        slot = slots.slot_create(principal=self.principal, data=data)
        return Response(slots.slot_to_dict(slot), status=201)


class WeeklyScheduleView(ApiView):
    policies = {"GET": [("read", "Availability")]}
    audit_controller = "AvailabilityController"
    audit_handlers = {"GET": "getWeeklySchedule"}

    @doc("availability", "Recurring slots, Monday to Sunday", query=slots.SlotScopeQuery)
    def get(self, request):
        query = self.parse_query(slots.SlotScopeQuery).validated_data
        rows = slots.weekly_schedule(principal=self.principal, **query)
        return Response({"slots": [slots.slot_to_dict(row, populated=True) for row in rows]})


class SlotsByDateView(ApiView):
    policies = {"GET": [("read", "Availability")]}
    audit_controller = "AvailabilityController"
    audit_handlers = {"GET": "getAvailabilityForDate"}

    @doc("availability", "Slots of a day", query=slots.SlotScopeQuery, path=("day",))
    def get(self, request, day):
        query = self.parse_query(slots.SlotScopeQuery).validated_data
        parsed = slots.parse_day(day)
        queryset = slots.scoped_slots(self.principal)
        for key, value in query.items():
            queryset = queryset.filter(**{key: value})
        rows = slots.slots_on(queryset, parsed)
        return Response({"slots": [slots.slot_to_dict(row, populated=True) for row in rows]})


class VisitRequestSlotsQuery(InputSerializer):
    property_id = serializers.CharField(required=False, allow_blank=True)
    unit_id = serializers.UUIDField(required=False)


class VisitRequestSlotsView(ApiView):
    """Public: which slots a visit can be booked in. Shows times only, nothing private."""

    public = True
    audit_controller = "AvailabilityController"
    audit_handlers = {"GET": "getAvailabilityForVisitRequest"}

    @doc("availability", "Bookable slots of a day (public)", query=VisitRequestSlotsQuery, path=("day",))
    def get(self, request, day):
        query = self.parse_query(VisitRequestSlotsQuery).validated_data
        if not query.get("property_id"):
            raise BadRequest("Property ID is required")
        property_id = parse_id(query["property_id"])
        parsed = slots.parse_day(day)
        rows, owner = slots.visit_request_slots(
            property_id=property_id, unit_id=query.get("unit_id"), day=parsed
        )
        return Response({"slots": [slots.slot_to_public_dict(row) for row in rows], "slot_owner": owner})


class LandlordSlotsView(ApiView):
    policies = {"GET": [("read", "Availability")]}
    audit_controller = "AvailabilityController"
    model = Unit
    field = "unit_id"
    label = "unit"

    @doc("availability", "Active slots of a unit or property (landlords)", path=("pk",))
    def get(self, request, pk):
        if self.principal.user_type != UserType.LANDLORD:
            raise Forbidden(f"Only landlords can view {self.label} availability")
        target = self.load(self.model, pk, not_found=f"{self.label.capitalize()} not found")
        rows = slots.landlord_slots_for(principal=self.principal, field=self.field, target=target)
        return Response([slots.slot_to_dict(row, populated=True) for row in rows])


class UnitSlotsView(LandlordSlotsView):
    audit_handlers = {"GET": "getUnitAvailability"}


class PropertySlotsView(LandlordSlotsView):
    model = Property
    field = "property_id"
    label = "property"
    audit_handlers = {"GET": "getPropertyAvailability"}


class AvailabilityDetailView(ApiView):
    policies = {
        "GET": [("read", "Availability")],
        "PATCH": [("update", "Availability")],
        "DELETE": [("delete", "Availability")],
    }
    audit_controller = "AvailabilityController"
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @doc("availability", "Get a slot", path=("pk",))
    def get(self, request, pk):
        slot_id = parse_id(pk)
        slot = slots.populated(slots.scoped_slots(self.principal)).filter(pk=slot_id).first()
        if slot is None:
            raise NotFound(f"Availability slot with ID {slot_id} not found")
        return Response(slots.slot_to_dict(slot, populated=True))

    @doc("availability", "Update a slot", request=slots.SlotUpdateInput, path=("pk",))
    def patch(self, request, pk):
        slot_id = parse_id(pk)
        data = self.parse_body(slots.SlotUpdateInput)
        slot = slots.own_slot(principal=self.principal, pk=slot_id, verb="edit")
        return Response(slots.slot_to_dict(slots.slot_update(slot=slot, data=data)))

    @doc("availability", "Delete a slot (soft)", status=204, path=("pk",))
    def delete(self, request, pk):
        slot = slots.own_slot(principal=self.principal, pk=parse_id(pk), verb="delete")
        slots.slot_delete(slot=slot, principal=self.principal, actor=request.user)
        return Response(status=204)


# -- favorites ----------------------------------------------------------------------------------
class FavoriteInput(InputSerializer):
    unit_id = serializers.CharField(required=False, allow_blank=True)


class FavoriteListQuery(ListQuery):
    limit = serializers.IntegerField(required=False, default=10, min_value=1)

    def get_fields(self):
        fields = super().get_fields()
        fields.pop("search")
        return fields

    def validate_limit(self, value):
        return min(value, 1000)


def favorite_to_dict(favorite: Favorite, *, with_unit: bool = False) -> dict:
    data = {
        "_id": str(favorite.pk),
        "user": str(favorite.user_id),
        "unit": str(favorite.unit_id),
        "created_at": iso(favorite.created_at),
        "updated_at": iso(favorite.updated_at),
        "__v": favorite.version,
    }
    if with_unit:
        unit = favorite.unit
        if unit.deleted:
            data["unit"] = None
        else:
            prop = unit.property
            data["unit"] = unit_to_dict(
                unit,
                property_data={"_id": str(prop.pk), "name": prop.name, "address": prop.address},
            )
    return data


class FavoriteListView(ApiView):
    audit_controller = "FavoritesController"

    @doc("favorites", "List the caller's favorites", query=FavoriteListQuery)
    def get(self, request):
        query = self.parse_query(FavoriteListQuery)
        queryset = Favorite.objects.filter(user_id=self.principal.user_id).select_related(
            "unit", "unit__property"
        )
        return Response(
            query.page_of(
                queryset,
                serialize=lambda rows: [favorite_to_dict(row, with_unit=True) for row in rows],
            )
        )

    @doc("favorites", "Add a marketplace unit to the favorites", request=FavoriteInput, status=201)
    def post(self, request):
        data = self.parse_body(FavoriteInput)
        unit_id = parse_id(data.get("unit_id"), label="unitId")
        unit = Unit.objects.unscoped().filter(pk=unit_id, property__deleted=False).first()
        if unit is None:
            raise Unprocessable(f"Unit with ID {unit_id} not found")
        if not unit.publish_to_marketplace:
            if not Unit.objects.filter(pk=unit_id).exists():
                # another landlord's unlisted unit: answer as for a missing one (no existence probe)
                raise Unprocessable(f"Unit with ID {unit_id} not found")
            raise Unprocessable("This unit is not available in the marketplace")
        mine = Favorite.objects.filter(user_id=self.principal.user_id)
        if mine.filter(unit_id=unit_id).exists():
            raise Conflict("Unit is already in favorites")
        try:
            with atomic():
                favorite = Favorite.objects.unscoped().create(user_id=self.principal.user_id, unit=unit)
        except IntegrityError:
            raise Conflict("Unit is already in favorites") from None
        return Response(
            {
                "success": True,
                "data": {"favorite": favorite_to_dict(favorite)},
                "message": "Unit added to favorites",
            },
            status=201,
        )


class FavoriteCheckView(ApiView):
    audit_controller = "FavoritesController"
    audit_handlers = {"GET": "checkMultiple"}

    @doc("favorites", "Which of the given units are favorites (unitIds, repeatable)")
    def get(self, request):
        params = request.query_params
        unknown = [key for key in params if key not in ("unit_ids", "unit_ids[]")]
        if unknown:
            raise BadRequest([f"property {key} should not exist" for key in unknown])
        raw = [*params.getlist("unit_ids"), *params.getlist("unit_ids[]")]
        raw = [part.strip() for value in raw for part in value.split(",") if part.strip()]
        ids = [parse_id(value) for value in raw]
        found = (
            set(
                Favorite.objects.filter(user_id=self.principal.user_id, unit_id__in=ids).values_list(
                    "unit_id", flat=True
                )
            )
            if ids
            else set()
        )
        data = {str(pk): pk in found for pk in ids}
        return Response({"success": True, "data": data})


class FavoriteCheckOneView(ApiView):
    audit_controller = "FavoritesController"
    audit_handlers = {"GET": "checkFavorite"}

    @doc("favorites", "Is this unit a favorite", path=("unit_id",))
    def get(self, request, unit_id):
        pk = parse_id(unit_id)
        exists = Favorite.objects.filter(user_id=self.principal.user_id, unit_id=pk).exists()
        return Response({"success": True, "data": {"is_favorited": exists}})


class FavoriteUnitView(ApiView):
    audit_controller = "FavoritesController"
    audit_handlers = {"DELETE": "remove"}

    @doc("favorites", "Remove a unit from the favorites", path=("unit_id",))
    def delete(self, request, unit_id):
        pk = parse_id(unit_id)
        deleted, _ = Favorite.objects.filter(user_id=self.principal.user_id, unit_id=pk).delete()
        if not deleted:
            raise NotFound("Favorite not found")
        return Response({"success": True, "message": "Unit removed from favorites"})


# -- admin console ------------------------------------------------------------------------------
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
