"""``manage.py bootstrap``: migrate the database and seed the SuperAdmin, in one Django start.

``make run`` and the container run this before uvicorn, so a restart costs one process start
instead of three (``migrate``, ``seed_admin``). Both steps are no-ops when nothing changed.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Apply migrations, then create the SuperAdmin if missing (seed_admin)."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command(
            "migrate", interactive=False, verbosity=verbosity, stdout=self.stdout, stderr=self.stderr
        )
        call_command("seed_admin", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
