"""``manage.py status_update``: the daily status updater (spec 05 section 7.1) by hand.

Runs as the scheduler does (system scope, audited as ``system``); exit code 1 if any step failed.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from myte.scheduler import run_job


class Command(BaseCommand):
    help = "Activate and expire rental periods and leases, mark overdue transactions, fix unit occupancy."

    def handle(self, *args, **options):
        summary = run_job("runDailyStatusUpdates")
        self.stdout.write(json.dumps(summary, indent=2))
        if summary["errors"]:
            raise CommandError("; ".join(summary["errors"]))
