"""The six KPI routes (spec 06): parse the query, check the caller, ask a selector, answer.

Only landlord users read KPIs, and only their own landlord's (spec 06 open question 1); a
SuperAdmin belongs to no landlord and is refused too, as are tenants and contractors (403).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_view
from rest_framework.response import Response

from apps.core.exceptions import AccessDenied
from apps.core.views import ApiView
from apps.kpi import schema, serializers
from apps.kpi.policies import SUBJECT
from apps.kpi.selectors import financial, maintenance, occupancy


def kpi_route(summary: str, response):
    """The route's OpenAPI entry: its summary and figures, with the view's own ``query_class``."""

    def document(view):
        return extend_schema_view(get=schema.doc(summary, view.query_class, response))(view)

    return document


class KpiView(ApiView):
    policies = {"GET": [("read", SUBJECT)]}
    audit_controller = "KpiController"
    query_class: type[serializers.PeriodQuery] = serializers.ScopedQuery
    audit_handler = ""

    @staticmethod
    def figures(*, landlord_id, query):  # pragma: no cover - each route sets its selector
        raise NotImplementedError

    def get(self, request):
        landlord_id = self.principal.landlord_id
        if landlord_id is None:
            raise AccessDenied()
        parsed = self.query_class(data=serializers.query_data(request.query_params))
        parsed.is_valid(raise_exception=True)
        return Response(type(self).figures(landlord_id=landlord_id, query=parsed.validated_data))

    def audit_action(self, request) -> str:
        return f"{self.audit_controller}.{self.audit_handler}"


@kpi_route("Financial KPIs: revenue, expenses, NOI", schema.FINANCIAL)
class FinancialView(KpiView):
    query_class = serializers.FinancialQuery
    audit_handler = "getFinancialKPIs"
    figures = staticmethod(financial.financial_kpis)


@kpi_route("Maintenance KPIs: tickets, categories, contractors", schema.MAINTENANCE)
class MaintenanceView(KpiView):
    query_class = serializers.MaintenanceQuery
    audit_handler = "getMaintenanceKPIs"
    figures = staticmethod(maintenance.maintenance_overview)


@kpi_route("Ticket and scope-of-work volume", schema.WORK_VOLUME)
class TicketWorkVolumeView(KpiView):
    query_class = serializers.MaintenanceQuery
    audit_handler = "getTicketWorkVolumeKPIs"
    figures = staticmethod(maintenance.ticket_work_volume)


@kpi_route("Maintenance cost and invoicing", schema.COST_INVOICING)
class CostInvoicingView(KpiView):
    query_class = serializers.MaintenanceQuery
    audit_handler = "getCostInvoicingKPIs"
    figures = staticmethod(maintenance.cost_invoicing)


@kpi_route("Resolution and completion rates", schema.RESOLUTION)
class ResolutionCompletionView(KpiView):
    query_class = serializers.MaintenanceQuery
    audit_handler = "getResolutionCompletionKPIs"
    figures = staticmethod(maintenance.resolution_completion)


@kpi_route("Occupancy and leasing KPIs", schema.OCCUPANCY)
class OccupancyLeasingView(KpiView):
    query_class = serializers.OccupancyQuery
    audit_handler = "getOccupancyLeasingKPIs"
    figures = staticmethod(occupancy.occupancy_leasing)
