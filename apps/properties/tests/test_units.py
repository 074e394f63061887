"""Units routes (spec 03 sections 2.4, 2.9 and 3)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import TenantUserFactory
from apps.properties import parties
from apps.properties.models import Unit
from apps.properties.tests.factories import PropertyFactory, UnitFactory

pytestmark = pytest.mark.django_db

UNIT = {"unitNumber": "101", "size": 1000, "type": "APARTMENT"}


@pytest.fixture
def prop(landlord):
    return PropertyFactory(landlord=landlord, address_latitude=40.0, address_longitude=-70.0)


@pytest.fixture
def seeded(prop):
    return [
        UnitFactory(property=prop, unit_number="101", size=1000, type="APARTMENT"),
        UnitFactory(
            property=prop, unit_number="102", size=800, type="STUDIO", availability_status="OCCUPIED"
        ),
        UnitFactory(
            property=prop,
            unit_number="103",
            size=1500,
            type="APARTMENT",
            availability_status="AVAILABLE_FOR_RENT",
        ),
    ]


# -- create -------------------------------------------------------------------------------------
def test_create_unit(auth_client, landlord_user, prop):
    response = auth_client(landlord_user).post(f"/properties/{prop.pk}/units", UNIT, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["message"] == "Unit created successfully"
    unit = body["data"]["unit"]
    assert unit["unitNumber"] == "101" and unit["availabilityStatus"] == "VACANT"
    assert unit["property"] == str(prop.pk) and unit["address"] is None
    assert Unit.objects.unscoped().get(pk=unit["_id"]).landlord_id == prop.landlord_id


def test_create_unit_with_property_address_and_multipart_booleans(auth_client, landlord_user, prop):
    data = {
        **UNIT,
        "usePropertyAddress": "TRUE",
        "publishToMarketplace": "true",
        "marketRent": "1500",
        "availableForRent": "true",
        "availableFrom": "2027-01-01",
    }
    response = auth_client(landlord_user).post(f"/properties/{prop.pk}/units", data, format="multipart")
    assert response.status_code == 201, response.json()
    unit = response.json()["data"]["unit"]
    assert unit["address"]["city"] == prop.address_city
    assert unit["publishToMarketplace"] is True and unit["marketRent"] == 1500
    assert unit["availableFrom"] == "2027-01-01T00:00:00.000Z"


def test_create_unit_with_own_address(auth_client, landlord_user, prop):
    data = {**UNIT, "street": "5 Side St", "city": "Boston", "countryCode": "us"}
    unit = (
        auth_client(landlord_user)
        .post(f"/properties/{prop.pk}/units", data, format="json")
        .json()["data"]["unit"]
    )
    assert unit["address"]["city"] == "Boston" and unit["address"]["countryCode"] == "US"


def test_create_unit_validation(auth_client, landlord_user, prop):
    client = auth_client(landlord_user)
    url = f"/properties/{prop.pk}/units"
    response = client.post(url, {"size": -1, "type": "CASTLE"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["message"]) >= {
        "unitNumber should not be empty",
        "size must not be less than 0",
        "type must be one of the following values: HOUSE, APARTMENT, STUDIO, OFFICE, RETAIL, ROOM, OTHER",
    }
    response = client.post(url, {**UNIT, "availableForRent": True}, format="json")
    assert response.json()["message"] == ["availableFrom is required when availableForRent is true"]
    response = client.post(url, {**UNIT, "publishToMarketplace": True}, format="json")
    assert response.json()["message"] == ["marketRent is required when publishToMarketplace is true"]
    assert not Unit.objects.unscoped().exists()


def test_create_unit_duplicate_number_400(auth_client, landlord_user, prop):
    client = auth_client(landlord_user)
    assert client.post(f"/properties/{prop.pk}/units", UNIT, format="json").status_code == 201
    response = client.post(f"/properties/{prop.pk}/units", UNIT, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Unit number '101' already exists in this property"


def test_unit_number_of_soft_deleted_unit_can_be_reused(auth_client, landlord_user, prop):
    UnitFactory(property=prop, unit_number="101").soft_delete()
    assert (
        auth_client(landlord_user).post(f"/properties/{prop.pk}/units", UNIT, format="json").status_code
        == 201
    )


def test_create_unit_property_not_found_422(auth_client, landlord_user, other_landlord_user, prop):
    missing = uuid.uuid4()
    response = auth_client(landlord_user).post(f"/properties/{missing}/units", UNIT, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == f"Property with ID {missing} not found in your organization"
    response = auth_client(other_landlord_user).post(f"/properties/{prop.pk}/units", UNIT, format="json")
    assert response.status_code == 422
    assert not Unit.objects.unscoped().exists()


def test_create_unit_auth(api_client, auth_client, tenant_user, contractor_user, prop):
    assert api_client.post(f"/properties/{prop.pk}/units", UNIT, format="json").status_code == 401
    assert (
        auth_client(tenant_user).post(f"/properties/{prop.pk}/units", UNIT, format="json").status_code == 403
    )
    assert (
        auth_client(contractor_user).post(f"/properties/{prop.pk}/units", UNIT, format="json").status_code
        == 403
    )
    assert auth_client(tenant_user).post("/properties/bad/units", UNIT, format="json").status_code == 403


# -- property units -----------------------------------------------------------------------------
def test_property_units_list(auth_client, landlord_user, prop, seeded):
    UnitFactory()  # another landlord's
    client = auth_client(landlord_user)
    body = client.get(f"/properties/{prop.pk}/units").json()
    assert body["total"] == 3
    assert all(item["property"]["_id"] == str(prop.pk) for item in body["data"])
    assert client.get(f"/properties/{prop.pk}/units?search=101").json()["data"][0]["unitNumber"] == "101"
    numbers = [
        u["unitNumber"]
        for u in client.get(f"/properties/{prop.pk}/units?sortBy=unitNumber&sortOrder=asc").json()["data"]
    ]
    assert numbers == ["101", "102", "103"]
    sizes = [
        u["size"]
        for u in client.get(f"/properties/{prop.pk}/units?sortBy=size&sortOrder=desc").json()["data"]
    ]
    assert sizes == [1500, 1000, 800]
    empty = client.get(f"/properties/{uuid.uuid4()}/units").json()
    assert empty["data"] == [] and empty["total"] == 0


def test_property_units_errors(auth_client, api_client, landlord_user, other_landlord_user, prop, seeded):
    assert auth_client(landlord_user).get("/properties/invalid-id/units").status_code == 400
    assert api_client.get(f"/properties/{prop.pk}/units").status_code == 401
    tenant = TenantUserFactory(organization_id=None)
    response = auth_client(tenant).get(f"/properties/{prop.pk}/units")
    assert response.status_code == 403
    assert auth_client(other_landlord_user).get(f"/properties/{prop.pk}/units").json()["total"] == 0


# -- list ---------------------------------------------------------------------------------------
def test_units_list_and_filters(auth_client, landlord_user, prop, seeded):
    client = auth_client(landlord_user)
    body = client.get("/units").json()
    assert body["total"] == 3
    assert client.get("/units?search=101").json()["data"][0]["unitNumber"] == "101"
    assert client.get(f"/units?propertyId={prop.pk}").json()["total"] == 3
    assert client.get("/units?type=STUDIO").json()["total"] == 1
    assert client.get("/units?availabilityStatus=OCCUPIED").json()["total"] == 1
    assert client.get("/units?minSize=900&maxSize=1200").json()["total"] == 1
    assert client.get("/units?publishToMarketplace=false").json()["total"] == 3
    assert client.get("/units?publishToMarketplace=true").json()["total"] == 0
    assert client.get("/units?propertyId=bad").status_code == 400
    assert client.get("/units?type=CASTLE").status_code == 400


def test_units_list_query_count_constant(auth_client, landlord_user, prop):
    for _ in range(10):
        UnitFactory(property=prop)
    client = auth_client(landlord_user)
    counts = []
    for limit in (2, 10):
        with CaptureQueriesContext(connection) as ctx:
            assert len(client.get(f"/units?limit={limit}").json()["data"]) == limit
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_units_list_auth(api_client, auth_client, tenant_user, contractor_user, seeded):
    assert api_client.get("/units").status_code == 401
    assert auth_client(TenantUserFactory(organization_id=None)).get("/units").status_code == 403
    body = auth_client(tenant_user).get("/units").json()
    assert body["total"] == 0 and body["page"] == 1 and body["hasNextPage"] is False
    assert auth_client(contractor_user).get("/units").json()["total"] == 0


def test_units_list_tenant_with_lease_provider(auth_client, tenant_user, seeded, monkeypatch):
    leased = seeded[1]
    monkeypatch.setitem(parties.PROVIDERS, "tenant_leased_unit_ids", lambda org: [leased.pk])
    monkeypatch.setitem(
        parties.PROVIDERS,
        "tenant_active_leases_for_units",
        lambda ids, org: {leased.pk: {"_id": "lease", "status": "ACTIVE"}},
    )
    client = auth_client(tenant_user)
    body = client.get("/units").json()
    assert [u["_id"] for u in body["data"]] == [str(leased.pk)]
    assert body["data"][0]["activeLease"]["status"] == "ACTIVE"
    assert client.get(f"/units/{leased.pk}").status_code == 200
    assert client.get(f"/units/{seeded[0].pk}").status_code == 404


# -- detail, update, delete ---------------------------------------------------------------------
def test_unit_detail(auth_client, landlord_user, prop, seeded):
    body = auth_client(landlord_user).get(f"/units/{seeded[0].pk}").json()
    assert {"_id", "unitNumber", "size", "type", "availabilityStatus", "property", "media"} <= set(body)
    assert body["property"]["_id"] == str(prop.pk)
    assert "activeLease" not in body


def test_unit_detail_errors(auth_client, api_client, landlord_user, other_landlord_user, tenant_user, seeded):
    client = auth_client(landlord_user)
    missing = uuid.uuid4()
    response = client.get(f"/units/{missing}")
    assert response.status_code == 404 and response.json()["message"] == f"Unit with ID {missing} not found"
    assert client.get("/units/invalid-id").status_code == 400
    assert api_client.get(f"/units/{seeded[0].pk}").status_code == 401
    assert auth_client(other_landlord_user).get(f"/units/{seeded[0].pk}").status_code == 404
    assert auth_client(tenant_user).get(f"/units/{seeded[0].pk}").status_code == 404


def test_unit_patch(auth_client, landlord_user, seeded):
    unit = seeded[0]
    client = auth_client(landlord_user)
    response = client.patch(f"/units/{unit.pk}", {"size": 1300}, format="json")
    assert response.status_code == 200 and response.json()["size"] == 1300
    body = client.patch(f"/units/{unit.pk}", {"type": "STUDIO"}, format="json").json()
    assert body["type"] == "STUDIO" and body["size"] == 1300 and body["unitNumber"] == "101"
    assert body["property"] == str(unit.property_id)
    body = client.patch(f"/units/{unit.pk}", {"city": "Austin", "countryCode": "us"}, format="json").json()
    assert body["address"]["city"] == "Austin" and body["address"]["countryCode"] == "US"
    body = client.patch(f"/units/{unit.pk}", {"usePropertyAddress": True}, format="json").json()
    assert body["address"]["city"] == unit.property.address_city


def test_unit_patch_errors(
    auth_client, api_client, landlord_user, tenant_user, contractor_user, other_landlord_user, seeded
):
    unit = seeded[0]
    client = auth_client(landlord_user)
    assert client.patch(f"/units/{uuid.uuid4()}", {"size": 1}, format="json").status_code == 404
    assert client.patch("/units/invalid-id", {"size": 1}, format="json").status_code == 400
    response = client.patch(f"/units/{unit.pk}", {}, format="json")
    assert response.status_code == 400 and response.json()["message"] == "Update data cannot be empty"
    response = client.patch(f"/units/{unit.pk}", {"availabilityStatus": "OCCUPIED"}, format="json")
    assert response.json()["message"] == ["property availabilityStatus should not exist"]
    response = client.patch(f"/units/{unit.pk}", {"unitNumber": "102"}, format="json")
    assert response.status_code == 400
    assert api_client.patch(f"/units/{unit.pk}", {"size": 1}, format="json").status_code == 401
    assert auth_client(tenant_user).patch(f"/units/{unit.pk}", {"size": 1}, format="json").status_code == 403
    assert (
        auth_client(contractor_user).patch(f"/units/{unit.pk}", {"size": 1}, format="json").status_code == 403
    )
    assert (
        auth_client(other_landlord_user).patch(f"/units/{unit.pk}", {"size": 1}, format="json").status_code
        == 404
    )
    unit.refresh_from_db()
    assert unit.size == 1000


def test_unit_patch_available_from_before_lease_end(auth_client, landlord_user, seeded, monkeypatch):
    unit = seeded[1]
    end = datetime(2027, 6, 30, tzinfo=UTC)
    monkeypatch.setitem(
        parties.PROVIDERS, "active_leases_for_units", lambda ids: {unit.pk: {"end_date": end}}
    )
    response = auth_client(landlord_user).patch(
        f"/units/{unit.pk}", {"availableFrom": "2027-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Cannot set availableFrom date to 2027-01-01 because the unit has an active lease that ends on "
        "2027-06-30. The availableFrom date must be on or after the lease end date."
    )


def test_unit_delete(auth_client, landlord_user, seeded):
    client = auth_client(landlord_user)
    assert client.delete(f"/units/{seeded[0].pk}").status_code == 204
    assert client.get(f"/units/{seeded[0].pk}").status_code == 404
    response = client.delete(f"/units/{seeded[1].pk}")
    assert response.status_code == 409
    assert response.json()["message"].startswith("Cannot delete unit. Unit is currently occupied.")


def test_unit_delete_errors(auth_client, api_client, landlord_user, tenant_user, other_landlord_user, seeded):
    unit = seeded[0]
    assert auth_client(landlord_user).delete(f"/units/{uuid.uuid4()}").status_code == 404
    assert auth_client(landlord_user).delete("/units/invalid-id").status_code == 400
    assert api_client.delete(f"/units/{unit.pk}").status_code == 401
    assert auth_client(tenant_user).delete(f"/units/{unit.pk}").status_code == 403
    assert auth_client(other_landlord_user).delete(f"/units/{unit.pk}").status_code == 404
    unit.refresh_from_db()
    assert unit.deleted is False


# -- statistics ---------------------------------------------------------------------------------
def test_overview(auth_client, landlord_user, api_client, seeded):
    UnitFactory(availability_status="OCCUPIED")  # another landlord's
    body = auth_client(landlord_user).get("/units/stats/overview").json()
    assert body["data"] == {
        "totalUnits": 3,
        "occupiedUnits": 1,
        "availableUnits": 1,
        "totalMonthlyRevenue": 0,
        "occupancyRate": 33.3,
    }
    assert api_client.get("/units/stats/overview").status_code == 401


def test_overview_tenant_is_scoped(auth_client, tenant_user, seeded):
    assert auth_client(tenant_user).get("/units/stats/overview").json()["data"]["totalUnits"] == 0


def test_unit_stats(auth_client, api_client, landlord_user, other_landlord_user, seeded, monkeypatch):
    unit = seeded[0]
    client = auth_client(landlord_user)
    body = client.get(f"/units/{unit.pk}/stats").json()
    assert body["data"] == {
        "unitId": str(unit.pk),
        "ytdRevenue": 0,
        "maintenanceRequestsCount": 0,
        "currentBalance": 0,
        "lastPaymentDate": None,
        "nextPaymentDue": None,
    }
    monkeypatch.setitem(parties.PROVIDERS, "maintenance_request_count", lambda u: 4)
    assert client.get(f"/units/{unit.pk}/stats").json()["data"]["maintenanceRequestsCount"] == 4
    assert client.get(f"/units/{uuid.uuid4()}/stats").status_code == 404
    assert client.get("/units/invalid/stats").status_code == 400
    assert api_client.get(f"/units/{unit.pk}/stats").status_code == 401
    assert auth_client(other_landlord_user).get(f"/units/{unit.pk}/stats").status_code == 404
