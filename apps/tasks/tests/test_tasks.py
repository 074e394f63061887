"""Tasks (spec 07 section 8): personal to-dos, each user sees and changes only its own."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import (
    AdminUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
)
from apps.notifications.models import Notification
from apps.properties.tests.factories import PropertyFactory, UnitFactory
from apps.tasks.models import Task
from apps.tasks.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return LandlordFactory()


@pytest.fixture
def owner(landlord):
    return LandlordUserFactory(organization_id=landlord.pk)


@pytest.fixture
def building(landlord):
    return PropertyFactory(landlord=landlord, name="Elm Court")


def _create(client, building, **extra):
    body = {"property": str(building.pk), "title": "Fix gate", "description": "The gate squeaks", **extra}
    return client.post("/tasks", body, format="json")


def test_create_task_returns_it_and_notifies_the_creator(auth_client, owner, building):
    unit = UnitFactory(property=building)
    response = _create(auth_client(owner), building, unit=str(unit.pk), priority="HIGH", notes="soon")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Fix gate"
    assert body["status"] == "OPEN" and body["priority"] == "HIGH" and body["isEscalated"] is False
    assert body["createdBy"] == str(owner.pk) and body["landlord"] == str(building.landlord_id)
    assert body["unit"] == str(unit.pk) and body["statusLogs"] == []
    task = Task.objects.unscoped().get(pk=body["_id"])
    assert task.created_by_id == owner.pk
    note = Notification.objects.get(user_id=owner.pk)
    assert note.notification_type == "task_created"
    assert note.title == "Task Created" and note.content == 'Your task "Fix gate" has been created.'
    assert note.action_url == "/dashboard/landlord/tasks"


def test_create_validates_the_body(auth_client, owner, building):
    response = auth_client(owner).post("/tasks", {"property": str(building.pk), "bogus": 1}, format="json")
    assert response.status_code == 400
    messages = response.json()["message"]
    assert "property bogus should not exist" in messages
    assert any("title" in message for message in messages)
    assert not Task.objects.unscoped().exists()


def test_create_requires_authentication(api_client, building):
    assert _create(api_client, building).status_code == 401


def test_create_on_another_landlords_property_is_404(auth_client, owner):
    foreign = PropertyFactory()
    response = _create(auth_client(owner), foreign)
    assert response.status_code == 404
    assert response.json()["message"] == "Property not found"
    assert not Task.objects.unscoped().exists()


def test_unit_must_belong_to_the_property(auth_client, owner, building):
    other = UnitFactory(property=PropertyFactory(landlord=building.landlord))
    response = _create(auth_client(owner), building, unit=str(other.pk))
    assert response.status_code == 400
    assert response.json()["message"] == "Unit does not belong to the specified property"


def test_assigned_party_must_be_someone_the_caller_may_see(auth_client, owner, building):
    stranger = LandlordUserFactory(organization_id=LandlordFactory().pk)
    response = _create(auth_client(owner), building, assignedParty=str(stranger.pk))
    assert response.status_code == 404
    assert not Task.objects.unscoped().exists()
    colleague = LandlordStaffFactory(organization_id=owner.organization_id)
    response = _create(auth_client(owner), building, assignedParty=str(colleague.pk))
    assert response.status_code == 201
    assert response.json()["assignedParty"] == str(colleague.pk)


def test_list_shows_only_my_tasks_populated_and_filtered(auth_client, owner, building):
    colleague = LandlordStaffFactory(organization_id=owner.organization_id)
    mine = TaskFactory(created_by=owner, property=building, priority="HIGH", title="Paint hall")
    TaskFactory(created_by=owner, property=building, priority="LOW", is_escalated=True)
    TaskFactory(created_by=colleague, property=building)

    body = auth_client(owner).get("/tasks").json()
    assert body["total"] == 2 and body["page"] == 1 and body["limit"] == 10
    assert {row["createdBy"]["_id"] for row in body["data"]} == {str(owner.pk)}
    populated = body["data"][0]["property"]
    assert populated["_id"] == str(building.pk) and populated["name"] == "Elm Court"
    assert populated["address"]["postalCode"] == "62701"

    high = auth_client(owner).get("/tasks", {"priority": "HIGH"}).json()
    assert [row["_id"] for row in high["data"]] == [str(mine.pk)]
    escalated = auth_client(owner).get("/tasks", {"isEscalated": "true"}).json()
    assert escalated["total"] == 1 and escalated["data"][0]["isEscalated"] is True
    not_escalated = auth_client(owner).get("/tasks", {"isEscalated": "yes"}).json()
    assert not_escalated["total"] == 1 and not_escalated["data"][0]["isEscalated"] is False
    found = auth_client(owner).get("/tasks", {"search": "paint"}).json()
    assert [row["_id"] for row in found["data"]] == [str(mine.pk)]


def test_list_query_count_is_constant_in_page_size(auth_client, owner, building):
    client = auth_client(owner)

    def count(limit):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/tasks", {"limit": limit}).status_code == 200
        return len(queries)

    TaskFactory(created_by=owner, property=building, unit=UnitFactory(property=building))
    small = count(1)
    for _ in range(6):
        TaskFactory(
            created_by=owner,
            property=building,
            unit=UnitFactory(property=building),
            assigned_party=LandlordStaffFactory(organization_id=owner.organization_id),
        )
    assert count(50) == small


def test_detail_of_a_colleagues_task_is_403_and_of_another_landlord_404(auth_client, owner, building):
    colleague = LandlordStaffFactory(organization_id=owner.organization_id)
    theirs = TaskFactory(created_by=colleague, property=building)
    response = auth_client(owner).get(f"/tasks/{theirs.pk}")
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have access to this task"

    foreign = TaskFactory()
    response = auth_client(owner).get(f"/tasks/{foreign.pk}")
    assert response.status_code == 404
    assert response.json()["message"] == f"Task with ID {foreign.pk} not found"
    assert auth_client(owner).get("/tasks/not-an-id").status_code == 400


def test_patch_logs_status_changes_and_notifies(auth_client, owner, building):
    task = TaskFactory(created_by=owner, property=building, title="Mow")
    client = auth_client(owner)

    assert client.patch(f"/tasks/{task.pk}", {}, format="json").json()["message"] == (
        "Update data cannot be empty"
    )
    response = client.patch(f"/tasks/{task.pk}", {"status": "IN_PROGRESS", "notes": "started"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "IN_PROGRESS" and body["notes"] == "started"
    assert [(e["fromStatus"], e["toStatus"]) for e in body["statusLogs"]] == [("OPEN", "IN_PROGRESS")]
    assert body["statusLogs"][0]["changedBy"] == str(owner.pk)
    assert Notification.objects.filter(user_id=owner.pk, title="Task In Progress").count() == 1

    detail = client.get(f"/tasks/{task.pk}").json()
    assert detail["statusLogs"][0]["changedBy"]["email"] == owner.email

    response = client.patch(f"/tasks/{task.pk}", {"isEscalated": True}, format="json")
    assert response.json()["isEscalated"] is True
    assert Notification.objects.filter(user_id=owner.pk, title="Task Escalated").exists()


def test_only_the_creator_changes_or_deletes_a_task(auth_client, owner, building):
    colleague = LandlordStaffFactory(organization_id=owner.organization_id)
    task = TaskFactory(created_by=colleague, property=building, title="Theirs")
    client = auth_client(owner)

    response = client.patch(f"/tasks/{task.pk}", {"title": "Mine now"}, format="json")
    assert (response.status_code, response.json()["message"]) == (403, "You can only update your own tasks")
    response = client.post(f"/tasks/{task.pk}/escalate")
    assert (response.status_code, response.json()["message"]) == (403, "You can only modify your own tasks")
    response = client.delete(f"/tasks/{task.pk}")
    assert (response.status_code, response.json()["message"]) == (403, "You can only delete your own tasks")
    task.refresh_from_db()
    assert task.title == "Theirs" and task.is_escalated is False


def test_complete_twice_logs_once_and_cancel_escalate_delete(auth_client, owner, building):
    task = TaskFactory(created_by=owner, property=building)
    client = auth_client(owner)
    assert client.post(f"/tasks/{task.pk}/complete").status_code == 201
    body = client.post(f"/tasks/{task.pk}/complete").json()
    assert body["status"] == "COMPLETED" and len(body["statusLogs"]) == 1
    assert Notification.objects.filter(user_id=owner.pk, notification_type="task_completed").count() == 1

    body = client.post(f"/tasks/{task.pk}/cancel").json()
    assert body["status"] == "CANCELED" and len(body["statusLogs"]) == 2

    assert client.post(f"/tasks/{task.pk}/escalate").json()["isEscalated"] is True
    assert client.post(f"/tasks/{task.pk}/escalate").json()["isEscalated"] is False
    assert Notification.objects.filter(user_id=owner.pk, title="Task De-escalated").count() == 1

    response = client.delete(f"/tasks/{task.pk}")
    assert response.json() == {"message": "Task deleted successfully"}
    assert not Task.objects.including_deleted().filter(pk=task.pk).exists()


def test_admin_console_lists_and_shows_tasks_for_super_admins_only(auth_client, owner, building):
    task = TaskFactory(
        created_by=owner, property=building, unit=UnitFactory(property=building, unit_number="7")
    )
    TaskFactory()
    admin = AdminUserFactory()
    body = auth_client(admin).get("/admin/tasks", {"landlordId": str(building.landlord_id)}).json()
    assert body["total"] == 1
    row = body["data"][0]
    assert row["propertyName"] == "Elm Court" and row["unitNumber"] == "7"
    assert row["landlordName"] == building.landlord.name
    assert row["createdByName"] == f"{owner.first_name} {owner.last_name}"
    detail = auth_client(admin).get(f"/admin/tasks/{task.pk}").json()["data"]
    assert detail["createdBy"]["email"] == owner.email and detail["unit"]["unitNumber"] == "7"
    assert auth_client(owner).get("/admin/tasks").status_code == 403
    assert auth_client(admin).get(f"/admin/tasks/{building.pk}").json()["message"] == "Task not found"
