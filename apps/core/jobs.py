"""Background work that loses nothing (DESIGN section 7).

:func:`enqueue` writes an :class:`~apps.core.models.OutboxJob` row in the caller's transaction and
arranges for it to be dispatched when that transaction commits:

* with Redis configured, dispatching puts ``run_outbox_job(row_id)`` on the row's RQ queue; if Redis
  is down the row simply stays ``pending`` and :func:`dispatch_pending` (run every minute by the
  scheduler) enqueues it later;
* without Redis (the embedded mode), the job runs in-process right after the commit.

A job runs only after it is claimed by a conditional update, so a row dispatched twice runs once.
Failures are retried with backoff until ``max_attempts``, then the row stays ``failed`` (visible in
the Django admin). Task functions take keyword arguments that are JSON values and run inside the
system scope.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from apps.core.db import on_commit
from apps.core.models import OutboxJob
from apps.core.scope import system_scope

logger = logging.getLogger("myte.jobs")

BACKOFF_SECONDS = (10, 60, 300, 1800, 3600)
STALE_AFTER = timedelta(minutes=15)


def enqueue(
    task: str, *, queue: str = "default", max_attempts: int | None = None, **payload: Any
) -> OutboxJob:
    """Record ``task(**payload)`` to run after the current transaction commits."""
    if queue not in settings.JOB_QUEUES:
        raise ValueError(f"Unknown queue {queue!r}; known: {', '.join(settings.JOB_QUEUES)}")
    job = OutboxJob.objects.create(
        queue=queue,
        task=task,
        payload=payload,
        max_attempts=max_attempts or settings.JOB_MAX_ATTEMPTS,
    )
    job_id = str(job.pk)
    on_commit(lambda: dispatch(job_id, queue=queue))
    return job


def dispatch(job_id: str, *, queue: str | None = None) -> None:
    """Hand one job to its queue (or run it here in the embedded mode). Never raises.

    ``queue`` is the row's queue when the caller knows it (saves reading it back)."""
    if settings.JOBS_RUN_INLINE:
        try:
            run_outbox_job(job_id)
        except Exception:  # noqa: BLE001 - the row records the failure; the caller's work is done
            logger.exception("Inline job %s failed", job_id)
        return
    try:
        rq_queue(queue or _queue_of(job_id)).enqueue(
            "apps.core.jobs.run_queued_job", job_id, job_id=f"outbox-{job_id}"
        )
    except Exception as exc:  # noqa: BLE001 - Redis down: the dispatcher retries later
        logger.warning("Could not enqueue job %s (%s); it stays pending", job_id, exc)
        return
    OutboxJob.objects.filter(pk=job_id, status=OutboxJob.Status.PENDING).update(
        status=OutboxJob.Status.ENQUEUED, enqueued_at=timezone.now()
    )


def rq_queue(name: str):
    """The RQ queue ``name`` of this process's settings, built once per configuration.

    ``django_rq.get_queue`` builds a new Redis client, so a new TCP connection and handshake, on
    every call; a queue kept per process reuses its connection pool (redis-py's pool is safe across
    threads and resets itself in a forked child)."""
    config = settings.RQ_QUEUES.get(name)
    return _rq_queue(name, json.dumps(config, sort_keys=True, default=str))


@lru_cache(maxsize=64)
def _rq_queue(name: str, config: str):
    import django_rq

    # "auto": enqueued at once; the outbox row it carries is committed already
    return django_rq.get_queue(name, commit_mode="auto")


def _queue_of(job_id: str) -> str:
    return OutboxJob.objects.values_list("queue", flat=True).get(pk=job_id)


def run_outbox_job(job_id: str) -> str:
    """Claim and run one job. Returns its final status; a job already claimed is skipped."""
    now = timezone.now()
    claimed = OutboxJob.objects.filter(
        pk=job_id, status__in=(OutboxJob.Status.PENDING, OutboxJob.Status.ENQUEUED)
    ).update(status=OutboxJob.Status.RUNNING, started_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    job = OutboxJob.objects.get(pk=job_id)
    try:
        function = import_string(job.task)
        with system_scope():
            function(**job.payload)
    except Exception as exc:  # noqa: BLE001 - recorded on the row and retried
        logger.exception("Job %s (%s) failed on attempt %s", job.pk, job.task, job.attempts)
        failed = job.attempts >= job.max_attempts
        delay = BACKOFF_SECONDS[min(job.attempts, len(BACKOFF_SECONDS)) - 1]
        OutboxJob.objects.filter(pk=job.pk).update(
            status=OutboxJob.Status.FAILED if failed else OutboxJob.Status.PENDING,
            last_error=f"{type(exc).__name__}: {exc}"[:4000],
            run_after=timezone.now() + timedelta(seconds=delay),
            finished_at=timezone.now() if failed else None,
        )
        return "failed" if failed else "retry"
    OutboxJob.objects.filter(pk=job.pk).update(
        status=OutboxJob.Status.DONE, finished_at=timezone.now(), last_error=""
    )
    return "done"


def run_queued_job(job_id: str) -> str:
    """The RQ entry point: :func:`run_outbox_job` between two clean-ups of the process's database
    connections, as Django does around a request. A worker that runs jobs in its own process
    (``rq.worker.SimpleWorker``, an option on PostgreSQL, docs/operations.md) would otherwise keep
    one connection for every job, and a connection the database dropped would fail every later job."""
    close_old_connections()
    try:
        return run_outbox_job(job_id)
    finally:
        close_old_connections()


def dispatch_pending(*, limit: int = 500) -> int:
    """Dispatch due pending jobs and jobs left enqueued or running for too long (lost or crashed).

    Safe to run at any time and any number of times: running is guarded by the claim.
    """
    now = timezone.now()
    stale = now - STALE_AFTER
    OutboxJob.objects.filter(
        Q(status=OutboxJob.Status.ENQUEUED, enqueued_at__lt=stale)
        | Q(status=OutboxJob.Status.RUNNING, started_at__lt=stale)
    ).update(status=OutboxJob.Status.PENDING)
    due = list(
        OutboxJob.objects.filter(status=OutboxJob.Status.PENDING, run_after__lte=now)
        .order_by("created_at")
        .values_list("pk", "queue")[:limit]
    )
    for job_id, queue in due:
        dispatch(str(job_id), queue=queue)
    return len(due)


def dispatch_pending_job() -> int:
    """The scheduler's entry point (``myte/cron.py``): :func:`dispatch_pending` as the system."""
    with system_scope():
        return dispatch_pending()


def enqueue_many(task: str, payloads: list[dict[str, Any]], *, queue: str = "default") -> list[OutboxJob]:
    """:func:`enqueue` for many payloads in one insert (scheduled jobs that fan out in bulk)."""
    if queue not in settings.JOB_QUEUES:
        raise ValueError(f"Unknown queue {queue!r}; known: {', '.join(settings.JOB_QUEUES)}")
    if not payloads:
        return []
    jobs = OutboxJob.objects.bulk_create(
        [
            OutboxJob(queue=queue, task=task, payload=payload, max_attempts=settings.JOB_MAX_ATTEMPTS)
            for payload in payloads
        ]
    )
    job_ids = [str(job.pk) for job in jobs]

    def dispatch_all() -> None:
        for job_id in job_ids:
            dispatch(job_id, queue=queue)

    on_commit(dispatch_all)
    return jobs
