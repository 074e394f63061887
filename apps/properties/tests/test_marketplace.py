"""Public marketplace (spec 03 sections 3.1 and 3.2) and favorites (section 8)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.tests.factories import LandlordUserFactory
from apps.media.models import Media
from apps.properties import parties
from apps.properties.models import Favorite
from apps.properties.tests.factories import (
    AvailabilityFactory,
    FavoriteFactory,
    PropertyFactory,
    PublishedUnitFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def _media(owner, collection, **extra):
    return Media.objects.unscoped().create(
        model_type=type(owner).__name__,
        model_id=owner.pk,
        landlord_id=owner.landlord_id,
        name="x.png",
        file_name="x.png",
        mime_type="image/png",
        type="image",
        path=f"x/{uuid.uuid4()}.png",
        collection_name=collection,
        **extra,
    )


def test_marketplace_is_public_and_lists_only_published(api_client):
    published = PublishedUnitFactory(unit_number="A1")
    UnitFactory()  # not published
    PublishedUnitFactory().soft_delete()
    response = api_client.get("/units/marketplace")
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and body["total"] == 1
    item = body["data"][0]
    assert item["_id"] == str(published.pk)
    assert item["property"]["_id"] == str(published.property_id)
    assert item["property"]["media"] == [] and item["media"] == []
    assert item["isFavorited"] is False and item["activeLease"] == []
    assert "availabilitySlots" not in item


def test_marketplace_hides_private_documents(api_client):
    unit = PublishedUnitFactory()
    _media(unit, "unit_photos")
    _media(unit, "documents")
    _media(unit.property, "documents")
    item = api_client.get("/units/marketplace").json()["data"][0]
    assert [m["collection_name"] for m in item["media"]] == ["unit_photos"]
    assert item["property"]["media"] == []
    assert item["media"][0]["url"].startswith("http://testserver/media/file/")


def test_marketplace_excludes_units_under_active_lease(api_client, monkeypatch):
    leased = PublishedUnitFactory()
    free = PublishedUnitFactory()
    monkeypatch.setitem(parties.PROVIDERS, "units_with_active_lease", lambda: [leased.pk])
    assert [u["_id"] for u in api_client.get("/units/marketplace").json()["data"]] == [str(free.pk)]


def test_marketplace_filters(api_client):
    cheap = PublishedUnitFactory(market_rent=900, address_city="Austin", type="STUDIO")
    PublishedUnitFactory(
        market_rent=2000, address_city="Boston", address_country_code="CA", address_country="Canada"
    )
    old = PublishedUnitFactory(market_rent=1500)
    old.created_at = timezone.now() - timedelta(days=45)
    old.save()

    def ids(query):
        response = api_client.get("/units/marketplace" + query)
        assert response.status_code == 200, response.json()
        return [item["_id"] for item in response.json()["data"]]

    assert ids("?maxRent=1000") == [str(cheap.pk)]
    assert len(ids("?minRent=1000&maxRent=2000")) == 2
    assert ids("?type=STUDIO") == [str(cheap.pk)]
    assert ids("?city=Austin") == [str(cheap.pk)]
    assert len(ids("?countryCode=ca")) == 1
    assert len(ids("?country=canad")) == 1
    assert str(old.pk) not in ids("?recentlyAdded=true")
    assert ids(f"?landlord={cheap.landlord_id}") == [str(cheap.pk)]
    assert ids("?search=austin") == [str(cheap.pk)]
    assert ids(f"?search={cheap.property.name}") == [str(cheap.pk)]
    assert api_client.get("/units/marketplace?landlord=bad").status_code == 400
    assert api_client.get("/units/marketplace?bogus=1").status_code == 400


def test_marketplace_available_for_visits(api_client):
    with_slot = PublishedUnitFactory()
    PublishedUnitFactory()
    AvailabilityFactory(property=with_slot.property, unit=with_slot, notes="private note")
    body = api_client.get("/units/marketplace?availableForVisits=true").json()
    assert [u["_id"] for u in body["data"]] == [str(with_slot.pk)]
    slot = body["data"][0]["availabilitySlots"][0]
    assert slot["startTime"] == "09:00" and "notes" not in slot and "tenant" not in slot


def test_marketplace_is_favorited_with_a_token(auth_client, tenant_user):
    favorite = FavoriteFactory(user=tenant_user)
    PublishedUnitFactory()
    data = auth_client(tenant_user).get("/units/marketplace").json()["data"]
    flags = {item["_id"]: item["isFavorited"] for item in data}
    assert flags[str(favorite.unit_id)] is True and sum(flags.values()) == 1


def test_marketplace_query_count_constant(api_client):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            api_client.get("/units/marketplace?availableForVisits=true")
        return len(ctx)

    unit = PublishedUnitFactory()
    AvailabilityFactory(property=unit.property, unit=unit)
    first = count()
    for _ in range(6):
        unit = PublishedUnitFactory()
        AvailabilityFactory(property=unit.property, unit=unit)
        _media(unit, "unit_photos")
    assert count() == first


def test_cities(api_client):
    PublishedUnitFactory(address_city="boston")
    PublishedUnitFactory(address_city="Austin")
    PublishedUnitFactory(address_city="Austin")
    PublishedUnitFactory(address_city="Zurich", address_country_code="CH")
    UnitFactory(address_city="Hidden")
    assert api_client.get("/units/marketplace/cities").json() == {
        "success": True,
        "data": ["Austin", "boston", "Zurich"],
    }
    assert api_client.get("/units/marketplace/cities?countryCode=ch").json()["data"] == ["Zurich"]


# -- favorites ----------------------------------------------------------------------------------
def test_favorite_add_list_check_remove(auth_client, tenant_user):
    unit = PublishedUnitFactory()
    client = auth_client(tenant_user)
    response = client.post("/favorites", {"unitId": str(unit.pk)}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["message"] == "Unit added to favorites"
    assert body["data"]["favorite"]["unit"] == str(unit.pk)
    assert body["data"]["favorite"]["user"] == str(tenant_user.pk)
    assert client.post("/favorites", {"unitId": str(unit.pk)}, format="json").status_code == 409

    page = client.get("/favorites").json()
    assert page["total"] == 1
    embedded = page["data"][0]["unit"]["property"]
    assert set(embedded) == {"_id", "name", "address"}
    assert embedded["_id"] == str(unit.property_id) and embedded["address"]["city"] == "Springfield"
    assert client.get(f"/favorites/check/{unit.pk}").json() == {
        "success": True,
        "data": {"isFavorited": True},
    }
    other = uuid.uuid4()
    body = client.get(f"/favorites/check?unitIds={unit.pk}&unitIds={other}").json()
    assert body == {"success": True, "data": {str(unit.pk): True, str(other): False}}
    assert client.get("/favorites/check").json() == {"success": True, "data": {}}
    assert client.get("/favorites/check?unitIds=bad").status_code == 400

    response = client.delete(f"/favorites/{unit.pk}")
    assert response.json() == {"success": True, "message": "Unit removed from favorites"}
    assert client.delete(f"/favorites/{unit.pk}").status_code == 404
    assert not Favorite.objects.unscoped().exists()


def test_favorite_errors(auth_client, api_client, tenant_user):
    client = auth_client(tenant_user)
    missing = uuid.uuid4()
    response = client.post("/favorites", {"unitId": str(missing)}, format="json")
    assert response.status_code == 422 and response.json()["message"] == f"Unit with ID {missing} not found"
    hidden = UnitFactory()
    response = client.post("/favorites", {"unitId": str(hidden.pk)}, format="json")
    # an unlisted unit the caller cannot read answers like a missing one (no existence probe)
    assert response.json()["message"] == f"Unit with ID {hidden.pk} not found"
    owner = LandlordUserFactory(organization_id=hidden.landlord_id)
    response = auth_client(owner).post("/favorites", {"unitId": str(hidden.pk)}, format="json")
    assert response.json()["message"] == "This unit is not available in the marketplace"
    assert client.post("/favorites", {"unitId": "bad"}, format="json").status_code == 400
    assert client.post("/favorites", {}, format="json").status_code == 400
    assert client.get("/favorites/check/bad").status_code == 400
    assert api_client.get("/favorites").status_code == 401
    assert api_client.post("/favorites", {}, format="json").status_code == 401


def test_favorites_are_per_user(auth_client, tenant_user, landlord_user):
    favorite = FavoriteFactory(user=tenant_user)
    client = auth_client(landlord_user)
    assert client.get("/favorites").json()["total"] == 0
    assert client.delete(f"/favorites/{favorite.unit_id}").status_code == 404
    assert Favorite.objects.unscoped().filter(pk=favorite.pk).exists()


def test_favorite_of_deleted_unit_shows_null(auth_client, tenant_user):
    favorite = FavoriteFactory(user=tenant_user)
    favorite.unit.soft_delete()
    assert auth_client(tenant_user).get("/favorites").json()["data"][0]["unit"] is None


def test_favorites_list_query_count_constant(auth_client, tenant_user):
    for _ in range(8):
        FavoriteFactory(user=tenant_user)
    client = auth_client(tenant_user)
    counts = []
    for limit in (2, 8):
        with CaptureQueriesContext(connection) as ctx:
            assert len(client.get(f"/favorites?limit={limit}").json()["data"]) == limit
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_property_of_favorite_unit_is_not_writable(auth_client, tenant_user):
    favorite = FavoriteFactory(user=tenant_user)
    prop = favorite.unit.property
    response = auth_client(tenant_user).patch(f"/properties/{prop.pk}", {"name": "x"}, format="json")
    assert response.status_code == 403
    assert PropertyFactory._meta.model.objects.unscoped().get(pk=prop.pk).name == prop.name


def test_favorite_only_reader_sees_the_public_side(auth_client, tenant_user, monkeypatch):
    unit = PublishedUnitFactory()
    FavoriteFactory(user=tenant_user, unit=unit)
    photo, document = _media(unit, "unit_photos"), _media(unit, "documents")
    _media(unit.property, "documents")
    monkeypatch.setitem(
        parties.PROVIDERS,
        "active_leases_for_units",
        lambda ids: {unit.pk: {"tenant": {"name": "Someone else"}}},
    )
    client = auth_client(tenant_user)
    body = client.get(f"/units/{unit.pk}").json()
    assert [m["_id"] for m in body["media"]] == [str(photo.pk)] and "activeLease" not in body
    assert client.get(f"/properties/{unit.property_id}").json()["media"] == []
    listed = client.get(f"/units/{unit.pk}/media").json()["data"]
    assert [m["_id"] for m in listed] == [str(photo.pk)]
    assert client.get(f"/units/{unit.pk}/media?collection_name=documents").json()["data"] == []
    assert client.get(f"/units/{unit.pk}/media/{document.pk}/url").status_code == 404
    assert client.get(f"/units/{unit.pk}/media/{photo.pk}/url").status_code == 200


def test_leasing_tenant_sees_documents_and_only_its_lease(auth_client, tenant_user, monkeypatch):
    unit = UnitFactory()
    document = _media(unit, "documents")
    org = tenant_user.organization_id
    monkeypatch.setitem(
        parties.PROVIDERS, "tenant_leased_unit_ids", lambda tenant: [unit.pk] if tenant == org else []
    )
    monkeypatch.setitem(
        parties.PROVIDERS, "tenant_active_leases_for_units", lambda ids, tenant: {unit.pk: {"_id": "mine"}}
    )
    body = auth_client(tenant_user).get(f"/units/{unit.pk}").json()
    assert [m["_id"] for m in body["media"]] == [str(document.pk)]
    assert body["activeLease"] == {"_id": "mine"}
    assert auth_client(tenant_user).get(f"/properties/{unit.property_id}").status_code == 200


# -- pages: the public listing is bounded ---------------------------------------------------------
def test_marketplace_is_paginated_with_the_page_fields(api_client):
    landlord = PropertyFactory().landlord
    units = [PublishedUnitFactory(property__landlord=landlord) for _ in range(25)]
    body = api_client.get("/units/marketplace").json()
    assert body["success"] is True
    assert (body["total"], body["page"], body["limit"], body["totalPages"]) == (25, 1, 20, 2)
    assert body["hasNextPage"] is True and body["hasPrevPage"] is False
    assert len(body["data"]) == 20
    second = api_client.get("/units/marketplace?page=2&limit=20").json()
    assert len(second["data"]) == 5 and second["hasNextPage"] is False and second["hasPrevPage"] is True
    seen = [item["_id"] for item in body["data"] + second["data"]]
    assert sorted(seen) == sorted(str(unit.pk) for unit in units)
    assert api_client.get("/units/marketplace?page=9").json()["data"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "page=0", "limit=abc"])
def test_marketplace_limit_is_capped(api_client, query):
    response = api_client.get(f"/units/marketplace?{query}")
    assert response.status_code == 400
