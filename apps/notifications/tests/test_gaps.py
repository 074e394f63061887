"""Gaps found by the identity/realtime test audit (docs/testing/coverage-identity-realtime.md).

Cells of the route x {happy, validation, 401, 403, cross-tenant} table that the existing notification
suites left empty or covered only by a status code.
"""

from __future__ import annotations

import uuid

import pytest

from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantUserFactory,
)
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_list_shape_and_hasmore_at_the_end(auth_client):
    me = TenantUserFactory()
    rows = [NotificationFactory(user=me) for _ in range(3)]
    response = auth_client(me).get("/notifications?limit=2&offset=2")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data", "total", "limit", "offset", "hasMore"}
    assert (body["total"], body["limit"], body["offset"], body["hasMore"]) == (3, 2, 2, False)
    assert [n["_id"] for n in body["data"]] == [str(rows[0].pk)]
    assert body["data"][0]["userId"] == str(me.pk)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=101", "limit must not be greater than 100"),
        ("offset=-1", "offset must not be less than 0"),
        ("limit=abc", "limit must be an integer number"),
    ],
)
def test_list_query_validation(auth_client, query, message):
    response = auth_client(TenantUserFactory()).get(f"/notifications?{query}")
    assert response.status_code == 400
    assert response.json()["message"] == [message]


def test_unread_count_ignores_read_and_deleted_rows(auth_client):
    me = TenantUserFactory()
    NotificationFactory(user=me)
    read = NotificationFactory(user=me)
    read.read_at = read.created_at
    read.save()
    client = auth_client(me)
    gone = NotificationFactory(user=me)
    assert client.delete(f"/notifications/{gone.pk}").status_code == 200
    response = client.get("/notifications/unread-count")
    assert response.status_code == 200 and response.json() == {"count": 1}


def test_read_all_with_nothing_unread(auth_client):
    me = TenantUserFactory()
    response = auth_client(me).patch("/notifications/read-all")
    assert response.status_code == 200
    assert response.json() == {"modifiedCount": 0}


def test_read_all_touches_only_the_callers_rows(auth_client):
    me, other = TenantUserFactory(), TenantUserFactory()
    mine = NotificationFactory.create_batch(2, user=me)
    theirs = NotificationFactory(user=other)
    response = auth_client(me).patch("/notifications/read-all")
    assert response.json() == {"modifiedCount": 2}
    assert all(Notification.objects.unscoped().get(pk=row.pk).read_at for row in mine)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_response_and_state(auth_client):
    me = TenantUserFactory()
    row = NotificationFactory(user=me, title="Hello")
    response = auth_client(me).patch(f"/notifications/{row.pk}/read")
    assert response.status_code == 200
    body = response.json()
    assert (body["_id"], body["title"]) == (str(row.pk), "Hello")
    row.refresh_from_db()
    assert row.read_at is not None
    assert body["readAt"].startswith(row.read_at.strftime("%Y-%m-%dT%H:%M:%S"))


def test_delete_validation_and_unknown(auth_client):
    me = TenantUserFactory()
    row = NotificationFactory(user=me)
    client = auth_client(me)
    bad = client.delete("/notifications/bad")
    assert (bad.status_code, bad.json()["message"]) == (400, "Invalid ID: bad")
    unknown = client.delete(f"/notifications/{uuid.uuid4()}")
    assert (unknown.status_code, unknown.json()["message"]) == (404, "Notification not found")
    assert Notification.objects.unscoped().filter(pk=row.pk).exists()


def test_test_notification_validation_leaves_nothing(auth_client):
    me = TenantUserFactory()
    client = auth_client(me)
    missing = client.post("/notifications/test", {"content": "c"}, format="json")
    assert (missing.status_code, missing.json()["message"]) == (400, ["title should not be empty"])
    too_long = client.post("/notifications/test", {"title": "t" * 256, "content": "c"}, format="json")
    assert too_long.status_code == 400
    assert too_long.json()["message"] == ["title must be shorter than or equal to 255 characters"]
    assert not Notification.objects.unscoped().filter(user=me).exists()


def test_test_notification_is_created_even_when_in_app_is_off(auth_client):
    me = TenantUserFactory()
    NotificationPreference.objects.create(user=me, notification_type="message_new_direct", in_app=False)
    NotificationPreference.objects.create(user=me, notification_type="lease_activated", in_app=False)
    response = auth_client(me).post("/notifications/test", {"title": "T", "content": "C"}, format="json")
    assert response.status_code == 201
    row = Notification.objects.unscoped().get(user=me)
    assert (response.json()["_id"], row.title, row.action_url, row.read_at) == (str(row.pk), "T", None, None)


def test_preferences_update_validation_messages(auth_client):
    me = TenantUserFactory()
    client = auth_client(me)
    unknown_key = client.put(
        "/notifications/preferences",
        {"preferences": [{"notificationType": "lease_activated", "bogus": 1}]},
        format="json",
    )
    assert unknown_key.status_code == 400
    assert unknown_key.json()["message"] == ["preferences.0 property bogus should not exist"]
    missing = client.put("/notifications/preferences", {}, format="json")
    assert missing.status_code == 400
    not_a_list = client.put("/notifications/preferences", {"preferences": "x"}, format="json")
    assert not_a_list.status_code == 400
    assert not NotificationPreference.objects.filter(user=me).exists()


def test_preferences_update_creates_rows_with_schema_defaults(auth_client):
    me = LandlordUserFactory()
    response = auth_client(me).put(
        "/notifications/preferences",
        {"preferences": [{"notificationType": "payment_overdue", "sms": False}]},
        format="json",
    )
    assert response.status_code == 200
    row = NotificationPreference.objects.get(user=me, notification_type="payment_overdue")
    assert (row.in_app, row.email, row.sms) == (True, True, False)


def test_initialize_stores_the_catalogue_defaults(auth_client):
    me = TenantUserFactory()
    response = auth_client(me).post("/notifications/preferences/initialize")
    assert response.status_code == 201
    rows = {r.notification_type: r for r in NotificationPreference.objects.filter(user=me)}
    assert (rows["visit_reminder"].in_app, rows["visit_reminder"].email, rows["visit_reminder"].sms) == (
        True,
        True,
        True,
    )
    assert (rows["message_new_direct"].email, rows["message_new_direct"].sms) == (False, False)
    assert "invitation_received" not in rows  # not a tenant category
    listed = auth_client(me).get("/notifications/preferences").json()
    assert {row["notificationType"] for row in listed} == set(rows)


def test_initialize_for_a_contractor_skips_tenant_only_types(auth_client):
    me = ContractorUserFactory()
    assert auth_client(me).post("/notifications/preferences/initialize").status_code == 201
    types = set(NotificationPreference.objects.filter(user=me).values_list("notification_type", flat=True))
    assert "maintenance_invoice_approved" in types
    assert "maintenance_invoice_uploaded" not in types  # Landlord only
    assert "lease_activated" not in types


def test_admin_list_validation_and_forbidden_roles(auth_client):
    admin = auth_client(AdminUserFactory())
    bad = admin.get("/admin/notifications?landlordId=bad")
    assert (bad.status_code, bad.json()["message"]) == (400, ["landlordId must be a valid id"])
    for user in (LandlordStaffFactory(), TenantUserFactory(), ContractorUserFactory()):
        denied = auth_client(user).get("/admin/notifications")
        assert (denied.status_code, denied.json()["message"]) == (403, "Admin access required")


def test_admin_list_is_newest_first_and_excludes_deleted(auth_client):
    first = NotificationFactory(title="first")
    second = NotificationFactory(title="second")
    gone = NotificationFactory(title="gone")
    gone.soft_delete()
    response = auth_client(AdminUserFactory()).get("/admin/notifications")
    assert response.status_code == 200
    assert [row["_id"] for row in response.json()["data"]] == [str(second.pk), str(first.pk)]


# -- bugs found by the audit (fixed; they guard the fix) ------------------------


def test_huge_offset_is_a_client_error(auth_client):
    client = auth_client(TenantUserFactory())
    client.raise_request_exception = False
    response = client.get("/notifications?offset=99999999999999999999")
    assert response.status_code == 400


def test_preference_channels_must_be_json_booleans(auth_client):
    me = TenantUserFactory()
    response = auth_client(me).put(
        "/notifications/preferences",
        {"preferences": [{"notificationType": "lease_activated", "email": "no"}]},
        format="json",
    )
    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=me).exists()
