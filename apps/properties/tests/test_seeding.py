"""The properties part of ``manage.py seed_dev_data``."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.accounts.tests.factories import LandlordFactory
from apps.properties import seeding
from apps.properties.models import Property, Unit
from apps.properties.tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db


def _progress(iterable, desc):
    return iterable


def test_seeds_three_properties_for_myte_estates():
    landlord = LandlordFactory(name="Myte Estates")
    other = PropertyFactory()
    assert seeding.seed(progress=_progress) == {"properties": 3, "units": 9}
    assert Property.objects.unscoped().filter(pk=other.pk).exists()
    counts = sorted(
        Unit.objects.unscoped().filter(property=prop).count()
        for prop in Property.objects.unscoped().filter(landlord=landlord)
    )
    assert counts == [2, 3, 4]
    assert Unit.objects.unscoped().filter(publish_to_marketplace=True).exists()


def test_nothing_without_the_landlord():
    assert seeding.seed(progress=_progress) == {"properties": 0, "units": 0}
    assert not Property.objects.unscoped().exists()


def test_seed_dev_data_command_runs_everything(api_client):
    call_command("seed_dev_data", "--no-progress")
    assert Property.objects.unscoped().count() == 3
    assert Unit.objects.unscoped().count() == 9
    body = api_client.get("/units/marketplace").json()
    assert body["total"] == 4
    call_command("seed_dev_data", "--no-progress")  # idempotent: the seeded rows are re-created
    assert Property.objects.unscoped().count() == 3
    assert Unit.objects.unscoped().count() == 9
