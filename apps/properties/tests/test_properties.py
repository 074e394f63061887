"""Properties routes (spec 03 section 2)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import LandlordUserFactory
from apps.core.models import AuditLog
from apps.media.models import Media
from apps.properties.models import Property, Unit
from apps.properties.tests.factories import (
    FavoriteFactory,
    PropertyFactory,
    PublishedUnitFactory,
    UnitFactory,
)
from apps.properties.tests.helpers import png_upload

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Test Property",
    "street": "123 Test St",
    "city": "Test City",
    "state": "TS",
    "postalCode": "12345",
    "country": "Test Country",
    "description": "A test property for E2E testing",
}


# -- create -------------------------------------------------------------------------------------
def test_create_with_description(auth_client, landlord_user, landlord):
    response = auth_client(landlord_user).post("/properties", VALID, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["success"] is True and body["message"] == "Property created successfully"
    prop = body["data"]["property"]
    assert prop["name"] == "Test Property"
    assert prop["address"] == {
        "street": "123 Test St",
        "city": "Test City",
        "state": "TS",
        "postalCode": "12345",
        "country": "Test Country",
        "countryCode": None,
        "latitude": None,
        "longitude": None,
    }
    assert prop["description"] == VALID["description"]
    assert prop["landlord"] == str(landlord.pk)
    assert set(prop) >= {"_id", "createdAt", "updatedAt", "__v", "deleted"}
    assert Property.objects.unscoped().get(pk=prop["_id"]).landlord_id == landlord.pk
    assert AuditLog.objects.filter(action="PropertiesController.create").exists()


def test_create_without_description(auth_client, landlord_user):
    data = {key: value for key, value in VALID.items() if key != "description"}
    response = auth_client(landlord_user).post("/properties", data, format="json")
    assert response.status_code == 201
    assert response.json()["data"]["property"]["description"] == ""


def test_create_seed_document_example(auth_client, landlord_user):
    """The seed document's request shape: nested address with zipCode, type and units."""
    body = {
        "name": "Sunset Apartments",
        "address": {"street": "123 Main St", "city": "San Francisco", "state": "CA", "zipCode": "94102"},
        "type": "APARTMENT",
        "units": 10,
    }
    response = auth_client(landlord_user).post("/properties", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()["data"]
    assert data["property"]["address"]["postalCode"] == "94102"
    assert data["property"]["type"] == "APARTMENT"
    assert len(data["units"]) == 10
    assert Unit.objects.unscoped().filter(property_id=data["property"]["_id"]).count() == 10


def test_create_staff_allowed(auth_client, staff_user):
    assert auth_client(staff_user).post("/properties", VALID, format="json").status_code == 201


def test_create_missing_address_fields_is_400_list(auth_client, landlord_user):
    response = auth_client(landlord_user).post("/properties", {"name": "X"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["message"]) == {
        "street should not be empty",
        "city should not be empty",
        "state should not be empty",
        "country should not be empty",
    }


def test_create_validation_messages(auth_client, landlord_user):
    client = auth_client(landlord_user)
    response = client.post("/properties", {**VALID, "name": "x" * 129, "bogus": 1}, format="json")
    assert response.status_code == 400
    messages = response.json()["message"]
    assert "property bogus should not exist" in messages
    response = client.post("/properties", {**VALID, "name": "x" * 129}, format="json")
    assert "name must be shorter than or equal to 128 characters" in response.json()["message"]
    response = client.post("/properties", {**VALID, "latitude": "abc"}, format="json")
    assert response.status_code == 400


def test_create_duplicate_name_is_422(auth_client, landlord_user):
    client = auth_client(landlord_user)
    assert client.post("/properties", VALID, format="json").status_code == 201
    response = client.post("/properties", VALID, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "Property name 'Test Property' already exists in this organization"
    assert response.json()["error"] == "UNPROCESSABLE_ENTITY"


def test_name_of_soft_deleted_property_can_be_reused(auth_client, landlord_user, landlord):
    PropertyFactory(landlord=landlord, name="Test Property").soft_delete()
    response = auth_client(landlord_user).post("/properties", VALID, format="json")
    assert response.status_code == 201


def test_same_name_other_landlord_is_fine(auth_client, landlord_user, other_landlord_user):
    assert auth_client(landlord_user).post("/properties", VALID, format="json").status_code == 201
    assert auth_client(other_landlord_user).post("/properties", VALID, format="json").status_code == 201


def test_create_unauthenticated_401(api_client):
    assert api_client.post("/properties", VALID, format="json").status_code == 401


@pytest.mark.parametrize("role", ["tenant_user", "contractor_user"])
def test_create_forbidden_roles_403(request, auth_client, role):
    response = auth_client(request.getfixturevalue(role)).post("/properties", {"bad": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "Access denied"
    assert not Property.objects.unscoped().exists()


def test_create_super_admin_is_not_a_landlord(auth_client, admin_user):
    response = auth_client(admin_user).post("/properties", VALID, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "User is not a landlord"


def test_create_landlord_without_organization(auth_client):
    user = LandlordUserFactory(organization_id=None)
    response = auth_client(user).post("/properties", VALID, format="json")
    assert response.status_code == 403  # rules with an unbound landlord never apply: fail closed


def test_create_multipart_with_files(auth_client, landlord_user, settings):
    data = {**VALID, "latitude": "40.5", "media_files": [png_upload("a.png"), png_upload("b.png")]}
    response = auth_client(landlord_user).post("/properties", data, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["message"] == "Property created successfully with 2 media file(s)"
    assert len(body["data"]["media"]) == 2
    assert body["data"]["media"][0]["collection_name"] == "property_photos"
    assert body["data"]["property"]["address"]["latitude"] == 40.5
    assert Media.objects.unscoped().count() == 2


def test_create_multipart_with_bad_file_creates_nothing(auth_client, landlord_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("evil.png", b"<html><script>alert(1)</script>", content_type="image/png")
    fake_zip = SimpleUploadedFile("x.png", b"PK\x03\x04garbage", content_type="image/png")
    response = auth_client(landlord_user).post(
        "/properties", {**VALID, "media_files": [png_upload(), fake_zip]}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("File type not allowed")
    assert not Property.objects.unscoped().exists()
    assert not Media.objects.unscoped().exists()
    assert fake.name  # the html one is text/plain by its bytes: allowed, but never served as html


# -- list ---------------------------------------------------------------------------------------
def test_list_envelope_and_computed_fields(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    UnitFactory(property=prop, availability_status="OCCUPIED")
    UnitFactory(property=prop)
    UnitFactory(property=prop)
    UnitFactory(property=prop, deleted=True)
    response = auth_client(landlord_user).get("/properties")
    assert response.status_code == 200
    body = response.json()
    assert {"data", "total", "page", "limit", "totalPages", "hasNextPage", "hasPrevPage"} <= set(body)
    item = body["data"][0]
    assert item["unitCount"] == 3
    assert item["occupancyRate"] == pytest.approx(100 / 3)
    assert item["media"] == []


def test_list_only_own_landlord(auth_client, landlord_user, landlord):
    PropertyFactory(landlord=landlord, name="Mine")
    PropertyFactory(name="Theirs")
    PropertyFactory(landlord=landlord, name="Gone").soft_delete()
    body = auth_client(landlord_user).get("/properties").json()
    assert [item["name"] for item in body["data"]] == ["Mine"]
    assert body["total"] == 1


def test_list_search_by_name_and_city(auth_client, landlord_user, landlord):
    PropertyFactory(landlord=landlord, name="Lakeside", address_city="Boston")
    PropertyFactory(landlord=landlord, name="Hillside", address_city="Denver")
    client = auth_client(landlord_user)
    assert [p["name"] for p in client.get("/properties?search=lake").json()["data"]] == ["Lakeside"]
    data = client.get("/properties?search=Denver").json()["data"]
    assert [p["address"]["city"] for p in data] == ["Denver"]
    data = client.get("/properties", {"filters[city]": "boston"}).json()["data"]
    assert [p["name"] for p in data] == ["Lakeside"]
    assert client.get("/properties?search=.*").json()["total"] == 0  # text, not a pattern


def test_list_sort_and_paging(auth_client, landlord_user, landlord):
    for name in ("b", "a", "c"):
        PropertyFactory(landlord=landlord, name=name)
    client = auth_client(landlord_user)
    body = client.get("/properties?sortBy=name&sortOrder=asc&limit=2").json()
    assert [p["name"] for p in body["data"]] == ["a", "b"]
    assert body["totalPages"] == 2 and body["hasNextPage"] is True
    body = client.get("/properties?sortBy=name&sortOrder=asc&limit=2&page=2").json()
    assert [p["name"] for p in body["data"]] == ["c"]
    assert client.get("/properties?sortBy=address.city").status_code == 200
    assert client.get("/properties?sortBy=bogus").status_code == 400
    assert client.get("/properties?page=0").status_code == 400
    assert client.get("/properties?foo=1").status_code == 400


def test_list_query_count_is_constant(auth_client, landlord_user, landlord):
    for _ in range(12):
        prop = PropertyFactory(landlord=landlord)
        UnitFactory(property=prop)
    client = auth_client(landlord_user)
    counts = []
    for limit in (2, 12):
        with CaptureQueriesContext(connection) as ctx:
            assert len(client.get(f"/properties?limit={limit}").json()["data"]) == limit
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_list_unauthenticated_401(api_client):
    assert api_client.get("/properties").status_code == 401


def test_list_tenant_sees_only_party_properties(auth_client, tenant_user):
    PropertyFactory(name="Unrelated")
    favorite = FavoriteFactory(user=tenant_user)
    body = auth_client(tenant_user).get("/properties").json()
    assert [item["_id"] for item in body["data"]] == [str(favorite.unit.property_id)]


def test_list_contractor_sees_nothing_yet(auth_client, contractor_user):
    PropertyFactory()
    assert auth_client(contractor_user).get("/properties").json()["total"] == 0


def test_list_super_admin_sees_all_and_filters_by_landlord(auth_client, admin_user):
    first = PropertyFactory()
    PropertyFactory()
    client = auth_client(admin_user)
    assert client.get("/properties").json()["total"] == 2
    body = client.get(f"/properties?landlordId={first.landlord_id}").json()
    assert [p["_id"] for p in body["data"]] == [str(first.pk)]


# -- detail -------------------------------------------------------------------------------------
def test_get_by_id(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    body = auth_client(landlord_user).get(f"/properties/{prop.pk}").json()
    assert body["_id"] == str(prop.pk) and body["name"] == prop.name and body["media"] == []


def test_get_unknown_invalid_unauthenticated(auth_client, api_client, landlord_user, landlord):
    client = auth_client(landlord_user)
    missing = uuid.uuid4()
    response = client.get(f"/properties/{missing}")
    assert response.status_code == 404
    assert response.json()["message"] == f"Property with ID {missing} not found"
    response = client.get("/properties/invalid-id")
    assert response.status_code == 400 and response.json()["message"] == "Invalid ID: invalid-id"
    prop = PropertyFactory(landlord=landlord)
    assert api_client.get(f"/properties/{prop.pk}").status_code == 401
    prop.soft_delete()
    assert client.get(f"/properties/{prop.pk}").status_code == 404


def test_get_other_landlords_property_is_404(auth_client, other_landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    assert auth_client(other_landlord_user).get(f"/properties/{prop.pk}").status_code == 404


# -- update -------------------------------------------------------------------------------------
def test_patch_name_and_description(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).patch(
        f"/properties/{prop.pk}", {"name": "New", "description": "Changed"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["name"] == "New" and response.json()["description"] == "Changed"
    prop.refresh_from_db()
    assert prop.name == "New" and prop.version == 1


def test_patch_really_updates_the_address(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).patch(
        f"/properties/{prop.pk}",
        {"city": "Paris", "countryCode": "fr", "latitude": 48.85, "longitude": 2.35},
        format="json",
    )
    assert response.status_code == 200
    address = response.json()["address"]
    assert address["city"] == "Paris" and address["countryCode"] == "FR"
    assert address["street"] == "1 Main St"
    prop.refresh_from_db()
    assert prop.address_city == "Paris" and prop.address_latitude == 48.85


def test_patch_with_google_maps_link(auth_client, landlord_user, landlord, nominatim):
    nominatim.routes["/reverse"] = lambda q: (
        200,
        {},
        {
            "address": {
                "road": "Rue de Rivoli",
                "city": "Paris",
                "state": "IDF",
                "postcode": "75001",
                "country": "France",
                "country_code": "fr",
            }
        },
    )
    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).patch(
        f"/properties/{prop.pk}",
        {"googleMapsLink": "https://www.google.com/maps/place/X/@48.86,2.33,17z"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    prop.refresh_from_db()
    assert (prop.address_street, prop.address_city, prop.address_country_code) == (
        "Rue de Rivoli",
        "Paris",
        "FR",
    )
    assert prop.address_latitude == 48.86


def test_patch_bad_google_maps_link_400(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).patch(
        f"/properties/{prop.pk}", {"googleMapsLink": "not a link"}, format="json"
    )
    assert response.status_code == 400
    prop.refresh_from_db()
    assert prop.version == 0


def test_patch_duplicate_name_422(auth_client, landlord_user, landlord):
    PropertyFactory(landlord=landlord, name="Taken")
    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).patch(f"/properties/{prop.pk}", {"name": "Taken"}, format="json")
    assert response.status_code == 422


def test_patch_rejects_landlord_key(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).patch(
        f"/properties/{prop.pk}", {"landlord": str(uuid.uuid4())}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == ["property landlord should not exist"]


def test_patch_errors(auth_client, api_client, landlord_user, tenant_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    client = auth_client(landlord_user)
    assert client.patch(f"/properties/{uuid.uuid4()}", {"name": "x"}, format="json").status_code == 404
    assert client.patch("/properties/invalid-id", {"name": "x"}, format="json").status_code == 400
    assert api_client.patch(f"/properties/{prop.pk}", {"name": "x"}, format="json").status_code == 401
    response = auth_client(tenant_user).patch(f"/properties/{prop.pk}", {"name": "x"}, format="json")
    assert response.status_code == 403


def test_patch_other_landlord_404_unchanged(auth_client, other_landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord, name="Original")
    response = auth_client(other_landlord_user).patch(
        f"/properties/{prop.pk}", {"name": "Hacked"}, format="json"
    )
    assert response.status_code == 404
    prop.refresh_from_db()
    assert prop.name == "Original"


# -- delete -------------------------------------------------------------------------------------
def test_delete_then_404(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    client = auth_client(landlord_user)
    response = client.delete(f"/properties/{prop.pk}")
    assert response.status_code == 204 and response.content == b""
    assert client.get(f"/properties/{prop.pk}").status_code == 404
    assert Property.objects.including_deleted().get(pk=prop.pk).deleted is True


def test_delete_with_units_409(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    UnitFactory(property=prop)
    UnitFactory(property=prop)
    response = auth_client(landlord_user).delete(f"/properties/{prop.pk}")
    assert response.status_code == 409
    assert response.json()["message"] == (
        "Cannot delete property. It has 2 active unit(s). Please delete all units first."
    )


def test_delete_errors(auth_client, api_client, landlord_user, tenant_user, other_landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    assert auth_client(landlord_user).delete(f"/properties/{uuid.uuid4()}").status_code == 404
    assert auth_client(landlord_user).delete("/properties/invalid-id").status_code == 400
    assert api_client.delete(f"/properties/{prop.pk}").status_code == 401
    assert auth_client(tenant_user).delete(f"/properties/{prop.pk}").status_code == 403
    assert auth_client(other_landlord_user).delete(f"/properties/{prop.pk}").status_code == 404
    prop.refresh_from_db()
    assert prop.deleted is False


# -- statistics ---------------------------------------------------------------------------------
def test_statistics(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    UnitFactory(property=prop, availability_status="OCCUPIED")
    UnitFactory(property=prop)
    UnitFactory(property=prop)
    body = auth_client(landlord_user).get(f"/properties/{prop.pk}/statistics").json()
    assert body == {
        "success": True,
        "data": {
            "propertyId": str(prop.pk),
            "totalUnits": 3,
            "occupiedUnits": 1,
            "totalMonthlyRevenue": 0,
            "occupancyRate": 33,
        },
    }


def test_statistics_uses_lease_provider(auth_client, landlord_user, landlord, monkeypatch):
    from apps.properties import parties

    prop = PropertyFactory(landlord=landlord)
    unit = UnitFactory(property=prop, availability_status="OCCUPIED")
    monkeypatch.setitem(
        parties.PROVIDERS,
        "active_leases_for_units",
        lambda ids: {unit.pk: {"rent_amount": 1250}} if unit.pk in ids else {},
    )
    data = auth_client(landlord_user).get(f"/properties/{prop.pk}/statistics").json()["data"]
    assert data["totalMonthlyRevenue"] == 1250 and data["occupancyRate"] == 100


def test_statistics_errors(auth_client, api_client, landlord_user, other_landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    assert auth_client(landlord_user).get(f"/properties/{uuid.uuid4()}/statistics").status_code == 404
    assert auth_client(landlord_user).get("/properties/invalid/statistics").status_code == 400
    assert api_client.get(f"/properties/{prop.pk}/statistics").status_code == 401
    assert auth_client(other_landlord_user).get(f"/properties/{prop.pk}/statistics").status_code == 404


# -- extract address ----------------------------------------------------------------------------
def test_extract_address_from_maps(auth_client, landlord_user, nominatim):
    nominatim.routes["/reverse"] = lambda q: (
        200,
        {},
        {"address": {"town": "Springfield", "state": "IL", "country": "United States", "country_code": "us"}},
    )
    response = auth_client(landlord_user).post(
        "/properties/extract-address-from-maps",
        {"googleMapsLink": "https://maps.google.com/?q=39.78,-89.65", "other": "ignored"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json() == {
        "street": "",
        "city": "Springfield",
        "state": "IL",
        "postalCode": None,
        "country": "United States",
        "countryCode": "US",
        "latitude": 39.78,
        "longitude": -89.65,
    }


def test_extract_address_errors(auth_client, api_client, landlord_user, tenant_user):
    client = auth_client(landlord_user)
    response = client.post("/properties/extract-address-from-maps", {}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid Google Maps link or unable to extract location data"
    response = client.post(
        "/properties/extract-address-from-maps", {"googleMapsLink": "https://maps.google.com/"}, format="json"
    )
    assert response.json()["message"] == "Could not extract location from Google Maps link"
    assert api_client.post("/properties/extract-address-from-maps", {}, format="json").status_code == 401
    assert (
        auth_client(tenant_user).post("/properties/extract-address-from-maps", {}, format="json").status_code
        == 403
    )


def test_published_unit_of_tenant_favorite_is_readable(auth_client, tenant_user):
    unit = PublishedUnitFactory()
    FavoriteFactory(user=tenant_user, unit=unit)
    client = auth_client(tenant_user)
    assert client.get(f"/properties/{unit.property_id}").status_code == 200
    assert client.get(f"/properties/{PropertyFactory().pk}").status_code == 404


# -- the seed document's shapes -----------------------------------------------------------------
def test_seed_nested_address_with_coordinates_and_validation(auth_client, landlord_user):
    client = auth_client(landlord_user)
    body = {
        "name": "Geo",
        "address": {"street": "s", "city": "c", "state": "st", "coordinates": {"lat": 1.5, "lng": 2.5}},
    }
    response = client.post("/properties", body, format="json")
    assert response.status_code == 201
    address = response.json()["data"]["property"]["address"]
    assert (address["latitude"], address["longitude"], address["country"]) == (1.5, 2.5, "")
    bad = {
        "name": "Bad",
        "address": {"street": "s", "city": "c", "state": "st", "coordinates": {"lat": "x", "lng": 1}},
    }
    response = client.post("/properties", bad, format="json")
    assert response.status_code == 400
    assert (
        "address.coordinates.lat must be a number conforming to the specified constraints"
        in response.json()["message"]
    )
    response = client.post("/properties", {"name": "Bad", "address": {"city": "c"}}, format="json")
    assert set(response.json()["message"]) == {
        "address.street should not be empty",
        "address.state should not be empty",
    }


def test_seed_nested_address_in_patch(auth_client, landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord)
    response = auth_client(landlord_user).patch(
        f"/properties/{prop.pk}", {"address": {"zipCode": "94103", "city": "Oakland"}}, format="json"
    )
    assert response.status_code == 200
    prop.refresh_from_db()
    assert (prop.address_postal_code, prop.address_city, prop.address_street) == (
        "94103",
        "Oakland",
        "1 Main St",
    )


def test_seed_status_filter(auth_client, landlord_user, landlord):
    PropertyFactory(landlord=landlord)
    client = auth_client(landlord_user)
    assert client.get("/properties?status=ACTIVE").json()["total"] == 1
    assert client.get("/properties?status=INACTIVE").json()["total"] == 0
    assert client.get("/properties?status=bogus").status_code == 400
