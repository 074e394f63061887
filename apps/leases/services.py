"""Writes of the lease lifecycle: create, update, delete, activate, renew, terminate (spec 05 §4, §5.1).

Every service is atomic (:func:`apps.core.db.atomic`); notifications and emails are written to the
outbox in the same transaction and leave after commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.accounts.models import Tenant
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound, Unprocessable
from apps.core.scope import Principal, UserType
from apps.leases import cycles, notices, states
from apps.leases.models import (
    Lease,
    LeaseSignatureToken,
    LeaseStatus,
    PaymentStatus,
    PaymentType,
    RentalPeriod,
    RentalPeriodStatus,
    SignatureTokenStatus,
    Transaction,
)
from apps.notifications.types import NotificationType
from apps.properties.models import AvailabilityStatus, Unit

LS = LeaseStatus
logger = logging.getLogger("myte.leases")


def landlord_of(principal: Principal):
    """The caller's landlord organization id: 403 unless a landlord user with an organization."""
    if principal.user_type != UserType.LANDLORD:
        raise Forbidden("User is not a landlord")
    if principal.organization_id is None:
        raise Forbidden("User does not have an organization_id")
    return principal.organization_id


def _unit_of_landlord(unit_id, landlord_id) -> Unit:
    unit = (
        Unit.objects.unscoped().select_related("property").filter(pk=unit_id, landlord_id=landlord_id).first()
    )
    if unit is None:
        raise NotFound("Unit not found in your organization")
    return unit


def _tenant_of_landlord(tenant_id, landlord_id) -> Tenant:
    """A tenant organization linked to the landlord; any other is ``Tenant not found``."""
    tenant = Tenant.objects.unscoped().filter(pk=tenant_id, landlords__id=landlord_id).first()
    if tenant is None:
        raise NotFound("Tenant not found")
    return tenant


def _check_overlap(*, unit_id, start: datetime, end: datetime, exclude_id=None) -> None:
    conflicts = Lease.objects.unscoped().filter(
        unit_id=unit_id, status__in=(LS.DRAFT, LS.ACTIVE), start_date__lt=end, end_date__gt=start
    )
    conflicts = conflicts | Lease.objects.unscoped().filter(
        unit_id=unit_id, status__in=(LS.DRAFT, LS.ACTIVE), start_date__lte=start, end_date__gte=end
    )
    if exclude_id is not None:
        conflicts = conflicts.exclude(pk=exclude_id)
    existing = conflicts.order_by("start_date").first()
    if existing is not None:
        raise Unprocessable(
            f"Unit already has a {existing.status.lower()} lease for the period "
            f"{notices.day(existing.start_date)} to {notices.day(existing.end_date)}. The requested period "
            f"{notices.day(start)} to {notices.day(end)} overlaps with this existing lease."
        )


def _apply_increase(lease: Lease, increase: dict | None) -> None:
    if increase is None:
        lease.rent_increase_type = lease.rent_increase_amount = lease.rent_increase_reason = None
        return
    lease.rent_increase_type = increase["type"]
    lease.rent_increase_amount = increase["amount"]
    lease.rent_increase_reason = increase.get("reason")


def _store_documents(lease: Lease, documents, *, actor_id) -> None:
    if not documents:
        return
    from apps.media.services import media_upload_many

    media_upload_many(
        uploads=documents,
        owner_type="Lease",
        owner_id=lease.pk,
        landlord_id=lease.landlord_id,
        uploaded_by_id=actor_id,
        collection_name="lease_documents",
    )


@atomic
def lease_create(*, principal: Principal, data: dict[str, Any], documents=()) -> Lease:
    landlord_id = landlord_of(principal)
    unit = _unit_of_landlord(data["unit"], landlord_id)
    tenant = _tenant_of_landlord(data["tenant"], landlord_id)
    start, end = data["start_date"], data["end_date"]
    _check_overlap(unit_id=unit.pk, start=start, end=end)
    status = data.get("status") or LS.DRAFT
    if status == LS.ACTIVE:
        raise Unprocessable(
            'Cannot create a lease with ACTIVE status. Create a DRAFT lease and use "Send for '
            'Signature" to have the tenant sign it.'
        )
    lease = Lease(
        landlord_id=landlord_id,
        unit=unit,
        tenant=tenant,
        start_date=start,
        end_date=cycles.complete_cycle(start, end, data["payment_cycle"]),
        rent_amount=data["rent_amount"],
        is_security_deposit=bool(data.get("is_security_deposit")),
        security_deposit_amount=data.get("security_deposit_amount"),
        payment_cycle=data["payment_cycle"],
        status=status,
        terms=data.get("terms"),
        auto_renewal=bool(data.get("auto_renewal")),
    )
    _apply_increase(lease, data.get("rent_increase"))
    lease.save()
    _store_documents(lease, documents, actor_id=principal.user_id)
    return lease


def _content_fingerprint_fields(lease: Lease) -> tuple:
    return tuple(getattr(lease, name) for name in states.CONTENT_FIELDS)


@atomic
def lease_update(*, lease: Lease, data: dict[str, Any], documents=(), actor_id=None) -> Lease:
    """PATCH /leases/:id: validated fields assigned, with the spec's checks and the cycle effect."""
    if not data and not documents:
        raise Unprocessable("Update data cannot be empty")
    now = timezone.now()
    today = cycles.midnight(now)
    before = _content_fingerprint_fields(lease)
    old_cycle = lease.payment_cycle
    if "status" in data:
        states.check_patch_transition(lease.status, data["status"])
    if ("start_date" in data or "end_date" in data) and lease.status == LS.ACTIVE:
        if "start_date" in data and data["start_date"] < today:
            raise Unprocessable("Cannot change start date of active lease to a past date")
        if "end_date" in data and data["end_date"] <= now:
            raise Unprocessable("Cannot set end date of active lease to today or past. Use terminate instead")
    unit_id = lease.unit_id
    if "unit" in data:
        unit = _unit_of_landlord(data["unit"], lease.landlord_id)
        if unit.pk != lease.unit_id and (
            unit.availability_status == AvailabilityStatus.OCCUPIED
            and Lease.objects.unscoped()
            .filter(unit_id=unit.pk, status=LS.ACTIVE)
            .exclude(pk=lease.pk)
            .exists()
        ):
            raise Unprocessable("Unit is currently occupied by another active lease")
        lease.unit = unit
        unit_id = unit.pk
    if "tenant" in data:
        lease.tenant = _tenant_of_landlord(data["tenant"], lease.landlord_id)
    start = data.get("start_date", lease.start_date)
    end = data.get("end_date", lease.end_date)
    if "start_date" in data or "end_date" in data or "unit" in data:
        if start >= end:
            raise BadRequest(["Start date must be before end date"])
        _check_overlap(unit_id=unit_id, start=start, end=end, exclude_id=lease.pk)
    simple = (
        "start_date",
        "end_date",
        "rent_amount",
        "is_security_deposit",
        "security_deposit_amount",
        "payment_cycle",
        "status",
        "terms",
        "auto_renewal",
        "termination_date",
        "termination_reason",
        "security_deposit_refunded_at",
        "security_deposit_refund_reason",
    )
    for name in simple:
        if name in data:
            setattr(lease, name, data[name])
    if "rent_increase" in data:
        _apply_increase(lease, data["rent_increase"])
    lease.save()
    if lease.status == LS.ACTIVE and "payment_cycle" in data and data["payment_cycle"] != old_cycle:
        _reschedule_current_period(lease, now=now)
    if "existing_document_ids" in data:
        _keep_documents(lease, data["existing_document_ids"])
    _store_documents(lease, documents, actor_id=actor_id)
    if lease.status == LS.PENDING_SIGNATURE and _content_fingerprint_fields(lease) != before:
        invalidate_tokens(lease, reason="Lease content changed after the signature request")
    return lease


def _keep_documents(lease: Lease, keep_ids) -> None:
    from apps.media.models import Media
    from apps.media.services import media_delete

    stale = (
        Media.objects.unscoped()
        .filter(model_type="Lease", model_id=lease.pk, collection_name="lease_documents")
        .exclude(pk__in=list(keep_ids))
    )
    for media in stale:
        media_delete(media=media)


def _reschedule_current_period(lease: Lease, *, now: datetime) -> None:
    period = RentalPeriod.objects.unscoped().filter(lease=lease, status=RentalPeriodStatus.ACTIVE).first()
    if period is None:
        return
    # Installments already due stay: they are money owed, not part of the schedule to come.
    Transaction.objects.unscoped().filter(
        lease=lease, rental_period=period, status=PaymentStatus.PENDING, due_date__gte=now
    ).delete()
    schedule_create(lease=lease, period=period, start=max(now, period.start_date), end=period.end_date)


def invalidate_tokens(lease: Lease, *, reason: str) -> int:
    now = timezone.now()
    return (
        LeaseSignatureToken.objects.unscoped()
        .filter(lease=lease, status=SignatureTokenStatus.PENDING)
        .update(
            status=SignatureTokenStatus.INVALIDATED,
            invalidated_at=now,
            invalidation_reason=reason,
            updated_at=now,
        )
    )


@atomic
def lease_delete(*, lease: Lease) -> None:
    if lease.status != LS.DRAFT:
        raise Unprocessable("Only draft leases can be deleted")
    lease.soft_delete()


def schedule_create(
    *, lease: Lease, period: RentalPeriod | None, start: datetime, end: datetime, rent: Decimal | None = None
) -> list[Transaction]:
    """One PENDING RENT transaction per due date (spec 05 section 4.2), in one bulk insert."""
    unit = lease.unit
    rows = [
        Transaction(
            landlord_id=lease.landlord_id,
            lease=lease,
            rental_period=period,
            property_id=unit.property_id,
            unit=unit,
            amount=rent if rent is not None else (period.rent_amount if period else lease.rent_amount),
            due_date=due,
            status=PaymentStatus.PENDING,
            type=PaymentType.RENT,
        )
        for due in cycles.due_dates(start, end, lease.payment_cycle)
    ]
    return Transaction.objects.unscoped().bulk_create(rows)


def lease_activate(*, lease: Lease, now: datetime) -> RentalPeriod:
    """Spec 05 section 4.3, inside the signing transaction (the caller is atomic)."""
    if lease.activated_at is None:
        lease.activated_at = now
    if RentalPeriod.objects.unscoped().filter(lease=lease, status=RentalPeriodStatus.ACTIVE).exists():
        raise Unprocessable("Cannot activate lease: An active rental period already exists for this lease.")
    period = RentalPeriod.objects.unscoped().create(
        landlord_id=lease.landlord_id,
        lease=lease,
        start_date=cycles.midnight(lease.start_date),
        end_date=cycles.midnight(lease.end_date),
        rent_amount=lease.rent_amount,
        status=RentalPeriodStatus.ACTIVE,
    )
    schedule_create(lease=lease, period=period, start=lease.start_date, end=lease.end_date)
    if lease.is_security_deposit and (lease.security_deposit_amount or 0) > 0:
        Transaction.objects.unscoped().create(
            landlord_id=lease.landlord_id,
            lease=lease,
            property_id=lease.unit.property_id,
            unit=lease.unit,
            amount=lease.security_deposit_amount,
            due_date=lease.start_date,
            status=PaymentStatus.PENDING,
            type=PaymentType.DEPOSIT,
            notes="Security deposit for lease activation",
        )
    Unit.objects.unscoped().filter(pk=lease.unit_id).update(
        availability_status=AvailabilityStatus.OCCUPIED, available_from=lease.end_date, updated_at=now
    )
    _remove_visit_slots(lease, now=now)
    _ensure_property_thread(lease)
    notices.notify_parties(
        lease,
        type=NotificationType.LEASE_ACTIVATED,
        title="Lease Activated",
        content=f"The lease for {lease.unit.property.name} - Unit {lease.unit.unit_number} is now active.",
        data={},
    )
    return period


def _ensure_property_thread(lease: Lease) -> None:
    """Step 9 of activation: the property's landlord-tenant channel (spec 08 section 1.1).

    Run in a savepoint and never fails the activation (the spec: steps 7-9 never do)."""
    from apps.chat.services import property_thread_ensure

    try:
        with atomic():
            property_thread_ensure(
                property_id=lease.unit.property_id,
                property_name=lease.unit.property.name,
                landlord_id=lease.landlord_id,
                tenant_org_id=lease.tenant_id,
            )
    except Exception:  # noqa: BLE001 - logged; the lease is activated regardless
        logger.exception("Could not ensure the property thread of lease %s", lease.pk)


def _remove_visit_slots(lease: Lease, *, now: datetime) -> None:
    """Step 6 of activation: the unit's landlord-created visit slots go (soft delete)."""
    from apps.properties.models import Availability, SlotCreator

    Availability.objects.unscoped().filter(unit_id=lease.unit_id, created_by=SlotCreator.LANDLORD).update(
        deleted=True, deleted_at=now, updated_at=now
    )


@atomic
def lease_terminate(*, lease: Lease, termination_date: datetime, reason: str | None) -> Lease:
    if lease.status != LS.ACTIVE:
        raise BadRequest(
            f"Cannot terminate lease with status '{lease.status}'. Only active leases can be terminated."
        )
    on = cycles.midnight(termination_date)
    if on > cycles.midnight(lease.end_date):
        raise BadRequest(f"Termination date cannot be after lease end date ({notices.day(lease.end_date)})")
    period = RentalPeriod.objects.unscoped().filter(lease=lease, status=RentalPeriodStatus.ACTIVE).first()
    if period is None:
        raise BadRequest("No active rental period found for termination")
    now = timezone.now()
    original_end = lease.end_date
    lease.status = LS.TERMINATED
    lease.termination_date = on
    lease.termination_reason = reason
    lease.save(update_fields=["status", "termination_date", "termination_reason"])
    period.end_date = min(cycles.complete_cycle(period.start_date, on, lease.payment_cycle), period.end_date)
    period.status = RentalPeriodStatus.EXPIRED
    period.save(update_fields=["end_date", "status"])
    Transaction.objects.unscoped().filter(lease=lease, status=PaymentStatus.PENDING, due_date__gt=on).delete()
    later = RentalPeriod.objects.unscoped().filter(lease=lease, start_date__gt=on)
    Transaction.objects.unscoped().filter(rental_period__in=later).delete()
    later.delete()
    Unit.objects.unscoped().filter(pk=lease.unit_id).update(
        availability_status=AvailabilityStatus.VACANT, updated_at=now
    )
    notices.notify_parties(
        lease,
        type=NotificationType.LEASE_TERMINATED,
        title="Lease Terminated",
        content=f"The lease for {lease.unit.property.name} - Unit {lease.unit.unit_number} has been terminated.",
        data={
            "originalLeaseEndDate": notices.day(original_end),
            "terminationDate": notices.day(on),
            "terminationReason": reason or "Mutual agreement",
            "moveOutDate": notices.day(on),
            "additionalNotes": "",
        },
    )
    return lease


def renewal_apply(
    *, lease: Lease, new_start: datetime, new_end: datetime, new_rent: Decimal | None = None
) -> RentalPeriod:
    """The renewal core of spec 05 section 4.4 (manual and automatic). The caller is atomic.

    ``new_rent`` defaults to the lease's rent with its own increase applied; auto-renewal passes
    the rent it computed (the lease's increase, else the configured default, capped).
    """
    active = RentalPeriod.objects.unscoped().filter(lease=lease, status=RentalPeriodStatus.ACTIVE).first()
    if active is None:
        raise Unprocessable("No active rental period found for renewal")
    if (
        RentalPeriod.objects.unscoped()
        .filter(lease=lease, status=RentalPeriodStatus.PENDING, start_date__gt=active.end_date)
        .exists()
    ):
        raise BadRequest(
            "Cannot renew lease: A future rental period already exists. The lease has already been renewed."
        )
    expected = cycles.midnight(active.end_date) + timedelta(days=1)
    if cycles.midnight(new_start) != expected:
        raise Unprocessable(
            f"Renewal start date must be {notices.day(expected)} (the day after current period ends)"
        )
    old_rent, old_end = lease.rent_amount, lease.end_date
    if new_rent is None:
        new_rent = cycles.increased_rent(
            lease.rent_amount, lease.rent_increase_type, lease.rent_increase_amount
        )
    increase_type, increase_amount, increase_reason = (
        lease.rent_increase_type,
        lease.rent_increase_amount,
        lease.rent_increase_reason,
    )
    if new_rent != cycles.to_cents(lease.rent_amount) and not increase_type:
        increase_type = "PERCENTAGE"
        increase_amount = cycles.percentage_of(new_rent - lease.rent_amount, lease.rent_amount).quantize(
            cycles.CENT
        )
        increase_reason = "Automatic renewal increase"
    period = RentalPeriod.objects.unscoped().create(
        landlord_id=lease.landlord_id,
        lease=lease,
        start_date=expected,
        end_date=cycles.midnight(new_end),
        rent_amount=new_rent,
        status=RentalPeriodStatus.PENDING,
        applied_increase_type=increase_type,
        applied_increase_amount=increase_amount if increase_type else None,
        applied_increase_previous_rent=active.rent_amount if increase_type else None,
        applied_increase_reason=increase_reason if increase_type else None,
        renewed_from=active,
    )
    active.renewed_to = period
    active.save(update_fields=["renewed_to"])
    lease.end_date = period.end_date
    lease.rent_amount = new_rent
    lease.save(update_fields=["end_date", "rent_amount"])
    schedule_create(lease=lease, period=period, start=period.start_date, end=period.end_date, rent=new_rent)
    Unit.objects.unscoped().filter(pk=lease.unit_id).update(available_from=period.end_date)
    notices.notify_parties(
        lease,
        type=NotificationType.LEASE_RENEWAL_REMINDER,
        title="Lease Renewed",
        content=f"The lease for {lease.unit.property.name} - Unit {lease.unit.unit_number} has been renewed.",
        data={
            "isAutoRenewal": lease.auto_renewal,
            "currentLeaseEndDate": notices.day(old_end),
            "newLeaseStartDate": notices.day(period.start_date),
            "newLeaseEndDate": notices.day(period.end_date),
            "currentMonthlyRent": notices.amount_text(old_rent),
            "newMonthlyRent": notices.amount_text(new_rent),
            "renewalDate": notices.day(timezone.now()),
        },
    )
    return period


@atomic
def lease_renew(*, lease: Lease, desired_end_date: datetime) -> tuple[Lease, RentalPeriod]:
    if lease.status != LS.ACTIVE:
        raise BadRequest(
            f"Cannot renew lease with status '{lease.status}'. Only active leases can be renewed."
        )
    if desired_end_date <= lease.end_date:
        raise BadRequest("Desired end date must be after current lease end date")
    active = RentalPeriod.objects.unscoped().filter(lease=lease, status=RentalPeriodStatus.ACTIVE).first()
    if active is None:
        raise Unprocessable("No active rental period found for renewal")
    new_start = cycles.midnight(active.end_date) + timedelta(days=1)
    new_end = cycles.complete_cycle(new_start, desired_end_date, lease.payment_cycle)
    period = renewal_apply(lease=lease, new_start=new_start, new_end=new_end)
    return lease, period
