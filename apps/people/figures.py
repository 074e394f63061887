"""Reads of other apps' records that the people routes summarize (leases, units, tickets).

Those apps are built separately; each read looks its model up lazily and answers the empty value
("no leases", "no tickets") while the app is not installed. Reads go through the scoped managers,
so a landlord's figures only ever cover that landlord's records (spec README rule 1), except where
noted (neighbours are found across the tenant's own scope on purpose, and emit no private terms).
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Count, Q, Sum
from django.utils import timezone

from apps.core.serializers import iso

logger = logging.getLogger("myte.people")

ACTIVE = "ACTIVE"


def related_model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _safe(default):
    """Answer ``default`` when the other app's model is missing or has other field names."""

    def decorate(func):
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except (FieldError, AttributeError, LookupError) as exc:
                logger.warning("people: %s unavailable (%s)", func.__name__, exc)
                return default() if callable(default) else default

        wrapper.__name__ = func.__name__
        wrapper.__doc__ = func.__doc__
        return wrapper

    return decorate


def _number(value) -> float | int:
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return float(value) if value % 1 else int(value)
    return value


# -- leases --------------------------------------------------------------------------------------


@_safe(lambda: {"active_leases": 0, "total_monthly_rent": 0, "outstanding": 0, "next_expiry": None})
def tenant_stats(tenant_id) -> dict[str, Any]:
    empty = {"active_leases": 0, "total_monthly_rent": 0, "outstanding": 0, "next_expiry": None}
    lease_model = related_model("leases.Lease")
    if lease_model is None:
        return empty
    leases = lease_model.objects.filter(tenant_id=tenant_id, status=ACTIVE)
    summary = leases.aggregate(count=Count("id"), rent=Sum("rent_amount"))
    next_lease = leases.order_by("end_date").values_list("end_date", flat=True).first()
    outstanding = 0
    transaction_model = related_model("leases.Transaction")
    if transaction_model is not None:
        outstanding = (
            transaction_model.objects.filter(lease__in=leases, due_date__lt=timezone.now())
            .exclude(status="PAID")
            .aggregate(total=Sum("amount"))["total"]
        )
    return {
        "active_leases": summary["count"] or 0,
        "total_monthly_rent": _number(summary["rent"]),
        "outstanding": _number(outstanding),
        "next_expiry": iso(next_lease) if next_lease is not None else None,
    }


@_safe(set)
def tenants_with_active_lease(*, unit_id=None, property_id=None) -> set:
    lease_model = related_model("leases.Lease")
    if lease_model is None:
        return set()
    leases = lease_model.objects.filter(status=ACTIVE)
    if unit_id is not None:
        leases = leases.filter(unit_id=unit_id)
    elif property_id is not None:
        leases = leases.filter(unit__property_id=property_id)
    return set(leases.values_list("tenant_id", flat=True))


@_safe(dict)
def tenant_lease_figures(tenant_ids: list) -> dict[Any, dict[str, Any]]:
    """``{tenant id: {active_leases_count, outstanding_balance}}`` in two queries."""
    figures = {pk: {"active_leases_count": 0, "outstanding_balance": 0} for pk in tenant_ids}
    lease_model = related_model("leases.Lease")
    if lease_model is None or not tenant_ids:
        return figures
    for row in (
        lease_model.objects.filter(tenant_id__in=tenant_ids, status=ACTIVE)
        .values("tenant_id")
        .annotate(count=Count("id"))
    ):
        figures[row["tenant_id"]]["active_leases_count"] = row["count"]
    transaction_model = related_model("leases.Transaction")
    if transaction_model is not None:
        for row in (
            transaction_model.objects.filter(lease__tenant_id__in=tenant_ids, status="OVERDUE")
            .values("lease__tenant_id")
            .annotate(total=Sum("amount"))
        ):
            figures[row["lease__tenant_id"]]["outstanding_balance"] = _number(row["total"])
    return figures


def _unit_row(unit) -> dict[str, Any]:
    return {
        "_id": str(unit.pk),
        "unit_number": getattr(unit, "unit_number", None),
        "size": getattr(unit, "size", None),
        "type": getattr(unit, "type", None),
    }


def _group_units_by_property(units) -> list[dict[str, Any]]:
    grouped: dict[Any, dict[str, Any]] = {}
    seen: set = set()
    for unit in units:
        prop = unit.property
        entry = grouped.setdefault(
            prop.pk,
            {
                "_id": str(prop.pk),
                "name": prop.name,
                "address": getattr(prop, "address", None),
                "description": getattr(prop, "description", None),
                "units": [],
            },
        )
        if unit.pk not in seen:
            seen.add(unit.pk)
            entry["units"].append(_unit_row(unit))
    return list(grouped.values())


@_safe(list)
def tenant_properties(tenant_id) -> list[dict[str, Any]]:
    lease_model = related_model("leases.Lease")
    if lease_model is None:
        return []
    leases = (
        lease_model.objects.filter(tenant_id=tenant_id, status=ACTIVE)
        .select_related("unit__property")
        .order_by("created_at")
    )
    return _group_units_by_property(lease.unit for lease in leases if lease.unit_id)


@_safe(list)
def tenant_neighbors(tenant_id) -> list[dict[str, Any]]:
    """Units next to the tenant's own with another tenant's ACTIVE lease.

    Deliberately crosses the tenant's lease scope (that is the feature), so it emits only what a
    neighbour may know: the unit, the property, and the lease's dates and household name, never
    the other household's rent.
    """
    lease_model = related_model("leases.Lease")
    if lease_model is None:
        return []
    property_ids = set(
        lease_model.objects.unscoped()
        .filter(tenant_id=tenant_id, status=ACTIVE)
        .values_list("unit__property_id", flat=True)
    )
    if not property_ids:
        return []
    leases = (
        lease_model.objects.unscoped()
        .filter(status=ACTIVE, unit__property_id__in=property_ids)
        .exclude(tenant_id=tenant_id)
        .select_related("unit__property", "tenant")
        .order_by("created_at")
    )
    rows = []
    for lease in leases:
        unit, prop = lease.unit, lease.unit.property
        rows.append(
            {
                **_unit_row(unit),
                "property": {
                    "_id": str(prop.pk),
                    "name": prop.name,
                    "address": getattr(prop, "address", None),
                },
                "active_lease": {
                    "_id": str(lease.pk),
                    "start_date": iso(lease.start_date),
                    "end_date": iso(lease.end_date),
                    "status": lease.status,
                    "tenant": {"_id": str(lease.tenant_id), "name": lease.tenant.name},
                },
                "media": [],
            }
        )
    return rows


@_safe(False)
def are_neighbors(tenant_id, other_tenant_id) -> bool:
    lease_model = related_model("leases.Lease")
    if lease_model is None:
        return False
    property_ids = (
        lease_model.objects.unscoped()
        .filter(tenant_id=tenant_id, status=ACTIVE)
        .values_list("unit__property_id", flat=True)
    )
    return (
        lease_model.objects.unscoped()
        .filter(tenant_id=other_tenant_id, status=ACTIVE, unit__property_id__in=list(property_ids))
        .exists()
    )


# -- maintenance ---------------------------------------------------------------------------------


@_safe(dict)
def contractor_ticket_counts(contractor_ids: list, *, landlord_id=None) -> dict[Any, dict[str, int]]:
    """``{contractor id: {active, completed}}``; a landlord caller counts only its own tickets."""
    counts = {pk: {"active": 0, "completed": 0} for pk in contractor_ids}
    ticket_model = related_model("maintenance.MaintenanceTicket")
    if ticket_model is None or not contractor_ids:
        return counts
    tickets = ticket_model.objects.filter(assigned_contractor_id__in=contractor_ids)
    if landlord_id is not None:
        tickets = tickets.filter(landlord_id=landlord_id)
    for row in tickets.values("assigned_contractor_id").annotate(
        active=Count("id", filter=~Q(status="CLOSED")),
        completed=Count("id", filter=Q(status__in=["DONE", "CLOSED"])),
    ):
        counts[row["assigned_contractor_id"]] = {"active": row["active"], "completed": row["completed"]}
    return counts


@_safe(list)
def contractor_properties(contractor_id) -> list[dict[str, Any]]:
    ticket_model = related_model("maintenance.MaintenanceTicket")
    if ticket_model is None:
        return []
    tickets = (
        ticket_model.objects.filter(assigned_contractor_id=contractor_id, unit__isnull=False)
        .select_related("unit__property")
        .order_by("created_at")
    )
    return _group_units_by_property(ticket.unit for ticket in tickets)


# -- onboarding ----------------------------------------------------------------------------------


@_safe(False)
def landlord_has(label: str, landlord_id) -> bool:
    model = related_model(label)
    if model is None:
        return False
    return model.objects.filter(landlord_id=landlord_id).exists()


@_safe(None)
def property_name(property_id) -> str | None:
    model = related_model("properties.Property")
    if model is None:
        return None
    found = model.objects.filter(pk=property_id).first()
    return found.name if found else None


@_safe(None)
def unit_label(unit_id) -> str | None:
    model = related_model("properties.Unit")
    if model is None:
        return None
    found = model.objects.filter(pk=unit_id).first()
    if found is None:
        return None
    return getattr(found, "unit_number", None) or getattr(found, "name", None)
