"""Admin console routes over maintenance (spec 02 section 9): read-only, stored role SuperAdmin.

``/admin/tickets[/:id]``, ``/admin/sows[/:id]``, ``/admin/visit-requests[/:id]``. Unlike the
original, the SOW list's ``total`` honours ``landlordId`` (it counts what it lists).
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.console import AdminListQuery, AdminView
from apps.core.pagination import search_filter
from apps.maintenance.models import MaintenanceTicket, ScopeOfWork, VisitRequest
from apps.maintenance.schema import doc
from apps.maintenance.serializers import sow_to_dict, ticket_to_dict
from apps.maintenance.visit_serializers import visit_to_dict

PERSON = ("first_name", "last_name", "email")


def _named(obj, *fields):
    if obj is None:
        return None
    return {"_id": str(obj.pk), **{name: getattr(obj, name) for name in fields}}


class AdminTicketQuery(AdminListQuery):
    sortable = {"createdAt": "created_at", "updatedAt": "updated_at", "ticketNumber": "ticket_number"}
    status = serializers.CharField(required=False, max_length=32)
    priority = serializers.CharField(required=False, max_length=32)


class AdminSowQuery(AdminTicketQuery):
    sortable = {"createdAt": "created_at", "updatedAt": "updated_at", "sowNumber": "sow_number"}


class AdminTicketsView(AdminView):
    audit_handlers = {"GET": "getTickets"}

    @doc("admin", "All maintenance tickets (SuperAdmin)", query=AdminTicketQuery)
    def get(self, request):
        query = self.parse_query(AdminTicketQuery)
        data = query.validated_data
        queryset = MaintenanceTicket.objects.unscoped().select_related("landlord", "property", "unit")
        clause = search_filter(data.get("search"), "title", "description", "ticket_number")
        if clause is not None:
            queryset = queryset.filter(clause)
        for key in ("status", "priority"):
            if data.get(key):
                queryset = queryset.filter(**{key: data[key]})
        if data.get("landlord_id"):
            queryset = queryset.filter(landlord_id=data["landlord_id"])

        def serialize(rows):
            return [
                {
                    **ticket_to_dict(row),
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name,
                    "unit_number": row.unit.unit_number if row.unit_id else None,
                }
                for row in rows
            ]

        return self.page(query, queryset, serialize)


class AdminTicketDetailView(AdminView):
    audit_handlers = {"GET": "getTicket"}

    @doc("admin", "A maintenance ticket (SuperAdmin)", path=("pk",))
    def get(self, request, pk):
        ticket = self.load(
            MaintenanceTicket.objects.unscoped().select_related(
                "landlord", "property", "unit", "assigned_contractor", "requested_by"
            ),
            pk,
            not_found="Ticket not found",
        )
        data = ticket_to_dict(ticket)
        data.update(
            landlord=_named(ticket.landlord, "name"),
            property={
                "_id": str(ticket.property_id),
                "name": ticket.property.name,
                "address": ticket.property.address,
            },
            unit=_named(ticket.unit, "unit_number", "type"),
            assigned_contractor=_named(ticket.assigned_contractor, "name", "category"),
            requested_by=_named(ticket.requested_by, *PERSON),
        )
        return Response({"success": True, "data": data})


class AdminSowsView(AdminView):
    audit_handlers = {"GET": "getSows"}

    @doc("admin", "All scopes of work (SuperAdmin)", query=AdminSowQuery)
    def get(self, request):
        query = self.parse_query(AdminSowQuery)
        data = query.validated_data
        queryset = ScopeOfWork.objects.unscoped().select_related(
            "landlord", "property", "assigned_contractor"
        )
        clause = search_filter(data.get("search"), "title", "description", "sow_number")
        if clause is not None:
            queryset = queryset.filter(clause)
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("landlord_id"):
            queryset = queryset.filter(landlord_id=data["landlord_id"])

        def serialize(rows):
            return [
                {
                    **sow_to_dict(row),
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name if row.property_id else None,
                    "contractor_name": row.assigned_contractor.name if row.assigned_contractor_id else None,
                }
                for row in rows
            ]

        return self.page(query, queryset, serialize)


class AdminSowDetailView(AdminView):
    audit_handlers = {"GET": "getSow"}

    @doc("admin", "A scope of work (SuperAdmin)", path=("pk",))
    def get(self, request, pk):
        sow = self.load(
            ScopeOfWork.objects.unscoped().select_related(
                "property", "unit", "assigned_contractor", "assigned_user"
            ),
            pk,
            not_found="Scope of Work not found",
        )
        data = sow_to_dict(sow)
        prop = sow.property
        data.update(
            property=(
                {
                    "_id": str(prop.pk),
                    "name": prop.name,
                    "address": prop.address,
                    "landlord": str(prop.landlord_id),
                }
                if prop
                else None
            ),
            unit=_named(sow.unit, "unit_number", "type"),
            assigned_contractor=_named(sow.assigned_contractor, "name", "category"),
            assigned_user=_named(sow.assigned_user, *PERSON),
        )
        return Response({"success": True, "data": data})


class AdminVisitsView(AdminView):
    audit_handlers = {"GET": "getVisitRequests"}

    @doc("admin", "All visit requests (SuperAdmin)", query=AdminListQuery)
    def get(self, request):
        query = self.parse_query(AdminListQuery)
        data = query.validated_data
        queryset = VisitRequest.objects.unscoped().select_related("landlord", "property", "contractor")
        if data.get("landlord_id"):
            queryset = queryset.filter(landlord_id=data["landlord_id"])

        def serialize(rows):
            return [
                {
                    **visit_to_dict(row),
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name,
                    "contractor_name": row.contractor.name if row.contractor_id else None,
                }
                for row in rows
            ]

        return self.page(query, queryset, serialize)


class AdminVisitDetailView(AdminView):
    audit_handlers = {"GET": "getVisitRequest"}

    @doc("admin", "A visit request (SuperAdmin)", path=("pk",))
    def get(self, request, pk):
        visit = self.load(
            VisitRequest.objects.unscoped().select_related(
                "landlord", "property", "unit", "contractor", "tenant", "requested_by"
            ),
            pk,
            not_found="Visit request not found",
        )
        data = visit_to_dict(visit)
        data.update(
            landlord=_named(visit.landlord, "name"),
            property={
                "_id": str(visit.property_id),
                "name": visit.property.name,
                "address": visit.property.address,
            },
            unit=_named(visit.unit, "unit_number", "type"),
            contractor=_named(visit.contractor, "name", "category"),
            tenant=_named(visit.tenant, "name"),
            requested_by=_named(visit.requested_by, *PERSON),
        )
        return Response({"success": True, "data": data})
