"""Cron configuration for ``manage.py rqcron myte.cron`` (django-rq 4.2 / rq 3.0 built-in cron).

Every slot of :data:`myte.scheduler.SLOTS` whose function exists is registered; the
scheduler only *enqueues* ``run_job(name)`` on the ``default`` queue at the slot's time (UTC), and
an RQ worker runs it. Slots of domains not built yet are skipped (see docs/operations/scheduler.md).
Run one job by hand with ``manage.py scheduler_run <name>``.
"""

from rq import cron

from myte.scheduler import SLOTS, run_job

REGISTERED: list[str] = []

for _slot in SLOTS:
    if not _slot.available:
        continue
    cron.register(
        run_job,
        queue_name=_slot.queue,
        kwargs={"name": _slot.name},
        cron=_slot.cron,
        name=f"SchedulerService.{_slot.name}",
        job_timeout=600,
    )
    REGISTERED.append(_slot.name)
