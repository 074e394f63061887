"""Availability slots (spec 03 section 7)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Tenant
from apps.properties import parties
from apps.properties.models import Availability
from apps.properties.tests.factories import AvailabilityFactory, PropertyFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def prop(landlord):
    return PropertyFactory(landlord=landlord)


@pytest.fixture
def unit(prop):
    return UnitFactory(property=prop)


RECURRING = {"availabilityType": "RECURRING", "dayOfWeek": "MONDAY", "startTime": "9:00", "endTime": "11:30"}


def test_landlord_creates_slot(auth_client, landlord_user, prop, unit):
    body = {**RECURRING, "propertyId": str(prop.pk), "unitId": str(unit.pk), "notes": "Ring twice"}
    response = auth_client(landlord_user).post("/availability", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["createdBy"] == "LANDLORD" and data["startTime"] == "09:00"
    assert data["property"] == str(prop.pk) and data["unit"] == str(unit.pk)
    assert data["landlord"] == str(prop.landlord_id) and data["tenant"] is None
    response = auth_client(landlord_user).post("/availability", body, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "An availability slot with the same time and date/day already exists"


def test_create_validation(auth_client, landlord_user, prop):
    client = auth_client(landlord_user)
    base = {"propertyId": str(prop.pk)}
    response = client.post("/availability", {**base, **RECURRING, "startTime": "12:00"}, format="json")
    assert response.json()["message"] == ["Start time must be before end time"]
    response = client.post(
        "/availability",
        {**base, "availabilityType": "ONE_TIME", "startTime": "09:00", "endTime": "10:00"},
        format="json",
    )
    assert response.json()["message"] == ["Date is required for one-time availability slots"]
    response = client.post(
        "/availability",
        {**base, "availabilityType": "RECURRING", "startTime": "09:00", "endTime": "10:00"},
        format="json",
    )
    assert response.json()["message"] == ["Day of week is required for recurring availability slots"]
    response = client.post("/availability", {**base, **RECURRING, "startTime": "25:00"}, format="json")
    assert "startTime must be in HH:mm format (24-hour)" in response.json()["message"]
    assert not Availability.objects.unscoped().exists()


def test_create_on_other_landlords_property_403(auth_client, other_landlord_user, prop):
    response = auth_client(other_landlord_user).post(
        "/availability", {**RECURRING, "propertyId": str(prop.pk)}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have access to this property"
    assert not Availability.objects.unscoped().exists()


def test_landlord_cannot_open_slots_on_leased_unit(auth_client, landlord_user, prop, unit, monkeypatch):
    monkeypatch.setitem(parties.PROVIDERS, "active_lease_tenant_id", lambda unit_id: uuid.uuid4())
    response = auth_client(landlord_user).post(
        "/availability", {**RECURRING, "propertyId": str(prop.pk), "unitId": str(unit.pk)}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "You can only create availability for vacant units"


def test_tenant_slots(auth_client, tenant_user, prop, unit, monkeypatch):
    client = auth_client(tenant_user)
    body = {**RECURRING, "propertyId": str(uuid.uuid4()), "unitId": str(unit.pk)}
    response = client.post("/availability", {**RECURRING, "propertyId": str(prop.pk)}, format="json")
    assert response.json()["message"] == "Unit ID is required for tenant availability"
    assert client.post("/availability", body, format="json").status_code == 403
    monkeypatch.setitem(
        parties.PROVIDERS, "active_lease_tenant_id", lambda unit_id: tenant_user.organization_id
    )
    response = client.post("/availability", body, format="json")
    assert response.status_code == 201
    data = response.json()
    # the property comes from the unit, never from the request
    assert data["property"] == str(prop.pk) and data["tenant"] == str(tenant_user.organization_id)
    assert data["createdBy"] == "TENANT"
    listed = client.get("/availability").json()
    assert listed["total"] == 1
    assert (
        listed["data"][0]["tenant"]["name"]
        == Tenant.objects.unscoped().get(pk=tenant_user.organization_id).name
    )
    assert listed["data"][0]["unit"]["unitNumber"] == unit.unit_number


def test_staff_and_contractor_rights(auth_client, staff_user, contractor_user, prop):
    AvailabilityFactory(property=prop)
    assert auth_client(staff_user).get("/availability").status_code == 403
    assert auth_client(staff_user).post("/availability", {}, format="json").status_code == 403
    assert auth_client(contractor_user).post("/availability", {}, format="json").status_code == 403
    assert auth_client(contractor_user).get("/availability").json()["total"] == 0


def test_list_filters_and_scope(auth_client, landlord_user, prop, unit):
    AvailabilityFactory(property=prop, unit=unit, day_of_week="TUESDAY")
    AvailabilityFactory(
        property=prop, availability_type="ONE_TIME", day_of_week=None, date=datetime(2027, 3, 1, tzinfo=UTC)
    )
    AvailabilityFactory()  # another landlord's
    client = auth_client(landlord_user)
    assert client.get("/availability").json()["total"] == 2
    assert client.get(f"/availability?unitId={unit.pk}").json()["total"] == 1
    assert client.get("/availability?availabilityType=ONE_TIME").json()["total"] == 1
    assert client.get("/availability?date=2027-03-01").json()["total"] == 1
    assert client.get("/availability?startDate=2027-02-01&endDate=2027-03-01").json()["total"] == 1
    assert client.get("/availability?isActive=false").json()["total"] == 0
    assert client.get("/availability?sortBy=startTime&sortOrder=asc").status_code == 200
    assert client.get("/availability?propertyId=bad").status_code == 400


def test_list_query_count_constant(auth_client, landlord_user, prop):
    for index in range(8):
        AvailabilityFactory(property=prop, unit=UnitFactory(property=prop), start_time=f"0{index}:00")
    client = auth_client(landlord_user)
    counts = []
    for limit in (2, 8):
        with CaptureQueriesContext(connection) as ctx:
            assert len(client.get(f"/availability?limit={limit}").json()["data"]) == limit
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_weekly_schedule_in_weekday_order(auth_client, landlord_user, prop):
    AvailabilityFactory(property=prop, day_of_week="WEDNESDAY")
    AvailabilityFactory(property=prop, day_of_week="MONDAY", start_time="14:00", end_time="15:00")
    AvailabilityFactory(property=prop, day_of_week="MONDAY")
    AvailabilityFactory(
        property=prop, availability_type="ONE_TIME", day_of_week=None, date=datetime(2027, 1, 1, tzinfo=UTC)
    )
    slots = auth_client(landlord_user).get("/availability/weekly-schedule").json()["slots"]
    assert [(s["dayOfWeek"], s["startTime"]) for s in slots] == [
        ("MONDAY", "09:00"),
        ("MONDAY", "14:00"),
        ("WEDNESDAY", "09:00"),
    ]


def test_slots_by_date(auth_client, landlord_user, prop):
    AvailabilityFactory(
        property=prop, availability_type="ONE_TIME", day_of_week=None, date=datetime(2027, 3, 1, tzinfo=UTC)
    )
    AvailabilityFactory(property=prop, day_of_week="MONDAY")  # 2027-03-01 is a Monday
    AvailabilityFactory(property=prop, day_of_week="MONDAY", effective_until=datetime(2027, 2, 1, tzinfo=UTC))
    AvailabilityFactory(property=prop, day_of_week="TUESDAY")
    client = auth_client(landlord_user)
    slots = client.get("/availability/date/2027-03-01").json()["slots"]
    assert [s["availabilityType"] for s in slots] == ["ONE_TIME", "RECURRING"]
    response = client.get("/availability/date/not-a-date")
    assert (
        response.status_code == 400 and response.json()["message"] == "Invalid date format. Use YYYY-MM-DD."
    )


def test_visit_request_slots_public(api_client, prop, unit, monkeypatch):
    AvailabilityFactory(property=prop, unit=unit, notes="secret")
    AvailabilityFactory(property=prop, start_time="15:00", end_time="16:00")
    body = api_client.get(
        f"/availability/visit-request/2027-03-01?propertyId={prop.pk}&unitId={unit.pk}"
    ).json()
    assert body["slotOwner"] == "landlord" and len(body["slots"]) == 1
    assert "notes" not in body["slots"][0] and "tenant" not in body["slots"][0]
    body = api_client.get(f"/availability/visit-request/2027-03-01?propertyId={prop.pk}").json()
    assert [s["startTime"] for s in body["slots"]] == ["15:00"]
    monkeypatch.setitem(parties.PROVIDERS, "active_lease_tenant_id", lambda unit_id: uuid.uuid4())
    body = api_client.get(
        f"/availability/visit-request/2027-03-01?propertyId={prop.pk}&unitId={unit.pk}"
    ).json()
    assert body == {"slots": [], "slotOwner": "tenant"}
    response = api_client.get("/availability/visit-request/2027-03-01")
    assert response.status_code == 400 and response.json()["message"] == "Property ID is required"
    assert api_client.get("/availability/visit-request/2027-03-01?propertyId=bad").status_code == 400


def test_unit_and_property_slots(auth_client, landlord_user, tenant_user, other_landlord_user, prop, unit):
    AvailabilityFactory(property=prop, unit=unit)
    AvailabilityFactory(property=prop, is_active=False)
    client = auth_client(landlord_user)
    assert len(client.get(f"/availability/unit/{unit.pk}").json()) == 1
    assert len(client.get(f"/availability/property/{prop.pk}").json()) == 1
    response = auth_client(tenant_user).get(f"/availability/unit/{unit.pk}")
    assert (
        response.status_code == 403
        and response.json()["message"] == "Only landlords can view unit availability"
    )
    assert auth_client(other_landlord_user).get(f"/availability/unit/{unit.pk}").status_code == 404
    assert auth_client(other_landlord_user).get(f"/availability/property/{prop.pk}").status_code == 404
    assert client.get("/availability/unit/bad").status_code == 400


def test_detail_update_delete(auth_client, landlord_user, other_landlord_user, prop, monkeypatch):
    slot = AvailabilityFactory(property=prop)
    client = auth_client(landlord_user)
    assert client.get(f"/availability/{slot.pk}").json()["property"]["name"] == prop.name
    response = client.patch(f"/availability/{slot.pk}", {"endTime": "08:00"}, format="json")
    assert response.status_code == 400 and response.json()["message"] == "Start time must be before end time"
    response = client.patch(f"/availability/{slot.pk}", {"endTime": "12:00", "notes": "n"}, format="json")
    assert response.status_code == 200 and response.json()["endTime"] == "12:00"

    other = auth_client(other_landlord_user)
    assert other.get(f"/availability/{slot.pk}").status_code == 404
    response = other.patch(f"/availability/{slot.pk}", {"notes": "hacked"}, format="json")
    assert response.status_code == 404
    assert response.json()["message"] == (
        f"Availability slot with ID {slot.pk} not found or you don't have permission to edit it"
    )
    assert other.delete(f"/availability/{slot.pk}").status_code == 404
    slot.refresh_from_db()
    assert slot.notes == "n" and slot.deleted is False

    calls = []
    monkeypatch.setitem(
        parties.PROVIDERS, "availability_slot_deleted", lambda s, actor, side: calls.append(side)
    )
    assert client.delete(f"/availability/{slot.pk}").status_code == 204
    assert calls == ["landlord"]
    assert client.get(f"/availability/{slot.pk}").status_code == 404


def test_availability_unauthenticated(api_client):
    assert api_client.get("/availability").status_code == 401
    assert api_client.post("/availability", {}, format="json").status_code == 401
    assert api_client.get(f"/availability/{uuid.uuid4()}").status_code == 401
