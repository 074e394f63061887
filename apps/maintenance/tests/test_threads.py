"""Ticket and SOW threads (spec 07 section 6) on the chat app's tables."""

from __future__ import annotations

import pytest

from apps.chat.models import Thread, ThreadMessage, ThreadParticipant
from apps.maintenance.tests.helpers import create_ticket, png
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket_thread(world, auth_client):
    body = create_ticket(auth_client(world.tenant_a), world.property_a, world.unit_a).json()
    ticket_id = body["data"]["ticket"]["_id"]
    return ticket_id, Thread.objects.get(linked_entity_id=ticket_id)


def test_tenant_ticket_opens_a_landlord_tenant_thread(world, ticket_thread):
    ticket_id, thread = ticket_thread
    assert thread.thread_type == "LANDLORD_TENANT" and thread.landlord_id == world.landlord_a.pk
    assert thread.title.startswith("Ticket #MT")
    parts = {p.participant_type: p for p in ThreadParticipant.objects.filter(thread=thread)}
    assert parts["LANDLORD"].participant_id == world.landlord_a.pk
    assert parts["TENANT"].participant_id == world.tenant_org_a.pk
    assert all(p.status == "ACTIVE" and p.is_mandatory for p in parts.values())


def test_landlord_ticket_on_a_leased_unit_gets_the_units_tenant(world, auth_client):
    body = create_ticket(auth_client(world.admin_a), world.property_a, world.unit_a).json()
    thread = Thread.objects.get(linked_entity_id=body["data"]["ticket"]["_id"])
    assert ThreadParticipant.objects.filter(thread=thread, participant_id=world.tenant_org_a.pk).exists()
    vacant = create_ticket(auth_client(world.admin_a), world.property_a, world.unit2_a).json()
    assert not Thread.objects.filter(linked_entity_id=vacant["data"]["ticket"]["_id"]).exists()


def test_list_detail_and_messages(world, auth_client, ticket_thread):
    ticket_id, thread = ticket_thread
    base = f"/maintenance/tickets/{ticket_id}/threads"
    listed = auth_client(world.staff_a).get(base).json()
    assert listed["total"] == 1 and len(listed["data"][0]["participants"]) == 2
    landlord_post = auth_client(world.admin_a).post(
        f"{base}/{thread.pk}/messages",
        {"content": "We will send someone", "senderType": "LANDLORD", "senderId": str(world.landlord_a.pk)},
        format="json",
    )
    assert landlord_post.status_code == 201, landlord_post.content
    assert Notification.objects.filter(
        user_id=world.tenant_a.pk, notification_type="message_new_group"
    ).exists()
    tenant_post = auth_client(world.tenant_a).post(
        f"{base}/{thread.pk}/messages",
        {
            "content": "Photo",
            "senderType": "TENANT",
            "senderId": str(world.tenant_org_a.pk),
            "media": [png()],
        },
        format="multipart",
    )
    assert tenant_post.status_code == 201 and len(tenant_post.json()["media"]) == 1
    direct = Notification.objects.get(user_id=world.admin_a.pk, notification_type="message_new_direct")
    assert direct.title == "New Attachment"
    detail = auth_client(world.tenant_a).get(f"{base}/{thread.pk}").json()
    assert [m["content"] for m in detail["messages"]] == ["We will send someone", "Photo"]
    assert len(auth_client(world.admin_a).get(f"{base}/{thread.pk}/messages").json()) == 2
    assert len(auth_client(world.admin_a).get(f"{base}/{thread.pk}/participants").json()) == 2
    assert auth_client(world.admin_a).get(f"{base}/nope").json()["message"] == "Invalid thread ID"


def test_nobody_speaks_for_another_organization(world, auth_client, ticket_thread):
    ticket_id, thread = ticket_thread
    url = f"/maintenance/tickets/{ticket_id}/threads/{thread.pk}/messages"
    forged = auth_client(world.tenant_a).post(
        url,
        {"content": "I am the landlord", "senderType": "LANDLORD", "senderId": str(world.landlord_a.pk)},
        format="json",
    )
    assert (
        forged.status_code == 403 and forged.json()["message"] == "You are not a participant in this thread"
    )
    assert not ThreadMessage.objects.exists()
    outsider = auth_client(world.admin_b).get(f"/maintenance/tickets/{ticket_id}/threads/{thread.pk}")
    assert outsider.status_code == 404


def test_contractor_joins_on_accept_and_mandatory_cannot_decline(world, auth_client, ticket_thread):
    ticket_id, thread = ticket_thread
    admin = auth_client(world.admin_a)
    admin.post(
        f"/maintenance/tickets/{ticket_id}/assign",
        {"contractorId": str(world.contractor_org_a.pk)},
        format="json",
    )
    auth_client(world.contractor_a).post(
        f"/maintenance/tickets/{ticket_id}/accept", {"userId": str(world.contractor_a.pk)}, format="json"
    )
    joined = ThreadParticipant.objects.get(thread=thread, participant_id=world.contractor_org_a.pk)
    assert joined.participant_type == "CONTRACTOR" and joined.status == "ACTIVE"
    refused = auth_client(world.tenant_a).post(
        f"/maintenance/tickets/{ticket_id}/threads/{thread.pk}/decline",
        {"participantType": "TENANT", "participantId": str(world.tenant_org_a.pk)},
        format="json",
    )
    assert (
        refused.status_code == 400
        and refused.json()["message"] == "Mandatory participants cannot accept/decline"
    )


def test_sow_group_thread_invitation(world, auth_client):
    from apps.maintenance.tests.factories import TicketFactory

    tickets = [
        TicketFactory(property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a),
        TicketFactory(property=world.property_a, unit=world.unit2_a, requested_by=world.admin_a),
    ]
    sow = (
        auth_client(world.admin_a)
        .post(
            "/maintenance/scope-of-work",
            {"title": "Job", "tickets": [str(t.pk) for t in tickets]},
            format="json",
        )
        .json()
    )
    group = Thread.objects.get(linked_entity_id=sow["_id"], thread_type="SOW_GROUP")
    url = f"/maintenance/scope-of-work/{sow['_id']}/threads/{group.pk}"
    body = {"participantType": "TENANT", "participantId": str(world.tenant_org_a.pk)}
    not_yet = auth_client(world.tenant_a).post(
        f"{url}/messages",
        {"content": "hi", "senderType": "TENANT", "senderId": str(world.tenant_org_a.pk)},
        format="json",
    )
    assert not_yet.status_code == 403
    assert not_yet.json()["message"] == "You must accept the thread invitation before sending messages"
    accepted = auth_client(world.tenant_a).post(f"{url}/accept", body, format="json")
    assert accepted.status_code == 201 and accepted.json()["status"] == "ACCEPTED"
    again = auth_client(world.tenant_a).post(f"{url}/accept", body, format="json")
    assert again.json()["message"] == "Thread already accepted"
    listed = auth_client(world.tenant_a).get(
        f"/maintenance/scope-of-work/{sow['_id']}/threads?participantStatus=ACCEPTED"
    )
    assert [t["_id"] for t in listed.json()["data"]] == [str(group.pk)]
    declined = auth_client(world.tenant_a).post(f"{url}/decline", body, format="json")
    assert declined.status_code == 201 and declined.content in (b"", b"null")
    assert not Thread.objects.filter(pk=group.pk).exists()
