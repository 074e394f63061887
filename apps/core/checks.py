"""System checks that keep the models portable across SQLite, PostgreSQL and MongoDB."""

from django.apps import apps
from django.core import checks
from django.db import models


@checks.register(checks.Tags.models)
def check_uuid_primary_keys(app_configs=None, **kwargs):
    """Every project model has a UUID primary key (DESIGN section 4)."""
    errors = []
    for model in apps.get_models():
        if not model.__module__.startswith("apps.") or not model._meta.managed:
            continue
        if model._meta.auto_created:
            continue
        if not isinstance(model._meta.pk, models.UUIDField):
            errors.append(
                checks.Error(
                    f"{model._meta.label} must declare a UUID primary key",
                    obj=model,
                    id="myte.E001",
                )
            )
    return errors
