"""The outbox (DESIGN section 7): jobs run after commit, survive a Redis outage, run exactly once."""

from __future__ import annotations

import pytest

from apps.core import jobs
from apps.core.db import atomic
from apps.core.models import AuditLog, OutboxJob

TASK = "apps.core.tests.tasks.record_delivery"


def deliveries(marker: str) -> int:
    return AuditLog.objects.filter(action="test.delivered", details__marker=marker).count()


@pytest.mark.django_db(transaction=True)
def test_enqueued_job_runs_after_commit_only():
    with atomic():
        job = jobs.enqueue(TASK, marker="commit")
        assert deliveries("commit") == 0  # nothing runs inside the transaction
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.DONE
    assert job.attempts == 1
    assert deliveries("commit") == 1
    entry = AuditLog.objects.get(action="test.delivered")
    assert entry.user_id == "system"
    assert entry.details["principal"] == "system"  # jobs run in the system scope


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_leaves_nothing():
    with pytest.raises(RuntimeError), atomic():
        jobs.enqueue(TASK, marker="rollback")
        raise RuntimeError("the change fails")
    assert OutboxJob.objects.count() == 0
    assert deliveries("rollback") == 0


@pytest.mark.django_db(transaction=True)
def test_unknown_queue_is_refused():
    with pytest.raises(ValueError, match="Unknown queue"):
        jobs.enqueue(TASK, queue="nope", marker="x")


@pytest.mark.django_db(transaction=True)
def test_failing_job_is_retried_with_backoff_then_failed(settings):
    with atomic():
        job = jobs.enqueue("apps.core.tests.tasks.always_fail", max_attempts=2, marker="f")
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.PENDING
    assert job.attempts == 1
    assert "failing on purpose" in job.last_error
    assert job.run_after > job.started_at
    assert jobs.dispatch_pending() == 0  # not due yet
    OutboxJob.objects.filter(pk=job.pk).update(run_after=job.created_at)
    assert jobs.dispatch_pending() == 1
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.FAILED
    assert job.attempts == 2
    assert job.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_job_claimed_once_is_not_run_again():
    with atomic():
        job = jobs.enqueue(TASK, marker="once")
    assert jobs.run_outbox_job(str(job.pk)) == "skipped"
    assert deliveries("once") == 1


@pytest.mark.django_db
def test_on_commit_callbacks_in_a_test_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        jobs.enqueue(TASK, marker="captured")
    assert len(callbacks) == 1
    assert deliveries("captured") == 1


# -- with a real Redis and a real RQ worker ---------------------------------------------------------
def run_worker_burst(queue_names=("default",)) -> None:
    """A real RQ worker in burst mode, in this process (so it shares the test database)."""
    import django_rq
    from rq import SimpleWorker

    worker = django_rq.get_worker(*queue_names, worker_class=SimpleWorker)
    worker.work(burst=True, with_scheduler=False)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_job_goes_through_redis_and_a_worker(use_redis):
    with atomic():
        job = jobs.enqueue(TASK, marker="rq")
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.ENQUEUED
    assert job.enqueued_at is not None
    assert deliveries("rq") == 0
    run_worker_burst()
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.DONE
    assert deliveries("rq") == 1


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_job_runs_between_two_connection_clean_ups(use_redis, monkeypatch):
    """The RQ entry point cleans up connections around each job, as Django does around a request:
    a worker running jobs in its own process keeps no connection across jobs, and one the
    database dropped in between is replaced, not reused (Django's ``close_old_connections``)."""
    from django.db import close_old_connections

    calls: list[str] = []

    def clean_up():
        calls.append(f"clean-up ({deliveries('conn')} delivered)")
        close_old_connections()

    monkeypatch.setattr(jobs, "close_old_connections", clean_up)
    with atomic():
        job = jobs.enqueue(TASK, marker="conn")
    assert jobs.run_queued_job(str(job.pk)) == "done"
    assert calls == ["clean-up (0 delivered)", "clean-up (1 delivered)"]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_redis_outage_keeps_the_job_and_the_dispatcher_delivers_it_once(settings, use_redis, free_port):
    from tests.fixtures.services import queues_for

    # Redis is down when the transaction commits: the row stays pending, the request is unaffected.
    settings.RQ_QUEUES = queues_for(f"redis://127.0.0.1:{free_port}/0")
    with atomic():
        job = jobs.enqueue(TASK, queue="email", marker="outage")
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.PENDING
    assert deliveries("outage") == 0

    # Redis is back: the periodic dispatcher enqueues it; dispatching again must not duplicate it.
    settings.RQ_QUEUES = queues_for(use_redis)
    assert jobs.dispatch_pending() == 1
    assert jobs.dispatch_pending() == 0
    jobs.dispatch(str(job.pk))  # a duplicate hand-off (e.g. an admin "retry" racing the dispatcher)
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.ENQUEUED
    run_worker_burst(("email",))
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.DONE
    assert job.attempts == 1
    assert deliveries("outage") == 1


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_stale_enqueued_job_is_dispatched_again(use_redis):
    from datetime import timedelta

    from django.utils import timezone

    with atomic():
        job = jobs.enqueue(TASK, marker="stale")
    # The queue lost the job (Redis restarted without persistence): flush it.
    import redis

    redis.Redis.from_url(use_redis).flushdb()
    OutboxJob.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    assert jobs.dispatch_pending() == 1
    run_worker_burst()
    assert deliveries("stale") == 1


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_scheduler_entry_point_dispatches(use_redis, free_port, settings):
    from tests.fixtures.services import queues_for

    settings.RQ_QUEUES = queues_for(f"redis://127.0.0.1:{free_port}/0")
    with atomic():
        jobs.enqueue(TASK, marker="cron")
    settings.RQ_QUEUES = queues_for(use_redis)
    assert jobs.dispatch_pending_job() == 1
    run_worker_burst()
    assert deliveries("cron") == 1


def test_cron_config_registers_the_outbox_dispatcher():
    """``manage.py rqcron myte.cron`` schedules the outbox dispatcher every minute."""
    import importlib

    from rq import cron

    import myte.cron

    cron._job_data_registry.clear()
    importlib.reload(myte.cron)
    entries = list(cron._job_data_registry)
    cron._job_data_registry.clear()
    dispatchers = [
        entry
        for entry in entries
        if entry["func"] is jobs.dispatch_pending_job
        or "dispatchPending" in entry["name"]
        or "outbox" in entry["name"]
    ]
    assert len(dispatchers) == 1, [entry["name"] for entry in entries]
    entry = dispatchers[0]
    assert entry["interval"] == 60 or entry["cron"] == "* * * * *"


# -- email through a real SMTP server --------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_email_job_delivers_html_and_text_with_branding(smtp_sink, settings):
    from apps.messaging.email import email_send

    settings.BRAND_NAME = "Acme Homes"
    settings.BRAND_PRIMARY_COLOR = "#123456"
    settings.DEFAULT_FROM_EMAIL = "Acme Homes <no-reply@acme.test>"
    with atomic():
        email_send(to="ann@example.com", template="welcome", context={"username": "ann"})
        assert smtp_sink.messages == []
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "ann@example.com"
    assert message["From"] == "Acme Homes <no-reply@acme.test>"
    assert message["Subject"] == "Welcome to Acme Homes, ann!"
    assert message.is_multipart()
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Hello ann" in text and "Acme Homes" in text
    assert "<html" in html.lower() and "Acme Homes" in html and "#123456" in html
    assert OutboxJob.objects.get().status == OutboxJob.Status.DONE
    assert smtp_sink.envelopes[0].rcpt_tos == ["ann@example.com"]


@pytest.mark.django_db(transaction=True)
def test_email_smtp_failure_leaves_the_job_for_retry(settings, free_port):
    from apps.messaging.email import email_send

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    with atomic():
        email_send(to="ann@example.com", template="welcome", context={"username": "ann"})
    job = OutboxJob.objects.get()
    assert job.status == OutboxJob.Status.PENDING
    assert job.attempts == 1
    assert "ConnectionRefusedError" in job.last_error or "Error" in job.last_error


def test_rq_queues_are_built_once_per_configuration(settings):
    """One Redis client (and connection pool) per queue and configuration, not one per dispatch."""
    from apps.core.jobs import rq_queue
    from tests.fixtures.services import queues_for

    settings.RQ_QUEUES = queues_for("redis://127.0.0.1:6379/7")
    first = rq_queue("default")
    assert rq_queue("default") is first
    assert rq_queue("email") is not first
    settings.RQ_QUEUES = queues_for("redis://127.0.0.1:6379/8")
    moved = rq_queue("default")
    assert moved is not first
    assert moved.connection.connection_pool.connection_kwargs["db"] == 8
