"""factory_boy factories of leases, and helpers that build leases in each state the real way."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import factory
from django.utils import timezone

from apps.accounts.tests.factories import TenantOrgFactory
from apps.leases import cycles, services
from apps.leases.models import Lease, LeaseStatus
from apps.properties.tests.factories import UnitFactory


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class LeaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lease

    unit = factory.SubFactory(UnitFactory)
    landlord = factory.LazyAttribute(lambda o: o.unit.landlord)
    tenant = factory.LazyAttribute(lambda o: TenantOrgFactory(landlords=[o.unit.landlord]))
    start_date = factory.LazyFunction(lambda: cycles.midnight(timezone.now()))
    end_date = factory.LazyAttribute(
        lambda o: cycles.complete_cycle(
            o.start_date, o.start_date.replace(year=o.start_date.year + 1), "MONTHLY"
        )
    )
    rent_amount = Decimal("1000.00")
    payment_cycle = "MONTHLY"
    status = LeaseStatus.DRAFT


def active_lease(**kwargs) -> Lease:
    """A lease activated as signing does: ACTIVE, with its period, schedule and deposit."""
    lease = LeaseFactory(status=LeaseStatus.PENDING_SIGNATURE, **kwargs)
    lease.status = LeaseStatus.ACTIVE
    services.lease_activate(lease=lease, now=timezone.now())
    lease.save()
    return lease
