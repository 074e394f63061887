"""``manage.py seed_dev_data``: a realistic development data set (spec 00 section 16).

Each app contributes a ``seeding.py`` module with ``ORDER`` (an int, lower runs first) and
``seed(*, progress) -> dict`` returning counts for the summary; ``progress(iterable, desc)`` wraps a
loop with a progress bar. Every row the seeders create is recorded (``apps.core.seed_records``);
a later run deletes those rows first, and nothing else: accounts people registered, and rows that
depend on seeded ones, stay. Refused in production (``DJANGO_ENV=production``).
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from apps.core.db import atomic
from apps.core.scope import system_scope
from apps.core.seed_records import recording_created_rows, seeded_rows_record, seeded_rows_wipe


def seeding_modules():
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.seeding")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.seeding":
                raise
            continue
        modules.append(module)
    return sorted(modules, key=lambda module: getattr(module, "ORDER", 100))


class Command(BaseCommand):
    help = (
        "Seed development data (landlord@example.com, tenant1-5@example.com, contractor1-4@example.com; "
        "password password123). Deletes only rows an earlier run created. Refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-c",
            "--clean",
            action="store_true",
            help="Accepted for parity; earlier seeded rows are always replaced.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide progress bars.")

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("seed_dev_data refuses to run in production (DJANGO_ENV=production).")
        show = not options["no_progress"]

        def progress(iterable, desc: str):
            return tqdm(iterable, desc=desc, disable=not show, file=self.stderr._out, leave=False)

        modules = seeding_modules()
        summary: dict[str, int] = {}
        with system_scope(), atomic():
            wiped = seeded_rows_wipe()
            with recording_created_rows() as rows:
                for module in modules:
                    summary.update(module.seed(progress=progress) or {})
            seeded_rows_record(rows=rows)
        self.stdout.write(f"Removed {wiped.deleted} rows of the previous seed.")
        if wiped.kept:
            self.stdout.write(
                self.style.WARNING(
                    f"Kept {len(wiped.kept)} previously seeded rows that other data depends on."
                )
            )
        self.stdout.write(self.style.SUCCESS("Development data seeded:"))
        for name, count in summary.items():
            self.stdout.write(f"  {name}: {count}")
