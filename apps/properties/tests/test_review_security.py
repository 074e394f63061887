"""Security fixes of the review: body ids pointing at another landlord's records, existence probes,
uploads to listings one only favorites, public slots of deleted records, signed-link tampering."""

from __future__ import annotations

import pytest
from django.core import signing

from apps.accounts.tests.factories import LandlordUserFactory, TenantUserFactory
from apps.media import storage
from apps.media.models import Media
from apps.properties import parties
from apps.properties.models import Availability, Favorite, Unit
from apps.properties.tests import factories as f
from apps.properties.tests.helpers import png_upload, stored_media

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_side(db):
    user = LandlordUserFactory()
    prop = f.PropertyFactory(landlord_id=user.organization_id)
    return user, prop, f.UnitFactory(property=prop, unit_number="A-1")


def test_favoriting_another_landlords_unlisted_unit_looks_like_a_missing_one(auth_client, a_side):
    owner, _, unit = a_side
    stranger = auth_client(TenantUserFactory())
    response = stranger.post("/favorites", {"unitId": str(unit.pk)}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == f"Unit with ID {unit.pk} not found"
    # the owner still learns why its own unit cannot be favorited
    response = auth_client(owner).post("/favorites", {"unitId": str(unit.pk)}, format="json")
    assert response.json()["message"] == "This unit is not available in the marketplace"
    assert not Favorite.objects.unscoped().exists()


def test_body_ids_of_another_landlord_create_nothing(auth_client, a_side):
    _, prop, unit = a_side
    intruder = auth_client(LandlordUserFactory())
    own_prop = f.PropertyFactory(landlord_id=LandlordUserFactory().organization_id)
    slot = {
        "availabilityType": "RECURRING",
        "dayOfWeek": "MONDAY",
        "startTime": "09:00",
        "endTime": "10:00",
    }
    for body in (
        {"propertyId": str(prop.pk)},
        {"propertyId": str(prop.pk), "unitId": str(unit.pk)},
        {"propertyId": str(own_prop.pk), "unitId": str(unit.pk)},
    ):
        response = intruder.post("/availability", {**slot, **body}, format="json")
        assert response.status_code == 403, response.content
    # creating a unit under A's property from B's session
    response = intruder.post(
        f"/properties/{prop.pk}/units", {"unitNumber": "X", "size": 1, "type": "ROOM"}, format="json"
    )
    assert response.status_code == 422
    # B's list filters naming A's records show nothing of A
    assert intruder.get(f"/units?propertyId={prop.pk}").json()["total"] == 0
    assert intruder.get(f"/properties/{prop.pk}/units").json()["total"] == 0
    assert intruder.get(f"/availability?propertyId={prop.pk}").json()["total"] == 0
    assert not Availability.objects.including_deleted().exists()
    assert Unit.objects.including_deleted().count() == 1


def test_a_favorite_reader_cannot_upload_to_someone_elses_listing(auth_client, a_side):
    _, prop, _ = a_side
    listed = f.PublishedUnitFactory(property=prop, unit_number="A-2")
    fan = TenantUserFactory()
    f.FavoriteFactory(user=fan, unit=listed)
    client = auth_client(fan)
    assert client.get(f"/units/{listed.pk}").status_code == 200  # readable as a favorite
    for path in (f"/units/{listed.pk}/media/upload", f"/properties/{prop.pk}/media/upload"):
        response = client.post(path, {"file": png_upload()}, format="multipart")
        assert response.status_code == 403
        assert response.json()["message"] == "You do not have permission to upload media"
    assert not Media.objects.unscoped().exists()
    assert client.get("/units/marketplace").json()["data"][0]["media"] == []


def test_a_leasing_tenant_may_upload_to_its_unit(auth_client, a_side, monkeypatch):
    _, prop, unit = a_side
    tenant = TenantUserFactory()
    monkeypatch.setitem(parties.PROVIDERS, "tenant_leased_unit_ids", lambda org: [unit.pk])
    response = auth_client(tenant).post(
        f"/units/{unit.pk}/media/upload", {"file": png_upload()}, format="multipart"
    )
    assert response.status_code == 201
    media = Media.objects.unscoped().get()
    assert media.landlord_id == prop.landlord_id and media.uploaded_by_id == tenant.pk


def test_public_visit_slots_of_deleted_records_are_gone(api_client, a_side):
    _, prop, unit = a_side
    f.AvailabilityFactory(property=prop, unit=None)
    f.AvailabilityFactory(property=prop, unit=unit)
    day = "2030-01-07"  # a Monday
    assert len(api_client.get(f"/availability/visit-request/{day}?propertyId={prop.pk}").json()["slots"]) == 1
    path = f"/availability/visit-request/{day}?propertyId={prop.pk}&unitId={unit.pk}"
    assert len(api_client.get(path).json()["slots"]) == 1
    unit.soft_delete()
    assert api_client.get(path).json()["slots"] == []
    prop.soft_delete()
    assert api_client.get(f"/availability/visit-request/{day}?propertyId={prop.pk}").json()["slots"] == []


@pytest.fixture
def stored(a_side, settings, tmp_path):
    settings.APP_BASE_URL = "http://testserver"
    _, prop, _ = a_side
    return stored_media(prop, "property_photos")


def test_signed_link_tampering(api_client, stored, a_side):
    token = storage.signed_local_token(stored)
    assert api_client.get(f"/media/file/{token}").status_code == 200
    other = stored_media(a_side[1], "documents")
    forged = [
        # right key, wrong salt (a token minted elsewhere in the app)
        signing.dumps({"m": str(stored.pk), "p": stored.path}, compress=True),
        # right key and salt, but the path of another file: no record has both
        signing.dumps({"m": str(stored.pk), "p": other.path}, salt=storage.SIGNING_SALT),
        # right key and salt, payloads of the wrong shape never reach the database
        signing.dumps({"m": "not-a-uuid", "p": stored.path}, salt=storage.SIGNING_SALT),
        signing.dumps(["m", "p"], salt=storage.SIGNING_SALT),
        signing.dumps({"m": str(stored.pk), "p": ["x"]}, salt=storage.SIGNING_SALT),
        # a token of the record, cut or extended
        token[:-1],
        token + "A",
        token.replace(":", ".", 1),
        "",
    ]
    for value in forged:
        response = api_client.get(f"/media/file/{value}")
        assert response.status_code == 404, (value, response.status_code)


def test_slot_patch_leaves_absent_fields_alone(auth_client, a_side):
    owner, prop, _ = a_side
    slot = f.AvailabilityFactory(property=prop, unit=None, is_active=False, notes="keep")
    response = auth_client(owner).patch(f"/availability/{slot.pk}", {"endTime": "12:00"}, format="json")
    assert response.status_code == 200, response.content
    slot.refresh_from_db()
    assert slot.is_active is False and slot.notes == "keep" and slot.end_time == "12:00"
    assert slot.property_id == prop.pk and slot.version == 1
    response = auth_client(owner).patch(
        f"/availability/{slot.pk}", {"propertyId": str(prop.pk)}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == ["property propertyId should not exist"]


def test_indexes_of_spec_00_section_10_are_declared():
    """properties {landlord,name}, {landlord,deleted,createdAt desc}; units unique
    {landlord,property,unitNumber} and {landlord,availabilityStatus} (plus spec 03's)."""
    from apps.media.models import Media
    from apps.properties.models import Property

    def index_fields(model):
        return {tuple(index.fields) for index in model._meta.indexes}

    def unique_fields(model):
        return {tuple(c.fields) for c in model._meta.constraints}

    # {landlord, deleted, createdAt desc} is declared as a partial index of the live rows with the
    # id tie-breaker (issue 9): the list filter is ``NOT deleted``, which implies its condition.
    live_page = ("landlord", "-created_at", "-id", "deleted")
    assert {("landlord", "name"), live_page} <= index_fields(Property)
    assert ("landlord", "property", "unit_number") in unique_fields(Unit)
    assert {
        ("landlord", "availability_status"),
        ("landlord", "availability_status", "-created_at"),
        live_page,
        ("property", "-created_at", "-id", "deleted"),
    } <= index_fields(Unit)
    partial = [
        index for index in Unit._meta.indexes + Property._meta.indexes if index.fields[-1] == "deleted"
    ]
    assert len(partial) == 4 and all(("deleted", False) in index.condition.children for index in partial)
    assert ("user", "unit") in unique_fields(Favorite)
    assert ("model_type", "model_id", "collection_name") in index_fields(Media)
    assert {("landlord", "property"), ("landlord", "unit"), ("tenant", "unit")} <= index_fields(Availability)


def test_a_leasing_tenant_sees_its_units_figures(auth_client, a_side, monkeypatch):
    _, prop, unit = a_side
    monkeypatch.setitem(parties.PROVIDERS, "tenant_leased_unit_ids", lambda org: [unit.pk])
    client = auth_client(TenantUserFactory())
    assert client.get(f"/units/{unit.pk}/stats").status_code == 200
    assert client.get(f"/properties/{prop.pk}/statistics").json()["data"]["totalUnits"] == 1


def test_property_list_hides_documents_from_favorite_readers(auth_client, a_side, monkeypatch):
    owner, prop, unit = a_side
    listed = f.PublishedUnitFactory(property=prop, unit_number="A-2")
    stored_media(prop, "property_photos")
    stored_media(prop, "documents")
    fan = TenantUserFactory()
    f.FavoriteFactory(user=fan, unit=listed)
    items = auth_client(fan).get("/properties").json()["data"]
    assert [item["_id"] for item in items] == [str(prop.pk)]
    assert [m["collection_name"] for m in items[0]["media"]] == ["property_photos"]
    # a tenant leasing a unit of the property, and the landlord, see every collection
    monkeypatch.setitem(parties.PROVIDERS, "tenant_leased_unit_ids", lambda org: [unit.pk])
    for user in (TenantUserFactory(), owner):
        media = auth_client(user).get("/properties").json()["data"][0]["media"]
        assert sorted(m["collection_name"] for m in media) == ["documents", "property_photos"]


def test_overview_counts_only_party_units_not_favorites(auth_client, a_side, monkeypatch):
    _, prop, unit = a_side
    listed = f.PublishedUnitFactory(property=prop, unit_number="A-2", availability_status="OCCUPIED")
    fan = TenantUserFactory()
    f.FavoriteFactory(user=fan, unit=listed)
    monkeypatch.setitem(
        parties.PROVIDERS, "active_leases_for_units", lambda ids: {pk: {"rent_amount": 999} for pk in ids}
    )
    data = auth_client(fan).get("/units/stats/overview").json()["data"]
    assert data["totalUnits"] == 0 and data["totalMonthlyRevenue"] == 0
    tenant = TenantUserFactory()
    monkeypatch.setitem(
        parties.PROVIDERS,
        "tenant_leased_unit_ids",
        lambda org: [unit.pk] if org == tenant.organization_id else [],
    )
    assert auth_client(tenant).get("/units/stats/overview").json()["data"]["totalUnits"] == 1
