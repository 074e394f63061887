"""Two landlords with small, different data sets whose every KPI is computed by hand in the tests.

The clock of the tests is frozen at 2026-03-15 12:00 UTC, so ``this-month`` is March 2026 and the
previous period February 2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from apps.accounts.tests.factories import (
    ContractorOrgFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.expenses.models import Expense
from apps.leases.models import Lease, Transaction
from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork
from apps.properties.tests.factories import PropertyFactory, UnitFactory

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def at(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass
class Side:
    landlord: Any = None
    admin: Any = None
    staff: Any = None
    tenant_org: Any = None
    tenant: Any = None
    contractor_org: Any = None
    contractor: Any = None
    records: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.records[key]


_numbers = iter(range(1, 1_000_000))


def _people() -> Side:
    landlord = LandlordFactory()
    tenant_org = TenantOrgFactory(landlords=[landlord])
    contractor_org = ContractorOrgFactory(landlords=[landlord], name=f"Fix-It {next(_numbers)}")
    return Side(
        landlord=landlord,
        admin=LandlordUserFactory(organization_id=landlord.pk),
        staff=LandlordStaffFactory(organization_id=landlord.pk),
        tenant_org=tenant_org,
        tenant=TenantUserFactory(organization_id=tenant_org.pk),
        contractor_org=contractor_org,
        contractor=ContractorUserFactory(organization_id=contractor_org.pk),
    )


def lease(side: Side, unit, status: str, start: str, end: str, **extra) -> Lease:
    return Lease.objects.unscoped().create(
        landlord=side.landlord,
        unit=unit,
        tenant=side.tenant_org,
        start_date=at(start),
        end_date=at(end),
        rent_amount=Decimal("1000.00"),
        payment_cycle="MONTHLY",
        status=status,
        **extra,
    )


def transaction(side: Side, amount: str, status: str, due: str, type_: str = "RENT", **links) -> Transaction:
    return Transaction.objects.unscoped().create(
        landlord=side.landlord, amount=Decimal(amount), status=status, due_date=at(due), type=type_, **links
    )


def expense(side: Side, prop, category: str, amount: str, status: str, date: str, unit=None) -> Expense:
    return Expense.objects.unscoped().create(
        landlord=side.landlord,
        property=prop,
        unit=unit,
        category=category,
        amount=Decimal(amount),
        status=status,
        date=at(date),
    )


def ticket(
    side: Side, prop, unit, category: str, status: str, requested: str, by, **extra
) -> MaintenanceTicket:
    return MaintenanceTicket.objects.unscoped().create(
        landlord=side.landlord,
        property=prop,
        unit=unit,
        title="Job",
        description="Fix it",
        category=category,
        status=status,
        requested_by=by,
        request_date=at(requested),
        created_at=at(requested),
        ticket_number=f"MT-KPI-{next(_numbers):06d}",
        **extra,
    )


def sow(side: Side, prop, status: str, created: str, **extra) -> ScopeOfWork:
    return ScopeOfWork.objects.unscoped().create(
        landlord=side.landlord,
        property=prop,
        title="Works",
        status=status,
        created_at=at(created),
        sow_number=f"SOW-KPI-{next(_numbers):06d}",
        **extra,
    )


def invoice(side: Side, amount: str, status: str, created: str, *, on_ticket=None, on_sow=None) -> Invoice:
    return Invoice.objects.unscoped().create(
        landlord=side.landlord,
        amount=Decimal(amount),
        status=status,
        issuer="CONTRACTOR",
        linked_entity_type="TICKET" if on_ticket is not None else "SCOPE_OF_WORK",
        ticket=on_ticket,
        scope_of_work=on_sow,
        created_at=at(created),
    )


def build_landlord_a(suffix: str = "") -> Side:
    """Landlord A: two properties, three units, a bit of everything (see the tests' figures)."""
    a = _people()
    alpha = PropertyFactory(landlord=a.landlord, name=f"Alpha Tower{suffix}")
    beta = PropertyFactory(landlord=a.landlord, name=f"Beta Court{suffix}")
    u101 = UnitFactory(landlord=a.landlord, property=alpha, unit_number="101")
    u102 = UnitFactory(landlord=a.landlord, property=alpha, unit_number="102")
    u201 = UnitFactory(landlord=a.landlord, property=beta, unit_number="201")
    a.records.update(alpha=alpha, beta=beta, u101=u101, u102=u102, u201=u201)

    l1 = lease(a, u101, "ACTIVE", "2026-01-01", "2026-12-31")
    l2 = lease(a, u201, "ACTIVE", "2026-03-01", "2027-02-28")
    lease(a, u102, "EXPIRED", "2025-03-01", "2026-03-05", auto_renewal=True)
    lease(a, u102, "TERMINATED", "2026-03-10", "2027-03-09", termination_date=at("2026-03-14"))
    lease(a, u201, "EXPIRED", "2025-02-25", "2026-02-25")
    a.records.update(l1=l1, l2=l2)

    transaction(a, "1000.00", "PAID", "2026-03-01", lease=l1, property=alpha, unit=u101)
    transaction(a, "800.00", "PAID", "2026-03-05", lease=l2)  # attributed through its lease
    transaction(a, "500.00", "PAID", "2026-03-01", "DEPOSIT", lease=l1, property=alpha)
    transaction(a, "1000.00", "PENDING", "2026-03-20", lease=l1, property=alpha, unit=u101)
    transaction(a, "1000.00", "PAID", "2026-02-01", lease=l1, property=alpha, unit=u101)
    transaction(a, "50.25", "PAID", "2026-03-10", "FEES", lease=l1, property=alpha)
    gone = transaction(a, "999.00", "PAID", "2026-03-02", lease=l1, property=alpha, unit=u101)
    gone.soft_delete()

    expense(a, alpha, "Utilities & Energy", "300.00", "Confirmed", "2026-03-03")
    expense(a, beta, "Taxes & Permits", "120.50", "Draft", "2026-03-04")
    expense(a, alpha, "Utilities & Energy", "100.00", "Confirmed", "2026-02-10")
    expense(a, beta, "Maintenance & Repairs", "40.00", "Confirmed", "2026-03-06", unit=u201)

    s1 = sow(
        a,
        alpha,
        "CLOSED",
        "2026-03-03",
        completed_date=at("2026-03-12"),
        assigned_contractor=a.contractor_org,
    )
    sow(a, alpha, "OPEN", "2026-03-04", parent_sow=s1)
    sow(a, beta, "OPEN", "2026-03-08")
    contractor = a.contractor_org
    t1 = ticket(
        a, alpha, u101, "PLUMBING", "CLOSED", "2026-03-02", a.tenant,
        completed_date=at("2026-03-04"), assigned_contractor=contractor,
    )  # fmt: skip
    ticket(a, beta, None, "ELECTRICAL", "OPEN", "2026-03-10", a.admin)
    t3 = ticket(
        a, alpha, u102, "PLUMBING", "DONE", "2026-03-05", a.tenant,
        completed_date=at("2026-03-06"), assigned_contractor=contractor, scope_of_work=s1,
    )  # fmt: skip
    t4 = ticket(a, alpha, u101, "HVAC", "IN_PROGRESS", "2026-02-20", a.tenant, assigned_contractor=contractor)
    invoice(a, "200.00", "Confirmed", "2026-03-04", on_ticket=t1)
    invoice(a, "75.00", "Draft", "2026-03-06", on_ticket=t3)
    invoice(a, "60.00", "Confirmed", "2026-02-21", on_ticket=t4)
    invoice(a, "150.00", "Confirmed", "2026-03-12", on_sow=s1)
    a.records.update(s1=s1, t1=t1, t3=t3, t4=t4)
    return a


def build_landlord_b() -> Side:
    """Landlord B: one property, one occupied unit, different amounts."""
    b = _people()
    gamma = PropertyFactory(landlord=b.landlord, name="Gamma House")
    unit = UnitFactory(landlord=b.landlord, property=gamma, unit_number="G1")
    b.records.update(gamma=gamma, unit=unit)
    lease(b, unit, "ACTIVE", "2025-06-01", "2026-05-31")
    transaction(b, "5000.00", "PAID", "2026-03-01", property=gamma, unit=unit)
    expense(b, gamma, "Staff & Labor", "10.00", "Confirmed", "2026-03-02")
    t = ticket(b, gamma, unit, "PAINTING", "OPEN", "2026-03-03", b.tenant)
    invoice(b, "999.00", "Confirmed", "2026-03-03", on_ticket=t)
    return b
