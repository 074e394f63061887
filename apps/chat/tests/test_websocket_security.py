"""Socket hardening: identities come from the token only, never from what the client sends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from rest_framework_simplejwt.tokens import AccessToken

from apps.accounts.tests.factories import TenantUserFactory
from apps.chat.models import ThreadMessage
from apps.chat.tests.factories import Community, direct_thread
from apps.chat.tests.test_websockets import connected, run, socket
from apps.core.authentication import issue_access_token

pytestmark = pytest.mark.django_db(transaction=True)


def expired_token(user) -> str:
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(minutes=1))
    return str(token)


def refused(path: str, token: str | None = None) -> None:
    async def body():
        communicator = socket(path, token=token)
        await communicator.connect()
        assert await communicator.receive_output(timeout=2) == {"type": "websocket.close", "code": 4401}

    run(body)


@pytest.mark.parametrize("path", ["/ws/chat/", "/ws/notifications/"])
def test_a_user_id_without_token_is_refused(path):
    """The original's handshake (``?userId=``) is no credential."""
    refused(f"{path}?userId={Community().tenant.pk}")


@pytest.mark.parametrize("path", ["/ws/chat/", "/ws/notifications/"])
def test_expired_tokens_and_disabled_users_are_refused(path):
    user = TenantUserFactory()
    refused(path, expired_token(user))
    token = issue_access_token(user)
    user.is_disabled = True
    user.save(update_fields=["is_disabled"])
    refused(path, token)


def test_client_sent_identities_are_ignored():
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)

    async def body():
        tenant = await connected(socket("/ws/chat/", c.tenant))
        neighbor = await connected(socket("/ws/chat/", c.neighbor))
        await tenant.send_json_to(
            {
                "event": "typing",
                "data": {
                    "threadId": str(thread.pk),
                    "isTyping": True,
                    "userId": str(c.neighbor.pk),
                    "userName": "Somebody Else",
                },
            }
        )
        typing = await neighbor.receive_json_from(timeout=3)
        assert (typing["data"]["userId"], typing["data"]["userName"]) == (str(c.tenant.pk), "Tom Tenant")

        await tenant.send_json_to(
            {
                "event": "message",
                "data": {
                    "threadId": str(thread.pk),
                    "message": "signed by the token",
                    "userId": str(c.neighbor.pk),
                    "senderId": str(c.neighbor.pk),
                },
            }
        )
        frame = await neighbor.receive_json_from(timeout=3)
        assert frame["data"]["message"]["senderId"] == str(c.tenant.pk)
        saved = await database_sync_to_async(
            lambda: ThreadMessage.objects.unscoped().get(content="signed by the token")
        )()
        assert saved.sender_id == c.tenant.pk
        for communicator in (tenant, neighbor):
            await communicator.disconnect()

    run(body)


def test_bad_frames_get_an_error_and_the_socket_stays_open():
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)

    async def body():
        tenant = await connected(socket("/ws/chat/", c.tenant))
        await tenant.send_to(text_data="not json")
        assert (await tenant.receive_json_from(timeout=3))["event"] == "error"
        await tenant.send_to(bytes_data=b"\x00\x01")
        assert (await tenant.receive_json_from(timeout=3))["event"] == "error"
        await tenant.send_json_to({"event": "ping"})
        assert await tenant.receive_json_from(timeout=3) == {"event": "pong", "data": {}}
        await tenant.send_json_to({"event": "message", "data": {"threadId": str(thread.pk), "message": " "}})
        error = await tenant.receive_json_from(timeout=3)
        assert error == {
            "event": "error",
            "data": {"statusCode": 400, "message": "message should not be empty"},
        }
        await tenant.disconnect()

    run(body)


def test_other_landlords_threads_are_unreachable_by_socket():
    a, b = Community(), Community()
    thread = direct_thread(a.tenant, a.neighbor)

    async def body():
        outsider = await connected(socket("/ws/chat/", b.admin))
        member = await connected(socket("/ws/chat/", a.neighbor))
        for event in ("message", "read"):
            await outsider.send_json_to(
                {"event": event, "data": {"threadId": str(thread.pk), "message": "x"}}
            )
            error = await outsider.receive_json_from(timeout=3)
            assert error["data"] == {"statusCode": 404, "message": "Chat session not found or access denied"}
        await outsider.send_json_to(
            {"event": "typing", "data": {"threadId": str(thread.pk), "isTyping": True}}
        )
        assert await member.receive_nothing(timeout=0.3)
        count = await database_sync_to_async(lambda: ThreadMessage.objects.unscoped().count())()
        assert count == 0
        for communicator in (outsider, member):
            await communicator.disconnect()

    run(body)


def test_socket_writes_are_rate_limited(settings):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMIT_GLOBAL = "3/minute"
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)

    async def body():
        tenant = await connected(socket("/ws/chat/", c.tenant))
        for index in range(4):
            await tenant.send_json_to(
                {"event": "message", "data": {"threadId": str(thread.pk), "message": f"m{index}"}}
            )
        events = [(await tenant.receive_json_from(timeout=3)) for _ in range(4)]
        assert [e["event"] for e in events].count("chat:message") == 3
        assert {"statusCode": 429, "message": "ThrottlerException: Too Many Requests"} in [
            e["data"] for e in events if e["event"] == "error"
        ]
        count = await database_sync_to_async(lambda: ThreadMessage.objects.unscoped().count())()
        assert count == 3
        await tenant.disconnect()

    run(body)


def test_typing_follows_membership_changes_the_socket_was_not_told_about():
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)
    later = direct_thread(c.tenant, c.admin)

    async def body():
        from apps.chat.tests.factories import add_participant

        neighbor = await connected(socket("/ws/chat/", c.neighbor))
        tenant = await connected(socket("/ws/chat/", c.tenant))
        # The neighbor joins ``later`` and leaves ``thread`` behind the socket's back.
        await database_sync_to_async(lambda: add_participant(later, c.neighbor))()
        await database_sync_to_async(
            lambda: (
                thread.participants.model.objects.unscoped()
                .filter(thread=thread, participant_id=c.neighbor.pk)
                .delete()
            )
        )()
        await neighbor.send_json_to(
            {"event": "typing", "data": {"threadId": str(later.pk), "isTyping": True}}
        )
        frame = await tenant.receive_json_from(timeout=3)
        assert frame["data"]["threadId"] == str(later.pk)
        # ... and no longer hears typing in the thread it left.
        await tenant.send_json_to({"event": "typing", "data": {"threadId": str(thread.pk), "isTyping": True}})
        assert await neighbor.receive_nothing(timeout=0.3)
        for communicator in (neighbor, tenant):
            await communicator.disconnect()

    run(body)
