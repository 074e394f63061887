"""Requests per second of the lease routes against plain Django views, and the status updater in bulk.

    .venv/bin/python bench/leases_load.py [--duration 5] [--concurrency 8] [--reseed] [--skip-http]

Seeds 50 landlords x 200 ACTIVE leases x 24 monthly transactions (10,000 leases, 240,000
transactions, one rental period each) into ``bench/out/leases.sqlite3``, starts uvicorn on
127.0.0.1 with ``bench/plain_lease_settings.py`` and measures ``GET /leases``,
``GET /transactions``, ``GET /leases/rent-roll`` and ``POST /transactions/:id/mark-as-paid``
against the baselines of ``bench/plain_lease_views.py``. Then runs the daily status updater
in-process over the 10,000 leases and reports its duration and number of SQL statements (2 of
the 12 past installments of every lease are unpaid, so 20,000 transactions become OVERDUE).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
DB = OUT / "leases.sqlite3"
LANDLORDS, PROPERTIES, UNITS_PER_PROPERTY, INSTALLMENTS = 50, 10, 20, 24

sys.path[:0] = [str(ROOT), str(BENCH)]
import properties_load  # noqa: E402  (shared server and load helpers)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="plain_lease_settings",
        BENCH_DB=str(DB),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(BENCH)]),
        REDIS_DISABLE="true",
        MYTE_TESTING="",
    )
    return env


properties_load._environment = _environment


def prepare(reseed: bool) -> tuple[str, str]:
    """Migrate and seed (once); returns a landlord's bearer token and a payable transaction id."""
    OUT.mkdir(exist_ok=True)
    if reseed:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ.update(_environment())
    import django

    django.setup()
    from django.core.management import call_command

    from apps.accounts.models import Landlord, User
    from apps.core.authentication import issue_access_token
    from apps.core.scope import system_scope
    from apps.leases.models import Transaction

    call_command("migrate", verbosity=0)
    with system_scope():
        if not Landlord.objects.filter(name="Lease Bench Landlord 0").exists():
            _seed()
        user = User.objects.unscoped().get(email="leasebench0@example.com")
        first = (
            Transaction.objects.unscoped()
            .filter(landlord_id=user.organization_id, type="RENT")
            .order_by("due_date", "id")
            .first()
        )
        return issue_access_token(user), str(first.pk)


def _seed() -> None:
    from dateutil.relativedelta import relativedelta
    from django.utils import timezone

    from apps.accounts.models import Landlord, Tenant, User
    from apps.core.scope import Role, UserType
    from apps.leases import cycles
    from apps.leases.models import Lease, RentalPeriod, Transaction
    from apps.properties.models import Property, Unit

    started = time.monotonic()
    today = cycles.midnight(timezone.now())
    start = today - relativedelta(months=12)
    end = start + relativedelta(months=INSTALLMENTS) - timedelta(days=1)
    landlords = Landlord.objects.bulk_create(
        [Landlord(name=f"Lease Bench Landlord {n}") for n in range(LANDLORDS)]
    )
    User.objects.bulk_create(
        [
            User(
                username=f"leasebench{n}",
                email=f"leasebench{n}@example.com",
                first_name="Bench",
                last_name=str(n),
                user_type=UserType.LANDLORD,
                role=Role.LANDLORD_ADMIN,
                is_primary=True,
                organization_id=landlord.pk,
                password="!",
            )
            for n, landlord in enumerate(landlords)
        ]
    )
    rent = Decimal("1500.00")
    for n, landlord in enumerate(landlords):
        tenants = Tenant.objects.bulk_create([Tenant(name=f"Bench household {n}-{t}") for t in range(20)])
        properties = Property.objects.bulk_create(
            [Property(landlord=landlord, name=f"Bench Property {n}-{p}") for p in range(PROPERTIES)]
        )
        units = Unit.objects.bulk_create(
            [
                Unit(
                    landlord=landlord,
                    property=prop,
                    unit_number=str(100 + u),
                    size=600,
                    type="APARTMENT",
                    availability_status="OCCUPIED",
                )
                for prop in properties
                for u in range(UNITS_PER_PROPERTY)
            ]
        )
        leases = Lease.objects.bulk_create(
            [
                Lease(
                    landlord=landlord,
                    unit=unit,
                    tenant=tenants[i % len(tenants)],
                    start_date=start,
                    end_date=end,
                    rent_amount=rent,
                    payment_cycle="MONTHLY",
                    status="ACTIVE",
                    activated_at=start,
                )
                for i, unit in enumerate(units)
            ]
        )
        periods = RentalPeriod.objects.bulk_create(
            [
                RentalPeriod(
                    landlord=landlord,
                    lease=lease,
                    start_date=start,
                    end_date=end,
                    rent_amount=rent,
                    status="ACTIVE",
                )
                for lease in leases
            ]
        )
        rows = []
        for lease, period in zip(leases, periods, strict=True):
            for i, due in enumerate(cycles.due_dates(start, end, "MONTHLY")):
                paid = i < 10
                rows.append(
                    Transaction(
                        landlord=landlord,
                        lease=lease,
                        rental_period=period,
                        unit=lease.unit,
                        property_id=lease.unit.property_id,
                        amount=rent,
                        due_date=due,
                        type="RENT",
                        status="PAID" if paid else "PENDING",
                        paid_at=due if paid else None,
                        payment_method="BANK_TRANSFER" if paid else None,
                    )
                )
        Transaction.objects.bulk_create(rows, batch_size=2000)
    print(f"seeded in {time.monotonic() - started:.1f}s", file=sys.stderr)


def status_updater() -> tuple[float, int, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.core.scope import system_scope
    from apps.leases.jobs import status_update

    with system_scope(), CaptureQueriesContext(connection) as queries:
        started = time.monotonic()
        summary = status_update()
        elapsed = time.monotonic() - started
    return elapsed, len(queries.captured_queries), summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--skip-http", action="store_true", help="only the status updater")
    parser.add_argument("--only", default="", help="measure only the routes whose label contains this text")
    parser.add_argument("--skip-updater", action="store_true", help="do not run the status updater")
    args = parser.parse_args()
    token, tx_id = prepare(args.reseed)
    routes = [
        ("GET /leases (limit 20)", "GET", "/leases?limit=20", "/plain/leases?limit=20"),
        ("GET /transactions (limit 20)", "GET", "/transactions?limit=20", "/plain/transactions?limit=20"),
        (
            "GET /leases/rent-roll (limit 20)",
            "GET",
            "/leases/rent-roll?limit=20",
            "/plain/leases/rent-roll?limit=20",
        ),
        (
            "POST /transactions/:id/mark-as-paid",
            "POSTPAID",
            f"/transactions/{tx_id}/mark-as-paid",
            f"/plain/transactions/{tx_id}/mark-as-paid",
        ),
    ]
    routes = [route for route in routes if args.only in route[0]]
    if not args.skip_http:
        rows = properties_load.compare(
            routes, token, duration=args.duration, concurrency=args.concurrency, measure=measure
        )
        properties_load.print_table(
            rows,
            f"{LANDLORDS} landlords x 200 leases x {INSTALLMENTS} transactions",
            duration=args.duration,
            concurrency=args.concurrency,
        )
    if args.skip_updater:
        return
    elapsed, statements, summary = status_updater()
    print(
        f"\nstatus updater over {LANDLORDS * 200} leases: {elapsed:.2f}s, {statements} SQL statements, "
        f"pendingToOverdue={summary['transactions']['pendingToOverdue']}, errors={summary['errors']}"
    )


async def measure(base, method, path, token, duration, concurrency):
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    done = errors = 0
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:

        async def worker(stop_at: float, count: bool):
            nonlocal done, errors
            while time.monotonic() < stop_at:
                if method == "POSTPAID":
                    response = await client.post(
                        path, json={"paymentMethod": "CASH", "notes": uuid.uuid4().hex[:8]}
                    )
                else:
                    response = await client.get(path)
                if count:
                    if response.status_code < 300:
                        done += 1
                    else:
                        errors += 1

        warmup = time.monotonic() + min(1.0, duration / 4)
        await asyncio.gather(*(worker(warmup, False) for _ in range(concurrency)))
        started = time.monotonic()
        await asyncio.gather(*(worker(started + duration, True) for _ in range(concurrency)))
        elapsed = time.monotonic() - started
    return done / elapsed, errors


if __name__ == "__main__":
    main()
