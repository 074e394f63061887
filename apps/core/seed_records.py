"""Bookkeeping of ``manage.py seed_dev_data``: which rows it created, so that it deletes only those.

The rows of the project's models that appear while the seeders run (primary keys compared before
and after, so ``bulk_create`` counts too) are stored as :class:`~apps.core.models.SeededRecord`.
The next run deletes those rows, newest first, and only when the deletion would not cascade to a
row the seeder did not create (a property someone added to the seeded landlord keeps that landlord
alive). Rows created any other way, such as an account a person registered, are never touched.
Seeders store no files (a deleted row would leave its file behind).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.db import router
from django.db.models import Model, ProtectedError, RestrictedError
from django.db.models.deletion import Collector

from apps.core.models import SeededRecord


@dataclass
class WipeResult:
    deleted: int = 0
    kept: list[str] = field(default_factory=list)


def _project_models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("apps.") and model is not SeededRecord and not model._meta.auto_created
    ]


def _primary_keys() -> dict[type[Model], set]:
    return {model: set(model._base_manager.values_list("pk", flat=True)) for model in _project_models()}


@contextmanager
def recording_created_rows():
    """Yields a list that, when the block ends, holds every row of the project's models created in it.

    Found by comparing primary keys before and after (so ``bulk_create`` counts too), oldest first.
    """
    before = _primary_keys()
    rows: list[Model] = []
    yield rows
    for model, keys in _primary_keys().items():
        created = keys - before.get(model, set())
        if created:
            rows.extend(model._base_manager.filter(pk__in=created))
    rows.sort(
        key=lambda row: (getattr(row, "created_at", None) is None, getattr(row, "created_at", None) or 0)
    )


def seeded_rows_record(*, rows: list[Model]) -> int:
    start = SeededRecord.objects.count()
    SeededRecord.objects.bulk_create(
        SeededRecord(model_label=row._meta.label, object_id=str(row.pk), position=start + index)
        for index, row in enumerate(rows)
    )
    return len(rows)


def _cascade(instance: Model) -> list[Model]:
    """Rows that deleting ``instance`` would delete too (many-to-many link rows left out)."""
    collector = Collector(using=router.db_for_write(type(instance)))
    collector.collect([instance])
    rows = [row for model, found in collector.data.items() if not model._meta.auto_created for row in found]
    for queryset in collector.fast_deletes:
        if not queryset.model._meta.auto_created:
            rows.extend(queryset)
    return rows


def seeded_rows_wipe() -> WipeResult:
    """Delete the rows earlier runs created, newest first; keep those others depend on."""
    result = WipeResult()
    records = list(SeededRecord.objects.order_by("-position"))
    seeded = {(record.model_label, record.object_id) for record in records}
    # The labels are the seeder's own records of what it wrote, matched against the installed models.
    models_by_label = {model._meta.label: model for model in _project_models()}
    for record in records:
        model = models_by_label.get(record.model_label)
        instance = model._base_manager.filter(pk=record.object_id).first() if model else None
        if instance is None:
            record.delete()
            continue
        try:
            foreign = [row for row in _cascade(instance) if (row._meta.label, str(row.pk)) not in seeded]
        except (ProtectedError, RestrictedError):
            foreign = [instance]
        if foreign:
            result.kept.append(f"{record.model_label} {record.object_id}")
            continue
        instance.delete()
        record.delete()
        result.deleted += 1
    return result
