"""Notification routes (spec 08 section 2.3)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordUserFactory,
    TenantUserFactory,
)
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_list_own_newest_first_with_paging(auth_client):
    me, other = TenantUserFactory(), TenantUserFactory()
    rows = [NotificationFactory(user=me) for _ in range(3)]
    NotificationFactory(user=other)
    rows[0].read_at = rows[0].created_at
    rows[0].save()
    client = auth_client(me)
    body = client.get("/notifications?limit=2").json()
    assert body["total"] == 3 and body["limit"] == 2 and body["offset"] == 0 and body["hasMore"] is True
    assert [n["_id"] for n in body["data"]] == [str(rows[2].pk), str(rows[1].pk)]
    assert set(body["data"][0]) >= {"_id", "userId", "title", "content", "actionUrl", "readAt", "createdAt"}
    unread = client.get("/notifications?unreadOnly=true&offset=1").json()
    assert unread["total"] == 2 and len(unread["data"]) == 1 and unread["hasMore"] is False


def test_list_validation_and_auth(auth_client, api_client):
    client = auth_client(TenantUserFactory())
    assert client.get("/notifications?limit=0").status_code == 400
    assert client.get("/notifications?foo=1").json()["message"] == ["property foo should not exist"]
    assert api_client.get("/notifications").status_code == 401
    assert api_client.get("/notifications/unread-count").status_code == 401


def test_list_query_count_constant(auth_client):
    me = TenantUserFactory()
    NotificationFactory(user=me)
    client = auth_client(me)
    with CaptureQueriesContext(connection) as small:
        client.get("/notifications")
    for _ in range(10):
        NotificationFactory(user=me)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get("/notifications").json()["data"]) == 11
    assert len(small) == len(large)


def test_unread_count(auth_client):
    me = LandlordUserFactory()
    NotificationFactory.create_batch(2, user=me)
    NotificationFactory()
    assert auth_client(me).get("/notifications/unread-count").json() == {"count": 2}


def test_mark_read_and_read_all(auth_client):
    me = ContractorUserFactory()
    first, second = NotificationFactory(user=me), NotificationFactory(user=me)
    client = auth_client(me)
    response = client.patch(f"/notifications/{first.pk}/read")
    assert response.status_code == 200 and response.json()["readAt"] is not None
    again = client.patch(f"/notifications/{first.pk}/read").json()
    assert again["readAt"] == response.json()["readAt"]
    assert client.patch("/notifications/read-all").json() == {"modifiedCount": 1}
    second.refresh_from_db()
    assert second.read_at is not None


def test_mark_read_refusals(auth_client):
    me, other = TenantUserFactory(), TenantUserFactory()
    theirs = NotificationFactory(user=other)
    client = auth_client(me)
    response = client.patch(f"/notifications/{theirs.pk}/read")
    assert (response.status_code, response.json()["message"]) == (404, "Notification not found")
    assert client.patch("/notifications/bad/read").json()["message"] == "Invalid ID: bad"
    client.patch("/notifications/read-all")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_delete(auth_client):
    me = TenantUserFactory()
    mine, theirs = NotificationFactory(user=me), NotificationFactory()
    client = auth_client(me)
    assert client.delete(f"/notifications/{theirs.pk}").status_code == 404
    response = client.delete(f"/notifications/{mine.pk}")
    assert response.json() == {"message": "Notification deleted successfully"}
    assert not Notification.objects.including_deleted().filter(pk=mine.pk).exists()
    assert Notification.objects.unscoped().filter(pk=theirs.pk).exists()
    assert client.delete(f"/notifications/{uuid.uuid4()}").status_code == 404


def test_test_notification(auth_client):
    me = TenantUserFactory()
    NotificationPreference.objects.create(user=me, notification_type="message_new_direct", in_app=False)
    response = auth_client(me).post(
        "/notifications/test", {"title": "T", "content": "C", "actionUrl": "/x"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["title"] == "T" and response.json()["actionUrl"] == "/x"
    assert Notification.objects.unscoped().get(user=me).content == "C"
    bad = auth_client(me).post("/notifications/test", {"title": "T"}, format="json")
    assert bad.json()["message"] == ["content should not be empty"]


def test_preferences_update_and_list(auth_client):
    me = TenantUserFactory()
    client = auth_client(me)
    assert client.get("/notifications/preferences").json() == []
    response = client.put(
        "/notifications/preferences",
        {
            "preferences": [
                {"notificationType": "lease_activated", "sms": True},
                {"notificationType": "visit_reminder", "email": False},
            ]
        },
        format="json",
    )
    assert response.json() == {"message": "Preferences updated successfully"}
    rows = {r["notificationType"]: r for r in client.get("/notifications/preferences").json()}
    assert (
        rows["lease_activated"]["inApp"],
        rows["lease_activated"]["email"],
        rows["lease_activated"]["sms"],
    ) == (True, True, True)
    assert rows["visit_reminder"]["email"] is False
    client.put(
        "/notifications/preferences",
        {"preferences": [{"notificationType": "lease_activated", "inApp": False}]},
        format="json",
    )
    row = NotificationPreference.objects.get(user=me, notification_type="lease_activated")
    assert (row.in_app, row.sms) == (False, True)


def test_preferences_validation(auth_client):
    client = auth_client(TenantUserFactory())
    assert client.put("/notifications/preferences", {"preferences": []}, format="json").status_code == 400
    bad = client.put(
        "/notifications/preferences", {"preferences": [{"notificationType": "nope"}]}, format="json"
    )
    assert bad.status_code == 400
    assert "must be one of the following values" in bad.json()["message"][0]
    assert NotificationPreference.objects.count() == 0


@pytest.mark.parametrize(
    ("factory", "expected"),
    [(TenantUserFactory, 30), (LandlordUserFactory, 34), (ContractorUserFactory, 19), (AdminUserFactory, 0)],
)
def test_preferences_initialize_by_user_type(auth_client, factory, expected):
    from apps.notifications.types import defaults_for_user_type

    user = factory()
    assert len(defaults_for_user_type(user.user_type)) == expected
    client = auth_client(user)
    NotificationPreference.objects.create(user=user, notification_type="message_new_direct", in_app=False)
    response = client.post("/notifications/preferences/initialize")
    assert response.status_code == 201
    assert response.json() == {"message": "Default preferences initialized successfully"}
    client.post("/notifications/preferences/initialize")
    count = NotificationPreference.objects.filter(user=user).count()
    assert count == max(expected, 1)
    assert (
        NotificationPreference.objects.get(user=user, notification_type="message_new_direct").in_app is False
    )


def test_admin_notifications(auth_client):
    admin = AdminUserFactory()
    row = NotificationFactory(title="Leak check")
    NotificationFactory(title="Other")
    body = auth_client(admin).get("/admin/notifications?search=leak").json()
    assert body["total"] == 1
    assert body["data"][0]["_id"] == str(row.pk)
    assert body["data"][0]["userName"] == "Test User"
    assert body["data"][0]["userEmail"] == row.user.email
    denied = auth_client(LandlordUserFactory()).get("/admin/notifications")
    assert (denied.status_code, denied.json()["message"]) == (403, "Admin access required")


def test_admin_notifications_query_count_constant(auth_client):
    client = auth_client(AdminUserFactory())
    NotificationFactory()
    with CaptureQueriesContext(connection) as small:
        client.get("/admin/notifications")
    NotificationFactory.create_batch(6)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get("/admin/notifications").json()["data"]) == 7
    assert len(small) == len(large)
