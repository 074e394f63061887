"""Admin console thread routes, and the property channel the leases module will call."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import AdminUserFactory, TenantUserFactory
from apps.chat.models import Thread, ThreadParticipant
from apps.chat.services import property_thread_ensure
from apps.chat.tests.factories import direct_thread, group_thread, message
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_admin_thread_list_and_detail(auth_client, community):
    c = community
    admin = auth_client(AdminUserFactory())
    thread = group_thread(c.tenant, c.neighbor, title="Garden club")
    message(thread, c.tenant, "one")
    message(thread, c.neighbor, "two")
    direct_thread(c.admin, c.contractor)
    body = admin.get("/admin/threads?search=garden").json()
    assert body["total"] == 1 and body["page"] == 1 and body["totalPages"] == 1
    item = body["data"][0]
    assert (item["_id"], item["messageCount"], item["participantCount"]) == (str(thread.pk), 2, 2)

    detail = admin.get(f"/admin/threads/{thread.pk}").json()
    assert detail["success"] is True
    assert detail["data"]["createdBy"] == {
        "_id": str(c.tenant.pk),
        "firstName": "Tom",
        "lastName": "Tenant",
        "email": c.tenant.email,
    }
    assert [m["content"] for m in detail["data"]["messages"]] == ["one", "two"]
    assert detail["data"]["messages"][1]["senderId"]["firstName"] == "Nina"
    missing = admin.get(f"/admin/threads/{uuid.uuid4()}")
    assert (missing.status_code, missing.json()["message"]) == (404, "Thread not found")
    assert admin.get("/admin/threads/bad").status_code == 400
    assert admin.get("/admin/threads?landlordId=bad").status_code == 400


def test_admin_thread_list_query_count_constant(auth_client, community):
    c = community
    admin = auth_client(AdminUserFactory())
    message(group_thread(c.tenant, c.neighbor), c.tenant)
    with CaptureQueriesContext(connection) as small:
        admin.get("/admin/threads")
    for _ in range(5):
        message(group_thread(c.tenant, c.neighbor, c.admin), c.admin)
    with CaptureQueriesContext(connection) as large:
        assert len(admin.get("/admin/threads").json()["data"]) == 6
    assert len(small) == len(large)


def test_admin_routes_refuse_non_admins(auth_client, api_client, community):
    thread = direct_thread(community.tenant, community.neighbor)
    assert api_client.get("/admin/threads").status_code == 401
    for user in (community.admin, community.tenant):
        response = auth_client(user).get(f"/admin/threads/{thread.pk}")
        assert (response.status_code, response.json()["message"]) == (403, "Admin access required")


def test_property_thread_is_created_once_then_extended(community, django_capture_on_commit_callbacks):
    c = community
    property_id = uuid.uuid4()
    thread = property_thread_ensure(
        property_id=property_id,
        property_name="Elm Court",
        landlord_id=c.landlord.pk,
        tenant_org_id=c.tenant_org.pk,
    )
    assert (thread.title, thread.linked_entity_type, thread.thread_type) == (
        "Elm Court",
        "PROPERTY",
        "LANDLORD_TENANT",
    )
    rows = ThreadParticipant.objects.unscoped().filter(thread=thread)
    assert {(r.user_id, r.participant_type, r.status, r.is_mandatory) for r in rows} == {
        (c.admin.pk, "LANDLORD", "ACTIVE", True),
        (c.tenant.pk, "TENANT", "ACTIVE", True),
    }
    notes = Notification.objects.unscoped().filter(title="New Communication Channel")
    assert {n.action_url for n in notes} == {"/dashboard/landlord/chat", "/dashboard/tenant/chat"}

    roommate = TenantUserFactory(organization_id=c.tenant_org.pk)
    again = property_thread_ensure(
        property_id=property_id,
        property_name="Elm Court",
        landlord_id=c.landlord.pk,
        tenant_org_id=c.tenant_org.pk,
    )
    assert again.pk == thread.pk and Thread.objects.unscoped().count() == 1
    assert roommate.pk in set(
        ThreadParticipant.objects.unscoped().filter(thread=thread).values_list("user_id", flat=True)
    )
    assert notes.count() == 2


def test_tenants_cannot_edit_in_property_threads(auth_client, community):
    c = community
    thread = property_thread_ensure(
        property_id=uuid.uuid4(),
        property_name="Elm",
        landlord_id=c.landlord.pk,
        tenant_org_id=c.tenant_org.pk,
    )
    row = message(thread, c.tenant, "mine")
    response = auth_client(c.tenant).put(
        f"/chat/sessions/{thread.pk}/messages/{row.pk}", {"content": "x"}, format="json"
    )
    assert (response.status_code, response.json()["message"]) == (
        403,
        "Tenants cannot edit their messages in property group chats",
    )
    sessions = auth_client(c.tenant).get("/chat/sessions").json()
    assert sessions[0]["title"] == "Elm" and sessions[0]["linkedEntityType"] == "PROPERTY"


def test_seeding_module_creates_threads(community):
    from apps.accounts.tests.factories import LandlordUserFactory, TenantUserFactory
    from apps.chat import seeding

    LandlordUserFactory(email="landlord@example.com", username="seed-landlord")
    TenantUserFactory(email="tenant1@example.com", username="seed-t1")
    TenantUserFactory(email="tenant2@example.com", username="seed-t2")
    summary = seeding.seed(progress=lambda items, desc: items)
    assert summary == {"chat threads": 2, "chat messages": 5}
    assert Thread.objects.unscoped().count() == 2
