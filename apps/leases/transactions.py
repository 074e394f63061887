"""Writes of transactions (spec 05 sections 3.3, 4.8, 5.4).

The payments app (a later floor) adds Stripe flows on the same :class:`Transaction` rows; these
services are the manual side: create, update, delete, process, mark as paid / not paid.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, NotFound
from apps.core.scope import Principal
from apps.leases import notices
from apps.leases.models import Lease, PaymentStatus, PaymentType, RentalPeriod, Transaction
from apps.leases.services import landlord_of


def _lease_in_scope(lease_id, *, message: str = "Lease not found") -> Lease:
    lease = Lease.objects.select_related("unit").filter(pk=lease_id).first()
    if lease is None:
        raise NotFound(message)
    return lease


def _period_of(lease: Lease, period_id) -> RentalPeriod:
    period = RentalPeriod.objects.filter(pk=period_id).first()
    if period is None:
        raise NotFound("RentalPeriod not found")
    if period.lease_id != lease.pk:
        raise BadRequest("RentalPeriod does not belong to the specified lease")
    return period


def _check_amount_and_date(data: dict[str, Any]) -> None:
    if "amount" in data and data["amount"] <= 0:
        raise BadRequest("Transaction amount must be greater than 0")
    if data.get("paid_at") and data["paid_at"] > timezone.now():
        raise BadRequest("Transaction date cannot be in the future")


@atomic
def transaction_create(*, principal: Principal, data: dict[str, Any]) -> Transaction:
    lease = _lease_in_scope(data["lease"])
    period = _period_of(lease, data["rental_period"]) if data.get("rental_period") else None
    _check_amount_and_date(data)
    landlord_id = landlord_of(principal)
    if lease.landlord_id != landlord_id:
        raise NotFound("Lease not found in your organization")
    return Transaction.objects.unscoped().create(
        landlord_id=landlord_id,
        lease=lease,
        rental_period=period,
        property_id=lease.unit.property_id,
        unit_id=lease.unit_id,
        amount=data["amount"],
        due_date=data["due_date"],
        paid_at=data.get("paid_at"),
        type=data["type"],
        status=data.get("status") or PaymentStatus.PENDING,
        payment_method=data.get("payment_method"),
        notes=data.get("notes"),
    )


@atomic
def transaction_update(*, tx: Transaction, data: dict[str, Any]) -> Transaction:
    if not data:
        raise BadRequest("Update data cannot be empty")
    _check_amount_and_date(data)
    if "lease" in data:
        lease = _lease_in_scope(data["lease"])
        tx.lease = lease
        tx.unit_id, tx.property_id = lease.unit_id, lease.unit.property_id
    if "rental_period" in data:
        tx.rental_period = _period_of(tx.lease, data["rental_period"]) if data["rental_period"] else None
    for name in ("amount", "due_date", "paid_at", "type", "status", "payment_method", "notes"):
        if name in data:
            setattr(tx, name, data[name])
    tx.save()
    return tx


def transaction_process(*, tx: Transaction) -> Transaction:
    if tx.status != PaymentStatus.PENDING:
        raise BadRequest("Only pending transactions can be processed")
    return tx


@atomic
def transaction_delete(*, tx: Transaction) -> None:
    if tx.status != PaymentStatus.PENDING:
        raise BadRequest("Only pending transactions can be deleted")
    tx.soft_delete()


def check_payment_order(tx: Transaction) -> None:
    """Spec 05 section 4.8: deposit first, then installments in due-date order (one query)."""
    if tx.lease_id is None or tx.type != PaymentType.RENT:
        return
    siblings = (
        Transaction.objects.unscoped()
        .filter(lease_id=tx.lease_id, status=PaymentStatus.PENDING)
        .exclude(pk=tx.pk)
    )
    earlier = Q(due_date__lt=tx.due_date) if tx.due_date is not None else Q(pk__in=[])
    blocking = siblings.aggregate(
        deposits=Count("id", filter=Q(type=PaymentType.DEPOSIT)), earliest=Min("due_date", filter=earlier)
    )
    if blocking["deposits"]:
        raise BadRequest("Cannot mark rent as paid. There is an unpaid deposit that must be paid first.")
    if blocking["earliest"] is not None:
        raise BadRequest(
            "Cannot mark this payment as paid. There is an earlier unpaid payment due on "
            f"{notices.day(blocking['earliest'])}. Please pay earlier payments first."
        )


@atomic
def transaction_mark_paid(*, tx: Transaction, payment_method: str, notes: str | None) -> Transaction:
    check_payment_order(tx)
    now = timezone.now()
    tx.status = PaymentStatus.PAID
    tx.paid_at = now
    tx.payment_method = payment_method
    fields = ["status", "paid_at", "payment_method"]
    if notes is not None:
        tx.notes = notes
        fields.append("notes")
    tx.save(update_fields=fields)
    if tx.lease_id is not None:
        lease = tx.lease  # loaded with its unit and property by the caller's selector
        notices.email_tenant_users(
            lease,
            template="payment-confirmation",
            context={
                **notices.payment_context(tx),
                "paymentDate": notices.day(now),
                "paymentMethod": payment_method,
                "paymentReference": notes or "",
            },
        )
    return tx


@atomic
def transaction_mark_not_paid(*, tx: Transaction) -> Transaction:
    tx.status = PaymentStatus.PENDING
    tx.paid_at = None
    tx.payment_method = None
    tx.notes = None
    tx.save(update_fields=["status", "paid_at", "payment_method", "notes"])
    return tx
