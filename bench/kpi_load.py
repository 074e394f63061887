"""Time per request of the six KPI routes, at 1x and 10x a landlord's data (issue 13 item 4).

    .venv/bin/python bench/kpi_load.py [--requests 15] [--reseed]

Seeds ``bench/out/kpi.sqlite3`` once: 50 landlords x (10 properties, 200 units, 200 leases,
5,000 transactions, 500 tickets, 50 scopes of work, 250 invoices, 200 expenses), plus one more
landlord with ten times that (2,000 leases, 50,000 transactions, 5,000 tickets, ...). Then asks
every route, in-process through the whole request pipeline (authentication, access rules, audit
row, camelCase rendering) with Django's test client, as a landlord of the 1x set and as the 10x
landlord, and prints the median and 90th percentile milliseconds per request, the number of SQL
queries and the 10x/1x ratio as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DB = OUT / "kpi.sqlite3"
LANDLORDS = 50
PROPERTIES, UNITS_PER_PROPERTY, MONTHS = 10, 20, 25
TICKETS, SOWS, INVOICES, EXPENSES = 500, 50, 250, 200

sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

ROUTES = [
    ("/kpi/financial", {"scope": "portfolio", "period": "rolling-12-months", "compare": "true"}),
    (
        "/kpi/maintenance",
        {"scope": "portfolio", "period": "rolling-12-months", "creator": "all", "compare": "true"},
    ),
    (
        "/kpi/maintenance/ticket-work-volume",
        {"scope": "portfolio", "period": "rolling-12-months", "creator": "all", "compare": "true"},
    ),
    (
        "/kpi/maintenance/cost-invoicing",
        {"scope": "portfolio", "period": "rolling-12-months", "creator": "all", "compare": "true"},
    ),
    (
        "/kpi/maintenance/resolution-completion",
        {"scope": "portfolio", "period": "rolling-12-months", "creator": "all", "compare": "true"},
    ),
    ("/kpi/occupancy-leasing", {"scope": "portfolio", "period": "this-month", "compare": "true"}),
]


def setup(reseed: bool) -> None:
    OUT.mkdir(exist_ok=True)
    if reseed:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kpi_settings", BENCH_DB=str(DB), REDIS_DISABLE="true", MYTE_TESTING=""
    )
    import django

    django.setup()
    from django.core.management import call_command

    from apps.accounts.models import Landlord
    from apps.core.scope import system_scope

    call_command("migrate", verbosity=0)
    with system_scope():
        if not Landlord.objects.filter(name="KPI Bench Landlord x10").exists():
            started = time.monotonic()
            for n in range(LANDLORDS):
                seed_landlord(f"KPI Bench Landlord {n}", scale=1)
            seed_landlord("KPI Bench Landlord x10", scale=10)
            print(f"seeded in {time.monotonic() - started:.0f}s", file=sys.stderr)


def seed_landlord(name: str, *, scale: int) -> None:
    from dateutil.relativedelta import relativedelta
    from django.utils import timezone

    from apps.accounts.models import Contractor, Landlord, Tenant, User
    from apps.core.scope import Role, UserType
    from apps.expenses.models import Expense
    from apps.leases.models import Lease, Transaction
    from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork
    from apps.properties.models import Property, Unit

    now = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    first_month = (now - relativedelta(months=MONTHS - 2)).replace(day=1)
    landlord = Landlord.objects.create(name=name)
    slug = name.rsplit(" ", 1)[-1]
    admin, tenant_user = User.objects.bulk_create(
        [
            User(
                username=f"kpibench{slug}{kind}",
                email=f"kpibench{slug}{kind}@example.com",
                first_name="Bench",
                last_name=kind,
                user_type=user_type,
                role=role,
                is_primary=True,
                organization_id=org,
                password="!",
            )
            for kind, user_type, role, org in (
                ("admin", UserType.LANDLORD, Role.LANDLORD_ADMIN, landlord.pk),
                ("tenant", UserType.TENANT, Role.TENANT, None),
            )
        ]
    )
    tenants = Tenant.objects.bulk_create([Tenant(name=f"{name} household {t}") for t in range(20)])
    contractors = Contractor.objects.bulk_create(
        [Contractor(name=f"{name} contractor {c}", category="General") for c in range(5)]
    )
    properties = Property.objects.bulk_create(
        [Property(landlord=landlord, name=f"{name} property {p}") for p in range(PROPERTIES * scale)]
    )
    units = Unit.objects.bulk_create(
        [
            Unit(landlord=landlord, property=prop, unit_number=str(100 + u), size=600, type="APARTMENT")
            for prop in properties
            for u in range(UNITS_PER_PROPERTY)
        ]
    )
    statuses = ["ACTIVE"] * 15 + ["EXPIRED"] * 3 + ["TERMINATED"] * 2
    leases = Lease.objects.bulk_create(
        [
            Lease(
                landlord=landlord,
                unit=unit,
                tenant=tenants[i % len(tenants)],
                start_date=first_month + relativedelta(months=i % 6),
                end_date=first_month + relativedelta(months=12 + i % 18),
                rent_amount=Decimal("1500.00"),
                payment_cycle="MONTHLY",
                status=statuses[i % len(statuses)],
                termination_date=(now - timedelta(days=i % 200))
                if statuses[i % len(statuses)] == "TERMINATED"
                else None,
                auto_renewal=i % 7 == 0,
            )
            for i, unit in enumerate(units)
        ]
    )
    rows = []
    for i, lease in enumerate(leases):
        own_place = i % 10 != 0  # every tenth is attributed through its lease
        for month in range(MONTHS):
            due = first_month + relativedelta(months=month)
            rows.append(
                Transaction(
                    landlord=landlord,
                    lease=lease,
                    unit=lease.unit if own_place else None,
                    property_id=lease.unit.property_id if own_place else None,
                    amount=Decimal("1500.00") if month % 12 else Decimal("300.00"),
                    due_date=due,
                    type="RENT" if month % 12 else "DEPOSIT",
                    status="PAID" if due < now else "PENDING",
                )
            )
    Transaction.objects.bulk_create(rows, batch_size=5000)
    sows = ScopeOfWork.objects.bulk_create(
        [
            ScopeOfWork(
                landlord=landlord,
                property=properties[s % len(properties)],
                sow_number=f"SOWB-{slug}-{s}",
                title="Works",
                status="CLOSED" if s % 3 == 0 else "OPEN",
                created_at=now - timedelta(days=s % 360),
                completed_date=(now - timedelta(days=s % 360) + timedelta(days=5)) if s % 3 == 0 else None,
            )
            for s in range(SOWS * scale)
        ]
    )
    ticket_statuses = ["OPEN", "IN_REVIEW", "ASSIGNED", "IN_PROGRESS", "DONE", "CLOSED"]
    categories = ["PLUMBING", "ELECTRICAL", "HVAC", "APPLIANCES", "GENERAL"]
    tickets = []
    for t in range(TICKETS * scale):
        status = ticket_statuses[t % len(ticket_statuses)]
        requested = now - timedelta(days=t % 400, hours=t % 24)
        unit = units[t % len(units)]
        tickets.append(
            MaintenanceTicket(
                landlord=landlord,
                property_id=unit.property_id,
                unit=unit if t % 5 else None,
                assigned_contractor=contractors[t % len(contractors)] if t % 2 else None,
                title="Bench job",
                description="Bench",
                category=categories[t % len(categories)],
                status=status,
                requested_by=tenant_user if t % 3 else admin,
                request_date=requested,
                created_at=requested,
                completed_date=requested + timedelta(hours=1 + t % 96)
                if status in ("DONE", "CLOSED")
                else None,
                ticket_number=f"MTB-{slug}-{t}",
                scope_of_work=sows[t % len(sows)] if t % 4 == 0 else None,
            )
        )
    MaintenanceTicket.objects.bulk_create(tickets, batch_size=2000)
    Invoice.objects.bulk_create(
        [
            Invoice(
                landlord=landlord,
                amount=Decimal("120.50") + i,
                issuer="CONTRACTOR",
                linked_entity_type="TICKET" if i % 5 else "SCOPE_OF_WORK",
                ticket=tickets[i * 2] if i % 5 else None,
                scope_of_work=None if i % 5 else sows[i % len(sows)],
                status="Confirmed" if i % 3 else "Draft",
                created_at=now - timedelta(days=i % 380),
            )
            for i in range(INVOICES * scale)
        ],
        batch_size=2000,
    )
    expense_categories = ["Utilities & Energy", "Taxes & Permits", "Insurance & Compliance", "Staff & Labor"]
    Expense.objects.bulk_create(
        [
            Expense(
                landlord=landlord,
                property=properties[e % len(properties)],
                unit=units[e % len(units)] if e % 2 else None,
                category=expense_categories[e % len(expense_categories)],
                amount=Decimal("75.25") + e,
                date=now - timedelta(days=e % 390),
                status="Confirmed" if e % 4 else "Draft",
            )
            for e in range(EXPENSES * scale)
        ],
        batch_size=2000,
    )


def measure(email: str, requests: int) -> dict[str, tuple[float, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User
    from apps.core.authentication import issue_access_token
    from apps.core.scope import system_scope

    with system_scope():
        user = User.objects.unscoped().get(email=email)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_access_token(user)}")
    results = {}
    for path, params in ROUTES:
        for _ in range(2):  # warm-up
            assert client.get(path, params).status_code == 200
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
        times.sort()
        results[path] = (
            statistics.median(times),
            times[int(len(times) * 0.9) - 1],
            len(queries.captured_queries),
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    setup(args.reseed)
    one = measure("kpibench0admin@example.com", args.requests)
    ten = measure("kpibenchx10admin@example.com", args.requests)
    print("| route | 1x median ms | 1x p90 ms | 10x median ms | 10x p90 ms | 10x / 1x | queries |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path, _ in ROUTES:
        (m1, p1, q1), (m10, p10, q10) = one[path], ten[path]
        queries = str(q1) if q1 == q10 else f"{q1} / {q10}"
        print(f"| GET {path} | {m1:.1f} | {p1:.1f} | {m10:.1f} | {p10:.1f} | {m10 / m1:.2f} | {queries} |")


if __name__ == "__main__":
    main()
