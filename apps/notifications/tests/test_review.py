"""Review additions: list query counts, frame key conversion, the socket's access scope."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import TenantUserFactory
from apps.core.scope import Principal, active_principal, enter_scope, leave_scope
from apps.notifications.consumers import NotificationConsumer
from apps.notifications.models import NotificationPreference
from apps.notifications.realtime import FRAME, push
from apps.notifications.types import NotificationType

pytestmark = pytest.mark.django_db


def test_preferences_list_query_count_is_constant(auth_client):
    me = TenantUserFactory()
    client = auth_client(me)
    kinds = list(NotificationType.values)
    NotificationPreference.objects.create(user=me, notification_type=kinds[0])
    with CaptureQueriesContext(connection) as small:
        assert len(client.get("/notifications/preferences").json()) == 1
    for kind in kinds[1:20]:
        NotificationPreference.objects.create(user=me, notification_type=kind, sms=True)
    NotificationPreference.objects.create(user=TenantUserFactory(), notification_type=kinds[0])
    with CaptureQueriesContext(connection) as large:
        body = client.get("/notifications/preferences").json()
    assert len(body) == 20 and {row["userId"] for row in body} == {str(me.pk)}
    assert len(large) == len(small)


def test_frames_carry_wire_keys(django_capture_on_commit_callbacks):
    """Socket frames get the HTTP renderer's key conversion (camelCase, verbatim keys kept)."""
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)("frames.test", channel)
    with django_capture_on_commit_callbacks(execute=True):
        push(
            ["frames.test"],
            "chat:message",
            {"thread_id": "t", "media": [{"file_name": "a", "created_at": 1}]},
        )
    received = async_to_sync(layer.receive)(channel)
    assert received["type"] == FRAME and received["event"] == "chat:message"
    assert received["data"] == {"threadId": "t", "media": [{"file_name": "a", "createdAt": 1}]}


def test_socket_scope_is_entered_for_the_call_and_always_reset():
    user = TenantUserFactory()
    consumer = NotificationConsumer()
    consumer.principal = Principal.for_user(user)

    def who():
        return active_principal()

    def fail():
        raise RuntimeError("inside")

    async def body():
        token = enter_scope(None)  # a socket starts with no scope
        try:
            assert (await consumer.scoped(who)()).user_id == user.pk
            assert active_principal() is None
            with pytest.raises(RuntimeError):
                await consumer.scoped(fail)()
            assert active_principal() is None
            assert await consumer.scoped(who)() == consumer.principal
        finally:
            leave_scope(token)

    async_to_sync(body)()
