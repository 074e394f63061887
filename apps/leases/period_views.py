"""Rental period routes (spec 05 section 5.3)."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.schema import doc
from apps.core.views import ApiView, parse_id
from apps.leases import selectors
from apps.leases.serializers import PeriodListQuery

READ = {"GET": [("read", "RentalPeriod")]}


class PeriodListView(ApiView):
    policies = READ
    audit_controller = "RentalPeriodsController"

    @doc("rental-periods", "List rental periods", query=PeriodListQuery)
    def get(self, request):
        serializer = self.parse_query(PeriodListQuery)
        return Response(
            serializer.page_of(
                selectors.period_list_queryset(serializer.validated_data), serialize=selectors.present_periods
            )
        )


class PeriodDetailView(ApiView):
    policies = READ
    audit_controller = "RentalPeriodsController"
    audit_handlers = {"GET": "findOne"}

    @doc("rental-periods", "Get a rental period", path=("pk",))
    def get(self, request, pk):
        return Response(selectors.period_detail(selectors.period_get(parse_id(pk))))


class RentHistoryView(ApiView):
    policies = {"GET": [("read", "RentalPeriod"), ("read", "Lease")]}
    audit_controller = "RentalPeriodsController"
    audit_handlers = {"GET": "getRentHistory"}

    @doc("rental-periods", "Rent history of a lease", path=("lease_id",))
    def get(self, request, lease_id):
        return Response(selectors.rent_history(selectors.lease_get(parse_id(lease_id))))


class RenewalChainView(ApiView):
    policies = READ
    audit_controller = "RentalPeriodsController"
    audit_handlers = {"GET": "getRenewalChain"}

    @doc("rental-periods", "Renewal chain of a rental period", path=("pk",), array=True)
    def get(self, request, pk):
        return Response(selectors.renewal_chain(selectors.period_get(parse_id(pk))))
