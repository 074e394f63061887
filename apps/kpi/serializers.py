"""Query strings of the KPI routes (spec 06 sections 3.1, 4.1 and 5.1).

Unknown parameters are refused (400), enums are checked, ids must be UUIDs (a malformed id was a
500 in the original). The array parameters (``status``, ``categories``, ``statuses``) are accepted
repeated, with ``[]`` or as a single value (the original answered a single value with a 500).
"""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from apps.core.serializers import IdField, InputSerializer
from apps.expenses.models import ExpenseCategory
from apps.kpi import periods
from apps.leases.models import PaymentStatus, PaymentType
from apps.maintenance.models import TicketCategory, TicketStatus

PORTFOLIO, PROPERTY, UNIT = "portfolio", "property", "unit"

REVENUE_TYPES = {
    "rent": (PaymentType.RENT,),
    "deposit": (PaymentType.DEPOSIT,),
    "fees": (PaymentType.FEES,),
    # the model knows two spellings of the same thing
    "utilities": (PaymentType.UTILITIES, PaymentType.UTILITY),
    "other": (PaymentType.OTHER,),
}
STATUS_FILTERS = ("confirmed", "paid", "pending")
STATUS_TO_PAYMENT = {
    "confirmed": PaymentStatus.PAID,
    "paid": PaymentStatus.PAID,
    "pending": PaymentStatus.PENDING,
}
CREATORS = ("all", "tenant", "landlord")

ARRAY_FIELDS = frozenset({"status", "categories", "statuses"})


def query_data(query_params) -> dict:
    """The query string as serializer input: array parameters as lists, others their last value."""
    data: dict = {}
    for key, values in query_params.lists():
        name = key[:-2] if key.endswith("[]") and key[:-2] in ARRAY_FIELDS else key
        if name in ARRAY_FIELDS:
            data.setdefault(name, []).extend(values)
        else:
            data[name] = values[-1]
    return data


class PeriodQuery(InputSerializer):
    period = serializers.ChoiceField(choices=periods.PERIODS)
    custom_start_date = serializers.CharField(required=False, max_length=40)
    custom_end_date = serializers.CharField(required=False, max_length=40)
    compare = serializers.CharField(required=False, allow_blank=True, max_length=10)

    #: occupancy requires both dates with ``custom``; the other routes fall back to this-month
    custom_dates_required = False

    def validate(self, attrs):
        attrs = super().validate(attrs)
        start_text, end_text = attrs.get("custom_start_date"), attrs.get("custom_end_date")
        errors = []
        start = end = None
        if start_text is not None:
            start = periods.parse_instant(start_text)
            if start is None:
                errors.append("customStartDate must be a valid ISO 8601 date string")
        if end_text is not None:
            end = periods.parse_instant(end_text, end_of_day=True)
            if end is None:
                errors.append("customEndDate must be a valid ISO 8601 date string")
        if attrs["period"] == periods.CUSTOM and self.custom_dates_required:
            if start_text is None:
                errors.append("customStartDate must be a valid ISO 8601 date string")
            if end_text is None:
                errors.append("customEndDate must be a valid ISO 8601 date string")
        if errors:
            raise serializers.ValidationError(errors)
        custom = (start, end) if start is not None and end is not None else None
        if attrs["period"] == periods.CUSTOM and custom is not None and start > end:
            raise serializers.ValidationError(["customStartDate must not be after customEndDate"])
        now = timezone.now()
        attrs["window"] = periods.resolve(attrs["period"], now, custom)
        attrs["compare"] = attrs.get("compare") == "true"
        if attrs["compare"]:
            attrs["previous_window"] = periods.previous(
                attrs["period"], attrs["window"], custom_given=custom is not None
            )
        return attrs


class ScopedQuery(PeriodQuery):
    scope = serializers.ChoiceField(choices=(PORTFOLIO, PROPERTY, UNIT))
    property_id = IdField(required=False)
    unit_id = IdField(required=False)


class FinancialQuery(ScopedQuery):
    revenue_type = serializers.ChoiceField(choices=tuple(REVENUE_TYPES), required=False)
    expense_category = serializers.ChoiceField(choices=ExpenseCategory.values, required=False)
    status = serializers.ListField(child=serializers.ChoiceField(choices=STATUS_FILTERS), required=False)


class MaintenanceQuery(ScopedQuery):
    tenant_id = IdField(required=False)
    creator = serializers.ChoiceField(choices=CREATORS)
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=TicketCategory.values), required=False
    )
    statuses = serializers.ListField(
        child=serializers.ChoiceField(choices=TicketStatus.values), required=False
    )
    contractor_id = IdField(required=False)


class OccupancyQuery(PeriodQuery):
    scope = serializers.ChoiceField(choices=(PORTFOLIO, PROPERTY))
    property_id = IdField(required=False)
    tenant_id = IdField(required=False)

    custom_dates_required = True

    def validate(self, attrs):
        if attrs.get("scope") == PROPERTY and not attrs.get("property_id"):
            raise serializers.ValidationError(["propertyId should not be empty"])
        return super().validate(attrs)
