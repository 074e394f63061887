"""Caller-scoped notification lists never show someone else's rows."""

import pytest

from apps.notifications.models import Notification, NotificationPreference
from tests.isolation import build_world

pytestmark = pytest.mark.django_db


def test_lists_stay_within_the_caller(auth_client):
    w = build_world()
    Notification.objects.unscoped().create(user=w.tenant_a, title="A", content="private")
    NotificationPreference.objects.create(user=w.tenant_a, notification_type="lease_activated")
    for attacker in (w.admin_b, w.staff_b, w.tenant_b, w.contractor_b, w.admin_a):
        client = auth_client(attacker)
        assert client.get("/notifications").json()["total"] == 0
        assert client.get("/notifications/unread-count").json() == {"count": 0}
        assert client.get("/notifications/preferences").json() == []
