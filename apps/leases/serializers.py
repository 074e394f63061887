"""Request bodies and query strings of the lease routes, and the record presenters.

Amounts are parsed as :class:`~decimal.Decimal` (``DecimalField``, two places) and stay Decimal
until the JSON renderer writes them as numbers.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.pagination import ListQuery
from apps.core.serializers import IdField, InputSerializer, iso
from apps.leases.models import (
    DepositStatus,
    Lease,
    LeaseStatus,
    PaymentCycle,
    PaymentMethod,
    PaymentStatus,
    PaymentType,
    RentalPeriod,
    RentalPeriodStatus,
    RentIncreaseType,
    Transaction,
)

RENT_ROLL_STATUSES = ["paid", "partial", "overdue", "vacant"]
RENT_ROLL_SORTS = [
    "rentAmount",
    "dueDate",
    "tenantName",
    "propertyName",
    "amountCollected",
    "outstandingBalance",
]
ADMIN_LEASE_STATUSES = ["DRAFT", "ACTIVE", "EXPIRED", "TERMINATED"]


def amount_field(**kwargs) -> serializers.DecimalField:
    """A JSON number with at most two decimals, parsed into a Decimal (documented as a number)."""
    return serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, **kwargs)


class RentIncreaseInput(InputSerializer):
    type = serializers.ChoiceField(choices=RentIncreaseType.choices)
    amount = amount_field(min_value=Decimal("0.01"))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)

    def validate(self, attrs):
        if attrs["type"] == RentIncreaseType.PERCENTAGE and attrs["amount"] > 100:
            raise serializers.ValidationError("Percentage increase cannot exceed 100%")
        return attrs


@extend_schema_field(RentIncreaseInput)
class RentIncreaseField(serializers.Field):
    """An object, or the same object as a JSON string (multipart forms)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                raise serializers.ValidationError("must be an object") from None
        if not isinstance(data, dict):
            raise serializers.ValidationError("must be an object")
        nested = RentIncreaseInput(data=data)
        if not nested.is_valid():
            raise serializers.ValidationError(nested.errors)
        return nested.validated_data

    def to_representation(self, value):
        return value


class LeaseWriteInput(InputSerializer):
    unit = IdField()
    tenant = IdField()
    start_date = serializers.DateTimeField()
    end_date = serializers.DateTimeField()
    rent_amount = amount_field(min_value=Decimal("0.01"))
    is_security_deposit = serializers.BooleanField(required=False)
    security_deposit_amount = amount_field(min_value=0, required=False, allow_null=True)
    payment_cycle = serializers.ChoiceField(choices=PaymentCycle.choices)
    status = serializers.ChoiceField(choices=LeaseStatus.choices, required=False)
    terms = serializers.CharField(max_length=5000, required=False, allow_blank=True, allow_null=True)
    rent_increase = RentIncreaseField(required=False, allow_null=True)
    auto_renewal = serializers.BooleanField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("start_date"), attrs.get("end_date")
        errors = []
        if start and end and start >= end:
            errors.append("Start date must be before end date")
        if end and end <= timezone.now():
            errors.append("End date must be in the future")
        if (
            attrs.get("is_security_deposit")
            and attrs.get("security_deposit_amount") is None
            and not self.partial
        ):
            errors.append("securityDepositAmount should not be empty")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class LeaseUpdateInput(LeaseWriteInput):
    termination_date = serializers.DateTimeField(required=False, allow_null=True)
    termination_reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, allow_null=True
    )
    security_deposit_refunded_at = serializers.DateTimeField(required=False, allow_null=True)
    security_deposit_refund_reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, allow_null=True
    )
    existing_document_ids = serializers.ListField(child=IdField(), required=False)

    def to_internal_value(self, data):
        ids = (
            data.get("existingDocumentIds", data.get("existing_document_ids"))
            if hasattr(data, "get")
            else None
        )
        if isinstance(ids, str):
            data = {**data, "existing_document_ids": [ids] if ids else []}
            data.pop("existingDocumentIds", None)
        return super().to_internal_value(data)

    def validate(self, attrs):
        end = attrs.get("end_date")
        start = attrs.get("start_date")
        if start and end and start >= end:
            raise serializers.ValidationError(["Start date must be before end date"])
        return attrs


class LeaseListQuery(ListQuery):
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "startDate": "start_date",
        "endDate": "end_date",
        "rentAmount": "rent_amount",
        "status": "status",
    }
    sort_by = serializers.ChoiceField(choices=list(sortable), required=False, default="createdAt")
    status = serializers.ChoiceField(choices=LeaseStatus.choices, required=False)
    property_id = IdField(required=False)
    unit_id = IdField(required=False)
    tenant_id = IdField(required=False)
    start_date_from = serializers.DateTimeField(required=False)
    start_date_to = serializers.DateTimeField(required=False)
    end_date_from = serializers.DateTimeField(required=False)
    end_date_to = serializers.DateTimeField(required=False)


class TerminateInput(InputSerializer):
    termination_date = serializers.DateTimeField()
    termination_reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class RenewInput(InputSerializer):
    desired_end_date = serializers.DateTimeField()
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class DeductionItemInput(InputSerializer):
    description = serializers.CharField(max_length=200)
    cost = amount_field(min_value=0)
    notes = serializers.CharField(max_length=500, required=False, allow_blank=True)


class DepositAssessmentInput(InputSerializer):
    deduction_items = DeductionItemInput(many=True, required=False)
    assessment_notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    final_refund_amount = amount_field(min_value=0)
    refund_reason = serializers.CharField(max_length=500)


class PeriodListQuery(ListQuery):
    sortable = {
        "startDate": "start_date",
        "endDate": "end_date",
        "rentAmount": "rent_amount",
        "status": "status",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
    }
    sort_by = serializers.CharField(required=False, default="startDate", max_length=64)
    status = serializers.ChoiceField(choices=RentalPeriodStatus.choices, required=False)
    lease_id = IdField(required=False)
    start_date_from = serializers.DateTimeField(required=False)
    start_date_to = serializers.DateTimeField(required=False)
    end_date_from = serializers.DateTimeField(required=False)
    end_date_to = serializers.DateTimeField(required=False)

    def validate_sort_by(self, value: str) -> str:
        """Any field name is accepted; one that is not a period field just does not order."""
        return value

    def ordering(self) -> tuple[str, ...]:
        data = self.validated_data
        prefix = "" if str(data.get("sort_order", "desc")).lower() == "asc" else "-"
        field = self.sortable.get(data["sort_by"])
        return (f"{prefix}{field}", f"{prefix}id") if field else ("-created_at", "-id")


class TransactionListQuery(ListQuery):
    sortable = {
        "dueDate": "due_date",
        "paidAt": "paid_at",
        "amount": "amount",
        "status": "status",
        "type": "type",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
    }
    sort_by = serializers.CharField(required=False, default="dueDate", max_length=64)
    status = serializers.ChoiceField(choices=PaymentStatus.choices, required=False)
    type = serializers.ChoiceField(choices=PaymentType.choices, required=False)
    lease_id = IdField(required=False)
    unit_id = IdField(required=False)
    tenant_id = IdField(required=False)
    rental_period_id = IdField(required=False)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)
    paid_at_from = serializers.DateTimeField(required=False)
    paid_at_to = serializers.DateTimeField(required=False)

    def validate_sort_by(self, value: str) -> str:
        return value

    def ordering(self) -> tuple[str, ...]:
        data = self.validated_data
        prefix = "" if str(data.get("sort_order", "desc")).lower() == "asc" else "-"
        field = self.sortable.get(data["sort_by"])
        return (f"{prefix}{field}", f"{prefix}id") if field else ("-created_at", "-id")


class TransactionCreateInput(InputSerializer):
    lease = IdField()
    rental_period = IdField(required=False, allow_null=True)
    amount = amount_field(min_value=0)
    due_date = serializers.DateTimeField()
    paid_at = serializers.DateTimeField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=PaymentType.choices)
    status = serializers.ChoiceField(choices=PaymentStatus.choices, required=False)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False, allow_null=True)
    notes = serializers.CharField(max_length=500, required=False, allow_blank=True, allow_null=True)


class TransactionUpdateInput(TransactionCreateInput):
    lease = IdField(required=False)
    amount = amount_field(min_value=0, required=False)
    due_date = serializers.DateTimeField(required=False)
    type = serializers.ChoiceField(choices=PaymentType.choices, required=False)


class MarkPaidInput(InputSerializer):
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)
    notes = serializers.CharField(max_length=500, required=False, allow_blank=True)


@extend_schema_field({"type": "string", "minLength": 2, "maxLength": 200, "pattern": r"\S.*\S"})
class SignatureNameField(serializers.CharField):
    """The signer's name; its length is checked with the spec's own message (see SignInput)."""


class SignInput(InputSerializer):
    signature_name = SignatureNameField(max_length=200)
    signature_data = serializers.CharField(required=False, allow_blank=True, max_length=2_000_000)
    agreed_to_terms = serializers.BooleanField()

    def validate_signature_name(self, value: str) -> str:
        if len(value.strip()) < 2:
            raise serializers.ValidationError("Name must be at least 2 characters")
        return value.strip()


class DepositListQuery(ListQuery):
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "startDate": "start_date",
        "endDate": "end_date",
        "securityDepositAmount": "security_deposit_amount",
        "status": "status",
    }
    sort_by = serializers.ChoiceField(choices=list(sortable), required=False, default="createdAt")
    status = serializers.ChoiceField(choices=DepositStatus.choices, required=False)
    property_id = IdField(required=False)
    unit_id = IdField(required=False)
    tenant_id = IdField(required=False)


class RentRollQuery(InputSerializer):
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=1_000_000)
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=100)
    property_id = IdField(required=False)
    status = serializers.ChoiceField(choices=["paid", "partial", "overdue", "vacant"], required=False)
    sort_by = serializers.ChoiceField(
        choices=[
            "rentAmount",
            "dueDate",
            "tenantName",
            "propertyName",
            "amountCollected",
            "outstandingBalance",
        ],
        required=False,
    )
    sort_order = serializers.ChoiceField(choices=["asc", "desc"], required=False)
    search = serializers.CharField(required=False, allow_blank=True, max_length=200)


class LeaseMediaQuery(InputSerializer):
    media_type = serializers.CharField(required=False, max_length=20)
    collection_name = serializers.CharField(required=False, max_length=64)


class LeaseMediaUploadInput(InputSerializer):
    file = serializers.FileField()
    media_type = serializers.CharField(required=False, max_length=20)
    name = serializers.CharField(required=False, max_length=255)
    collection_name = serializers.CharField(required=False, max_length=64)


# -- presenters ---------------------------------------------------------------------------------
def _record(obj) -> dict[str, Any]:
    return {
        "deleted": obj.deleted,
        "created_at": iso(obj.created_at),
        "updated_at": iso(obj.updated_at),
        "__v": obj.version,
    }


def deposit_assessment_to_dict(lease: Lease) -> dict[str, Any] | None:
    stored = lease.deposit_assessment
    if stored is None:
        return None
    from decimal import Decimal

    return {
        "assessment_date": stored.get("assessment_date"),
        "deduction_items": [
            {**item, "cost": Decimal(item["cost"])} for item in stored.get("deduction_items", [])
        ],
        "total_deductions": lease.deposit_total_deductions,
        "final_refund_amount": lease.deposit_final_refund_amount,
        "assessment_notes": stored.get("assessment_notes"),
        "status": stored.get("status"),
    }


def lease_to_dict(lease: Lease, **related: Any) -> dict[str, Any]:
    """A lease as the original stores it; ``related`` replaces ``unit``/``tenant`` ids with objects."""
    data: dict[str, Any] = {
        "_id": str(lease.pk),
        "landlord": str(lease.landlord_id),
        "unit": str(lease.unit_id),
        "tenant": str(lease.tenant_id),
        "start_date": iso(lease.start_date),
        "end_date": iso(lease.end_date),
        "rent_amount": lease.rent_amount,
        "is_security_deposit": lease.is_security_deposit,
        "security_deposit_amount": lease.security_deposit_amount,
        "security_deposit_refunded_at": iso(lease.security_deposit_refunded_at),
        "security_deposit_refund_reason": lease.security_deposit_refund_reason,
        "deposit_assessment": deposit_assessment_to_dict(lease),
        "payment_cycle": lease.payment_cycle,
        "status": lease.status,
        "termination_date": iso(lease.termination_date),
        "termination_reason": lease.termination_reason,
        "terms": lease.terms,
        "rent_increase": lease.rent_increase,
        "auto_renewal": lease.auto_renewal,
        "activated_at": iso(lease.activated_at),
        "signed_pdf_id": str(lease.signed_pdf_id) if lease.signed_pdf_id else None,
        "signature_requested_at": iso(lease.signature_requested_at),
        "signed_at": iso(lease.signed_at),
        "tenant_signature_name": lease.tenant_signature_name,
        **_record(lease),
    }
    data.update(related)
    return data


def period_brief(period: RentalPeriod | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {
        "_id": str(period.pk),
        "start_date": iso(period.start_date),
        "end_date": iso(period.end_date),
        "rent_amount": period.rent_amount,
    }


def period_to_dict(period: RentalPeriod, **related: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "_id": str(period.pk),
        "landlord": str(period.landlord_id),
        "lease": str(period.lease_id),
        "start_date": iso(period.start_date),
        "end_date": iso(period.end_date),
        "rent_amount": period.rent_amount,
        "status": period.status,
        "applied_rent_increase": period.applied_rent_increase,
        "renewed_from": str(period.renewed_from_id) if period.renewed_from_id else None,
        "renewed_to": str(period.renewed_to_id) if period.renewed_to_id else None,
        **_record(period),
    }
    data.update(related)
    return data


def transaction_to_dict(tx: Transaction, **related: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "_id": str(tx.pk),
        "landlord": str(tx.landlord_id),
        "lease": str(tx.lease_id) if tx.lease_id else None,
        "rental_period": str(tx.rental_period_id) if tx.rental_period_id else None,
        "property": str(tx.property_id) if tx.property_id else None,
        "unit": str(tx.unit_id) if tx.unit_id else None,
        "amount": tx.amount,
        "due_date": iso(tx.due_date),
        "status": tx.status,
        "type": tx.type,
        **_record(tx),
    }
    # Fields the original leaves out when unset (mark-as-not-paid removes them).
    if tx.paid_at is not None:
        data["paid_at"] = iso(tx.paid_at)
    if tx.payment_method:
        data["payment_method"] = tx.payment_method
    if tx.notes is not None:
        data["notes"] = tx.notes
    for name in (
        "stripe_payment_intent_id",
        "stripe_charge_id",
        "stripe_payment_method_type",
        "stripe_receipt_url",
    ):
        if getattr(tx, name):
            data[name] = getattr(tx, name)
    data.update(related)
    return data
