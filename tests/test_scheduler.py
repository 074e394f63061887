"""Scheduled jobs: the rq cron configuration, audited runs, and the jobs of spec 08's domains."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from redis import Redis
from rq.cron import CronScheduler

from apps.chat import jobs as chat_jobs
from apps.core.models import AuditLog, OutboxJob
from myte import scheduler

pytestmark = pytest.mark.django_db


def test_cron_config_registers_every_available_slot():
    cron = CronScheduler(connection=Redis(host="127.0.0.1", port=1))  # never contacted
    cron.load_config_from_file("myte.cron")
    jobs = {job.name: job for job in cron.get_jobs()}
    expected = {f"SchedulerService.{s.name}" for s in scheduler.SLOTS if s.available}
    assert set(jobs) == expected
    assert "SchedulerService.dispatchPendingJobs" in jobs
    dispatcher = jobs["SchedulerService.dispatchPendingJobs"]
    assert dispatcher.cron == "* * * * *" and dispatcher.kwargs == {"name": "dispatchPendingJobs"}
    assert dispatcher.func_name == "myte.scheduler.run_job"


def test_pending_slots_are_documented():
    from pathlib import Path

    from django.conf import settings

    doc = (Path(settings.BASE_DIR) / "docs" / "operations" / "scheduler.md").read_text()
    for slot in scheduler.SLOTS:
        assert slot.name in doc
        if not slot.available:
            assert slot.target in doc


def test_run_job_audits_as_system(monkeypatch):
    monkeypatch.setattr(
        scheduler,
        "SLOTS_BY_NAME",
        {
            **scheduler.SLOTS_BY_NAME,
            "demo": scheduler.Slot("demo", "* * * * *", "apps.chat.jobs.clear_expired_mutes", ""),
        },
    )
    assert scheduler.run_job("demo") == {"users": 0, "mutesCleared": 0}
    entry = AuditLog.objects.get(action="SchedulerService.demo")
    assert entry.user_id == "system"
    assert entry.details["summary"] == {"users": 0, "mutesCleared": 0}
    assert entry.details["executionTime"].endswith("s")


def test_run_job_failure_is_audited_and_raised(monkeypatch):
    def explode():
        raise ValueError("boom")

    monkeypatch.setattr(chat_jobs, "clear_expired_mutes", explode)
    with pytest.raises(ValueError):
        scheduler.run_job("clearExpiredMutes")
    entry = AuditLog.objects.get(action="SchedulerService.clearExpiredMutes.failed")
    assert entry.details["error"]["message"] == "boom"


def test_dispatcher_is_quiet_when_idle_and_audited_when_busy(settings):
    settings.JOBS_RUN_INLINE = True
    assert scheduler.run_job("dispatchPendingJobs") == 0
    assert not AuditLog.objects.filter(action__startswith="SchedulerService").exists()
    OutboxJob.objects.create(queue="default", task="apps.chat.jobs.clear_expired_mutes", payload={})
    assert scheduler.run_job("dispatchPendingJobs") == 1
    assert AuditLog.objects.get(action="SchedulerService.dispatchPendingJobs").details["summary"] == 1
    assert OutboxJob.objects.get().status == OutboxJob.Status.DONE


def test_scheduler_run_command(capsys):
    call_command("scheduler_run", "clearExpiredMutes")
    assert '"mutesCleared": 0' in capsys.readouterr().out
    call_command("scheduler_run", "--list")
    listing = capsys.readouterr().out
    assert "sendScheduleReminders" in listing and "pending" not in listing  # every domain is built
    with pytest.raises(CommandError):
        call_command("scheduler_run", "nope")


@pytest.mark.redis
def test_cron_job_enqueued_by_rq_cron_runs_in_a_real_worker(settings, private_redis):
    import rq

    settings.JOBS_RUN_INLINE = True
    connection = private_redis.connection()
    cron = CronScheduler(connection=connection)
    cron.load_config_from_file("myte.cron")
    dispatcher = next(job for job in cron.get_jobs() if job.name == "SchedulerService.dispatchPendingJobs")
    pending = OutboxJob.objects.create(queue="default", task="apps.chat.jobs.clear_expired_mutes", payload={})

    dispatcher.enqueue(connection)  # what the scheduler does at the minute boundary
    rq.SimpleWorker([rq.Queue("default", connection=connection)], connection=connection).work(burst=True)

    pending.refresh_from_db()
    assert pending.status == OutboxJob.Status.DONE
    entry = AuditLog.objects.get(action="SchedulerService.dispatchPendingJobs")
    assert entry.user_id == "system" and entry.details["summary"] == 1
