"""``GET /kpi/occupancy-leasing`` (spec 06 section 5): four aggregate queries.

Decisions (docs/compatibility/kpi.md): occupancy counts the leases ACTIVE now, as the original
(open question 8, kept: leases carry no status history); the average vacancy is the mean of the
exact gaps, rounded once to whole days (the original truncated each gap first).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from apps.kpi.figures import growth, mean_days, pair, percent, ratio
from apps.kpi.selectors.common import elapsed, within
from apps.kpi.serializers import PROPERTY
from apps.leases.models import Lease, LeaseStatus
from apps.properties.models import Unit

ENDED_OR_ACTIVE = (LeaseStatus.ACTIVE, LeaseStatus.EXPIRED, LeaseStatus.TERMINATED)
RENEWAL_GRACE = timedelta(days=30)


def occupancy_leasing(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    windows = [("current", query["window"])]
    if query.get("previous_window") is not None:
        windows.append(("previous", query["previous_window"]))

    if query["scope"] == PROPERTY:
        unit_place = Q(property_id=query["property_id"])
    else:
        unit_place = Q(property__deleted=False)
    lease_place = Q(unit__deleted=False) & Q(**{f"unit__{key}": value for key, value in unit_place.children})
    tenant = Q(tenant_id=query["tenant_id"]) if query.get("tenant_id") else Q()

    total_units = Unit.objects.filter(unit_place, landlord_id=landlord_id).count()
    leases = Lease.objects.filter(lease_place, tenant, landlord_id=landlord_id)

    active = Q(status=LeaseStatus.ACTIVE)
    figures: dict[str, Any] = {
        "duration": Sum(elapsed("end_date", "start_date"), filter=active),
        "active": Count("id", filter=active),
    }
    for period, window in windows:
        overlapping = active & Q(start_date__lte=window.end, end_date__gte=window.start)
        figures[f"occupied__{period}"] = Count("unit_id", distinct=True, filter=overlapping)
        figures[f"new__{period}"] = Count("id", filter=active & within("start_date", window))
        figures[f"terminated__{period}"] = Count(
            "id", filter=Q(status=LeaseStatus.TERMINATED) & within("termination_date", window)
        )
    lease_figures = leases.aggregate(**figures)
    renewals = _renewals(leases, windows)
    vacancies = _vacancies(leases, windows, tenant)

    body: dict[str, Any] = {}
    for period, _ in windows:
        occupied = lease_figures[f"occupied__{period}"]
        vacant = total_units - occupied
        terminated = lease_figures[f"terminated__{period}"]
        expiring, renewed = renewals[f"expiring__{period}"], renewals[f"renewed__{period}"]
        body[period] = {
            "occupancy_utilization": {
                "occupancy_rate": {
                    "rate": percent(occupied, total_units),
                    "occupied_units": occupied,
                    "total_units": total_units,
                    "graphical_data": pair("Occupied", occupied, "Vacant", vacant),
                },
                "vacancy_rate": {
                    "rate": percent(vacant, total_units),
                    "vacant_units": vacant,
                    "total_units": total_units,
                    "graphical_data": pair("Vacant", vacant, "Occupied", occupied),
                },
                "average_occupancy_duration": mean_days(lease_figures["duration"], lease_figures["active"]),
            },
            "leasing_activity": {
                "new_leases_signed": lease_figures[f"new__{period}"],
                "terminated_leases": terminated,
                "lease_renewal_rate": {
                    "rate": percent(renewed, expiring),
                    "renewed_leases": renewed,
                    "expiring_leases": expiring,
                    "graphical_data": pair("Renewed", renewed, "Not Renewed", expiring - renewed),
                },
                "average_vacancy_duration": mean_days(
                    vacancies[f"gaps__{period}"], vacancies[f"count__{period}"]
                ),
                "turnover_rate": percent(terminated, total_units),
            },
        }
    if "previous" in body:
        body["current"]["occupancy_utilization"]["occupancy_growth_rate"] = growth(
            ratio(lease_figures["occupied__current"], total_units),
            ratio(lease_figures["occupied__previous"], total_units),
        )
    return body


def _renewals(leases, windows) -> dict[str, int]:
    """Expiring leases of each window and how many were renewed: auto-renewal, or an ACTIVE lease
    of the same unit and tenant starting within 30 days of the end."""
    successor = Lease.objects.filter(
        unit_id=OuterRef("unit_id"),
        tenant_id=OuterRef("tenant_id"),
        status=LeaseStatus.ACTIVE,
        start_date__gte=OuterRef("end_date"),
        start_date__lte=ExpressionWrapper(OuterRef("end_date") + RENEWAL_GRACE, output_field=DateTimeField()),
    )
    figures = {}
    renewed = Q(auto_renewal=True) | Q(has_successor=True)
    for period, window in windows:
        ending = within("end_date", window)
        figures[f"expiring__{period}"] = Count("id", filter=ending)
        figures[f"renewed__{period}"] = Count("id", filter=ending & renewed)
    return (
        leases.filter(status__in=ENDED_OR_ACTIVE)
        .annotate(has_successor=Exists(successor))
        .aggregate(**figures)
    )


def _vacancies(leases, windows, tenant: Q) -> dict[str, Any]:
    """Gaps between consecutive leases of a unit (by end date): from the earlier lease's
    termination (or end) to the later one's start, kept when positive and starting in the window."""
    predecessor = (
        Lease.objects.filter(
            unit_id=OuterRef("unit_id"),
            status__in=ENDED_OR_ACTIVE,
            end_date__lt=OuterRef("end_date"),
        )
        .filter(tenant)
        .order_by("-end_date")
        .annotate(gap_start=Coalesce("termination_date", "end_date"))
        .values("gap_start")[:1]
    )
    ranked = leases.filter(status__in=ENDED_OR_ACTIVE).annotate(
        gap_start=Subquery(predecessor, output_field=DateTimeField())
    )
    positive = Q(gap_start__isnull=False, start_date__gt=F("gap_start"))
    figures = {}
    for period, window in windows:
        kept = positive & within("gap_start", window)
        figures[f"gaps__{period}"] = Sum(elapsed("start_date", "gap_start"), filter=kept)
        figures[f"count__{period}"] = Count("id", filter=kept)
    return ranked.aggregate(**figures)
