"""Admin console rows for properties and units (spec 02 section 9)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.properties.tests.factories import PropertyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_admin_properties(auth_client, admin_user):
    prop = PropertyFactory(name="Alpha", address_city="Boston")
    UnitFactory(property=prop)
    PropertyFactory(name="Beta")
    client = auth_client(admin_user)
    body = client.get("/admin/properties").json()
    assert body["total"] == 2
    item = next(i for i in body["data"] if i["_id"] == str(prop.pk))
    assert item["landlordName"] == prop.landlord.name and item["unitCount"] == 1
    assert client.get("/admin/properties?search=boston").json()["total"] == 1
    assert client.get(f"/admin/properties?landlordId={prop.landlord_id}").json()["total"] == 1
    detail = client.get(f"/admin/properties/{prop.pk}").json()
    assert detail["success"] is True
    assert detail["data"]["landlord"] == {"_id": str(prop.landlord_id), "name": prop.landlord.name}
    assert detail["data"]["stats"] == {"unitCount": 1, "activeLeaseCount": 0}
    missing = client.get(f"/admin/properties/{uuid.uuid4()}")
    assert missing.status_code == 404 and missing.json()["message"] == "Property not found"
    assert client.get("/admin/properties/bad").status_code == 400


def test_admin_units(auth_client, admin_user):
    unit = UnitFactory(unit_number="Z9")
    UnitFactory()
    client = auth_client(admin_user)
    body = client.get("/admin/units?search=Z9").json()
    assert body["total"] == 1
    assert body["data"][0]["propertyName"] == unit.property.name
    assert body["data"][0]["landlordName"] == unit.landlord.name
    detail = client.get(f"/admin/units/{unit.pk}").json()["data"]
    assert detail["property"]["name"] == unit.property.name and detail["activeLease"] is None
    assert client.get(f"/admin/units/{uuid.uuid4()}").json()["message"] == "Unit not found"


def test_admin_lists_query_count_constant(auth_client, admin_user):
    for _ in range(6):
        UnitFactory()
    client = auth_client(admin_user)
    for url in ("/admin/properties", "/admin/units"):
        counts = []
        for limit in (2, 6):
            with CaptureQueriesContext(connection) as ctx:
                assert len(client.get(f"{url}?limit={limit}").json()["data"]) == limit
            counts.append(len(ctx))
        assert counts[0] == counts[1]


@pytest.mark.parametrize("url", ["/admin/properties", "/admin/units"])
def test_admin_only(auth_client, api_client, landlord_user, url):
    assert api_client.get(url).status_code == 401
    response = auth_client(landlord_user).get(url)
    assert response.status_code == 403 and response.json()["message"] == "Admin access required"
