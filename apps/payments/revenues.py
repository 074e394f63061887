"""Revenues: a second view over Transactions (spec 05 section 5.8), scoped to the caller.

The original lists and sums every landlord's transactions (open question 1) and its create
never sets the landlord (open question 4, a 500). Here the scoped manager narrows every read to
the caller's landlord (or, for a tenant user, its own leases), and create sets the landlord
from the caller.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, NotFound
from apps.core.scope import Principal
from apps.leases.cycles import midnight
from apps.leases.models import Lease, PaymentStatus, PaymentType, RentalPeriod, Transaction
from apps.leases.selectors import property_brief, tenant_brief, unit_brief
from apps.leases.serializers import transaction_to_dict
from apps.leases.services import landlord_of
from apps.properties.models import Property, Unit

LEASE_TYPES = (
    PaymentType.RENT,
    PaymentType.DEPOSIT,
    PaymentType.DEPOSIT_REFUND,
    PaymentType.DEPOSIT_DEDUCTION,
)
DEPOSIT_TYPES = (PaymentType.DEPOSIT, PaymentType.DEPOSIT_REFUND, PaymentType.DEPOSIT_DEDUCTION)
SUMMARY_TYPES = ("RENT", "FEES", "UTILITIES", "MAINTENANCE", "OTHER")
RELATED = ("property", "unit", "lease__tenant", "lease__unit__property")
ZERO = Decimal("0.00")


def revenue_list_queryset(query: dict[str, Any]) -> QuerySet:
    queryset = Transaction.objects.select_related(*RELATED)
    for key in ("status", "type", "payment_method"):
        if query.get(key):
            queryset = queryset.filter(**{key: query[key]})
    if query.get("property_id"):
        queryset = queryset.filter(
            Q(property_id=query["property_id"]) | Q(lease__unit__property_id=query["property_id"])
        )
    if query.get("unit_id"):
        queryset = queryset.filter(Q(unit_id=query["unit_id"]) | Q(lease__unit_id=query["unit_id"]))
    if query.get("tenant_id"):
        queryset = queryset.filter(lease__tenant_id=query["tenant_id"])
    if query.get("lease_id"):
        queryset = queryset.filter(lease_id=query["lease_id"])
    if query.get("start_date"):
        queryset = queryset.filter(due_date__gte=midnight(query["start_date"]))
    if query.get("end_date"):
        queryset = queryset.filter(due_date__lt=midnight(query["end_date"]) + timedelta(days=1))
    return queryset


def _tenant(tenant) -> dict[str, Any] | None:
    brief = tenant_brief(tenant)
    if brief is not None:
        brief.update({"email": getattr(tenant, "email", None), "phone": getattr(tenant, "phone", None)})
    return brief


def present_revenues(rows, *, with_terms: bool = False) -> list[dict[str, Any]]:
    items = []
    for tx in rows:
        lease = None
        if tx.lease is not None:
            lease = {
                "_id": str(tx.lease_id),
                "tenant": _tenant(tx.lease.tenant),
                "unit": unit_brief(tx.lease.unit),
            }
            if with_terms:
                lease["terms"] = tx.lease.terms
        unit = None
        if tx.unit is not None:
            unit = {"_id": str(tx.unit_id), "unit_number": tx.unit.unit_number, "type": tx.unit.type}
        items.append(transaction_to_dict(tx, property=property_brief(tx.property), unit=unit, lease=lease))
    return items


def revenue_get(pk) -> Transaction:
    tx = Transaction.objects.select_related(*RELATED).filter(pk=pk).first()
    if tx is None:
        raise NotFound(f"Transaction with ID {pk} not found")
    return tx


def revenue_summary() -> dict[str, Any]:
    """One aggregate query over the caller's transactions (deposits excluded)."""
    rows = Transaction.objects.exclude(type__in=DEPOSIT_TYPES)
    paid = Q(status=PaymentStatus.PAID)
    aggregates = {
        "count": Count("id"),
        "paid": Sum("amount", filter=paid),
        "pending": Sum("amount", filter=Q(status=PaymentStatus.PENDING)),
        "overdue": Sum("amount", filter=Q(status=PaymentStatus.OVERDUE)),
    }
    for name in SUMMARY_TYPES:
        types = [name, "UTILITY"] if name == "UTILITIES" else [name]
        aggregates[f"type_{name}"] = Sum("amount", filter=paid & Q(type__in=types))
    totals = rows.aggregate(**aggregates)
    total_paid = totals["paid"] or ZERO
    pending = totals["pending"] or ZERO
    overdue = totals["overdue"] or ZERO
    outstanding = pending + overdue
    base = total_paid + outstanding
    rate = (total_paid / base * 100).quantize(Decimal("0.01")) if base else Decimal("0")
    return {
        "total_transactions": totals["count"],
        "totals": {"paid": total_paid, "outstanding": outstanding},
        "collection_rate": rate,
        "total_revenue": total_paid,
        "pending_revenue": pending,
        "overdue_revenue": overdue,
        "by_type": {name: totals[f"type_{name}"] or ZERO for name in SUMMARY_TYPES},
    }


def _check(data: dict[str, Any]) -> None:
    if "amount" in data and data["amount"] <= 0:
        raise BadRequest("Transaction amount must be greater than 0")
    if data.get("paid_at") and data["paid_at"] > timezone.now():
        raise BadRequest("Transaction date cannot be in the future")


def _resolve_refs(data: dict[str, Any], fields: dict[str, Any]) -> None:
    """Lease, property, unit and period ids, each looked up in the caller's scope (404 outside)."""
    if data.get("lease"):
        lease = Lease.objects.select_related("unit").filter(pk=data["lease"]).first()
        if lease is None:
            raise NotFound("Lease not found")
        fields["lease"] = lease
    if data.get("property"):
        prop = Property.objects.filter(pk=data["property"]).first()
        if prop is None:
            raise NotFound("Property not found")
        fields["property"] = prop
    if data.get("unit"):
        unit = Unit.objects.filter(pk=data["unit"]).first()
        if unit is None:
            raise NotFound("Unit not found")
        fields["unit"] = unit
    if data.get("rental_period"):
        period = RentalPeriod.objects.filter(pk=data["rental_period"]).first()
        lease = fields.get("lease")
        if period is None:
            raise NotFound("RentalPeriod not found")
        if lease is not None and period.lease_id != lease.pk:
            raise BadRequest("RentalPeriod does not belong to the specified lease")
        fields["rental_period"] = period


@atomic
def revenue_create(*, principal: Principal, data: dict[str, Any]) -> Transaction:
    if data["type"] in LEASE_TYPES and not data.get("lease"):
        raise BadRequest(
            "Lease is required for RENT, DEPOSIT, DEPOSIT_REFUND, and DEPOSIT_DEDUCTION payment types"
        )
    if data["type"] not in LEASE_TYPES and not data.get("property") and not data.get("lease"):
        raise BadRequest("Property is required for non-lease payment types")
    landlord_id = landlord_of(principal)
    refs: dict[str, Any] = {}
    _resolve_refs(data, refs)
    _check(data)
    lease = refs.get("lease")
    if lease is not None:
        refs.setdefault("unit", lease.unit)
        refs.setdefault("property", lease.unit.property)
    return Transaction.objects.unscoped().create(
        landlord_id=landlord_id,
        amount=data["amount"],
        due_date=data["due_date"],
        paid_at=data.get("paid_at"),
        type=data["type"],
        status=data.get("status") or PaymentStatus.PENDING,
        payment_method=data.get("payment_method"),
        notes=data.get("notes"),
        **refs,
    )


@atomic
def revenue_update(*, tx: Transaction, data: dict[str, Any]) -> Transaction:
    if not data:
        raise BadRequest("Update data cannot be empty")
    _check(data)
    refs: dict[str, Any] = {}
    _resolve_refs(data, refs)
    for name, value in refs.items():
        setattr(tx, name, value)
    for name in ("amount", "due_date", "paid_at", "type", "status", "payment_method", "notes"):
        if name in data:
            setattr(tx, name, data[name])
    tx.save()
    return tx


@atomic
def revenue_delete(*, tx: Transaction) -> None:
    if tx.status != PaymentStatus.PENDING:
        raise BadRequest("Only pending transactions can be deleted")
    tx.soft_delete()
