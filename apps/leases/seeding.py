"""Development data for ``manage.py seed_dev_data``: a lease in every state, with periods and money.

On the units and tenants of "Myte Estates" (the accounts and properties seeders run first): an
ACTIVE lease (paid, overdue and upcoming installments, a paid deposit, a renewal waiting), a
PENDING_SIGNATURE one, a DRAFT, an EXPIRED one with its deposit returned and a TERMINATED one.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import Landlord, Tenant
from apps.leases import cycles, deposits, services
from apps.leases.models import (
    Lease,
    LeaseSignatureToken,
    LeaseStatus,
    NoticeLog,
    PaymentStatus,
    RentalPeriod,
    Transaction,
)
from apps.properties.models import Unit

ORDER = 30


def wipe() -> None:
    Transaction.objects.including_deleted().all().delete()
    LeaseSignatureToken.objects.including_deleted().all().delete()
    RentalPeriod.objects.including_deleted().all().delete()
    Lease.objects.including_deleted().all().delete()
    NoticeLog.objects.all().delete()


def _lease(landlord, unit, tenant, *, start, months, rent, status=LeaseStatus.DRAFT, **extra) -> Lease:
    end = cycles.complete_cycle(start, start + timedelta(days=30 * months), "MONTHLY")
    return Lease.objects.unscoped().create(
        landlord=landlord,
        unit=unit,
        tenant=tenant,
        start_date=start,
        end_date=end,
        rent_amount=Decimal(rent),
        payment_cycle="MONTHLY",
        status=status,
        **extra,
    )


def _activate(lease: Lease, now) -> Lease:
    lease.status = LeaseStatus.ACTIVE
    services.lease_activate(lease=lease, now=now)
    lease.signed_at = now
    lease.tenant_signature_name = lease.tenant.name
    lease.save()
    return lease


def seed(*, progress) -> dict[str, int]:
    landlord = Landlord.objects.filter(name="Myte Estates").order_by("created_at").first()
    if landlord is None:
        return {"leases": 0}
    # Unpublished units first: the marketplace keeps showing the published listings.
    units = list(
        Unit.objects.unscoped()
        .filter(landlord=landlord)
        .order_by("publish_to_marketplace", "property__name", "unit_number")
    )
    tenants = list(Tenant.objects.unscoped().filter(landlords=landlord).order_by("name"))
    if len(units) < 5 or not tenants:
        return {"leases": 0}
    now = timezone.now()
    today = cycles.midnight(now)
    made = []
    plan = list(progress(range(5), "leases"))
    tenant = lambda i: tenants[i % len(tenants)]  # noqa: E731

    if 0 in plan:  # ACTIVE: started 4 months ago, 2 paid, 1 overdue, deposit paid, renewal waiting
        lease = _lease(
            landlord,
            units[0],
            tenant(0),
            start=today - timedelta(days=120),
            months=12,
            rent="2400.00",
            status=LeaseStatus.PENDING_SIGNATURE,
            is_security_deposit=True,
            security_deposit_amount=Decimal("4800.00"),
            auto_renewal=True,
            rent_increase_type="PERCENTAGE",
            rent_increase_amount=Decimal("3"),
        )
        _activate(lease, now)
        Transaction.objects.unscoped().filter(lease=lease, type="DEPOSIT").update(
            status=PaymentStatus.PAID, paid_at=lease.start_date, payment_method="BANK_TRANSFER"
        )
        rents = list(Transaction.objects.unscoped().filter(lease=lease, type="RENT").order_by("due_date"))
        for tx in rents[:2]:
            Transaction.objects.unscoped().filter(pk=tx.pk).update(
                status=PaymentStatus.PAID,
                paid_at=tx.due_date + timedelta(days=1),
                payment_method="BANK_TRANSFER",
            )
        Transaction.objects.unscoped().filter(pk=rents[2].pk).update(status=PaymentStatus.OVERDUE)
        made.append(lease)
    if 1 in plan:  # PENDING_SIGNATURE
        made.append(
            _lease(
                landlord,
                units[1],
                tenant(1),
                start=today + timedelta(days=14),
                months=12,
                rent="2550.00",
                status=LeaseStatus.PENDING_SIGNATURE,
                signature_requested_at=now,
                terms="No smoking. Pets on request.",
            )
        )
    if 2 in plan:  # DRAFT
        made.append(
            _lease(landlord, units[2], tenant(2), start=today + timedelta(days=30), months=6, rent="1800.00")
        )
    if 3 in plan:  # EXPIRED, deposit returned with a deduction
        lease = _lease(
            landlord,
            units[3],
            tenant(3),
            start=today - timedelta(days=430),
            months=12,
            rent="3100.00",
            status=LeaseStatus.PENDING_SIGNATURE,
            is_security_deposit=True,
            security_deposit_amount=Decimal("3100.00"),
        )
        _activate(lease, now - timedelta(days=430))
        Transaction.objects.unscoped().filter(lease=lease).update(
            status=PaymentStatus.PAID, paid_at=lease.start_date, payment_method="CHECK"
        )
        RentalPeriod.objects.unscoped().filter(lease=lease).update(status="EXPIRED")
        Lease.objects.unscoped().filter(pk=lease.pk).update(status=LeaseStatus.EXPIRED)
        lease.refresh_from_db()
        deposits.deposit_settle(
            lease=lease,
            data={
                "deduction_items": [{"description": "Wall repainting", "cost": Decimal("250.00")}],
                "final_refund_amount": Decimal("2850.00"),
                "refund_reason": "End of tenancy",
                "assessment_notes": "Minor wear",
            },
        )
        Unit.objects.unscoped().filter(pk=lease.unit_id).update(availability_status="VACANT")
        made.append(lease)
    if 4 in plan:  # TERMINATED early
        lease = _lease(
            landlord,
            units[4],
            tenant(4),
            start=today - timedelta(days=200),
            months=12,
            rent="3900.00",
            status=LeaseStatus.PENDING_SIGNATURE,
        )
        _activate(lease, now - timedelta(days=200))
        services.lease_terminate(
            lease=lease, termination_date=today - timedelta(days=10), reason="Job relocation"
        )
        made.append(lease)
    return {
        "leases": len(made),
        "rental_periods": RentalPeriod.objects.unscoped().filter(lease__in=made).count(),
        "transactions": Transaction.objects.unscoped().filter(lease__in=made).count(),
    }
