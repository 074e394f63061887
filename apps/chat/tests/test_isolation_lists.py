"""Caller-scoped chat lists never show another landlord's threads or people."""

import pytest

from apps.chat.models import UserBlock
from apps.chat.tests.factories import direct_thread, group_thread, message
from tests.isolation import build_world

pytestmark = pytest.mark.django_db


def test_sessions_and_blocked_users_stay_within_the_caller(auth_client):
    w = build_world()
    thread = direct_thread(w.tenant_a, w.admin_a)
    message(thread, w.admin_a)
    group_thread(w.admin_a, w.staff_a, w.contractor_a)
    UserBlock.objects.unscoped().create(blocker=w.tenant_a, blocked=w.contractor_a)
    for attacker in (w.admin_b, w.staff_b, w.tenant_b, w.contractor_b):
        client = auth_client(attacker)
        assert client.get("/chat/sessions").json() == []
        body = client.get("/chat/blocked-users").json()
        assert body["usersYouBlocked"] == [] and body["usersWhoBlockedYou"] == []
    # Landlord A's own staff does not see threads it is not part of either.
    assert auth_client(w.staff_a).get("/chat/sessions").json()[0]["threadType"] == "TENANT_TENANT_GROUP"
