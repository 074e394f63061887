"""Collection schedules (spec 07 section 9): landlords write, resident tenants read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.properties.tests.factories import PropertyFactory, UnitFactory
from apps.schedules.models import Schedule
from apps.schedules.tests.factories import ScheduleFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def landlord():
    return LandlordFactory()


@pytest.fixture
def owner(landlord):
    return LandlordUserFactory(organization_id=landlord.pk)


@pytest.fixture
def building(landlord):
    return PropertyFactory(landlord=landlord, name="Elm Court")


def _body(building, **extra):
    return {"property": str(building.pk), "type": "garbage", "scheduledDate": "2026-11-02T08:00:00Z", **extra}


def test_landlord_creates_a_recurring_schedule(auth_client, owner, building):
    unit = UnitFactory(property=building, unit_number="4B")
    body = _body(
        building,
        unit=str(unit.pk),
        scheduledTime="07:30",
        recurrence={"frequency": "weekly", "dayOfWeek": 1},
        description="Bins at the kerb",
        reminderDaysBefore=2,
    )
    response = auth_client(owner).post("/schedules", body, format="json")

    assert response.status_code == 201, response.content
    payload = response.json()
    assert payload["success"] is True
    data = payload["data"]
    assert data["_id"] == data["id"]
    assert data["nextOccurrence"] == "2026-12-07T08:00:00.000Z"
    assert data["recurrence"] == {"frequency": "weekly", "dayOfWeek": 1, "dayOfMonth": None, "endDate": None}
    assert data["property"]["name"] == "Elm Court" and data["unit"]["unitNumber"] == "4B"
    assert data["createdBy"]["email"] == owner.email
    assert data["scheduledTime"] == "07:30" and data["reminderDaysBefore"] == 2
    stored = Schedule.objects.unscoped().get(pk=data["_id"])
    assert stored.landlord_id == building.landlord_id and stored.next_occurrence == datetime(
        2026, 12, 7, 8, tzinfo=UTC
    )


def test_one_off_schedule_has_no_next_occurrence(auth_client, owner, building):
    data = auth_client(owner).post("/schedules", _body(building), format="json").json()["data"]
    assert data["nextOccurrence"] is None and data["recurrence"] is None


def test_create_validation_messages(auth_client, owner, building):
    response = auth_client(owner).post(
        "/schedules", _body(building, scheduledTime="7:30", reminderDaysBefore=9), format="json"
    )
    assert response.status_code == 400
    messages = response.json()["message"]
    assert "scheduledTime Time must be in HH:mm format" in " ".join(messages) or any(
        "Time must be in HH:mm format" in m for m in messages
    )
    assert any("reminderDaysBefore" in m for m in messages)
    response = auth_client(owner).post(
        "/schedules", _body(building, recurrence={"dayOfWeek": 9}), format="json"
    )
    assert response.status_code == 400
    assert not Schedule.objects.unscoped().exists()


def test_only_landlord_users_write_schedules(auth_client, building):
    tenant_org = TenantOrgFactory(landlords=[building.landlord])
    tenant = TenantUserFactory(organization_id=tenant_org.pk)
    assert auth_client(tenant).post("/schedules", _body(building), format="json").status_code == 403
    admin = AdminUserFactory()
    response = auth_client(admin).post("/schedules", _body(building), format="json")
    assert (response.status_code, response.json()["message"]) == (403, "User is not a landlord")
    contractor = ContractorUserFactory()
    assert auth_client(contractor).get("/schedules").status_code == 403
    assert not Schedule.objects.unscoped().exists()


def test_property_and_unit_must_be_the_landlords(auth_client, owner, building):
    response = auth_client(owner).post("/schedules", _body(PropertyFactory()), format="json")
    assert (response.status_code, response.json()["message"]) == (
        404,
        "Property not found in your organization",
    )
    elsewhere = UnitFactory(property=PropertyFactory(landlord=building.landlord))
    response = auth_client(owner).post("/schedules", _body(building, unit=str(elsewhere.pk)), format="json")
    assert response.status_code == 404
    assert (
        response.json()["message"]
        == "Unit not found in your organization or does not belong to this property"
    )
    assert not Schedule.objects.unscoped().exists()


def test_list_envelope_filters_and_order(auth_client, owner, building):
    first = ScheduleFactory(property=building, scheduled_date=datetime(2026, 12, 10, tzinfo=UTC))
    ScheduleFactory(property=building, type="recycling", scheduled_date=datetime(2026, 11, 10, tzinfo=UTC))
    ScheduleFactory()  # another landlord's

    body = auth_client(owner).get("/schedules").json()
    assert set(body) == {"success", "data", "total", "page", "limit", "totalPages"}
    assert body["total"] == 2 and body["totalPages"] == 1
    assert [row["scheduledDate"][:10] for row in body["data"]] == ["2026-11-10", "2026-12-10"]
    upcoming = auth_client(owner).get("/schedules", {"upcomingOnly": "1"}).json()
    assert [row["_id"] for row in upcoming["data"]] == [str(first.pk)]
    recycling = auth_client(owner).get("/schedules", {"type": "recycling", "sortOrder": "desc"}).json()
    assert recycling["total"] == 1 and recycling["data"][0]["type"] == "recycling"
    assert auth_client(AdminUserFactory()).get("/schedules").json()["total"] == 0


def test_list_query_count_is_constant_in_page_size(auth_client, owner, building):
    client = auth_client(owner)

    def count(limit):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/schedules", {"limit": limit}).status_code == 200
        return len(queries)

    ScheduleFactory(property=building, unit=UnitFactory(property=building), created_by=owner)
    small = count(1)
    for _ in range(5):
        ScheduleFactory(property=building, unit=UnitFactory(property=building))
    assert count(50) == small


def test_resident_tenants_read_their_schedules_only(auth_client, building, residents):
    home = UnitFactory(property=building)
    other_unit = UnitFactory(property=building)
    tenant_org = TenantOrgFactory(landlords=[building.landlord])
    tenant = TenantUserFactory(organization_id=tenant_org.pk)
    residents.add(tenant_org, home)
    mine = ScheduleFactory(property=building, unit=home)
    whole_building = ScheduleFactory(property=building)
    neighbours = ScheduleFactory(property=building, unit=other_unit)
    elsewhere = ScheduleFactory()

    body = auth_client(tenant).get("/schedules").json()
    assert {row["_id"] for row in body["data"]} == {str(mine.pk), str(whole_building.pk)}
    assert auth_client(tenant).get(f"/schedules/{mine.pk}").status_code == 200
    for hidden in (neighbours, elsewhere):
        assert auth_client(tenant).get(f"/schedules/{hidden.pk}").status_code == 404
    response = auth_client(tenant).patch(f"/schedules/{mine.pk}", {"description": "x"}, format="json")
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.description == ""


def test_tenant_without_an_active_lease_sees_nothing(auth_client, building, residents):
    ScheduleFactory(property=building)
    tenant = TenantUserFactory(organization_id=TenantOrgFactory(landlords=[building.landlord]).pk)
    assert auth_client(tenant).get("/schedules").json()["total"] == 0


def test_patch_replaces_recurrence_and_clears_the_unit(auth_client, owner, building):
    unit = UnitFactory(property=building)
    schedule = ScheduleFactory(
        property=building, unit=unit, scheduled_date=datetime(2026, 11, 2, 8, tzinfo=UTC)
    )
    client = auth_client(owner)
    response = client.patch(
        f"/schedules/{schedule.pk}",
        {"recurrence": {"frequency": "monthly"}, "clearUnit": True},
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["unit"] is None and data["recurrence"]["frequency"] == "monthly"
    assert data["nextOccurrence"] == "2027-01-02T08:00:00.000Z"
    assert data["__v"] == 1
    response = client.patch(f"/schedules/{schedule.pk}", {"recurrence": None}, format="json")
    assert response.json()["data"]["recurrence"] is None and response.json()["data"]["nextOccurrence"] is None


def test_staff_update_and_delete_and_other_landlords_get_404(auth_client, owner, building):
    staff = LandlordStaffFactory(organization_id=owner.organization_id)
    schedule = ScheduleFactory(property=building)
    stranger = LandlordUserFactory(organization_id=LandlordFactory().pk)
    assert auth_client(stranger).delete(f"/schedules/{schedule.pk}").status_code == 404
    assert auth_client(stranger).get(f"/schedules/{schedule.pk}").json()["message"] == "Schedule not found"
    assert Schedule.objects.unscoped().filter(pk=schedule.pk).exists()
    response = auth_client(staff).delete(f"/schedules/{schedule.pk}")
    assert response.json() == {"success": True, "message": "Schedule deleted successfully"}
    assert not Schedule.objects.including_deleted().filter(pk=schedule.pk).exists()
    assert auth_client(staff).get("/schedules/nope").status_code == 400
