"""The lease answers the properties app asks for (:mod:`apps.properties.parties` providers)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from apps.properties import parties


def _leases():
    from apps.leases.models import Lease

    return Lease.objects.unscoped()


def tenant_leased_unit_ids(tenant_org_id) -> list:
    return list(_leases().filter(tenant_id=tenant_org_id).values_list("unit_id", flat=True).distinct())


def tenant_active_unit_ids(tenant_org_id) -> list:
    """Units the tenant organization holds an ACTIVE lease on (schedules, feed posts)."""
    return list(
        _leases()
        .filter(tenant_id=tenant_org_id, status="ACTIVE")
        .values_list("unit_id", flat=True)
        .distinct()
    )


def active_lease_tenants(unit_ids) -> dict:
    """``{unit_id: {tenant org ids with an ACTIVE lease on it}}`` in one query."""
    found: dict = {}
    rows = _leases().filter(unit_id__in=list(unit_ids), status="ACTIVE").values_list("unit_id", "tenant_id")
    for unit_id, tenant_id in rows:
        found.setdefault(unit_id, set()).add(tenant_id)
    return found


def active_lease_tenant_ids(unit_ids) -> list:
    """Tenant organizations with an ACTIVE lease on any of the units."""
    return list(set().union(*active_lease_tenants(unit_ids).values()))


def units_with_active_lease():
    return _leases().filter(status="ACTIVE").values_list("unit_id", flat=True)


def active_lease_tenant_id(unit_id) -> Any:
    return _leases().filter(unit_id=unit_id, status="ACTIVE").values_list("tenant_id", flat=True).first()


def active_lease_counts(property_ids) -> dict:
    rows = (
        _leases()
        .filter(status="ACTIVE", unit__property_id__in=list(property_ids))
        .values("unit__property_id")
        .annotate(count=Count("id"))
    )
    return {row["unit__property_id"]: row["count"] for row in rows}


def _active_leases(unit_ids, **extra) -> dict:
    rows = (
        _leases()
        .filter(status="ACTIVE", unit_id__in=list(unit_ids), **extra)
        .select_related("tenant")
        .order_by("created_at")
    )
    from apps.core.serializers import iso

    return {
        lease.unit_id: {
            "_id": str(lease.pk),
            "rent_amount": lease.rent_amount,
            "start_date": iso(lease.start_date),
            "end_date": iso(lease.end_date),
            "status": lease.status,
            "tenant": {"_id": str(lease.tenant_id), "name": lease.tenant.name},
        }
        for lease in rows
    }


def active_leases_for_units(unit_ids) -> dict:
    return _active_leases(unit_ids)


def tenant_active_leases_for_units(unit_ids, tenant_org_id) -> dict:
    return _active_leases(unit_ids, tenant_id=tenant_org_id)


def unit_payment_stats(unit) -> dict | None:
    """Spec 03 section 4 unit stats over the unit's ACTIVE lease's transactions (one aggregate)."""
    from django.db.models import Max, Min, Q, Sum
    from django.utils import timezone

    from apps.core.serializers import iso
    from apps.leases.models import Transaction

    lease = _leases().filter(unit_id=unit.pk, status="ACTIVE").values_list("pk", flat=True).first()
    if lease is None:
        return None
    now = timezone.now()
    year_start = now.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    paid = Q(status="PAID", paid_at__gte=year_start)
    figures = (
        Transaction.objects.unscoped()
        .filter(lease_id=lease)
        .aggregate(
            ytd=Sum("amount", filter=paid),
            last=Max("paid_at", filter=paid),
            balance=Sum("amount", filter=Q(status="OVERDUE")),
            next_due=Min("due_date", filter=Q(due_date__gt=now)),
        )
    )
    return {
        "ytd_revenue": figures["ytd"] or 0,
        "current_balance": figures["balance"] or 0,
        "last_payment_date": iso(figures["last"]),
        "next_payment_due": iso(figures["next_due"]),
    }


def install() -> None:
    parties.set_provider("unit_payment_stats", unit_payment_stats)
    parties.set_provider("tenant_leased_unit_ids", tenant_leased_unit_ids)
    parties.set_provider("units_with_active_lease", units_with_active_lease)
    parties.set_provider("active_lease_tenant_id", active_lease_tenant_id)
    parties.set_provider("active_lease_counts", active_lease_counts)
    parties.set_provider("active_leases_for_units", active_leases_for_units)
    parties.set_provider("tenant_active_leases_for_units", tenant_active_leases_for_units)
    parties.set_provider("tenant_active_unit_ids", tenant_active_unit_ids)
    parties.set_provider("active_lease_tenants", active_lease_tenants)
    parties.set_provider("active_lease_tenant_ids", active_lease_tenant_ids)
