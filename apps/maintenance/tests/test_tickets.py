"""Ticket routes (spec 07 section 3): create, list, detail, edit, workflow actions, delete."""

from __future__ import annotations

import pytest
import time_machine

from apps.maintenance.models import MaintenanceTicket, TicketStatus
from apps.maintenance.tests.factories import TicketFactory
from apps.maintenance.tests.helpers import create_ticket, fake_png_text, png
from apps.media.models import Media

pytestmark = pytest.mark.django_db


# -- create ---------------------------------------------------------------------------------------
def test_tenant_reports_a_ticket_on_its_leased_unit(world, auth_client):
    with time_machine.travel("2026-02-03T10:00:00Z", tick=False):
        response = create_ticket(auth_client(world.tenant_a), world.property_a, world.unit_a, priority="HIGH")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["success"] is True and body["message"] == "Ticket created successfully"
    ticket = body["data"]["ticket"]
    assert ticket["ticketNumber"] == "MT2026-000001"
    assert ticket["status"] == "OPEN" and ticket["priority"] == "HIGH" and ticket["source"] == "web"
    assert ticket["landlord"] == str(world.landlord_a.pk)
    assert ticket["requestedBy"] == str(world.tenant_a.pk)
    stored = MaintenanceTicket.objects.get(pk=ticket["_id"])
    assert stored.unit_id == world.unit_a.pk and stored.request_date is not None


def test_ticket_with_images_is_stored_in_ticket_images(world, auth_client):
    response = auth_client(world.admin_a).post(
        "/maintenance/tickets",
        {
            "property": str(world.property_a.pk),
            "title": "Broken window",
            "description": "Glass",
            "category": "STRUCTURAL",
            "mediaFiles": [png(), png("b.png")],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["message"] == "Ticket created successfully with 2 media file(s)"
    assert Media.objects.filter(collection_name="ticket_images", model_type="MaintenanceTicket").count() == 2


def test_file_is_judged_by_its_bytes(world, auth_client):
    response = auth_client(world.admin_a).post(
        "/maintenance/tickets",
        {
            "property": str(world.property_a.pk),
            "title": "x",
            "description": "y",
            "category": "OTHER",
            "mediaFiles": [fake_png_text()],
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert not MaintenanceTicket.objects.exists()


def test_tenant_without_lease_on_unit_is_refused(world, auth_client):
    response = create_ticket(auth_client(world.tenant_a), world.property_a, world.unit2_a)
    assert response.status_code == 403
    assert response.json()["message"].startswith("You do not have an active lease for this unit")
    assert not MaintenanceTicket.objects.exists()


def test_tenant_property_level_ticket_needs_a_lease_in_that_property(world, auth_client):
    ok = create_ticket(auth_client(world.tenant_a), world.property_a)
    assert ok.status_code == 201
    refused = create_ticket(auth_client(world.tenant_a), world.property_b)
    assert refused.status_code == 403
    assert refused.json()["message"].startswith("You do not have an active lease for this property")


def test_tenant_without_any_lease(world, auth_client, leases):
    leases.active.clear()
    response = create_ticket(auth_client(world.tenant_a), world.property_a)
    assert response.status_code == 403
    assert response.json()["message"].startswith("You do not have any active leases")


def test_landlord_cannot_report_on_another_landlords_property(world, auth_client):
    response = create_ticket(auth_client(world.admin_b), world.property_a)
    assert response.status_code == 404
    assert response.json()["message"] == "Property not found"
    assert not MaintenanceTicket.objects.exists()


def test_unit_must_belong_to_property(world, auth_client):
    response = create_ticket(auth_client(world.admin_a), world.property_a, world.unit_b)
    assert response.status_code == 400
    assert response.json()["message"] == "Unit does not belong to the specified property"


def test_contractor_cannot_create(world, auth_client):
    response = create_ticket(auth_client(world.contractor_a), world.property_a)
    assert response.status_code == 403
    assert response.json()["message"] == "Access denied"


def test_validation_messages(world, auth_client):
    response = auth_client(world.admin_a).post(
        "/maintenance/tickets", {"property": "nope", "category": "MAGIC", "extra": 1}, format="json"
    )
    assert response.status_code == 400
    messages = response.json()["message"]
    assert "property extra should not exist" in messages
    assert "title should not be empty" in messages
    assert any(message.startswith("category must be one of the following values") for message in messages)


def test_unauthenticated(api_client):
    assert api_client.get("/maintenance/tickets").status_code == 401
    assert api_client.post("/maintenance/tickets", {}, format="json").status_code == 401


# -- reads ----------------------------------------------------------------------------------------
def _ids(response):
    assert response.status_code == 200, response.content
    return {item["_id"] for item in response.json()["data"]}


def test_list_scoping_per_role(world, auth_client):
    mine = TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a)
    neighbour = TicketFactory(property=world.property_a, unit=world.unit2_a, requested_by=world.admin_a)
    assigned = TicketFactory(
        property=world.property_a,
        unit=world.unit2_a,
        requested_by=world.admin_a,
        assigned_contractor=world.contractor_org_a,
    )
    other = TicketFactory(property=world.property_b, unit=world.unit_b, requested_by=world.tenant_b)
    everything = {str(t.pk) for t in (mine, neighbour, assigned)}
    assert _ids(auth_client(world.admin_a).get("/maintenance/tickets?limit=100")) == everything
    assert _ids(auth_client(world.staff_a).get("/maintenance/tickets?limit=100")) == everything
    assert _ids(auth_client(world.tenant_a).get("/maintenance/tickets")) == {str(mine.pk)}
    assert _ids(auth_client(world.contractor_a).get("/maintenance/tickets")) == {str(assigned.pk)}
    assert _ids(auth_client(world.admin_b).get("/maintenance/tickets")) == {str(other.pk)}


def test_list_item_is_populated_with_media(world, auth_client):
    ticket = TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a)
    body = auth_client(world.admin_a).get("/maintenance/tickets").json()
    assert body["total"] == 1 and body["totalPages"] == 1 and body["hasNextPage"] is False
    item = body["data"][0]
    assert item["_id"] == str(ticket.pk)
    assert item["property"]["name"] == "Elm A" and item["unit"]["unitNumber"] == "A-1"
    assert item["requestedBy"] == {
        "_id": str(world.tenant_a.pk),
        "username": world.tenant_a.username,
        "email": world.tenant_a.email,
    }
    assert item["media"] == [] and item["assignedContractor"] is None


def test_list_filters_and_search(world, auth_client):
    TicketFactory(
        property=world.property_a, title="Boiler noise", status="IN_REVIEW", requested_by=world.tenant_a
    )
    TicketFactory(property=world.property_a, title="Door", category="SECURITY", requested_by=world.tenant_a)
    client = auth_client(world.admin_a)
    assert len(_ids(client.get("/maintenance/tickets?search=boiler"))) == 1
    assert len(_ids(client.get("/maintenance/tickets?status=IN_REVIEW"))) == 1
    assert len(_ids(client.get("/maintenance/tickets?category=SECURITY"))) == 1
    assert len(_ids(client.get(f"/maintenance/tickets?tenantId={world.tenant_org_a.pk}"))) == 2
    assert client.get("/maintenance/tickets?sortBy=password").status_code == 400
    assert client.get("/maintenance/tickets?limit=101").status_code == 400


def test_detail_and_cross_tenant_404(world, auth_client):
    ticket = TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a)
    assert auth_client(world.tenant_a).get(f"/maintenance/tickets/{ticket.pk}").json()["scopeOfWork"] is None
    for outsider in (world.admin_b, world.tenant_b, world.contractor_a, world.contractor_b):
        response = auth_client(outsider).get(f"/maintenance/tickets/{ticket.pk}")
        assert response.status_code == 404
        assert response.json()["message"] == f"Ticket with ID {ticket.pk} not found"
    assert auth_client(world.admin_a).get("/maintenance/tickets/123").status_code == 400


def test_list_query_count_is_constant(world, auth_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = auth_client(world.admin_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/maintenance/tickets?limit=100").status_code == 200
        return len(ctx.captured_queries)

    TicketFactory(
        property=world.property_a,
        unit=world.unit_a,
        requested_by=world.tenant_a,
        assigned_contractor=world.contractor_org_a,
    )
    few = count()
    for _ in range(15):
        TicketFactory(
            property=world.property_a,
            unit=world.unit_a,
            requested_by=world.tenant_a,
            assigned_contractor=world.contractor_org_a,
            assigned_user=world.contractor_a,
        )
    assert count() == few


# -- edit -----------------------------------------------------------------------------------------
def _patch(client, ticket, body):
    return client.patch(f"/maintenance/tickets/{ticket.pk}", body, format="json")


ALLOWED = [
    ("OPEN", "IN_REVIEW"),
    ("OPEN", "CLOSED"),
    ("IN_REVIEW", "ASSIGNED"),
    ("IN_REVIEW", "CLOSED"),
    ("ASSIGNED", "IN_PROGRESS"),
    ("ASSIGNED", "CLOSED"),
    ("IN_PROGRESS", "DONE"),
    ("DONE", "CLOSED"),
]
FORBIDDEN = [
    (a, b) for a in TicketStatus.values for b in TicketStatus.values if a != b and (a, b) not in ALLOWED
]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_patch_allowed_transition(world, auth_client, current, target):
    ticket = TicketFactory(property=world.property_a, status=current, requested_by=world.tenant_a)
    response = _patch(auth_client(world.admin_a), ticket, {"status": target})
    assert response.status_code == 200, response.content
    ticket.refresh_from_db()
    assert ticket.status == target
    if target == "DONE":
        assert ticket.completed_date is not None


@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_patch_forbidden_transition(world, auth_client, current, target):
    ticket = TicketFactory(property=world.property_a, status=current, requested_by=world.tenant_a)
    response = _patch(auth_client(world.admin_a), ticket, {"status": target})
    assert response.status_code == 400
    assert response.json()["message"] == f"Invalid status transition from {current} to {target}"
    ticket.refresh_from_db()
    assert ticket.status == current


def test_patch_empty_body(world, auth_client):
    ticket = TicketFactory(property=world.property_a, requested_by=world.tenant_a)
    response = _patch(auth_client(world.admin_a), ticket, {})
    assert response.status_code == 400 and response.json()["message"] == "Update data cannot be empty"


def test_tenant_edits_only_its_own_and_only_some_fields(world, auth_client, leases):
    own = TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a)
    neighbours = TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.admin_a)
    client = auth_client(world.tenant_a)
    assert _patch(client, own, {"title": "Leak (worse)", "priority": "URGENT"}).status_code == 200
    refused = _patch(client, own, {"status": "IN_REVIEW", "category": "HVAC"})
    assert refused.status_code == 403
    assert refused.json()["message"] == "Tenants cannot update fields: category, status"
    other = _patch(client, neighbours, {"title": "mine now"})
    assert other.status_code == 403 and other.json()["message"] == "You can only update your own tickets"
    neighbours.refresh_from_db()
    assert neighbours.title != "mine now"


def test_contractor_patch_of_assigned_ticket(world, auth_client):
    ticket = TicketFactory(
        property=world.property_a,
        status="ASSIGNED",
        assigned_contractor=world.contractor_org_a,
        requested_by=world.tenant_a,
    )
    client = auth_client(world.contractor_a)
    assert _patch(client, ticket, {"status": "IN_PROGRESS", "notes": "on it"}).status_code == 200
    refused = _patch(client, ticket, {"title": "x"})
    assert (
        refused.status_code == 403 and refused.json()["message"] == "Contractors cannot update fields: title"
    )


# -- actions --------------------------------------------------------------------------------------
def _post(client, ticket, action, body=None):
    return client.post(f"/maintenance/tickets/{ticket.pk}/{action}", body or {}, format="json")


@pytest.mark.parametrize("start", TicketStatus.values)
def test_assign_from_any_status(world, auth_client, start):
    ticket = TicketFactory(property=world.property_a, status=start, requested_by=world.tenant_a)
    response = _post(
        auth_client(world.staff_a), ticket, "assign", {"contractorId": str(world.contractor_org_a.pk)}
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "ASSIGNED"
    ticket.refresh_from_db()
    assert (
        ticket.assigned_contractor_id == world.contractor_org_a.pk
        and ticket.assigned_by_id == world.staff_a.pk
    )


def test_assign_rules(world, auth_client):
    ticket = TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a)
    body = {"contractorId": str(world.contractor_org_a.pk)}
    tenant = _post(auth_client(world.tenant_a), ticket, "assign", body)
    assert tenant.status_code == 403 and tenant.json()["message"] == "Only landlords can assign tickets"
    foreign = _post(
        auth_client(world.admin_a), ticket, "assign", {"contractorId": str(world.contractor_org_b.pk)}
    )
    assert foreign.status_code == 404 and foreign.json()["message"] == "Contractor not found"
    assert _post(auth_client(world.admin_a), ticket, "assign", {}).status_code == 400
    ticket.refresh_from_db()
    assert ticket.status == "OPEN" and ticket.assigned_contractor_id is None


def test_accept_refuse_done_close_reopen(world, auth_client):
    ticket = TicketFactory(
        property=world.property_a,
        status="ASSIGNED",
        assigned_contractor=world.contractor_org_a,
        requested_by=world.tenant_a,
    )
    contractor = auth_client(world.contractor_a)
    missing = _post(contractor, ticket, "accept", {"userId": str(world.admin_b.pk)})
    assert missing.status_code == 404 and missing.json()["message"] == "User not found"
    accepted = _post(contractor, ticket, "accept", {"userId": str(world.contractor_a.pk)})
    assert accepted.status_code == 201 and accepted.json()["status"] == "IN_PROGRESS"
    assert accepted.json()["assignedUser"] == str(world.contractor_a.pk)
    done = contractor.post(
        f"/maintenance/tickets/{ticket.pk}/mark-as-done", {"mediaFiles": [png()]}, format="multipart"
    )
    assert done.status_code == 201
    assert done.json()["status"] == "DONE" and len(done.json()["workProofMedia"]) == 1
    assert Media.objects.filter(collection_name="work_proof").count() == 1
    reopened = _post(auth_client(world.admin_a), ticket, "reopen")
    assert reopened.status_code == 201 and reopened.json()["status"] == "IN_PROGRESS"
    assert reopened.json()["completedDate"] is None
    assert _post(auth_client(world.admin_a), ticket, "close").json()["status"] == "CLOSED"
    again = _post(auth_client(world.admin_a), ticket, "reopen").json()
    assert again["status"] == "OPEN" and again["assignedContractor"] is None and again["assignedUser"] is None
    refused = _post(auth_client(world.admin_a), ticket, "reopen")
    assert refused.status_code == 400
    assert refused.json()["message"] == "Only tickets with DONE or CLOSED status can be reopened"


def test_contractor_refuses(world, auth_client):
    ticket = TicketFactory(
        property=world.property_a,
        status="ASSIGNED",
        assigned_contractor=world.contractor_org_a,
        requested_by=world.tenant_a,
    )
    response = _post(auth_client(world.contractor_a), ticket, "refuse", {"refuseReason": "Too far"})
    assert response.status_code == 201
    ticket.refresh_from_db()
    assert (
        ticket.status == "OPEN"
        and ticket.assigned_contractor_id is None
        and ticket.refuse_reason == "Too far"
    )
    # no longer assigned: the ticket is gone from the contractor's view
    assert _post(auth_client(world.contractor_a), ticket, "refuse").status_code == 404


def test_tenant_of_unit_who_did_not_report_cannot_act(world, auth_client):
    ticket = TicketFactory(
        property=world.property_a, unit=world.unit_a, requested_by=world.admin_a, status="DONE"
    )
    response = _post(auth_client(world.tenant_a), ticket, "close")
    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.status == "DONE"


def test_delete_only_open_and_only_landlords(world, auth_client):
    open_ticket = TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a)
    busy = TicketFactory(property=world.property_a, status="IN_REVIEW", requested_by=world.tenant_a)
    assert auth_client(world.tenant_a).delete(f"/maintenance/tickets/{open_ticket.pk}").status_code == 403
    refused = auth_client(world.admin_a).delete(f"/maintenance/tickets/{busy.pk}")
    assert refused.status_code == 400 and refused.json()["message"] == "Only open tickets can be deleted"
    response = auth_client(world.admin_a).delete(f"/maintenance/tickets/{open_ticket.pk}")
    assert response.status_code == 200 and response.json() == {"message": "Ticket deleted successfully"}
    assert not MaintenanceTicket.objects.including_deleted().filter(pk=open_ticket.pk).exists()
    assert MaintenanceTicket.objects.filter(pk=busy.pk).exists()


def test_media_route(world, auth_client):
    ticket = TicketFactory(property=world.property_a, requested_by=world.tenant_a)
    response = auth_client(world.admin_a).get(f"/maintenance/tickets/{ticket.pk}/media?mediaType=image")
    assert response.status_code == 200 and response.json() == {"success": True, "data": []}
    assert auth_client(world.admin_b).get(f"/maintenance/tickets/{ticket.pk}/media").status_code == 404
