"""Nothing is lost while Redis is down, and nothing is sent twice once it is back.

Emails and notifications are requested while the queue's Redis is stopped; then Redis comes back,
the dispatcher runs (twice, plus a duplicated enqueue) and a real RQ worker drains the queues in
burst mode. The SMTP sink must hold every message exactly once.

The worker is ``rq.SimpleWorker`` (an ``rq.Worker`` that runs jobs in-process instead of forking):
the test database is in-memory SQLite, which a forked work horse would only see as a private copy.
"""

from __future__ import annotations

from collections import Counter

import pytest
import rq

from apps.accounts.tests.factories import TenantUserFactory
from apps.core.jobs import dispatch, dispatch_pending
from apps.core.models import OutboxJob
from apps.messaging.email import email_send
from apps.notifications.models import Notification
from apps.notifications.services import notify
from myte.scheduler import run_job

LEASE = {"propertyName": "Elm Court", "unitIdentifier": "4B", "isTenant": True}


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_outage_then_recovery_delivers_every_email_exactly_once(settings, private_redis, smtp_sink):
    settings.JOBS_RUN_INLINE = False
    settings.RQ_QUEUES = {
        name: {"URL": private_redis.url, "DEFAULT_TIMEOUT": 60} for name in settings.JOB_QUEUES
    }
    private_redis.stop()  # the outage

    people = [TenantUserFactory(first_name=f"P{i}") for i in range(3)]
    for index in range(5):
        email_send(
            to=f"direct{index}@example.com", template="payment-overdue", context={"daysLate": index + 1}
        )
    for person in people:
        result = notify(
            user=person, type="lease_activated", title="Lease Activated", content="ok", data=LEASE
        )
        assert result["channels"]["email"]["sent"] is True

    # Requests succeeded; the work waits in the outbox. The dispatcher cannot reach Redis either.
    assert Notification.objects.unscoped().count() == 3
    assert dispatch_pending() == 8
    assert set(OutboxJob.objects.values_list("status", flat=True)) == {OutboxJob.Status.PENDING}
    assert smtp_sink.count == 0

    private_redis.start()  # recovery
    assert run_job("dispatchPendingJobs") == 8
    assert run_job("dispatchPendingJobs") == 0  # already handed over: not dispatched again
    dispatch(str(OutboxJob.objects.order_by("created_at").first().pk))  # a duplicated queue message

    queues = [rq.Queue(name, connection=private_redis.connection()) for name in ("email", "sms", "default")]
    worker = rq.SimpleWorker(queues, connection=private_redis.connection())
    worker.work(burst=True)
    rq.SimpleWorker(queues, connection=private_redis.connection()).work(burst=True)  # nothing left

    recipients = Counter(to for envelope in smtp_sink.envelopes for to in envelope.rcpt_tos)
    expected = {f"direct{i}@example.com" for i in range(5)} | {p.email for p in people}
    assert set(recipients) == expected
    assert all(count == 1 for count in recipients.values()), recipients
    assert smtp_sink.count == 8
    assert set(OutboxJob.objects.values_list("status", flat=True)) == {OutboxJob.Status.DONE}
