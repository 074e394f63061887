"""The seed document's short maintenance routes."""

from __future__ import annotations

import pytest

from apps.maintenance.models import MaintenanceTicket, TicketComment

pytestmark = pytest.mark.django_db


def test_seed_flow(world, auth_client):
    admin = auth_client(world.admin_a)
    created = admin.post(
        "/maintenance",
        {
            "propertyId": str(world.property_a.pk),
            "unitId": str(world.unit_a.pk),
            "title": "Broken AC",
            "description": "AC not cooling properly",
            "priority": "HIGH",
            "category": "HVAC",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    ticket_id = created.json()["_id"]
    assert created.json()["source"] == "api"
    comment = admin.post(f"/maintenance/{ticket_id}/threads", {"message": "Plumber booked"}, format="json")
    assert comment.status_code == 201
    assigned = admin.patch(
        f"/maintenance/{ticket_id}/assign", {"contractorId": str(world.contractor_org_a.pk)}, format="json"
    )
    assert assigned.status_code == 200 and assigned.json()["status"] == "ASSIGNED"
    detail = auth_client(world.contractor_a).get(f"/maintenance/{ticket_id}").json()
    assert detail["threads"][0]["message"] == "Plumber booked"
    assert detail["threads"][0]["userId"] == str(world.admin_a.pk)
    assert auth_client(world.admin_b).get(f"/maintenance/{ticket_id}").status_code == 404
    assert TicketComment.objects.count() == 1 and MaintenanceTicket.objects.count() == 1


def test_seed_category_alias_and_validation(world, auth_client):
    client = auth_client(world.admin_a)
    body = {
        "propertyId": str(world.property_a.pk),
        "title": "Fridge",
        "description": "Warm",
        "category": "APPLIANCE",
    }
    assert client.post("/maintenance", body, format="json").json()["category"] == "APPLIANCES"
    assert client.post("/maintenance", {**body, "category": "MAGIC"}, format="json").status_code == 400
