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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="rq.worker.Worker")
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args()

    from apps.messaging.testing import RedisServer, SmtpSink

    redis = RedisServer(private=True, db=0)
    sink = SmtpSink().start()
    workdir = Path(tempfile.mkdtemp(prefix="queue-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "DATABASE", "EMAIL", "SMTP"))}
    env.update(
        DJANGO_SETTINGS_MODULE="myte.settings",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
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
        os.environ.update(env)
        import django

        django.setup()
        from apps.core.db import atomic
        from apps.core.models import OutboxJob
        from apps.core.scope import system_scope
        from apps.messaging.email import email_send

        started = time.monotonic()
        with system_scope(), atomic():
            for index in range(args.emails):
                email_send(
                    to=f"bench{index}@example.com",
                    template="payment-reminder",
                    context={
                        "recipientName": f"Tenant {index}",
                        "amount": "$1,200.00",
                        "dueDate": "2026-12-01",
                    },
                )
        enqueue_seconds = time.monotonic() - started
        with system_scope():
            enqueued = OutboxJob.objects.filter(status=OutboxJob.Status.ENQUEUED).count()

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
        while sink.count < args.emails and time.monotonic() < deadline:
            time.sleep(0.02)
        deliver_seconds = time.monotonic() - started
        for worker in workers:
            worker.wait(timeout=60)
        with system_scope():
            done = OutboxJob.objects.filter(status=OutboxJob.Status.DONE).count()
        recipients = [to for _, tos in sink.envelopes for to in tos]
        print(
            json.dumps(
                {
                    "emails": args.emails,
                    "workers": args.workers,
                    "worker_class": args.worker_class,
                    "enqueued": enqueued,
                    "enqueue_per_s": round(args.emails / enqueue_seconds, 1),
                    "delivered": sink.count,
                    "duplicates": len(recipients) - len(set(recipients)),
                    "jobs_done": done,
                    "deliver_s": round(deliver_seconds, 2),
                    "emails_per_s": round(sink.count / deliver_seconds, 1),
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
