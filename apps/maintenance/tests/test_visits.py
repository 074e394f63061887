"""Visit requests (spec 07 section 7): creation rules, real-time conflicts, the state machine."""

from __future__ import annotations

import pytest

from apps.maintenance.models import VisitRequest
from apps.maintenance.tests.factories import TicketFactory
from apps.maintenance.tests.helpers import emails
from apps.notifications.models import Notification
from apps.properties.tests.factories import AvailabilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    ticket = TicketFactory(
        property=world.property_a,
        unit=world.unit_a,
        requested_by=world.tenant_a,
        assigned_contractor=world.contractor_org_a,
    )
    slot = AvailabilityFactory(property=world.property_a, unit=world.unit_a)
    return ticket, slot


def _body(ticket, slot, start="09:00", end="10:00", day="2026-06-01", **extra):
    return {
        "sourceType": "TICKET",
        "ticketId": str(ticket.pk),
        "availabilitySlotId": str(slot.pk),
        "visitDate": day,
        "startTime": start,
        "endTime": end,
        **extra,
    }


def test_contractor_requests_a_visit_for_its_ticket(world, auth_client, setup):
    ticket, slot = setup
    response = auth_client(world.contractor_a).post(
        "/visit-requests", _body(ticket, slot, start="9:00"), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "PENDING" and body["targetType"] == "UNIT" and body["startTime"] == "09:00"
    assert body["tenant"] == str(world.tenant_org_a.pk) and body["contractor"] == str(
        world.contractor_org_a.pk
    )
    assert body["landlord"] == str(world.landlord_a.pk)
    note = Notification.objects.get(notification_type="visit_new_request")
    assert note.user_id == world.tenant_a.pk
    mail = emails("visit-request")
    assert [m["to"] for m in mail] == [[world.tenant_a.email]]
    assert mail[0]["context"]["propertyName"] == "Elm A" and mail[0]["context"]["unitIdentifier"] == "A-1"


def test_only_contractors_create_ticket_visits(world, auth_client, setup):
    ticket, slot = setup
    refused = auth_client(world.admin_a).post("/visit-requests", _body(ticket, slot), format="json")
    assert refused.status_code == 403
    other = auth_client(world.contractor_b).post("/visit-requests", _body(ticket, slot), format="json")
    assert other.status_code == 404 and not VisitRequest.objects.exists()
    missing = auth_client(world.contractor_a).post(
        "/visit-requests", {**_body(ticket, slot), "ticketId": None}, format="json"
    )
    assert missing.json()["message"] == "Ticket ID is required for ticket-based visit requests"
    bad_time = auth_client(world.contractor_a).post(
        "/visit-requests", _body(ticket, slot, start="25:00"), format="json"
    )
    assert bad_time.status_code == 400
    assert "startTime must be in HH:mm format (24-hour)" in bad_time.json()["message"]


def test_conflicts_compare_real_times(world, auth_client, setup):
    ticket, slot = setup
    client = auth_client(world.contractor_a)
    assert (
        client.post(
            "/visit-requests", _body(ticket, slot, start="9:00", end="10:30"), format="json"
        ).status_code
        == 201
    )
    other_slot = AvailabilityFactory(property=world.property_a, unit=world.unit_a)
    clash = client.post(
        "/visit-requests", _body(ticket, other_slot, start="10:00", end="11:00"), format="json"
    )
    assert clash.status_code == 400
    assert clash.json()["message"] == (
        "Time conflict detected: The landlord already has a PENDING visit on 2026-06-01 (09:00 - 10:30). "
        "This overlaps with the requested time 2026-06-01 (10:00 - 11:00)."
    )
    later = client.post(
        "/visit-requests", _body(ticket, other_slot, start="10:30", end="11:00"), format="json"
    )
    assert later.status_code == 201
    duplicate = client.post("/visit-requests", _body(ticket, slot, start="14:00", end="15:00"), format="json")
    assert duplicate.json()["message"] == "You already have a pending visit request for this time slot"


def test_marketplace_visit_anonymous(world, api_client):
    slot = AvailabilityFactory(property=world.property_a, unit=world.unit2_a)
    body = {
        "sourceType": "MARKETPLACE",
        "availabilitySlotId": str(slot.pk),
        "visitDate": "2026-06-02",
        "startTime": "09:00",
        "endTime": "09:30",
    }
    incomplete = api_client.post("/visit-requests/marketplace", body, format="json")
    assert incomplete.status_code == 400
    assert (
        incomplete.json()["message"]
        == "Full name, email, and phone number are required for marketplace visit requests"
    )
    full = {**body, "fullName": "Vera Visitor", "email": "vera@example.com", "phoneNumber": "+15550002222"}
    created = api_client.post("/visit-requests/marketplace", full, format="json")
    assert created.status_code == 201 and created.json()["contractor"] is None
    assert Notification.objects.filter(
        user_id=world.admin_a.pk, notification_type="visit_new_request"
    ).exists()


def test_respond_cancel_and_suggest(world, auth_client, setup):
    ticket, slot = setup
    contractor = auth_client(world.contractor_a)
    first = contractor.post("/visit-requests", _body(ticket, slot), format="json").json()
    outsider = auth_client(world.tenant_b).patch(
        f"/visit-requests/{first['_id']}/respond", {"response": "ACCEPT"}, format="json"
    )
    assert outsider.status_code == 404
    refused = contractor.patch(
        f"/visit-requests/{first['_id']}/respond", {"response": "ACCEPT"}, format="json"
    )
    assert refused.json()["message"] == "Only tenants and landlords can respond to visit requests"
    suggestion = auth_client(world.tenant_a).patch(
        f"/visit-requests/{first['_id']}/suggest-time",
        {"visitDate": "2026-06-03", "startTime": "13:00", "endTime": "14:00", "rescheduleReason": "At work"},
        format="json",
    )
    assert suggestion.status_code == 200, suggestion.content
    new = suggestion.json()
    assert new["originalRequest"] == first["_id"] and new["previousSuggestion"] == first["_id"]
    assert VisitRequest.objects.get(pk=first["_id"]).status == "AWAITING_RESCHEDULE"
    again = auth_client(world.tenant_a).patch(
        f"/visit-requests/{first['_id']}/suggest-time",
        {"visitDate": "2026-06-04", "startTime": "13:00", "endTime": "14:00"},
        format="json",
    )
    assert again.status_code == 400
    approved = auth_client(world.admin_a).patch(
        f"/visit-requests/{new['_id']}/respond", {"response": "ACCEPT"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "APPROVED"
    assert VisitRequest.objects.get(pk=first["_id"]).status == "RESCHEDULED"
    chain = auth_client(world.contractor_a).get(f"/visit-requests/{new['_id']}/suggestion-chain").json()
    assert [item["_id"] for item in chain] == [first["_id"], new["_id"]]
    assert Notification.objects.filter(
        user_id=world.contractor_a.pk, notification_type="visit_approved"
    ).exists()
    late = contractor.patch(f"/visit-requests/{new['_id']}/cancel", format="json")
    assert late.status_code == 400 and late.json()["message"] == "Can only cancel pending visit requests"


def test_cancel_rules(world, auth_client, setup):
    ticket, slot = setup
    visit = auth_client(world.contractor_a).post("/visit-requests", _body(ticket, slot), format="json").json()
    tenant = auth_client(world.tenant_a).patch(f"/visit-requests/{visit['_id']}/cancel", format="json")
    assert tenant.json()["message"] == "You can only cancel marketplace visit requests you created"
    landlord = auth_client(world.admin_a).patch(f"/visit-requests/{visit['_id']}/cancel", format="json")
    assert landlord.json()["message"] == "Only contractors and tenants can cancel visit requests"
    done = auth_client(world.contractor_a).patch(f"/visit-requests/{visit['_id']}/cancel", format="json")
    assert done.status_code == 200 and done.json()["status"] == "CANCELLED"


def test_lists_are_scoped(world, auth_client, setup):
    ticket, slot = setup
    visit = auth_client(world.contractor_a).post("/visit-requests", _body(ticket, slot), format="json").json()

    def ids(user, path="/visit-requests"):
        response = auth_client(user).get(path)
        assert response.status_code == 200, response.content
        body = response.json()
        return {item["_id"] for item in (body["data"] if isinstance(body, dict) else body)}

    for insider in (world.admin_a, world.staff_a, world.tenant_a, world.contractor_a):
        assert ids(insider) == {visit["_id"]}
    for outsider in (world.admin_b, world.tenant_b, world.contractor_b):
        assert ids(outsider) == set()
        assert ids(outsider, f"/visit-requests/ticket/{ticket.pk}") == set()
    detail = auth_client(world.tenant_a).get(f"/visit-requests/{visit['_id']}").json()
    assert detail["ticket"]["ticketNumber"] == ticket.ticket_number and detail["availabilitySlot"][
        "_id"
    ] == str(slot.pk)
    assert auth_client(world.admin_a).get("/visit-requests/xyz").status_code == 400
