"""Visit-request routes (spec 07 section 7). ``POST /visit-requests/marketplace`` is public."""

from __future__ import annotations

from django.db.models import Q
from rest_framework.response import Response

from apps.core.pagination import paginate
from apps.core.views import ApiView, parse_id
from apps.maintenance import schema, visits
from apps.maintenance.models import MaintenanceTicket, ScopeOfWork, VisitRequest
from apps.maintenance.schema import doc
from apps.maintenance.visit_serializers import (
    VISIT_RELATED,
    VisitCreateInput,
    VisitListQuery,
    VisitRespondInput,
    VisitSuggestInput,
    visit_to_dict,
)
from apps.properties.availability import slot_to_dict

TAG = "visit-requests"


class VisitMixin:
    audit_controller = "VisitRequestController"

    def get_visit(self, pk) -> VisitRequest:
        return self.load(
            VisitRequest.objects.select_related(*VISIT_RELATED), pk, not_found="Visit request not found"
        )


class VisitListView(VisitMixin, ApiView):
    policies = {"GET": [("read", "VisitRequest")], "POST": [("create", "VisitRequest")]}

    @doc(TAG, "Visit requests the caller is party to", query=VisitListQuery)
    def get(self, request):
        query = self.parse_query(VisitListQuery)
        data = query.validated_data
        queryset = VisitRequest.objects.select_related(*VISIT_RELATED)
        for key, lookup in (
            ("status", "status"),
            ("source_type", "source_type"),
            ("ticket_id", "ticket_id"),
            ("scope_of_work_id", "scope_of_work_id"),
            ("property_id", "property_id"),
            ("unit_id", "unit_id"),
            ("contractor_id", "contractor_id"),
            ("tenant_id", "tenant_id"),
            ("visit_date_from", "starts_at__date__gte"),
            ("visit_date_to", "starts_at__date__lte"),
        ):
            if data.get(key) is not None:
                queryset = queryset.filter(**{lookup: data[key]})
        return Response(
            paginate(
                queryset.order_by(*query.ordering()),
                page=data["page"],
                limit=data["limit"],
                serialize=lambda rows: [visit_to_dict(row, populated=True) for row in rows],
            )
        )

    @doc(
        TAG,
        "Request a visit (contractors; marketplace visits for anyone)",
        request=VisitCreateInput,
        status=201,
    )
    def post(self, request):
        data = self.parse_body(VisitCreateInput)
        visit = visits.visit_create(actor=request.user, data=data, marketplace=False)
        return Response(visit_to_dict(visit), status=201)


class MarketplaceVisitView(VisitMixin, ApiView):
    public = True
    rate_limit = "10/minute"
    audit_handlers = {"POST": "createMarketplace"}

    @doc(TAG, "Request a marketplace visit (public)", request=VisitCreateInput, status=201)
    def post(self, request):
        data = self.parse_body(VisitCreateInput)
        data = {**data, "source_type": "MARKETPLACE"}
        user = request.user if getattr(request.user, "is_authenticated", False) else None
        visit = visits.visit_create(actor=user, data=data, marketplace=True)
        return Response(visit_to_dict(visit), status=201)


class VisitsOfTicketView(VisitMixin, ApiView):
    policies = {"GET": [("read", "VisitRequest")]}
    audit_handlers = {"GET": "findByTicket"}
    parent_model = MaintenanceTicket
    parent_field = "ticket_id"

    @doc(TAG, "Visit requests of a ticket, newest first", response=schema.VISIT_LIST, path=("pk",))
    def get(self, request, pk):
        parent_id = parse_id(pk)
        rows = VisitRequest.objects.filter(**{self.parent_field: parent_id}).select_related(*VISIT_RELATED)
        return Response([visit_to_dict(row, populated=True) for row in rows.order_by("-created_at", "-id")])


class VisitsOfSowView(VisitsOfTicketView):
    audit_handlers = {"GET": "findByScopeOfWork"}
    parent_model = ScopeOfWork
    parent_field = "scope_of_work_id"


class VisitDetailView(VisitMixin, ApiView):
    policies = {"GET": [("read", "VisitRequest")]}
    audit_handlers = {"GET": "findOne"}

    @doc(TAG, "A visit request", path=("pk",))
    def get(self, request, pk):
        visit = self.get_visit(pk)
        data = visit_to_dict(visit, populated=True)
        data["availability_slot"] = slot_to_dict(visit.availability_slot)
        return Response(data)


class VisitRespondView(VisitMixin, ApiView):
    policies = {"PATCH": [("update", "VisitRequest")]}
    audit_handlers = {"PATCH": "respond"}

    @doc(TAG, "Approve or decline a visit request", request=VisitRespondInput, path=("pk",))
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(VisitRespondInput)
        visit = visits.visit_respond(
            visit=self.get_visit(pk),
            actor=request.user,
            accept=data["response"] == "ACCEPT",
            response_message=data.get("response_message", ""),
        )
        return Response(visit_to_dict(visit))


class VisitCancelView(VisitMixin, ApiView):
    policies = {"PATCH": [("update", "VisitRequest")]}
    audit_handlers = {"PATCH": "cancel"}

    @doc(TAG, "Cancel a pending visit request", path=("pk",))
    def patch(self, request, pk):
        visit = visits.visit_cancel(visit=self.get_visit(pk), actor=request.user)
        return Response(visit_to_dict(visit))


class VisitSuggestView(VisitMixin, ApiView):
    policies = {"PATCH": [("update", "VisitRequest")]}
    audit_handlers = {"PATCH": "suggestTime"}

    @doc(TAG, "Suggest another time", request=VisitSuggestInput, path=("pk",))
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(VisitSuggestInput)
        suggestion = visits.visit_suggest(visit=self.get_visit(pk), actor=request.user, data=data)
        return Response(visit_to_dict(suggestion))


class VisitChainView(VisitMixin, ApiView):
    policies = {"GET": [("read", "VisitRequest")]}
    audit_handlers = {"GET": "getSuggestionChain"}

    @doc(TAG, "The request and all its suggestions, oldest first", response=schema.VISIT_LIST, path=("pk",))
    def get(self, request, pk):
        visit = self.get_visit(pk)
        root_id = visit.original_request_id or visit.pk
        chain = (
            VisitRequest.objects.unscoped()
            .filter(Q(pk=root_id) | Q(original_request_id=root_id))
            .select_related(*VISIT_RELATED)
            .order_by("created_at", "id")
        )
        return Response([visit_to_dict(row, populated=True) for row in chain])
