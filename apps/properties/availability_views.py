"""Availability routes: viewing slots and the landlord's own slots (spec 03 section 7)."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.core.schema import doc
from apps.core.scope import UserType
from apps.core.serializers import InputSerializer
from apps.core.views import ApiView, parse_id
from apps.properties import availability as slots
from apps.properties.models import Property, Unit


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
