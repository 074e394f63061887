"""Deposit register routes (spec 05 section 5.5), scoped to the caller (open question 1)."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.exceptions import NotFound
from apps.core.schema import doc
from apps.core.views import ApiView, parse_id
from apps.leases import rent_roll
from apps.leases.serializers import DepositListQuery

READ = {"GET": [("read", "Lease")]}


class DepositListView(ApiView):
    policies = READ
    audit_controller = "DepositsController"

    @doc("deposits", "List security deposits", query=DepositListQuery)
    def get(self, request):
        serializer = self.parse_query(DepositListQuery)
        return Response(
            serializer.page_of(
                rent_roll.deposit_filtered(serializer.validated_data), serialize=rent_roll.present_deposits
            )
        )


class DepositSummaryView(ApiView):
    policies = READ
    audit_controller = "DepositsController"
    audit_handlers = {"GET": "getSummary"}

    @doc("deposits", "Deposit figures")
    def get(self, request):
        return Response(rent_roll.deposit_summary())


class DepositDetailView(ApiView):
    policies = READ
    audit_controller = "DepositsController"
    audit_handlers = {"GET": "findOne"}

    @doc("deposits", "One lease's deposit", path=("pk",))
    def get(self, request, pk):
        lease = rent_roll.deposit_queryset().filter(pk=parse_id(pk)).first()
        if lease is None:
            raise NotFound(f"Deposit for lease {pk} not found")
        return Response(rent_roll.present_deposits([lease])[0])
