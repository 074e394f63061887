"""The rent roll (spec 05 L2) and the deposit register (spec 05 section 5.5), computed in the database.

Decisions (spec 05 open question 6, rule 2 "do the intent"; rows in docs/compatibility/leases.md):

* scoped to the caller's landlord (never the whole database);
* items are the ACTIVE leases (``status=vacant`` lists the units without one instead);
* per lease: ``amountCollected`` = paid rent, ``outstandingBalance`` = rent due before now and not
  paid (OVERDUE or still PENDING), ``dueDate`` = the earliest unpaid installment,
  ``lastPaymentDate`` = the latest payment; the ``status`` filter is applied on those figures:
  ``paid`` nothing outstanding, ``partial`` outstanding with some rent collected, ``overdue``
  outstanding with nothing collected;
* ``propertyId`` restricts both the items and the summary to that property;
* ``outstandingAmountNonActive`` = rent unpaid on EXPIRED and TERMINATED leases.

Every figure is an aggregate or an annotation: a page costs the same few queries whatever its
size or the number of leases.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.core.serializers import iso
from apps.leases.cycles import CENT, percentage_of
from apps.leases.models import (
    DepositStatus,
    Lease,
    LeaseStatus,
    PaymentStatus,
    PaymentType,
    RentalPeriod,
    RentalPeriodStatus,
    Transaction,
)
from apps.properties.models import AvailabilityStatus, Unit

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)
SORTS = {
    "rentAmount": "monthly_rent",
    "dueDate": "next_due",
    "tenantName": "tenant__name",
    "propertyName": "unit__property__name",
    "amountCollected": "collected",
    "outstandingBalance": "outstanding",
}


def _active_period_rent():
    return Subquery(
        RentalPeriod.objects.unscoped()
        .filter(lease_id=OuterRef("pk"), status=RentalPeriodStatus.ACTIVE)
        .values("rent_amount")[:1],
        output_field=MONEY,
    )


def rent_roll_queryset(*, now) -> QuerySet:
    rent = Q(transactions__type=PaymentType.RENT, transactions__deleted=False)
    paid = rent & Q(transactions__status=PaymentStatus.PAID)
    unpaid = rent & ~Q(transactions__status=PaymentStatus.PAID)
    return (
        Lease.objects.filter(unit__deleted=False, unit__property__deleted=False, tenant__deleted=False)
        .annotate(
            monthly_rent=Coalesce(_active_period_rent(), F("rent_amount"), output_field=MONEY),
            collected=Coalesce(Sum("transactions__amount", filter=paid), ZERO, output_field=MONEY),
            outstanding=Coalesce(
                Sum("transactions__amount", filter=unpaid & Q(transactions__due_date__lt=now)),
                ZERO,
                output_field=MONEY,
            ),
            last_payment=Max("transactions__paid_at", filter=paid),
            next_due=Min("transactions__due_date", filter=unpaid),
        )
        .values(
            "pk",
            "unit_id",
            "unit__unit_number",
            "unit__property_id",
            "unit__property__name",
            "tenant_id",
            "tenant__name",
            "monthly_rent",
            "collected",
            "outstanding",
            "last_payment",
            "next_due",
        )
    )


def _summary(*, property_id, now) -> dict[str, Any]:
    leases = Lease.objects.all()
    units = Unit.objects.all()
    if property_id:
        leases = leases.filter(unit__property_id=property_id)
        units = units.filter(property_id=property_id)
    active = leases.filter(status=LeaseStatus.ACTIVE)
    rent_total = active.annotate(
        monthly_rent=Coalesce(_active_period_rent(), F("rent_amount"), output_field=MONEY)
    ).aggregate(total=Sum("monthly_rent"))["total"]
    due = Transaction.objects.filter(type=PaymentType.RENT, lease__in=leases, due_date__lt=now)
    figures = due.aggregate(
        collected=Sum("amount", filter=Q(status=PaymentStatus.PAID, lease__status=LeaseStatus.ACTIVE)),
        outstanding=Sum("amount", filter=~Q(status=PaymentStatus.PAID) & Q(lease__status=LeaseStatus.ACTIVE)),
        non_active=Sum(
            "amount",
            filter=~Q(status=PaymentStatus.PAID)
            & Q(lease__status__in=(LeaseStatus.EXPIRED, LeaseStatus.TERMINATED)),
        ),
    )
    counts = units.aggregate(
        total=Count("id"), vacant=Count("id", filter=Q(availability_status=AvailabilityStatus.VACANT))
    )
    collected = figures["collected"] or Decimal("0")
    outstanding = figures["outstanding"] or Decimal("0")
    rate = percentage_of(collected, collected + outstanding).quantize(CENT)
    return {
        "total_monthly_rent": rent_total or Decimal("0"),
        "collected_amount": collected,
        "outstanding_amount": outstanding,
        "outstanding_amount_non_active": figures["non_active"] or Decimal("0"),
        "collection_rate": rate,
        "vacant_units": counts["vacant"],
        "total_units": counts["total"],
    }


def _meta(total: int, page: int, limit: int) -> dict[str, Any]:
    pages = max(1, math.ceil(total / limit))
    return {
        "page": page,
        "limit": limit,
        "total_pages": pages,
        "has_next": page < pages,
        "has_prev": page > 1,
    }


def _vacant_rows(query: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    units = Unit.objects.filter(property__deleted=False).exclude(
        pk__in=Lease.objects.filter(status=LeaseStatus.ACTIVE).values("unit_id")
    )
    if query.get("property_id"):
        units = units.filter(property_id=query["property_id"])
    if query.get("search"):
        units = units.filter(property__name__icontains=query["search"])
    units = units.select_related("property").order_by("property__name", "unit_number", "id")
    total = units.count()
    offset = (query["page"] - 1) * query["limit"]
    rows = [
        {
            "_id": str(unit.pk),
            "lease_id": None,
            "property_id": str(unit.property_id),
            "property_name": unit.property.name,
            "unit_number": unit.unit_number,
            "unit_id": str(unit.pk),
            "tenant_name": None,
            "tenant_id": None,
            "monthly_rent": Decimal("0"),
            "due_date": None,
            "amount_collected": Decimal("0"),
            "outstanding_balance": Decimal("0"),
            "last_payment_date": None,
        }
        for unit in units[offset : offset + query["limit"]]
    ]
    return total, rows


def rent_roll(query: dict[str, Any]) -> dict[str, Any]:
    now = timezone.now()
    summary = _summary(property_id=query.get("property_id"), now=now)
    page, limit = query["page"], query["limit"]
    if query.get("status") == "vacant":
        total, items = _vacant_rows(query)
        return {"summary": summary, "rent_roll": items, "total": total, "meta": _meta(total, page, limit)}
    rows = rent_roll_queryset(now=now).filter(status=LeaseStatus.ACTIVE)
    if query.get("property_id"):
        rows = rows.filter(unit__property_id=query["property_id"])
    if query.get("search"):
        rows = rows.filter(
            Q(unit__property__name__icontains=query["search"]) | Q(tenant__name__icontains=query["search"])
        )
    status = query.get("status")
    if status == "paid":
        rows = rows.filter(outstanding=0)
    elif status == "partial":
        rows = rows.filter(outstanding__gt=0, collected__gt=0)
    elif status == "overdue":
        rows = rows.filter(outstanding__gt=0, collected=0)
    if query.get("sort_by") and query.get("sort_order"):
        field = SORTS[query["sort_by"]]
        prefix = "-" if query["sort_order"] == "desc" else ""
        rows = rows.order_by(f"{prefix}{field}", "pk")
    else:
        rows = rows.order_by("unit__property__name", "pk")
    total = rows.count()
    offset = (page - 1) * limit
    items = [
        {
            "_id": str(row["pk"]),
            "lease_id": str(row["pk"]),
            "property_id": str(row["unit__property_id"]),
            "property_name": row["unit__property__name"],
            "unit_number": row["unit__unit_number"],
            "unit_id": str(row["unit_id"]),
            "tenant_name": row["tenant__name"],
            "tenant_id": str(row["tenant_id"]),
            "monthly_rent": row["monthly_rent"],
            "due_date": iso(row["next_due"]),
            "amount_collected": row["collected"],
            "outstanding_balance": row["outstanding"],
            "last_payment_date": iso(row["last_payment"]),
        }
        for row in (rows[offset : offset + limit] if offset < total else [])
    ]
    return {"summary": summary, "rent_roll": items, "total": total, "meta": _meta(total, page, limit)}


# -- deposits -------------------------------------------------------------------------------------
def deposit_queryset() -> QuerySet:
    """Leases with a security deposit, annotated with their computed deposit status (§3.6)."""
    latest = (
        Transaction.objects.unscoped()
        .filter(lease_id=OuterRef("pk"), type=PaymentType.DEPOSIT)
        .order_by("-created_at")
    )
    return (
        Lease.objects.filter(is_security_deposit=True)
        .select_related("unit__property", "tenant")
        .annotate(
            deposit_tx_status=Subquery(latest.values("status")[:1], output_field=CharField()),
            deposit_paid_at=Subquery(latest.values("paid_at")[:1]),
        )
        .annotate(
            deposit_status=Case(
                When(
                    security_deposit_refunded_at__isnull=False,
                    deposit_total_deductions__gt=0,
                    then=Value(DepositStatus.PARTIALLY_RETURNED),
                ),
                When(security_deposit_refunded_at__isnull=False, then=Value(DepositStatus.RETURNED)),
                When(
                    Q(deposit_tx_status__isnull=True) | ~Q(deposit_tx_status=PaymentStatus.PAID),
                    then=Value(DepositStatus.NOT_PAID),
                ),
                When(
                    status__in=(LeaseStatus.TERMINATED, LeaseStatus.EXPIRED),
                    then=Value(DepositStatus.AWAITING_RETURN),
                ),
                default=Value(DepositStatus.ACTIVE),
                output_field=CharField(),
            )
        )
    )


def deposit_filtered(query: dict[str, Any]) -> QuerySet:
    queryset = deposit_queryset()
    for key, field in (
        ("status", "deposit_status"),
        ("property_id", "unit__property_id"),
        ("unit_id", "unit_id"),
        ("tenant_id", "tenant_id"),
    ):
        if query.get(key):
            queryset = queryset.filter(**{field: query[key]})
    return queryset


def present_deposits(rows) -> list[dict[str, Any]]:
    items = []
    for lease in rows:
        unit = lease.unit
        prop = unit.property if unit is not None else None
        items.append(
            {
                "id": str(lease.pk),
                "tenant": {"id": str(lease.tenant_id), "name": lease.tenant.name} if lease.tenant else None,
                "property": {"id": str(prop.pk), "name": prop.name} if prop and not prop.deleted else None,
                "unit": {"id": str(unit.pk), "unit_number": unit.unit_number} if unit else None,
                "deposit_amount": lease.security_deposit_amount or Decimal("0"),
                "status": lease.deposit_status,
                "paid_date": iso(lease.deposit_paid_at)
                if lease.deposit_tx_status == PaymentStatus.PAID
                else None,
                "returned_amount": lease.deposit_final_refund_amount,
                "deducted_amount": lease.deposit_total_deductions,
                "lease_status": lease.status,
            }
        )
    return items


def deposit_summary() -> dict[str, Any]:
    figures = deposit_queryset().aggregate(
        total=Count("id"),
        amount=Sum("security_deposit_amount"),
        active=Count("id", filter=Q(deposit_status=DepositStatus.ACTIVE)),
        awaiting=Count("id", filter=Q(deposit_status=DepositStatus.AWAITING_RETURN)),
        returned=Count("id", filter=Q(deposit_status=DepositStatus.RETURNED)),
        partial=Count("id", filter=Q(deposit_status=DepositStatus.PARTIALLY_RETURNED)),
        not_paid=Count("id", filter=Q(deposit_status=DepositStatus.NOT_PAID)),
    )
    return {
        "total_deposits": figures["total"],
        "total_amount": figures["amount"] or Decimal("0"),
        "active_deposits": figures["active"],
        "awaiting_return": figures["awaiting"],
        "returned": figures["returned"],
        "partially_returned": figures["partial"],
        "not_paid": figures["not_paid"],
    }
