"""Email throughput: N templated emails through the outbox, RQ and real SMTP (a local sink).

Sets up a SQLite file database, a private redis-server and an aiosmtpd sink on free loopback
ports; records ``--emails`` emails with ``email_send`` in one transaction (outbox rows, enqueued on
commit), then starts ``--workers`` ``manage.py rqworker email --burst`` processes and measures the
time until the sink holds every message. Prints enqueue and delivery rates (emails/second).

    .venv/bin/python bench/queue_throughput.py --emails 500 --workers 4
    .venv/bin/python bench/queue_throughput.py --worker-class rq.worker.SimpleWorker

Loopback only; bounded by --timeout (default 300 s).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


ENQUEUE = """
import json, time
from apps.core.db import atomic
from apps.core.models import OutboxJob
from apps.core.scope import system_scope
from apps.messaging.email import email_send
from django.conf import settings
assert not settings.TESTING and not settings.JOBS_RUN_INLINE, "jobs would run inline: nothing measured"
started = time.monotonic()
with system_scope(), atomic():
    for index in range({emails}):
        email_send(
            to=f"bench{{index}}@example.com",
            template="payment-reminder",
            context={{"recipientName": f"Tenant {{index}}", "amount": "$1,200.00", "dueDate": "2026-12-01"}},
        )
seconds = time.monotonic() - started
with system_scope():
    enqueued = OutboxJob.objects.filter(status=OutboxJob.Status.ENQUEUED).count()
print(json.dumps({{"enqueued": enqueued, "seconds": seconds}}))
"""

COUNT_DONE = """
import json
from apps.core.models import OutboxJob
from apps.core.scope import system_scope
with system_scope():
    print(json.dumps({"done": OutboxJob.objects.filter(status=OutboxJob.Status.DONE).count()}))
"""


def _django(manage: list[str], env: dict, code: str) -> dict:
    """Run ``code`` in ``manage.py shell``: Django lives only in subprocesses of this script.

    The stand-ins below come from the test helpers, which import pytest; in this process that
    would make the settings believe they run under tests (``TESTING``: jobs inline, nothing
    enqueued), which is how the first version of this benchmark measured nothing.
    """
    result = subprocess.run(
        [*manage, "shell", "-c", code],
        env=env,
        cwd=BASE_DIR,
        check=True,
        timeout=600,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="rq.worker.Worker")
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument(
        "--database-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432/myte_speed (default: a new SQLite file)",
    )
    args = parser.parse_args()

    from apps.messaging.testing import RedisServer, SmtpSink

    redis = RedisServer(private=True, db=0)
    sink = SmtpSink().start()
    workdir = Path(tempfile.mkdtemp(prefix="queue-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "DATABASE", "EMAIL", "SMTP"))}
    env.pop("MYTE_TESTING", None)
    env.update(
        DJANGO_SETTINGS_MODULE="myte.settings",
        DATABASE_URL=args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        REDIS_URL=redis.url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
        EMAIL_STARTTLS="false",
        DJANGO_READ_DOT_ENV_FILE="false",
        DJANGO_DEBUG="false",
        LOG_LEVEL="WARNING",
    )
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    workers: list[subprocess.Popen] = []
    try:
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=BASE_DIR, check=True, timeout=300
        )
        if args.database_url:
            _django(
                manage,
                env,
                "from apps.core.models import OutboxJob; OutboxJob.objects.all().delete(); print('{}')",
            )
        enqueue = _django(manage, env, ENQUEUE.format(emails=args.emails))
        if enqueue["enqueued"] != args.emails:
            raise SystemExit(
                f"only {enqueue['enqueued']} of {args.emails} jobs were queued: nothing to measure"
            )

        started = time.monotonic()
        workers = [
            subprocess.Popen(
                [*manage, "rqworker", "email", "--burst", "--worker-class", args.worker_class],
                env=env,
                cwd=BASE_DIR,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(args.workers)
        ]
        deadline = started + args.timeout
        first = None
        while sink.count < args.emails and time.monotonic() < deadline:
            if first is None and sink.count:
                first = time.monotonic()
            time.sleep(0.01)
        finished = time.monotonic()
        first = first or finished
        for worker in workers:
            worker.wait(timeout=60)
        done = _django(manage, env, COUNT_DONE)["done"]
        recipients = [to for _, tos in sink.envelopes for to in tos]
        steady = max(sink.count - 1, 0) / (finished - first) if finished > first else 0.0
        print(
            json.dumps(
                {
                    "emails": args.emails,
                    "workers": args.workers,
                    "worker_class": args.worker_class,
                    "database": "postgresql" if args.database_url.startswith("postgres") else "sqlite",
                    "enqueued": enqueue["enqueued"],
                    "enqueue_per_s": round(args.emails / enqueue["seconds"], 1),
                    "delivered": sink.count,
                    "duplicates": len(recipients) - len(set(recipients)),
                    "jobs_done": done,
                    "startup_s": round(first - started, 2),
                    "deliver_s": round(finished - started, 2),
                    "emails_per_s": round(sink.count / (finished - started), 1),
                    "steady_emails_per_s": round(steady, 1),
                }
            )
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
        sink.stop()
        redis.stop()


if __name__ == "__main__":
    main()
