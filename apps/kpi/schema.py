"""OpenAPI shapes of the KPI responses (spec 06 sections 3.5, 4 and 5.4).

These serializers only document; the selectors build the dictionaries. Money and percentages are
JSON numbers rounded to two decimals.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers

from apps.core.schema import ErrorSerializer

NUMBER = {"max_digits": 14, "decimal_places": 2, "coerce_to_string": False}


def _number(**kwargs):
    return serializers.DecimalField(**NUMBER, **kwargs)


class GraphPoint(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.IntegerField()


# -- financial ------------------------------------------------------------------------------------
class FinancialPeriod(serializers.Serializer):
    total_revenue = _number()
    total_expenses = _number()
    net_operating_income = _number()
    expense_to_revenue_ratio = _number()


class FinancialCurrent(FinancialPeriod):
    revenue_growth_rate = _number(required=False, help_text="only with compare=true")


class RevenueBreakdownItem(serializers.Serializer):
    type = serializers.CharField(help_text="transaction type, e.g. RENT")
    amount = _number()
    percentage = _number()


class ExpenseBreakdownItem(serializers.Serializer):
    category = serializers.CharField()
    amount = _number()
    percentage = _number()


class FinancialMonth(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM (UTC)")
    revenue = _number()
    expense = _number()
    noi = _number()


class RevenueShareItem(serializers.Serializer):
    entity_id = serializers.UUIDField()
    entity_name = serializers.CharField()
    entity_type = serializers.CharField()
    revenue = _number()
    percentage = _number()


class ExpenseShareItem(serializers.Serializer):
    entity_id = serializers.UUIDField()
    entity_name = serializers.CharField()
    entity_type = serializers.CharField()
    expense = _number()
    percentage = _number()


class FinancialKpis(serializers.Serializer):
    current = FinancialCurrent()
    previous = FinancialPeriod(required=False, help_text="only with compare=true")
    revenue_breakdown = RevenueBreakdownItem(many=True)
    expense_breakdown = ExpenseBreakdownItem(many=True)
    monthly_trend = FinancialMonth(many=True)
    revenue_share = RevenueShareItem(many=True)
    expense_share = ExpenseShareItem(many=True)
    maintenance_cost = _number()


# -- maintenance ----------------------------------------------------------------------------------
class MaintenancePeriod(serializers.Serializer):
    total_tickets = serializers.IntegerField()
    open_tickets = serializers.IntegerField()
    in_progress_tickets = serializers.IntegerField()
    closed_tickets = serializers.IntegerField()
    avg_resolution_time = _number(help_text="hours")


class MaintenanceCurrent(MaintenancePeriod):
    ticket_growth_rate = _number(required=False, help_text="only with compare=true")


class CategoryItem(serializers.Serializer):
    category = serializers.CharField()
    count = serializers.IntegerField()
    percentage = _number()
    avg_resolution_time = _number(help_text="hours")


class StatusItem(serializers.Serializer):
    status = serializers.CharField()
    count = serializers.IntegerField()
    percentage = _number()


class ContractorItem(serializers.Serializer):
    contractor_id = serializers.UUIDField()
    contractor_name = serializers.CharField()
    tickets_assigned = serializers.IntegerField()
    tickets_completed = serializers.IntegerField()
    avg_resolution_time = _number(help_text="hours")
    completion_rate = _number()


class MaintenanceMonth(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM (UTC)")
    opened = serializers.IntegerField()
    closed = serializers.IntegerField()
    in_progress = serializers.IntegerField()


class TicketShareItem(serializers.Serializer):
    entity_id = serializers.UUIDField()
    entity_name = serializers.CharField(help_text="property name, or the unit number")
    entity_type = serializers.CharField(help_text="property or unit")
    ticket_count = serializers.IntegerField()
    percentage = _number()


class MaintenanceKpis(serializers.Serializer):
    current = MaintenanceCurrent()
    previous = MaintenancePeriod(required=False, help_text="only with compare=true")
    category_breakdown = CategoryItem(many=True)
    status_breakdown = StatusItem(many=True)
    contractor_performance = ContractorItem(many=True)
    monthly_trend = MaintenanceMonth(many=True)
    property_share = TicketShareItem(many=True)


class TicketsByCreator(serializers.Serializer):
    tenant_count = serializers.IntegerField()
    landlord_count = serializers.IntegerField()
    total = serializers.IntegerField()
    tenant_percentage = _number()
    landlord_percentage = _number()
    graphical_data = GraphPoint(many=True)


class WorkVolumePeriod(serializers.Serializer):
    total_tickets = serializers.IntegerField()
    tickets_by_creator = TicketsByCreator()
    standalone_tickets_count = serializers.IntegerField()
    standalone_tickets_percentage = _number()
    property_wide_tickets_count = serializers.IntegerField()
    property_wide_tickets_percentage = _number()
    total_sows = serializers.IntegerField()
    closed_sows = serializers.IntegerField()
    total_sub_sows = serializers.IntegerField()
    closed_sub_sows = serializers.IntegerField()
    sub_sows_per_sow = _number()


class WorkVolumeKpis(serializers.Serializer):
    current = WorkVolumePeriod()
    previous = WorkVolumePeriod(required=False, help_text="only with compare=true")


class CostPeriod(serializers.Serializer):
    total_maintenance_cost = _number()
    closed_jobs_count = serializers.IntegerField()
    average_cost_per_job = _number()
    invoices_pending_confirmation = serializers.IntegerField()
    confirmed_invoices = serializers.IntegerField()
    property_wide_cost_amount = _number()
    property_wide_cost_share_percentage = _number()


class CostKpis(serializers.Serializer):
    current = CostPeriod()
    previous = CostPeriod(required=False, help_text="only with compare=true")


class ResolutionPeriod(serializers.Serializer):
    closed_tickets = serializers.IntegerField()
    reopened_tickets_count = serializers.IntegerField()
    total_tickets_count = serializers.IntegerField()
    reopened_tickets_percentage = _number()
    sow_completion_rate = _number()
    closed_sows_count = serializers.IntegerField()
    total_sows_count = serializers.IntegerField()
    sub_sow_completion_rate = _number()
    closed_sub_sows_count = serializers.IntegerField()
    total_sub_sows_count = serializers.IntegerField()


class ResolutionKpis(serializers.Serializer):
    current = ResolutionPeriod()
    previous = ResolutionPeriod(required=False, help_text="only with compare=true")


# -- occupancy ------------------------------------------------------------------------------------
class OccupancyRate(serializers.Serializer):
    rate = _number()
    occupied_units = serializers.IntegerField()
    total_units = serializers.IntegerField()
    graphical_data = GraphPoint(many=True)


class VacancyRate(serializers.Serializer):
    rate = _number()
    vacant_units = serializers.IntegerField()
    total_units = serializers.IntegerField()
    graphical_data = GraphPoint(many=True)


class OccupancyUtilization(serializers.Serializer):
    occupancy_rate = OccupancyRate()
    vacancy_rate = VacancyRate()
    average_occupancy_duration = serializers.IntegerField(help_text="days")
    occupancy_growth_rate = _number(required=False, help_text="current period with compare=true only")


class RenewalRate(serializers.Serializer):
    rate = _number()
    renewed_leases = serializers.IntegerField()
    expiring_leases = serializers.IntegerField()
    graphical_data = GraphPoint(many=True)


class LeasingActivity(serializers.Serializer):
    new_leases_signed = serializers.IntegerField()
    terminated_leases = serializers.IntegerField()
    lease_renewal_rate = RenewalRate()
    average_vacancy_duration = serializers.IntegerField(help_text="days")
    turnover_rate = _number()


class OccupancyPeriod(serializers.Serializer):
    occupancy_utilization = OccupancyUtilization()
    leasing_activity = LeasingActivity()


class OccupancyKpis(serializers.Serializer):
    current = OccupancyPeriod()
    previous = OccupancyPeriod(required=False, help_text="only with compare=true")


FINANCIAL, MAINTENANCE, WORK_VOLUME = FinancialKpis, MaintenanceKpis, WorkVolumeKpis
COST_INVOICING, RESOLUTION, OCCUPANCY = CostKpis, ResolutionKpis, OccupancyKpis


def doc(summary: str, query, response):
    return extend_schema(
        tags=["kpi"],
        summary=summary,
        parameters=[query],
        responses={
            200: response,
            400: OpenApiResponse(
                ErrorSerializer, description="Unknown parameter, bad enum value, malformed id or date"
            ),
            403: OpenApiResponse(
                ErrorSerializer, description="Not a landlord user (tenants, contractors, SuperAdmin)"
            ),
        },
    )
