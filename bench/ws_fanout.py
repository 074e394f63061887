"""Fan-out latency: one chat message to 100 connected participants through channels-redis.

Starts the real ASGI server (daphne) on a free 127.0.0.1 port with a private redis-server (the
channel layer) and a SQLite file, creates a group of ``--participants`` users plus a sender,
connects one ``/ws/chat/`` socket per participant, then sends ``--warmup`` unmeasured messages and
``--rounds`` measured ones over the sender's socket (persisted, then pushed to each participant's
group). Latency = time from the send to the arrival of the ``chat:message`` frame at each
participant. Prints p50/p90/p99/max. An RQ worker runs beside the server, as deployed: it writes
each message's in-app notifications (its outbox job); their count is printed at the end.

    .venv/bin/python bench/ws_fanout.py --participants 100 --rounds 20

Loopback only; bounded by --timeout (default 300 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

SETUP = """
import json
from apps.accounts.tests.factories import LandlordFactory, TenantOrgFactory, TenantUserFactory
from apps.chat.tests.factories import group_thread
from apps.core.authentication import issue_access_token
from apps.core.scope import system_scope
with system_scope():
    landlord = LandlordFactory()
    org = TenantOrgFactory(landlords=[landlord])
    sender = TenantUserFactory(organization_id=org.pk, username="bench-sender", email="bench-sender@example.com")
    members = [TenantUserFactory(organization_id=org.pk) for _ in range({participants})]
    thread = group_thread(sender, *members, title="bench")
    print(json.dumps({{"thread": str(thread.pk), "sender": issue_access_token(sender),
                      "members": [issue_access_token(m) for m in members]}}))
"""


#: the notification rows the worker wrote (read after the run, once its queue is empty)
NOTIFIED = """
import time
from django_rq import get_queue
from apps.core.scope import system_scope
from apps.notifications.models import Notification
deadline = time.monotonic() + 60
while get_queue("default").count and time.monotonic() < deadline:
    time.sleep(0.2)
time.sleep(1)
with system_scope():
    print(Notification.objects.unscoped().count())
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


async def measure(port: int, people: dict, rounds: int, warmup: int, interval: float) -> list[float]:
    import websockets

    url = f"ws://127.0.0.1:{port}/ws/chat/?token="
    members = [await websockets.connect(url + token, max_queue=None) for token in people["members"]]
    sender = await websockets.connect(url + people["sender"], max_queue=None)
    await asyncio.sleep(0.5)  # group membership settles
    latencies: list[float] = []

    async def wait_for(ws, text: str, started: float) -> None:
        while True:
            frame = json.loads(await ws.recv())
            if frame["event"] == "chat:message" and frame["data"]["message"]["content"] == text:
                latencies.append((time.perf_counter() - started) * 1000)
                return

    for index in range(-warmup, rounds):
        text = f"bench-{index}"
        before = len(latencies)
        started = time.perf_counter()
        await sender.send(
            json.dumps({"event": "message", "data": {"threadId": people["thread"], "message": text}})
        )
        await asyncio.wait_for(asyncio.gather(*(wait_for(ws, text, started) for ws in members)), 30)
        this_round = latencies[before:]
        if index < 0:  # warm-up: the process's first message (lazy imports, cold caches)
            WARMUP.append(max(this_round))
            del latencies[before:]
            continue
        FIRST.append(min(this_round))
        SPREAD.append(max(this_round) - min(this_round))
        if interval:
            await asyncio.sleep(max(0.0, interval - (time.perf_counter() - started)))
    for ws in [*members, sender]:
        await ws.close()
    return latencies


#: per round: the first arrival (the write path plus one push) and last minus first (the fan-out)
FIRST: list[float] = []
SPREAD: list[float] = []
#: slowest delivery of each warm-up round (not in the percentiles)
WARMUP: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument(
        "--warmup", type=int, default=1, help="unmeasured rounds first (their slowest delivery is printed)"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=0.0,
        help="seconds from one measured send to the next (default 0: as soon as every socket has the last)",
    )
    parser.add_argument(
        "--database-url",
        help="an empty database to use (e.g. postgres://postgres@127.0.0.1:5432/myte_ws); default: a new SQLite file",
    )
    parser.add_argument(
        "--worker-class", default="rq.worker.Worker", help="as `make worker` runs it (the default)"
    )
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="do not run the RQ worker that writes the messages' notifications (their job)",
    )
    parser.add_argument("--server", choices=("uvicorn", "daphne"), default="uvicorn")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "myte.settings")
    from apps.messaging.testing import RedisServer, free_port

    redis = RedisServer(private=True, db=0)
    workdir = Path(tempfile.mkdtemp(prefix="ws-fanout-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "DATABASE"))}
    env.update(
        DATABASE_URL=args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        REDIS_URL=redis.url,
        DJANGO_READ_DOT_ENV_FILE="false",
        RATE_LIMIT_ENABLED="false",
        DJANGO_DEBUG="false",
        LOG_LEVEL="WARNING",
    )
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    server = worker = None
    try:
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=BASE_DIR, check=True, timeout=300
        )
        setup = subprocess.run(
            [*manage, "shell", "-c", SETUP.format(participants=args.participants)],
            env=env,
            cwd=BASE_DIR,
            check=True,
            capture_output=True,
            timeout=300,
        )
        people = json.loads(setup.stdout.decode().strip().splitlines()[-1])
        port = free_port()
        log = open(workdir / "daphne.log", "w")  # noqa: SIM115 - lives as long as the server
        print(f"server log: {workdir / 'daphne.log'}", file=sys.stderr)
        command = {
            "daphne": ["-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "myte.asgi:application"],
            "uvicorn": [
                "-m",
                "uvicorn",
                "myte.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--lifespan",
                "off",
            ],
        }[args.server]
        server = subprocess.Popen(
            [sys.executable, *command],
            env=env,
            cwd=BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if not args.no_worker:
            # As deployed (`make worker`): the worker writes each message's 100 notification rows
            # on the same machine while the next messages are sent.
            worker = subprocess.Popen(
                [*manage, "rqworker", "default", "--worker-class", args.worker_class],
                env=env,
                cwd=BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        import socket

        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("daphne did not start")
            time.sleep(0.1)
        started = time.monotonic()
        latencies = asyncio.run(
            asyncio.wait_for(measure(port, people, args.rounds, args.warmup, args.interval), args.timeout)
        )
        elapsed = time.monotonic() - started
        result = {
            "participants": args.participants,
            "rounds": args.rounds,
            "deliveries": len(latencies),
            "p50_ms": round(statistics.median(latencies), 1),
            "p90_ms": round(percentile(latencies, 0.90), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "max_ms": round(max(latencies), 1),
            "first_arrival_p50_ms": round(statistics.median(FIRST), 1),
            "fanout_spread_p50_ms": round(statistics.median(SPREAD), 1),
            "warmup_max_ms": [round(value, 1) for value in WARMUP],
            "interval_s": args.interval,
            "worker": None if args.no_worker else args.worker_class,
            "server": args.server,
            "layer": os.environ.get("CHANNEL_LAYER_KIND", "pubsub"),
            "database": env["DATABASE_URL"].split(":", 1)[0],
            "wall_s": round(elapsed, 1),
        }
        if worker is not None:
            counted = subprocess.run(
                [*manage, "shell", "-c", NOTIFIED],
                env=env,
                cwd=BASE_DIR,
                check=True,
                capture_output=True,
                timeout=120,
            )
            result["notifications_written"] = int(counted.stdout.decode().strip().splitlines()[-1])
        print(json.dumps(result))
    finally:
        for process in (server, worker):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
        redis.stop()


if __name__ == "__main__":
    main()
