"""Leases, rental periods, transactions and signature tokens (spec 05 sections 1 and 2).

Money is ``DecimalField(max_digits=12, decimal_places=2)`` everywhere (``Decimal128`` on the
MongoDB lane); dates that the original stores as JavaScript ``Date`` values are ``DateTimeField``
in UTC. Every model is scoped (fail-closed manager) and soft-deletable; the access rows are in
:mod:`apps.leases.policies`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from apps.accounts.models import Landlord, Tenant
from apps.core.models import BaseModel, ScopedManager, ScopedModel
from apps.properties.models import Property, Unit

ZERO = Decimal("0.00")


def money(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class LeaseStatus(models.TextChoices):
    DRAFT = "DRAFT"
    PENDING_SIGNATURE = "PENDING_SIGNATURE"
    ACTIVE = "ACTIVE"
    EXPIRED = "EXPIRED"
    TERMINATED = "TERMINATED"


class SignatureTokenStatus(models.TextChoices):
    PENDING = "PENDING"
    USED = "USED"
    EXPIRED = "EXPIRED"
    INVALIDATED = "INVALIDATED"


class PaymentCycle(models.TextChoices):
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    ANNUALLY = "ANNUALLY"


class RentIncreaseType(models.TextChoices):
    PERCENTAGE = "PERCENTAGE"
    VALUE = "VALUE"


class RentalPeriodStatus(models.TextChoices):
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    EXPIRED = "EXPIRED"


class PaymentStatus(models.TextChoices):
    PENDING = "PENDING"
    PAID = "PAID"
    OVERDUE = "OVERDUE"


class PaymentType(models.TextChoices):
    RENT = "RENT"
    DEPOSIT = "DEPOSIT"
    DEPOSIT_REFUND = "DEPOSIT_REFUND"
    DEPOSIT_DEDUCTION = "DEPOSIT_DEDUCTION"
    LATE_FEE = "LATE_FEE"
    FEES = "FEES"
    MAINTENANCE = "MAINTENANCE"
    UTILITIES = "UTILITIES"
    UTILITY = "UTILITY"
    OTHER = "OTHER"


class PaymentMethod(models.TextChoices):
    CASH = "CASH"
    CHECK = "CHECK"
    BANK_TRANSFER = "BANK_TRANSFER"
    CREDIT_CARD = "CREDIT_CARD"
    DIGITAL_WALLET = "DIGITAL_WALLET"
    OTHER = "OTHER"


class AssessmentStatus(models.TextChoices):
    PENDING = "pending"
    COMPLETED = "completed"
    DISPUTED = "disputed"


class DepositStatus(models.TextChoices):
    ACTIVE = "active"
    AWAITING_RETURN = "awaiting_return"
    RETURNED = "returned"
    PARTIALLY_RETURNED = "partially_returned"
    NOT_PAID = "not_paid"


class Lease(ScopedModel):
    access_subject = "Lease"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="leases")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="leases")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="leases")
    start_date = models.DateTimeField(db_index=True)
    end_date = models.DateTimeField(db_index=True)
    rent_amount = money(validators=[MinValueValidator(ZERO)])
    is_security_deposit = models.BooleanField(default=False)
    security_deposit_amount = money(null=True, blank=True, validators=[MinValueValidator(ZERO)])
    security_deposit_refunded_at = models.DateTimeField(null=True, blank=True)
    security_deposit_refund_reason = models.CharField(max_length=500, null=True, blank=True)
    #: the ``depositAssessment`` sub-document; its amounts are the two decimal columns below and
    #: each deduction item's ``cost`` is kept as a decimal string
    deposit_assessment = models.JSONField(null=True, blank=True)
    deposit_total_deductions = money(null=True, blank=True)
    deposit_final_refund_amount = money(null=True, blank=True)
    payment_cycle = models.CharField(
        max_length=10, choices=PaymentCycle.choices, default=PaymentCycle.MONTHLY
    )
    status = models.CharField(
        max_length=20, choices=LeaseStatus.choices, default=LeaseStatus.DRAFT, db_index=True
    )
    termination_date = models.DateTimeField(null=True, blank=True, db_index=True)
    termination_reason = models.CharField(max_length=500, null=True, blank=True)
    terms = models.TextField(max_length=5000, null=True, blank=True)
    rent_increase_type = models.CharField(
        max_length=10, choices=RentIncreaseType.choices, null=True, blank=True
    )
    rent_increase_amount = money(null=True, blank=True)
    rent_increase_reason = models.CharField(max_length=500, null=True, blank=True)
    auto_renewal = models.BooleanField(default=False)
    activated_at = models.DateTimeField(null=True, blank=True)
    signed_pdf_id = models.UUIDField(null=True, blank=True)
    pdf_generated_at = models.DateTimeField(null=True, blank=True)
    signature_requested_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    tenant_signature_name = models.CharField(max_length=200, null=True, blank=True)
    tenant_signature_data = models.TextField(null=True, blank=True)
    tenant_signature_ip = models.CharField(max_length=45, null=True, blank=True)
    tenant_signature_user_agent = models.CharField(max_length=500, null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "leases"
        indexes = [
            models.Index(fields=["landlord", "status"], name="lease_landlord_status"),
            models.Index(fields=["landlord", "tenant"], name="lease_landlord_tenant"),
            models.Index(fields=["unit", "status", "deleted"], name="lease_unit_status"),
            models.Index(fields=["tenant", "status", "deleted"], name="lease_tenant_status"),
            models.Index(fields=["status", "end_date", "start_date"], name="lease_status_dates"),
            models.Index(fields=["landlord", "deleted", "-created_at"], name="lease_landlord_live"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "unit"],
                condition=Q(status="ACTIVE", deleted=False),
                name="lease_one_active_per_unit",
            )
        ]

    def __str__(self) -> str:
        return f"Lease {self.pk} ({self.status})"

    @property
    def rent_increase(self) -> dict | None:
        if not self.rent_increase_type:
            return None
        return {
            "type": self.rent_increase_type,
            "amount": self.rent_increase_amount,
            "reason": self.rent_increase_reason,
        }


class RentalPeriod(ScopedModel):
    access_subject = "RentalPeriod"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="rental_periods")
    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="rental_periods")
    start_date = models.DateTimeField()
    end_date = models.DateTimeField()
    rent_amount = money(validators=[MinValueValidator(ZERO)])
    status = models.CharField(
        max_length=10, choices=RentalPeriodStatus.choices, default=RentalPeriodStatus.ACTIVE
    )
    applied_increase_type = models.CharField(
        max_length=10, choices=RentIncreaseType.choices, null=True, blank=True
    )
    applied_increase_amount = money(null=True, blank=True)
    applied_increase_previous_rent = money(null=True, blank=True)
    applied_increase_reason = models.CharField(max_length=500, null=True, blank=True)
    renewed_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    renewed_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ScopedManager()

    class Meta:
        db_table = "rentalperiods"
        indexes = [
            models.Index(fields=["lease", "status"], name="period_lease_status"),
            models.Index(fields=["landlord", "deleted", "-created_at"], name="period_landlord_live"),
            models.Index(fields=["status", "start_date"], name="period_status_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "lease"],
                condition=Q(status="ACTIVE", deleted=False),
                name="period_one_active_per_lease",
            )
        ]

    def __str__(self) -> str:
        return f"Period {self.start_date:%Y-%m-%d} - {self.end_date:%Y-%m-%d} ({self.status})"

    @property
    def applied_rent_increase(self) -> dict | None:
        if not self.applied_increase_type:
            return None
        return {
            "type": self.applied_increase_type,
            "amount": self.applied_increase_amount,
            "previous_rent": self.applied_increase_previous_rent,
            "reason": self.applied_increase_reason,
        }


class Transaction(ScopedModel):
    """Every money movement. The Stripe columns are the payments app's (spec 05 section 2.3):
    it fills them; nothing here reads them."""

    access_subject = "Transaction"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="transactions")
    lease = models.ForeignKey(
        Lease, on_delete=models.CASCADE, null=True, blank=True, related_name="transactions"
    )
    rental_period = models.ForeignKey(
        RentalPeriod, on_delete=models.SET_NULL, null=True, blank=True, related_name="transactions"
    )
    property = models.ForeignKey(
        Property, on_delete=models.SET_NULL, null=True, blank=True, related_name="transactions"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="transactions"
    )
    amount = money()
    due_date = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    type = models.CharField(max_length=20, choices=PaymentType.choices)
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices, null=True, blank=True)
    notes = models.CharField(max_length=500, null=True, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, null=True, blank=True, db_index=True)
    stripe_charge_id = models.CharField(max_length=255, null=True, blank=True, db_index=True)
    stripe_payment_method_type = models.CharField(max_length=10, null=True, blank=True)
    stripe_receipt_url = models.CharField(max_length=1024, null=True, blank=True)
    stripe_metadata = models.JSONField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "transactions"
        indexes = [
            models.Index(fields=["landlord", "status", "due_date"], name="tx_landlord_status_due"),
            models.Index(fields=["lease", "status", "-paid_at"], name="tx_lease_status_paid"),
            models.Index(fields=["due_date", "status"], name="tx_due_status"),
            models.Index(fields=["landlord", "deleted", "-due_date"], name="tx_landlord_live_due"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.amount} ({self.status})"


class LeaseSignatureToken(ScopedModel):
    """A single-use signing link. Only the SHA-256 of the raw token is stored."""

    access_subject = "LeaseSignatureToken"

    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="signature_tokens")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=12, choices=SignatureTokenStatus.choices, default=SignatureTokenStatus.PENDING
    )
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    invalidated_at = models.DateTimeField(null=True, blank=True)
    invalidation_reason = models.CharField(max_length=500, null=True, blank=True)
    pdf_version_hash = models.CharField(max_length=64)

    objects = ScopedManager()

    class Meta:
        db_table = "leasesignaturetokens"
        indexes = [models.Index(fields=["lease", "status"], name="sigtoken_lease_status")]

    def __str__(self) -> str:
        return f"Signature token of {self.lease_id} ({self.status})"


class NoticeLog(BaseModel):
    """One row per scheduled notice sent (kind, record, day): what makes the daily jobs idempotent.

    A job first records the notices it is about to send, in the same transaction as the sending,
    and skips records already logged for that day; the unique constraint stops two concurrent
    runs from both sending.
    """

    kind = models.CharField(max_length=64)
    object_id = models.UUIDField()
    on_date = models.DateField()

    class Meta:
        db_table = "lease_notice_log"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "on_date"], name="notice_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.on_date}"
