"""``manage.py seed_all``: the original's ``seed:all`` (spec 00 section 16).

``--seeder admin`` or ``--seeder dev`` (or the ``SEEDER`` variable) runs one seeder; without one it
runs the admin seeder, then the development data. Unlike the original, the development data no
longer deletes the admin just created (``seed_dev_data`` deletes only rows it created).
"""

from __future__ import annotations

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

SEEDERS = {"admin": ("seed_admin",), "dev": ("seed_dev_data", "--no-progress")}


class Command(BaseCommand):
    help = "Run the admin seeder and the development data seeder (or one of them: -s admin|dev)."

    def add_arguments(self, parser):
        parser.add_argument("-s", "--seeder", help="admin or dev (default: the SEEDER variable, else both)")

    def handle(self, *args, **options):
        name = options.get("seeder") or os.environ.get("SEEDER") or ""
        if name and name not in SEEDERS:
            raise CommandError(f"Unknown seeder {name!r}; available: {', '.join(SEEDERS)}")
        for seeder in [name] if name else list(SEEDERS):
            command, *arguments = SEEDERS[seeder]
            call_command(command, *arguments, stdout=self.stdout, stderr=self.stderr)
