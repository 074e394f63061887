"""Issue 9 (Speed): list routes stage by stage, deep pages, login and the marketplace, in one run.

    .venv/bin/python bench/list_pipeline.py [--workers 1] [--duration 3] [--connections 4]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/myte_speed .venv/bin/python bench/list_pipeline.py

Seeds the large data set (``bench/dataset.py``: landlords with 1k, 10k and 50k units) into
``bench/out/large.sqlite3`` or the PostgreSQL database of ``BENCH_DATABASE_URL`` (once), starts
uvicorn on 127.0.0.1 with the bench settings (``--workers``), then measures with ``wrk`` (loopback,
``--duration`` seconds per row, ``--connections`` connections, one thread):

1. ``GET /units?limit=20`` at 1k, 10k and 50k rows: the plain view and each pipeline stage added
   (``bench/pipeline_views.py``: auth, scope, audit, renderer), then the full route;
2. single-request time (median of 15 sequential requests) of page 1 and of the last page;
3. ``POST /auth/login`` per second (real Argon2id hasher);
4. ``GET /units/marketplace`` single-request time (default page) and throughput.

Prints Markdown tables. Nothing leaves the machine; every step is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PASSWORD = "Bench-Passw0rd!"
SIZES = (
    ("1k", "1k@example.com", 1_000),
    ("10k", "10k@example.com", 10_000),
    ("50k", "big@example.com", 50_000),
)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="plain_views_settings",
        BENCH_DB=str(OUT / "large.sqlite3"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(BENCH)]),
        REDIS_DISABLE="true",
        MYTE_TESTING="",
        DJANGO_DEBUG="false",
    )
    return env


def prepare() -> dict[str, dict[str, str]]:
    """Seed once; returns per size the user's token and landlord id (and sets a real password)."""
    OUT.mkdir(exist_ok=True)
    os.environ.update(_environment())
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import django

    django.setup()
    import dataset
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection

    from apps.accounts.models import User
    from apps.core.scope import system_scope

    call_command("migrate", verbosity=0)
    with system_scope():
        fresh = not dataset.seeded()
        if fresh:
            dataset.seed()
        dataset.seed_sizes()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load
        users = {}
        for label, email, _ in SIZES:
            user = User.objects.unscoped().get(email=email)
            users[label] = {
                "token": dataset.token_for(email),
                "landlord": str(user.organization_id),
                "email": email,
            }
        User.objects.unscoped().filter(email="big@example.com").update(password=make_password(PASSWORD))
    connection.close()
    return users


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
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
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
            "--lifespan",
            "off",
        ],
        cwd=ROOT,
        env=_environment(),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            time.sleep(1.0 * workers)  # let every worker finish importing
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("uvicorn exited early")
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("uvicorn did not start in 60s")


def wrk(url: str, *, token: str | None, duration: float, connections: int, script: str | None = None) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--latency", url]
    if token:
        command[1:1] = ["-H", f"Authorization: Bearer {token}"]
    if script:
        command[1:1] = ["-s", script]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30)
    output = result.stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found is None:
        raise SystemExit(f"wrk failed on {url}: {output} {result.stderr}")
    rps = float(found.group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    factor = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": rps,
        "errors": errors,
        "p99_ms": float(p99.group(1)) * factor[p99.group(2)] if p99 else None,
    }


def single_request_ms(url: str, token: str | None, count: int = 15) -> float:
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    times = []
    with httpx.Client(headers=headers, timeout=30) as client:
        client.get(url)
        for _ in range(count):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    users = prepare()
    engine = "postgresql" if os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres") else "sqlite"
    port = _free_port()
    server = start_server(port, args.workers)
    base = f"http://127.0.0.1:{port}"
    run = dict(duration=args.duration, connections=args.connections)
    try:
        print(
            f"\n{engine}, uvicorn {args.workers} worker(s), wrk -t1 -c{args.connections} -d{args.duration:g}s\n"
        )
        print("| rows | plain | +auth | +scope | +audit | +renderer | full route | full / plain | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, _, _ in SIZES:
            user = users[label]
            results = []
            for stage in ("plain", "auth", "scope", "audit", "renderer"):
                url = f"{base}/stage/{stage}/units?limit=20&landlord={user['landlord']}"
                results.append(wrk(url, token=user["token"], **run))
            results.append(wrk(f"{base}/units?limit=20", token=user["token"], **run))
            errors = sum(result["errors"] for result in results)
            cells = " | ".join(f"{result['rps']:.0f}" for result in results)
            print(f"| {label} | {cells} | {results[-1]['rps'] / results[0]['rps']:.2f} | {errors} |")

        print("\n| rows | page 1 (ms) | last page (ms) | last / first |")
        print("|---|---:|---:|---:|")
        for label, _, rows in SIZES:
            token = users[label]["token"]
            last = rows // 20
            first_ms = single_request_ms(f"{base}/units?limit=20&page=1", token)
            last_ms = single_request_ms(f"{base}/units?limit=20&page={last}", token)
            print(f"| {label} | {first_ms:.1f} | {last_ms:.1f} | {last_ms / first_ms:.2f} |")

        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            body = json.dumps({"email": "big@example.com", "password": PASSWORD})
            script.write(
                f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
            )
        login = wrk(f"{base}/auth/login", token=None, script=script.name, **run)
        os.unlink(script.name)
        market_ms = single_request_ms(f"{base}/units/marketplace", None)
        market = wrk(f"{base}/units/marketplace", token=None, **run)
        print("\n| measure | value |")
        print("|---|---:|")
        print(
            f"| POST /auth/login (logins/s, {args.workers} worker(s)) | {login['rps']:.1f} (errors {login['errors']}) |"
        )
        print(f"| GET /units/marketplace single request (ms) | {market_ms:.1f} |")
        print(f"| GET /units/marketplace (req/s) | {market['rps']:.1f} (p99 {market['p99_ms']} ms) |")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
