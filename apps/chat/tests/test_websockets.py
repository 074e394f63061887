"""The chat and notification sockets through Channels' WebsocketCommunicator (in-memory layer)."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from apps.chat.models import ThreadMessage
from apps.chat.tests.factories import Community, direct_thread, group_thread
from apps.core.authentication import issue_access_token
from apps.core.scope import enter_scope, leave_scope
from myte.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


def run(coroutine_function):
    """Run an async test body with NO access scope, as a real socket starts."""

    async def body():
        token = enter_scope(None)
        try:
            await coroutine_function()
        finally:
            leave_scope(token)

    async_to_sync(body)()


def socket(path: str, user=None, *, how: str = "query", token: str | None = None) -> WebsocketCommunicator:
    token = token or (issue_access_token(user) if user is not None else None)
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if token and how == "query":
        path = f"{path}?token={token}"
    elif token and how == "header":
        headers.append((b"authorization", f"Bearer {token}".encode()))
    elif token and how == "cookie":
        headers.append((b"cookie", f"csrf_token=x; access_token={token}".encode()))
    return WebsocketCommunicator(application, path, headers=headers)


async def connected(communicator: WebsocketCommunicator) -> WebsocketCommunicator:
    ok, _ = await communicator.connect()
    assert ok
    return communicator


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_access_token(user)}")
    return client


async def post(user, path, body=None, method="post"):
    return await database_sync_to_async(lambda: getattr(api(user), method)(path, body or {}, format="json"))()


@pytest.mark.parametrize("path", ["/ws/chat/", "/ws/notifications/"])
@pytest.mark.parametrize("token", [None, "not-a-jwt"])
def test_unauthenticated_sockets_are_closed_with_4401(path, token):
    async def body():
        communicator = socket(path, token=token)
        connected_ok, _ = await communicator.connect()
        assert connected_ok
        closed = await communicator.receive_output(timeout=2)
        assert closed == {"type": "websocket.close", "code": 4401}

    run(body)


@pytest.mark.parametrize("how", ["query", "header", "cookie"])
def test_chat_message_is_persisted_then_pushed_to_participants(how):
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)

    async def body():
        receiver = await connected(socket("/ws/chat/", c.neighbor, how=how))
        outsider = await connected(socket("/ws/chat/", c.admin, how=how))
        response = await post(c.tenant, f"/chat/sessions/{thread.pk}/messages", {"message": "ping"})
        assert response.status_code == 201
        frame = await receiver.receive_json_from(timeout=3)
        assert frame["event"] == "chat:message"
        assert frame["data"]["threadId"] == str(thread.pk)
        assert frame["data"]["message"]["content"] == "ping"
        assert await outsider.receive_nothing(timeout=0.3)
        await receiver.disconnect()
        await outsider.disconnect()

    run(body)


def test_typing_goes_to_other_participants_only():
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)

    async def body():
        sender = await connected(socket("/ws/chat/", c.tenant))
        receiver = await connected(socket("/ws/chat/", c.neighbor))
        outsider = await connected(socket("/ws/chat/", c.admin))
        await sender.send_json_to({"event": "typing", "data": {"threadId": str(thread.pk), "isTyping": True}})
        frame = await receiver.receive_json_from(timeout=3)
        assert frame == {
            "event": "chat:typing",
            "data": {
                "threadId": str(thread.pk),
                "userId": str(c.tenant.pk),
                "userName": "Tom Tenant",
                "isTyping": True,
            },
        }
        assert await sender.receive_nothing(timeout=0.2)
        assert await outsider.receive_nothing(timeout=0.2)
        # A socket cannot type into a thread it is not part of.
        await outsider.send_json_to(
            {"event": "typing", "data": {"threadId": str(thread.pk), "isTyping": True}}
        )
        assert await receiver.receive_nothing(timeout=0.3)
        for communicator in (sender, receiver, outsider):
            await communicator.disconnect()

    run(body)


def test_socket_message_and_read_events_persist_in_the_users_scope():
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)

    async def body():
        tenant = await connected(socket("/ws/chat/", c.tenant))
        neighbor = await connected(socket("/ws/chat/", c.neighbor))
        await tenant.send_json_to(
            {"event": "message", "data": {"threadId": str(thread.pk), "message": "via socket"}}
        )
        frame = await neighbor.receive_json_from(timeout=3)
        assert frame["event"] == "chat:message"
        saved = await database_sync_to_async(
            lambda: ThreadMessage.objects.unscoped().get(pk=frame["data"]["message"]["_id"])
        )()
        assert saved.content == "via socket" and saved.sender_id == c.tenant.pk
        assert (await tenant.receive_json_from(timeout=3))["event"] == "chat:message"

        await neighbor.send_json_to({"event": "read", "data": {"threadId": str(thread.pk)}})
        read = await tenant.receive_json_from(timeout=3)
        assert read["event"] == "chat:read"
        assert read["data"]["userId"] == str(c.neighbor.pk)
        await database_sync_to_async(saved.refresh_from_db)()
        assert str(c.neighbor.pk) in saved.read_by

        # Someone else's thread: refused with an error frame, nothing stored.
        stranger = await connected(socket("/ws/chat/", c.admin))
        await stranger.send_json_to(
            {"event": "message", "data": {"threadId": str(thread.pk), "message": "x"}}
        )
        error = await stranger.receive_json_from(timeout=3)
        assert error["event"] == "error" and error["data"]["statusCode"] == 404
        for communicator in (tenant, neighbor, stranger):
            await communicator.disconnect()

    run(body)


def test_new_group_member_joins_thread_group_live():
    c = Community()

    async def body():
        neighbor = await connected(socket("/ws/chat/", c.neighbor))
        response = await post(
            c.tenant, "/chat/groups", {"title": "G", "participantIds": [str(c.neighbor.pk)]}
        )
        thread_id = response.json()["threadId"]
        created = await neighbor.receive_json_from(timeout=3)
        assert created["event"] == "chat:message" and created["data"]["message"]["isSystemMessage"] is True
        tenant = await connected(socket("/ws/chat/", c.tenant))
        await tenant.send_json_to({"event": "typing", "data": {"threadId": thread_id, "isTyping": False}})
        assert (await neighbor.receive_json_from(timeout=3))["event"] == "chat:typing"
        await neighbor.disconnect()
        await tenant.disconnect()

    run(body)


def test_edit_and_delete_events():
    c = Community()
    thread = group_thread(c.tenant, c.neighbor)

    async def body():
        neighbor = await connected(socket("/ws/chat/", c.neighbor))
        sent = await post(c.tenant, f"/chat/sessions/{thread.pk}/messages", {"message": "v1"})
        await neighbor.receive_json_from(timeout=3)
        message_id = sent.json()["_id"]
        path = f"/chat/sessions/{thread.pk}/messages/{message_id}"
        await post(c.tenant, path, {"content": "v2"}, method="put")
        edited = await neighbor.receive_json_from(timeout=3)
        assert edited["event"] == "chat:message:edited"
        assert edited["data"]["message"]["isEdited"] is True and edited["data"]["message"]["content"] == "v2"
        await database_sync_to_async(lambda: api(c.tenant).delete(path))()
        deleted = await neighbor.receive_json_from(timeout=3)
        assert deleted == {
            "event": "chat:message:deleted",
            "data": {"threadId": str(thread.pk), "messageId": message_id},
        }
        await neighbor.disconnect()

    run(body)


def test_notification_socket_receives_own_events_only():
    c = Community()

    async def body():
        mine = await connected(socket("/ws/notifications/", c.tenant))
        other = await connected(socket("/ws/notifications/", c.neighbor))
        created = await post(c.tenant, "/notifications/test", {"title": "Hi", "content": "There"})
        assert created.status_code == 201
        frame = await mine.receive_json_from(timeout=3)
        assert frame["event"] == "notification:new"
        assert frame["data"]["title"] == "Hi" and frame["data"]["readAt"] is None
        notification_id = created.json()["_id"]
        await post(c.tenant, f"/notifications/{notification_id}/read", method="patch")
        read = await mine.receive_json_from(timeout=3)
        assert read["event"] == "notification:read" and read["data"]["id"] == notification_id
        await post(c.tenant, "/notifications/read-all", method="patch")
        assert await mine.receive_json_from(timeout=3) == {
            "event": "notification:allRead",
            "data": {"modifiedCount": 0},
        }
        await database_sync_to_async(lambda: api(c.tenant).delete(f"/notifications/{notification_id}"))()
        assert (await mine.receive_json_from(timeout=3))["event"] == "notification:deleted"
        assert await other.receive_nothing(timeout=0.3)
        await mine.disconnect()
        await other.disconnect()

    run(body)


def test_origin_check_follows_the_cors_list():
    from myte.routing import BrowserOriginValidator, URLRouter, websocket_urlpatterns

    c = Community()
    guarded = BrowserOriginValidator(URLRouter(websocket_urlpatterns), ["https://app.example.com"])
    token = issue_access_token(c.tenant)

    async def attempt(origin: bytes | None) -> bool:
        headers = [(b"origin", origin)] if origin else []
        communicator = WebsocketCommunicator(guarded, f"/ws/notifications/?token={token}", headers=headers)
        ok, _ = await communicator.connect()
        await communicator.disconnect()
        return ok

    async def body():
        assert await attempt(b"https://app.example.com") is True
        assert await attempt(b"https://evil.example.net") is False
        assert await attempt(None) is True  # not a browser: the token alone decides

    run(body)
