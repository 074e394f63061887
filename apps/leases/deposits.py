"""Security deposits: computed status and settlement (spec 05 sections 3.6, 4.6, 5.5, L12, L13)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import Unprocessable
from apps.leases.cycles import CENT, to_cents
from apps.leases.models import (
    AssessmentStatus,
    DepositStatus,
    Lease,
    LeaseStatus,
    PaymentMethod,
    PaymentStatus,
    PaymentType,
    Transaction,
)

ENDED = (LeaseStatus.TERMINATED, LeaseStatus.EXPIRED)


def deposit_status(lease: Lease, deposit_tx_status: str | None) -> str:
    """First rule wins (spec 05 section 3.6); ``deposit_tx_status`` is the latest DEPOSIT row's."""
    if lease.security_deposit_refunded_at is not None:
        if (lease.deposit_total_deductions or 0) > 0:
            return DepositStatus.PARTIALLY_RETURNED
        return DepositStatus.RETURNED
    if deposit_tx_status != PaymentStatus.PAID:
        return DepositStatus.NOT_PAID
    if lease.status in ENDED:
        return DepositStatus.AWAITING_RETURN
    return DepositStatus.ACTIVE


def assessment_of(lease: Lease) -> dict[str, Any] | None:
    """The ``depositAssessment`` sub-document with its amounts as Decimals."""
    if lease.deposit_assessment is None:
        return None
    stored = dict(lease.deposit_assessment)
    stored["deduction_items"] = [
        {**item, "cost": Decimal(item["cost"])} for item in stored.get("deduction_items", [])
    ]
    stored["total_deductions"] = lease.deposit_total_deductions
    stored["final_refund_amount"] = lease.deposit_final_refund_amount
    return stored


@atomic
def deposit_settle(*, lease: Lease, data: dict[str, Any]) -> Lease:
    if not lease.is_security_deposit:
        raise Unprocessable("This lease does not have a security deposit")
    if lease.security_deposit_refunded_at is not None:
        raise Unprocessable("Security deposit has already been refunded")
    deposit = to_cents(lease.security_deposit_amount or 0)
    final = to_cents(data["final_refund_amount"])
    if final > deposit:
        raise Unprocessable(
            f"Final refund amount ({final}) cannot exceed security deposit amount ({deposit})"
        )
    items = data.get("deduction_items") or []
    total = to_cents(sum((Decimal(item["cost"]) for item in items), Decimal("0")))
    expected = deposit - total
    if abs(final - expected) > CENT:
        raise Unprocessable(f"Final refund amount ({final}) does not match calculated amount ({expected})")
    now = timezone.now()
    common = {
        "landlord_id": lease.landlord_id,
        "lease": lease,
        "property_id": lease.unit.property_id,
        "unit_id": lease.unit_id,
        "status": PaymentStatus.PAID,
        "paid_at": now,
        "due_date": now,
        "payment_method": PaymentMethod.OTHER,
    }
    Transaction.objects.unscoped().create(
        **common,
        amount=-deposit,
        type=PaymentType.DEPOSIT_REFUND,
        notes=f"Security deposit refund: {data['refund_reason']}"[:500],
    )
    if total > 0:
        Transaction.objects.unscoped().create(
            **common, amount=total, type=PaymentType.DEPOSIT_DEDUCTION, notes="Security deposit deductions"
        )
    lease.deposit_assessment = {
        "assessment_date": now.isoformat(),
        "deduction_items": [
            {
                "description": item["description"],
                "cost": str(to_cents(item["cost"])),
                **({"notes": item["notes"]} if item.get("notes") else {}),
            }
            for item in items
        ],
        "assessment_notes": data.get("assessment_notes"),
        "status": AssessmentStatus.COMPLETED,
    }
    lease.deposit_total_deductions = total
    lease.deposit_final_refund_amount = final
    lease.security_deposit_refunded_at = now
    lease.security_deposit_refund_reason = data["refund_reason"]
    lease.save()
    return lease
