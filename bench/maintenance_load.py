"""Requests per second of ``GET /maintenance/tickets``, ours against a hand-written plain view.

    .venv/bin/python bench/maintenance_load.py [--duration 5] [--concurrency 8] [--reseed]

Seeds 50 landlords x 500 tickets (each landlord: a property, 10 units, a tenant user who reports
and a contractor assigned to half the tickets) into ``bench/out/maintenance.sqlite3``, starts
uvicorn on 127.0.0.1 (one worker, bench settings ``bench/maintenance_settings.py``), then runs the
closed-loop load of ``bench/properties_load.py`` on our route and on the baseline
``/plain/maintenance/tickets`` (``bench/maintenance_plain.py``), page sizes 10 and 100, and prints a
Markdown table. Bounded in time; loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import properties_load as base

ROOT = base.ROOT
DB = base.OUT / "maintenance.sqlite3"
LANDLORDS, TICKETS, UNITS = 50, 500, 10

ROUTES = [
    (
        "GET /maintenance/tickets (limit 10)",
        "/maintenance/tickets?limit=10",
        "/plain/maintenance/tickets?limit=10",
    ),
    (
        "GET /maintenance/tickets (limit 100)",
        "/maintenance/tickets?limit=100",
        "/plain/maintenance/tickets?limit=100",
    ),
]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="maintenance_settings",
        BENCH_DB=str(DB),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(base.BENCH)]),
        REDIS_DISABLE="true",
        MYTE_TESTING="",
    )
    return env


def prepare(reseed: bool) -> str:
    base.OUT.mkdir(exist_ok=True)
    if reseed and DB.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ.update(_environment())
    sys.path[:0] = [str(ROOT), str(base.BENCH)]
    import django

    django.setup()
    from django.core.management import call_command

    from apps.accounts.models import User
    from apps.core.authentication import issue_access_token
    from apps.core.scope import system_scope

    call_command("migrate", verbosity=0)
    with system_scope():
        if not User.objects.unscoped().filter(email="mbench0@example.com").exists():
            _seed()
        return issue_access_token(User.objects.unscoped().get(email="mbench0@example.com"))


def _seed() -> None:
    from apps.accounts.models import Contractor, Landlord, Tenant, User
    from apps.core.scope import Role, UserType
    from apps.maintenance.models import MaintenanceTicket, TicketCategory, TicketPriority, TicketStatus
    from apps.properties.models import Property, Unit

    started = time.monotonic()
    categories, priorities, statuses = TicketCategory.values, TicketPriority.values, TicketStatus.values
    number = 0
    for n in range(LANDLORDS):
        landlord = Landlord.objects.create(name=f"Maintenance Bench {n}")
        tenant_org = Tenant.objects.create(name=f"Maintenance Bench Tenant {n}")
        contractor = Contractor.objects.create(name=f"Maintenance Bench Contractor {n}", category="General")

        def user(kind, org, role, suffix, n=n):
            return User(
                username=f"mbench{suffix}{n}",
                email=f"mbench{n}@example.com" if suffix == "l" else f"mbench{suffix}{n}@example.com",
                first_name="Bench",
                last_name=str(n),
                user_type=kind,
                role=role,
                is_primary=True,
                organization_id=org.pk,
                password="!",
            )

        landlord_user = user(UserType.LANDLORD, landlord, Role.LANDLORD_ADMIN, "l")
        tenant_user = user(UserType.TENANT, tenant_org, Role.TENANT, "t")
        worker = user(UserType.CONTRACTOR, contractor, Role.CONTRACTOR, "c")
        User.objects.bulk_create([landlord_user, tenant_user, worker])
        prop = Property.objects.create(landlord=landlord, name=f"Bench Tower {n}")
        units = Unit.objects.bulk_create(
            [
                Unit(landlord=landlord, property=prop, unit_number=str(100 + u), size=50, type="APARTMENT")
                for u in range(UNITS)
            ]
        )
        tickets = []
        for t in range(TICKETS):
            number += 1
            assigned = t % 2 == 0
            tickets.append(
                MaintenanceTicket(
                    landlord=landlord,
                    property=prop,
                    unit=units[t % UNITS] if t % 5 else None,
                    title=f"Bench ticket {t}",
                    description="Something to fix",
                    category=categories[t % len(categories)],
                    priority=priorities[t % len(priorities)],
                    status=statuses[t % len(statuses)],
                    requested_by=tenant_user,
                    assigned_contractor=contractor if assigned else None,
                    assigned_by=landlord_user if assigned else None,
                    assigned_user=worker if assigned else None,
                    ticket_number=f"MT2026-{number:06d}",
                )
            )
        MaintenanceTicket.objects.bulk_create(tickets, batch_size=500)
    print(f"seeded in {time.monotonic() - started:.1f}s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    token = prepare(args.reseed)
    base._environment = _environment  # the shared server starter, on this bench's settings and file
    port = base._free_port()
    server = base.start_server(port)
    url = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for label, ours, plain in ROUTES:
            ours_rps, ours_errors = asyncio.run(
                base.measure(url, "GET", ours, token, args.duration, args.concurrency)
            )
            plain_rps, plain_errors = asyncio.run(
                base.measure(url, "GET", plain, token, args.duration, args.concurrency)
            )
            rows.append((label, ours_rps, plain_rps, ours_errors + plain_errors))
            print(f"{label}: ours {ours_rps:.1f} req/s, plain {plain_rps:.1f} req/s", file=sys.stderr)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    print(
        f"\n{LANDLORDS} landlords x {TICKETS} tickets, {args.concurrency} clients, "
        f"{args.duration:g}s per measurement, uvicorn 1 worker, SQLite\n"
    )
    print("| route | ours (req/s) | plain Django (req/s) | ours / plain | errors |")
    print("|---|---:|---:|---:|---:|")
    for label, ours_rps, plain_rps, errors in rows:
        ratio = ours_rps / plain_rps if plain_rps else float("nan")
        print(f"| {label} | {ours_rps:.1f} | {plain_rps:.1f} | {ratio:.2f} | {errors} |")


if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).resolve().parent)]
    main()
