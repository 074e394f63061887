"""Requests per second of the property routes, ours against hand-written plain Django views.

    .venv/bin/python bench/properties_load.py [--duration 5] [--concurrency 8] [--reseed]

Seeds 50 landlords x 20 properties x 10 units (2 published units per landlord) into a separate
SQLite file (``bench/out/properties.sqlite3``), starts uvicorn on 127.0.0.1 (a free port, one
worker) with the bench-only settings ``bench/plain_views_settings.py``, then for each route runs a
closed-loop load (``--concurrency`` clients on loopback) for ``--duration`` seconds against our view
and against the baseline view in ``bench/plain_views.py``, and prints a Markdown table. Everything
is bounded in time; the server is stopped at the end. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
DB = OUT / "properties.sqlite3"
LANDLORDS, PROPERTIES, UNITS, PUBLISHED = 50, 20, 10, 2

ROUTES = [
    ("GET /properties", "GET", "/properties?limit=20", "/plain/properties?limit=20"),
    ("GET /units", "GET", "/units?limit=20", "/plain/units?limit=20"),
    ("GET /units/marketplace", "GET", "/units/marketplace", "/plain/units/marketplace"),
    ("POST /properties", "POST", "/properties", "/plain/properties"),
]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="plain_views_settings",
        BENCH_DB=str(DB),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(BENCH)]),
        REDIS_DISABLE="true",
        MYTE_TESTING="",
    )
    return env


def prepare(reseed: bool) -> str:
    """Migrate and seed the bench database (once); returns a bearer token of the first landlord."""
    OUT.mkdir(exist_ok=True)
    if reseed and DB.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ.update(_environment())
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import django

    django.setup()
    from django.core.management import call_command

    from apps.accounts.models import Landlord, User
    from apps.core.authentication import issue_access_token
    from apps.core.scope import Role, UserType, system_scope
    from apps.properties.models import Property, Unit

    call_command("migrate", verbosity=0)
    with system_scope():
        if not Landlord.objects.filter(name="Bench Landlord 0").exists():
            _seed(Landlord, User, Property, Unit, Role, UserType)
        user = User.objects.unscoped().get(email="bench0@example.com")
        return issue_access_token(user)


def _seed(Landlord, User, Property, Unit, Role, UserType) -> None:  # noqa: N803 - model classes
    started = time.monotonic()
    landlords = Landlord.objects.bulk_create([Landlord(name=f"Bench Landlord {n}") for n in range(LANDLORDS)])
    User.objects.bulk_create(
        [
            User(
                username=f"bench{n}",
                email=f"bench{n}@example.com",
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
    address = dict(
        address_street="1 Bench St",
        address_city="Benchville",
        address_state="BS",
        address_country="Benchland",
        address_country_code="BL",
    )
    for landlord in landlords:
        properties = Property.objects.bulk_create(
            [Property(landlord=landlord, name=f"Property {n}", **address) for n in range(PROPERTIES)]
        )
        units = []
        for index, prop in enumerate(properties):
            for n in range(UNITS):
                published = index == 0 and n < PUBLISHED
                units.append(
                    Unit(
                        landlord=landlord,
                        property=prop,
                        unit_number=str(100 + n),
                        size=500 + n,
                        type="APARTMENT",
                        availability_status="OCCUPIED" if n % 3 == 0 else "VACANT",
                        publish_to_marketplace=published,
                        market_rent=1000 + n if published else None,
                        **address,
                    )
                )
        Unit.objects.bulk_create(units)
    print(f"seeded in {time.monotonic() - started:.1f}s", file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "myte.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "--no-access-log",
            "--lifespan",
            "off",
        ],
        cwd=ROOT,
        env=_environment(),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("uvicorn exited early")
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("uvicorn did not start in 30s")


async def measure(base: str, method: str, path: str, token: str, duration: float, concurrency: int):
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    done = errors = 0

    def body():
        return {
            "name": f"Bench {uuid.uuid4().hex}",
            "street": "1 Load St",
            "city": "Loadtown",
            "state": "LD",
            "country": "Loadland",
        }

    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:

        async def worker(stop_at: float, count: bool):
            nonlocal done, errors
            while time.monotonic() < stop_at:
                if method == "POST":
                    response = await client.post(path, json=body())
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


def compare(routes, token: str, *, duration: float, concurrency: int, measure=measure) -> list[tuple]:
    """Serve the API with uvicorn and measure every ``(label, method, ours, plain)`` route on both
    sides; ``(label, ours req/s, plain req/s, errors)`` rows. ``measure`` is the bench's own load."""
    port = _free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for label, method, ours, plain in routes:
            ours_rps, ours_errors = asyncio.run(measure(base, method, ours, token, duration, concurrency))
            plain_rps, plain_errors = asyncio.run(measure(base, method, plain, token, duration, concurrency))
            rows.append((label, ours_rps, plain_rps, ours_errors + plain_errors))
            print(f"{label}: ours {ours_rps:.1f} req/s, plain {plain_rps:.1f} req/s", file=sys.stderr)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return rows


def print_table(rows, dataset: str, *, duration: float, concurrency: int) -> None:
    """The Markdown table of :func:`compare`'s rows under a line naming the data set and the load."""
    print(f"\n{dataset}, {concurrency} clients, {duration:g}s per measurement, uvicorn 1 worker, SQLite\n")
    print("| route | ours (req/s) | plain Django (req/s) | ours / plain | errors |")
    print("|---|---:|---:|---:|---:|")
    for label, ours_rps, plain_rps, errors in rows:
        ratio = ours_rps / plain_rps if plain_rps else float("nan")
        print(f"| {label} | {ours_rps:.1f} | {plain_rps:.1f} | {ratio:.2f} | {errors} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=5.0, help="seconds measured per route and side")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--reseed", action="store_true", help="recreate the bench database")
    args = parser.parse_args()
    token = prepare(args.reseed)
    rows = compare(ROUTES, token, duration=args.duration, concurrency=args.concurrency)
    print_table(
        rows,
        f"{LANDLORDS} landlords x {PROPERTIES} properties x {UNITS} units",
        duration=args.duration,
        concurrency=args.concurrency,
    )


if __name__ == "__main__":
    main()
