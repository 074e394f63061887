"""Query plans of the list routes on the large data set (``bench/dataset.py``), per SQL engine.

    .venv/bin/python bench/explain_plans.py                          # SQLite: bench/out/large.sqlite3
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/myte_speed .venv/bin/python bench/explain_plans.py

Seeds the data set once (migrations applied first), then prints, for each list query the
routes run (count, page ids, page rows), its SQL, its plan and its time. Bounded: a few seconds
after seeding.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("BENCH_DB", str(BENCH / "out" / "large.sqlite3"))
os.environ["DJANGO_SETTINGS_MODULE"] = "plain_views_settings"
os.environ["REDIS_DISABLE"] = "true"
(BENCH / "out").mkdir(exist_ok=True)


def _rows(queryset):
    """The page-rows query of ``apps.core.pagination.rows_by_ids`` for the last page."""
    ids = list(queryset.values_list("pk", flat=True)[49980:50000])
    lookup = queryset.model._base_manager.select_related("property")
    return lookup.filter(pk__in=ids)


def main() -> None:
    import django

    django.setup()
    import dataset
    from django.core.management import call_command
    from django.db import connection

    from apps.accounts.models import User
    from apps.core.scope import Principal, enter_scope, leave_scope, system_scope
    from apps.properties import selectors
    from apps.properties.models import Property

    call_command("migrate", verbosity=0)
    with system_scope():
        if not dataset.seeded():
            dataset.seed()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")  # fresh statistics after a bulk load, as autovacuum would
        user = User.objects.unscoped().get(email=dataset.BIG_EMAIL)
    token = enter_scope(Principal.for_user(user))
    try:
        units = selectors.unit_list_queryset(query={}).order_by("-created_at", "-id")
        props = Property.objects.filter(landlord_id=user.organization_id).order_by("-created_at", "-id")
        searched = selectors.property_list_queryset(
            principal=Principal.for_user(user), query={"search": "4999"}
        ).order_by("-created_at", "-id")
        cases = [
            ("units count", units.order_by().values("pk")),
            ("units page 1 ids", units.values_list("pk", flat=True)[:20]),
            ("units page 2500 ids", units.values_list("pk", flat=True)[49980:50000]),
            ("units page rows by id", _rows(units)),
            ("properties page 250 ids", props.values_list("pk", flat=True)[4980:5000]),
            ("properties search ids", searched.values_list("pk", flat=True)),
            ("properties search ids (second run)", searched.values_list("pk", flat=True)),
        ]
        print(f"engine: {connection.vendor}\n")
        for label, queryset in cases:
            query = queryset.query
            started = time.perf_counter()
            if label.endswith("count"):
                result = queryset.count()
            else:
                result = len(list(queryset))
            elapsed = (time.perf_counter() - started) * 1000
            print(f"## {label}: {result} ({elapsed:.1f} ms)\n{query}\n")
            print(queryset.explain(), "\n")
    finally:
        leave_scope(token)


if __name__ == "__main__":
    main()
