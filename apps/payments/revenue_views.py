"""Revenue routes (spec 05 section 5.8): transactions as the landlord's income."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core import access
from apps.core.exceptions import AccessDenied
from apps.core.schema import doc
from apps.core.views import ApiView, parse_id
from apps.leases.serializers import transaction_to_dict
from apps.payments import revenues
from apps.payments.revenue_serializers import RevenueCreateInput, RevenueListQuery, RevenueUpdateInput


class RevenueListView(ApiView):
    policies = {"GET": [("read", "Transaction")], "POST": [("create", "Transaction")]}
    audit_controller = "RevenuesController"

    @doc("revenues", "List revenues (the caller's transactions)", query=RevenueListQuery)
    def get(self, request):
        query = self.parse_query(RevenueListQuery)
        return Response(
            query.page_of(
                revenues.revenue_list_queryset(query.validated_data), serialize=revenues.present_revenues
            )
        )

    @doc("revenues", "Record a revenue", request=RevenueCreateInput, status=201)
    def post(self, request):
        data = self.parse_body(RevenueCreateInput)
        tx = revenues.revenue_create(principal=self.principal, data=data)
        return Response(transaction_to_dict(tx), status=201)


class RevenueSummaryView(ApiView):
    policies = {"GET": [("read", "Transaction")]}
    audit_controller = "RevenuesController"
    audit_handlers = {"GET": "getSummary"}

    @doc("revenues", "Totals, collection rate and paid revenue by type")
    def get(self, request):
        return Response(revenues.revenue_summary())


class RevenueDetailView(ApiView):
    policies = {
        "GET": [("read", "Transaction")],
        "PATCH": [("update", "Transaction")],
        "DELETE": [("delete", "Transaction")],
    }
    audit_controller = "RevenuesController"
    audit_handlers = {"GET": "findOne"}

    def get_revenue(self, pk, *, action: str | None = None):
        tx = revenues.revenue_get(parse_id(pk))
        if action and not access.can_on(self.principal, action, tx):
            raise AccessDenied()
        return tx

    @doc("revenues", "Get a revenue", path=("pk",))
    def get(self, request, pk):
        return Response(revenues.present_revenues([self.get_revenue(pk)], with_terms=True)[0])

    @doc("revenues", "Update a revenue", request=RevenueUpdateInput, path=("pk",))
    def patch(self, request, pk):
        tx = self.get_revenue(pk, action="update")
        data = self.parse_body(RevenueUpdateInput, partial=True)
        return Response(transaction_to_dict(revenues.revenue_update(tx=tx, data=data)))

    @doc("revenues", "Delete a pending revenue (soft)", status=204, path=("pk",))
    def delete(self, request, pk):
        revenues.revenue_delete(tx=self.get_revenue(pk, action="delete"))
        return Response(status=204)
