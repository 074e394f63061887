"""Run a scheduled job by hand: ``manage.py scheduler_run dispatchPendingJobs`` (``--list`` shows all)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from myte.scheduler import SLOTS, SLOTS_BY_NAME, run_job


class Command(BaseCommand):
    help = "Run one scheduled job now (the same code rqcron runs), or list the slots."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="slot name, e.g. dispatchPendingJobs")
        parser.add_argument(
            "--list", action="store_true", help="list the slots and whether they are available"
        )

    def handle(self, *args, name=None, list=False, **options):  # noqa: A002
        if list or not name:
            for slot in SLOTS:
                state = "ready" if slot.available else "pending (domain not built)"
                self.stdout.write(f"{slot.name:36} {slot.cron:14} {state}  {slot.description}")
            return
        slot = SLOTS_BY_NAME.get(name)
        if slot is None:
            raise CommandError(f"Unknown job {name!r}; known: {', '.join(SLOTS_BY_NAME)}")
        if not slot.available:
            raise CommandError(f"{name} is pending: {slot.target} does not exist yet")
        summary = run_job(name)
        self.stdout.write(json.dumps(summary, default=str))
