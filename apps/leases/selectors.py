"""Reads of leases, rental periods and transactions (spec 05 sections 5.1, 5.3, 5.4).

Every read goes through the scoped managers, so a caller only ever sees its own landlord's records
(tenants: their own tenant organization's). Lists fetch their related rows with ``select_related``:
a page costs a fixed number of queries whatever its size.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from apps.core.exceptions import NotFound
from apps.core.serializers import iso
from apps.leases.cycles import percentage_of
from apps.leases.models import (
    Lease,
    LeaseStatus,
    PaymentStatus,
    PaymentType,
    RentalPeriod,
    RentalPeriodStatus,
    Transaction,
)
from apps.leases.serializers import lease_to_dict, period_brief, period_to_dict, transaction_to_dict
from apps.properties.serializers import ADDRESS_PARTS

LEASE_RELATED = ("unit__property", "tenant")


def _address(prop) -> dict | None:
    return prop.address or dict.fromkeys(ADDRESS_PARTS) if prop is not None else None


def unit_brief(unit, *, with_size: bool = False, with_property: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "_id": str(unit.pk),
        "unit_number": unit.unit_number,
        "type": unit.type,
        "availability_status": unit.availability_status,
    }
    if with_size:
        data["size"] = unit.size
    if with_property:
        data["property"] = property_brief(unit.property)
    return data


def property_brief(prop) -> dict[str, Any] | None:
    if prop is None or prop.deleted:
        return None
    return {"_id": str(prop.pk), "name": prop.name, "address": _address(prop)}


def tenant_brief(tenant) -> dict[str, Any] | None:
    return None if tenant is None else {"_id": str(tenant.pk), "name": tenant.name}


# -- leases -------------------------------------------------------------------------------------
def lease_list_queryset(query: dict[str, Any]) -> QuerySet:
    queryset = Lease.objects.select_related(*LEASE_RELATED)
    if query.get("search"):
        text = query["search"]
        queryset = queryset.filter(Q(terms__icontains=text) | Q(termination_reason__icontains=text))
    if query.get("status"):
        queryset = queryset.filter(status=query["status"])
    if query.get("property_id"):
        queryset = queryset.filter(unit__property_id=query["property_id"])
    if query.get("unit_id"):
        queryset = queryset.filter(unit_id=query["unit_id"])
    if query.get("tenant_id"):
        queryset = queryset.filter(tenant_id=query["tenant_id"])
    return queryset


def present_leases(rows) -> list[dict[str, Any]]:
    items = []
    for lease in rows:
        unit = lease.unit
        items.append(
            lease_to_dict(
                lease,
                unit=unit_brief(unit),
                tenant=tenant_brief(lease.tenant),
                property=property_brief(unit.property),
            )
        )
    return items


def lease_get(pk, *, message: str | None = None) -> Lease:
    lease = Lease.objects.select_related(*LEASE_RELATED, "landlord").filter(pk=pk).first()
    if lease is None:
        raise NotFound(message or f"Lease with ID {pk} not found")
    return lease


def lease_detail(lease: Lease) -> dict[str, Any]:
    data = lease_to_dict(
        lease, unit=unit_brief(lease.unit, with_size=True), tenant=tenant_brief(lease.tenant)
    )
    active = RentalPeriod.objects.filter(lease=lease, status=RentalPeriodStatus.ACTIVE).first()
    if active is not None:
        data.update(
            rent_amount=active.rent_amount, start_date=iso(active.start_date), end_date=iso(active.end_date)
        )
    return data


def lease_with_relations(lease: Lease) -> dict[str, Any]:
    """A lease with ``unit`` (and its property) and ``tenant`` populated (L13's answer)."""
    return lease_to_dict(
        lease, unit=unit_brief(lease.unit, with_size=True), tenant=tenant_brief(lease.tenant)
    )


# -- rental periods -----------------------------------------------------------------------------
def period_list_queryset(query: dict[str, Any]) -> QuerySet:
    queryset = RentalPeriod.objects.select_related(
        "lease__unit", "lease__tenant", "renewed_from", "renewed_to"
    )
    if query.get("status"):
        queryset = queryset.filter(status=query["status"])
    if query.get("lease_id"):
        queryset = queryset.filter(lease_id=query["lease_id"])
    return queryset


def present_periods(rows) -> list[dict[str, Any]]:
    return [
        period_to_dict(
            period,
            lease={
                "_id": str(period.lease_id),
                "unit": unit_brief(period.lease.unit, with_property=False),
                "tenant": tenant_brief(period.lease.tenant),
            },
            renewed_from=period_brief(period.renewed_from),
            renewed_to=period_brief(period.renewed_to),
        )
        for period in rows
    ]


def period_get(pk) -> RentalPeriod:
    period = (
        RentalPeriod.objects.select_related(
            "lease__unit__property", "lease__tenant", "renewed_from", "renewed_to"
        )
        .filter(pk=pk)
        .first()
    )
    if period is None:
        raise NotFound(f"RentalPeriod with ID {pk} not found")
    return period


def period_detail(period: RentalPeriod) -> dict[str, Any]:
    lease = period.lease
    return period_to_dict(
        period,
        lease=lease_to_dict(
            lease, unit={**unit_brief(lease.unit, with_size=True)}, tenant=tenant_brief(lease.tenant)
        ),
        renewed_from=period_brief(period.renewed_from),
        renewed_to=period_brief(period.renewed_to),
    )


def lease_periods(lease: Lease) -> list[dict[str, Any]]:
    """L17: the lease's periods, oldest first, each with its first RENT transaction (2 queries)."""
    periods = list(
        RentalPeriod.objects.filter(lease=lease)
        .select_related("renewed_from", "renewed_to")
        .order_by("start_date")
    )
    first_rent: dict[UUID, Transaction] = {}
    for tx in Transaction.objects.filter(
        lease=lease, type=PaymentType.RENT, rental_period__in=[p.pk for p in periods]
    ).order_by("due_date", "created_at"):
        first_rent.setdefault(tx.rental_period_id, tx)
    items = []
    for period in periods:
        tx = first_rent.get(period.pk)
        items.append(
            period_to_dict(
                period,
                renewed_from=period_brief(period.renewed_from),
                renewed_to=period_brief(period.renewed_to),
                payment=None
                if tx is None
                else {
                    "id": str(tx.pk),
                    "amount": tx.amount,
                    "status": tx.status,
                    "type": tx.type,
                    "payment_method": tx.payment_method,
                    "due_date": iso(tx.due_date),
                    "paid_at": iso(tx.paid_at),
                    "notes": tx.notes,
                },
            )
        )
    return items


def current_period(lease: Lease) -> RentalPeriod | None:
    return RentalPeriod.objects.filter(lease=lease, status=RentalPeriodStatus.ACTIVE).first()


def rent_history(lease: Lease) -> dict[str, Any]:
    periods = list(RentalPeriod.objects.filter(lease=lease).order_by("start_date"))
    history = []
    for index, period in enumerate(periods):
        increase = period.applied_rent_increase
        amount, percentage = Decimal("0"), Decimal("0")
        if index > 0 and increase and increase.get("previous_rent") is not None:
            amount = period.rent_amount - increase["previous_rent"]
            percentage = percentage_of(amount, increase["previous_rent"])
        history.append(
            {
                "period": f"{period.start_date:%Y-%m-%d} - {period.end_date:%Y-%m-%d}",
                "rent_amount": period.rent_amount,
                "status": period.status,
                "applied_rent_increase": increase,
                "calculated_increase": {"amount": amount, "percentage": percentage},
            }
        )
    current = periods[-1].rent_amount if periods else Decimal("0")
    original = periods[0].rent_amount if periods else Decimal("0")
    return {
        "lease_id": str(lease.pk),
        "total_periods": len(periods),
        "current_rent": current,
        "original_rent": original,
        "total_increase": current - original,
        "history": history,
    }


def renewal_chain(period: RentalPeriod) -> list[dict[str, Any]]:
    """The chain through ``renewedFrom``/``renewedTo``: all periods of the lease, one query."""
    by_id = {p.pk: p for p in RentalPeriod.objects.filter(lease_id=period.lease_id)}
    root = period
    seen = {root.pk}
    while root.renewed_from_id in by_id and root.renewed_from_id not in seen:
        root = by_id[root.renewed_from_id]
        seen.add(root.pk)
    chain = [root]
    while chain[-1].renewed_to_id in by_id and chain[-1].renewed_to_id not in {p.pk for p in chain}:
        chain.append(by_id[chain[-1].renewed_to_id])
    return [period_to_dict(p) for p in chain]


# -- transactions -------------------------------------------------------------------------------
TX_RELATED = ("lease__unit__property", "lease__tenant", "rental_period")


def transaction_list_queryset(query: dict[str, Any]) -> QuerySet:
    from datetime import timedelta

    from apps.leases.cycles import midnight

    queryset = Transaction.objects.select_related(*TX_RELATED)
    for key, field in (
        ("status", "status"),
        ("type", "type"),
        ("rental_period_id", "rental_period_id"),
        ("payment_method", "payment_method"),
    ):
        if query.get(key):
            queryset = queryset.filter(**{field: query[key]})
    if query.get("tenant_id"):
        queryset = queryset.filter(lease__tenant_id=query["tenant_id"])
    elif query.get("unit_id"):
        queryset = queryset.filter(lease__unit_id=query["unit_id"])
    elif query.get("lease_id"):
        queryset = queryset.filter(lease_id=query["lease_id"])
    if query.get("start_date"):
        queryset = queryset.filter(paid_at__gte=midnight(query["start_date"]))
    if query.get("end_date"):
        queryset = queryset.filter(paid_at__lt=midnight(query["end_date"]) + timedelta(days=1))
    return queryset


def _tx_lease(lease: Lease | None, *, with_terms: bool = False) -> dict[str, Any] | None:
    if lease is None:
        return None
    data = {"_id": str(lease.pk), "unit": unit_brief(lease.unit), "tenant": tenant_brief(lease.tenant)}
    if with_terms:
        data["terms"] = lease.terms
    return data


def present_transactions(rows, *, with_terms: bool = False) -> list[dict[str, Any]]:
    return [
        transaction_to_dict(
            tx, lease=_tx_lease(tx.lease, with_terms=with_terms), rental_period=period_brief(tx.rental_period)
        )
        for tx in rows
    ]


def transaction_get(pk) -> Transaction:
    tx = Transaction.objects.select_related(*TX_RELATED).filter(pk=pk).first()
    if tx is None:
        raise NotFound(f"Transaction with ID {pk} not found")
    return tx


def lease_transactions(lease: Lease) -> list[dict[str, Any]]:
    rows = Transaction.objects.filter(lease=lease).select_related("rental_period").order_by("due_date", "id")
    return [transaction_to_dict(tx, rental_period=period_brief(tx.rental_period)) for tx in rows]


def lease_transaction_summary(lease: Lease) -> dict[str, Any]:
    rows = Transaction.objects.filter(lease=lease)
    totals = rows.aggregate(
        count=Count("id"),
        total=Sum("amount"),
        pending=Sum("amount", filter=Q(status=PaymentStatus.PENDING)),
        pending_count=Count("id", filter=Q(status=PaymentStatus.PENDING)),
    )
    by_type = dict(rows.values_list("type").annotate(n=Count("id")).values_list("type", "n"))
    return {
        "total_transactions": totals["count"],
        "total_amount": totals["total"] or Decimal("0"),
        "pending_amount": totals["pending"] or Decimal("0"),
        "by_type": {
            "rent": by_type.get(PaymentType.RENT, 0),
            "deposit": by_type.get(PaymentType.DEPOSIT, 0),
            "fees": by_type.get(PaymentType.FEES, 0),
            "utilities": by_type.get(PaymentType.UTILITIES, 0) + by_type.get(PaymentType.UTILITY, 0),
            "maintenance": by_type.get(PaymentType.MAINTENANCE, 0),
            "other": by_type.get(PaymentType.OTHER, 0),
        },
        "by_status": {"pending": totals["pending_count"]},
    }


def period_payment(lease: Lease, period_id) -> Transaction:
    tx = (
        Transaction.objects.filter(lease=lease, rental_period_id=period_id)
        .select_related("lease", "rental_period")
        .order_by("due_date", "created_at")
        .first()
    )
    if tx is None:
        raise NotFound("Transaction not found for this rental period")
    return tx


# -- figures for the people routes (apps/people wires them) -------------------------------------
ACTIVE = LeaseStatus.ACTIVE


def tenant_stats(tenant_id) -> dict[str, Any]:
    """Active leases, their rent, what is outstanding (unpaid and due) and the next expiry."""
    leases = Lease.objects.filter(tenant_id=tenant_id, status=ACTIVE)
    summary = leases.aggregate(count=Count("id"), rent=Sum("rent_amount"))
    next_end = leases.order_by("end_date").values_list("end_date", flat=True).first()
    outstanding = (
        Transaction.objects.filter(lease__in=leases, due_date__lt=timezone.now())
        .exclude(status=PaymentStatus.PAID)
        .aggregate(total=Sum("amount"))["total"]
    )
    return {
        "active_leases": summary["count"] or 0,
        "total_monthly_rent": summary["rent"] or Decimal("0"),
        "outstanding": outstanding or Decimal("0"),
        "next_expiry": iso(next_end),
    }


def tenants_with_active_lease(*, unit_id=None, property_id=None) -> set:
    leases = Lease.objects.filter(status=ACTIVE)
    if unit_id is not None:
        leases = leases.filter(unit_id=unit_id)
    elif property_id is not None:
        leases = leases.filter(unit__property_id=property_id)
    return set(leases.values_list("tenant_id", flat=True))


def tenant_lease_figures(tenant_ids) -> dict[Any, dict[str, Any]]:
    """``{tenant id: {active_leases_count, outstanding_balance}}`` in two queries."""
    tenant_ids = list(tenant_ids)
    figures = {pk: {"active_leases_count": 0, "outstanding_balance": Decimal("0")} for pk in tenant_ids}
    if not tenant_ids:
        return figures
    for row in (
        Lease.objects.filter(tenant_id__in=tenant_ids, status=ACTIVE)
        .values("tenant_id")
        .annotate(n=Count("id"))
    ):
        figures[row["tenant_id"]]["active_leases_count"] = row["n"]
    for row in (
        Transaction.objects.filter(lease__tenant_id__in=tenant_ids, status=PaymentStatus.OVERDUE)
        .values("lease__tenant_id")
        .annotate(total=Sum("amount"))
    ):
        figures[row["lease__tenant_id"]]["outstanding_balance"] = row["total"] or Decimal("0")
    return figures


def tenant_properties(tenant_id) -> list[dict[str, Any]]:
    """The properties where the tenant has an ACTIVE lease, each with the leased units."""
    grouped: dict[Any, dict[str, Any]] = {}
    seen: set = set()
    leases = (
        Lease.objects.filter(tenant_id=tenant_id, status=ACTIVE)
        .select_related("unit__property")
        .order_by("created_at")
    )
    for lease in leases:
        unit = lease.unit
        prop = unit.property
        entry = grouped.setdefault(
            prop.pk,
            {
                "_id": str(prop.pk),
                "name": prop.name,
                "address": prop.address,
                "description": prop.description,
                "units": [],
            },
        )
        if unit.pk not in seen:
            seen.add(unit.pk)
            entry["units"].append(
                {"_id": str(unit.pk), "unit_number": unit.unit_number, "size": unit.size, "type": unit.type}
            )
    return list(grouped.values())


def _active_property_ids(tenant_id) -> set:
    return set(
        Lease.objects.unscoped()
        .filter(tenant_id=tenant_id, status=ACTIVE)
        .values_list("unit__property_id", flat=True)
    )


def tenant_neighbors(tenant_id) -> list[dict[str, Any]]:
    """Units next to the tenant's own with another tenant's ACTIVE lease.

    Deliberately crosses the tenant's lease scope (that is the feature), so it emits only what a
    neighbour may know: the unit, the property, the lease's dates and the household name, never
    the other household's rent.
    """
    property_ids = _active_property_ids(tenant_id)
    if not property_ids:
        return []
    leases = (
        Lease.objects.unscoped()
        .filter(status=ACTIVE, unit__property_id__in=list(property_ids))
        .exclude(tenant_id=tenant_id)
        .select_related("unit__property", "tenant")
        .order_by("created_at")
    )
    return [
        {
            "_id": str(lease.unit_id),
            "unit_number": lease.unit.unit_number,
            "size": lease.unit.size,
            "type": lease.unit.type,
            "property": {
                "_id": str(lease.unit.property_id),
                "name": lease.unit.property.name,
                "address": lease.unit.property.address,
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
        for lease in leases
    ]


def are_neighbors(tenant_id, other_tenant_id) -> bool:
    if tenant_id == other_tenant_id:
        return False
    property_ids = _active_property_ids(tenant_id)
    return bool(property_ids) and bool(_active_property_ids(other_tenant_id) & property_ids)


# -- counters for the admin console (apps/console wires them) ----------------------------------
def active_lease_count(*, landlord_id=None) -> int:
    leases = Lease.objects.filter(status=ACTIVE)
    if landlord_id is not None:
        leases = leases.filter(landlord_id=landlord_id)
    return leases.count()


def pending_transaction_count() -> int:
    return Transaction.objects.filter(status=PaymentStatus.PENDING).count()


def transaction_count(*, created_since) -> int:
    return Transaction.objects.filter(created_at__gte=created_since).count()
