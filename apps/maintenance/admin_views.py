"""Admin console routes over maintenance (spec 02 section 9): read-only, stored role SuperAdmin.

``/admin/tickets[/:id]``, ``/admin/sows[/:id]``, ``/admin/visit-requests[/:id]``. Unlike the
original, the SOW list's ``total`` honours ``landlordId`` (it counts what it lists).
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from apps.core.console import AdminListQuery, AdminView, each
from apps.core.serializers import named_ref
from apps.maintenance.models import MaintenanceTicket, ScopeOfWork, VisitRequest
from apps.maintenance.schema import doc
from apps.maintenance.serializers import sow_to_dict, ticket_to_dict
from apps.maintenance.visit_serializers import visit_to_dict

PERSON = ("first_name", "last_name", "email")


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
        return self.list_page(
            AdminTicketQuery,
            MaintenanceTicket.objects.unscoped().select_related("landlord", "property", "unit"),
            search=("title", "description", "ticket_number"),
            narrow=("status", "priority", "landlord_id"),
            serialize=each(
                ticket_to_dict,
                lambda row: {
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name,
                    "unit_number": row.unit.unit_number if row.unit_id else None,
                },
            ),
        )


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
            landlord=named_ref(ticket.landlord, "name"),
            property={
                "_id": str(ticket.property_id),
                "name": ticket.property.name,
                "address": ticket.property.address,
            },
            unit=named_ref(ticket.unit, "unit_number", "type"),
            assigned_contractor=named_ref(ticket.assigned_contractor, "name", "category"),
            requested_by=named_ref(ticket.requested_by, *PERSON),
        )
        return Response({"success": True, "data": data})


class AdminSowsView(AdminView):
    audit_handlers = {"GET": "getSows"}

    @doc("admin", "All scopes of work (SuperAdmin)", query=AdminSowQuery)
    def get(self, request):
        return self.list_page(
            AdminSowQuery,
            ScopeOfWork.objects.unscoped().select_related("landlord", "property", "assigned_contractor"),
            search=("title", "description", "sow_number"),
            narrow=("status", "landlord_id"),
            serialize=each(
                sow_to_dict,
                lambda row: {
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name if row.property_id else None,
                    "contractor_name": row.assigned_contractor.name if row.assigned_contractor_id else None,
                },
            ),
        )


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
            unit=named_ref(sow.unit, "unit_number", "type"),
            assigned_contractor=named_ref(sow.assigned_contractor, "name", "category"),
            assigned_user=named_ref(sow.assigned_user, *PERSON),
        )
        return Response({"success": True, "data": data})


class AdminVisitsView(AdminView):
    audit_handlers = {"GET": "getVisitRequests"}

    @doc("admin", "All visit requests (SuperAdmin)", query=AdminListQuery)
    def get(self, request):
        return self.list_page(
            AdminListQuery,
            VisitRequest.objects.unscoped().select_related("landlord", "property", "contractor"),
            serialize=each(
                visit_to_dict,
                lambda row: {
                    "landlord_name": row.landlord.name,
                    "property_name": row.property.name,
                    "contractor_name": row.contractor.name if row.contractor_id else None,
                },
            ),
        )


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
            landlord=named_ref(visit.landlord, "name"),
            property={
                "_id": str(visit.property_id),
                "name": visit.property.name,
                "address": visit.property.address,
            },
            unit=named_ref(visit.unit, "unit_number", "type"),
            contractor=named_ref(visit.contractor, "name", "category"),
            tenant=named_ref(visit.tenant, "name"),
            requested_by=named_ref(visit.requested_by, *PERSON),
        )
        return Response({"success": True, "data": data})
