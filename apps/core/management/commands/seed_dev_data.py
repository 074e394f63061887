"""``manage.py seed_dev_data``: wipe and re-create development data (spec 00 section 16).

Each app contributes a ``seeding.py`` module with ``ORDER`` (an int, lower runs first) and
``seed(*, progress) -> dict`` returning counts for the summary; ``progress(iterable, desc)`` wraps a
loop with a progress bar. Apps also provide ``wipe()`` to hard-delete their development data;
wiping runs in reverse order.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from tqdm import tqdm

from apps.core.db import atomic
from apps.core.scope import system_scope


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
    help = "Hard-delete development data and seed a fresh, realistic data set."

    def add_arguments(self, parser):
        parser.add_argument(
            "-c", "--clean", action="store_true", help="Accepted for parity; cleaning always happens."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide progress bars.")

    def handle(self, *args, **options):
        show = not options["no_progress"]

        def progress(iterable, desc: str):
            return tqdm(iterable, desc=desc, disable=not show, file=self.stderr._out, leave=False)

        modules = seeding_modules()
        summary: dict[str, int] = {}
        with system_scope(), atomic():
            for module in reversed(modules):
                if hasattr(module, "wipe"):
                    module.wipe()
            for module in modules:
                summary.update(module.seed(progress=progress) or {})
        self.stdout.write(self.style.SUCCESS("Development data seeded:"))
        for name, count in summary.items():
            self.stdout.write(f"  {name}: {count}")
