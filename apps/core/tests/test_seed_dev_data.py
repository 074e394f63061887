"""``manage.py seed_dev_data`` deletes only what it created, and refuses to run in production."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.accounts.models import Landlord, User
from apps.accounts.tests.factories import LandlordUserFactory, TenantUserFactory
from apps.core.models import SeededRecord
from apps.properties.models import Property
from apps.properties.tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_dev_data", "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_refused_in_production(settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        seed()
    assert not User.objects.including_deleted().exists()
    assert not SeededRecord.objects.exists()


def test_rows_it_did_not_create_survive_a_second_run(api_client):
    seed()
    registered = api_client.post(
        "/auth/register/landlord",
        {
            "firstName": "Ada",
            "lastName": "Person",
            "email": "ada@example.org",
            "password": "Str0ng!Passw0rd",
            "organizationName": "Ada Homes",
        },
        format="json",
    )
    assert registered.status_code == 201, registered.content
    tenant = TenantUserFactory()
    seeded_landlords = set(Landlord.objects.filter(name="Myte Estates").values_list("pk", flat=True))
    seeded_users = User.objects.count() - 2

    output = seed()

    assert User.objects.filter(email="ada@example.org").exists()
    assert Landlord.objects.filter(name="Ada Homes").exists()
    assert User.objects.filter(pk=tenant.pk).exists()
    assert User.objects.count() == seeded_users + 2
    assert Landlord.objects.filter(name="Myte Estates").count() == 1
    assert not Landlord.objects.filter(pk__in=seeded_landlords).exists()
    assert "Removed" in output


def test_a_seeded_row_that_others_depend_on_is_kept():
    seed()
    landlord = Landlord.objects.get(name="Myte Estates")
    mine = PropertyFactory(landlord=landlord, name="Added by hand")

    with pytest.raises(CommandError, match="Myte Estates"):
        seed()

    assert Property.objects.unscoped().filter(pk=mine.pk, landlord=landlord).exists()
    assert Landlord.objects.filter(pk=landlord.pk).exists()
    assert User.objects.filter(email="landlord@example.com").exists()  # the failed run changed nothing


def test_kept_rows_are_reported(monkeypatch):
    from apps.accounts import seeding

    seed()
    landlord = Landlord.objects.get(name="Myte Estates")
    mine = PropertyFactory(landlord=landlord, name="Added by hand")
    monkeypatch.setattr(seeding, "taken_values", lambda: [])
    monkeypatch.setattr(seeding, "LANDLORD_NAME", "Myte Estates 2")

    output = seed()

    assert "Kept 1 previously seeded rows" in output
    assert Property.objects.unscoped().filter(pk=mine.pk, landlord=landlord).exists()


def test_an_account_with_a_seed_email_stops_the_seeding():
    LandlordUserFactory(email="landlord@example.com")
    with pytest.raises(CommandError, match="landlord@example.com"):
        seed()
    assert not Landlord.objects.filter(name="Myte Estates").exists()
    assert not SeededRecord.objects.exists()


def test_rows_made_with_bulk_create_are_recorded_too():
    from apps.core.seed_records import recording_created_rows

    before = Landlord.objects.create(name="Before the seeding")
    with recording_created_rows() as rows:
        Landlord.objects.bulk_create([Landlord(name="Bulk one"), Landlord(name="Bulk two")])
    assert sorted(row.name for row in rows) == ["Bulk one", "Bulk two"]
    assert before not in rows
