"""WebSocket authentication and the ``/ws/notifications/`` consumer (spec 08 sections 1.3, 2.4).

Unlike the original (which trusted a client-sent ``userId``), a socket authenticates with the JWT
access token from the ``token`` query parameter, the ``Authorization: Bearer`` header or the
``access_token`` cookie; without a valid one it is closed with code 4401. Frames both ways are
``{"event": <name>, "data": {...}}``. Every socket also joins its user's account group: a
``user.revoke`` there (deletion, disabling, password reset, logout-all) closes it with 4401, and
each client frame re-checks the account first (an error frame and 4401 once it is gone).

Every database operation runs inside ``database_sync_to_async`` *and* inside the access scope of
the socket's user, exactly like a request does.
"""

from __future__ import annotations

import logging
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model

from apps.accounts.revocation import account_group
from apps.core.authentication import ACCESS_COOKIE, token_still_valid, user_from_token
from apps.core.scope import Principal, access_scope
from apps.notifications.realtime import notifications_user_group

logger = logging.getLogger("myte.realtime")

UNAUTHENTICATED = 4401


def token_from_scope(scope: dict[str, Any]) -> str | None:
    query = parse_qs((scope.get("query_string") or b"").decode("latin-1"))
    if query.get("token"):
        return query["token"][0]
    headers = {
        name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])
    }
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip() or None
    if "cookie" in headers:
        cookie = SimpleCookie()
        try:
            cookie.load(headers["cookie"])
        except Exception:  # noqa: BLE001 - a malformed cookie header is no credential
            return None
        if ACCESS_COOKIE in cookie:
            return cookie[ACCESS_COOKIE].value or None
    return None


class AuthenticatedConsumer(AsyncJsonWebsocketConsumer):
    """Authenticates on connect; forwards ``frame`` messages of the channel layer to the client."""

    user = None
    principal: Principal | None = None
    #: channel-layer messages whose handlers touch no database. Channels runs its
    #: ``aclose_old_connections`` (a hop to the one thread of synchronous code) before every
    #: handler; for these it is skipped: while a sender's ``message_send`` holds that thread, a
    #: hundred ``frame`` deliveries would otherwise wait for it, and then for each other. Every
    #: database call of a consumer goes through ``database_sync_to_async``, which closes stale
    #: connections itself.
    no_database_messages: frozenset[str] = frozenset({"frame", "user.revoke"})

    async def dispatch(self, message):
        if message.get("type") in self.no_database_messages:
            handler = getattr(self, message["type"].replace(".", "_"))
            await handler(message)
            return
        await super().dispatch(message)

    async def connect(self):
        token = token_from_scope(self.scope)
        user = await database_sync_to_async(user_from_token)(token) if token else None
        if user is None:
            await self.accept()
            await self.close(code=UNAUTHENTICATED)
            return
        self.user = user
        self.token_version = user.token_version
        self.principal = Principal.for_user(user)
        self.groups_joined: set[str] = set()
        await self.join(account_group(user.pk))
        await self.join(self.user_group())
        await self.on_authenticated()
        await self.accept()

    def user_group(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    async def on_authenticated(self) -> None:
        return None

    async def join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.add(group)

    async def leave(self, group: str) -> None:
        await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined.discard(group)

    async def disconnect(self, code):
        for group in list(getattr(self, "groups_joined", ())):
            await self.leave(group)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """Client frames: JSON text only, and only once authenticated. A frame that is not JSON
        gets an error frame instead of closing the socket (the original ignored bad payloads)."""
        if self.user is None:
            return
        if not await database_sync_to_async(self.account_still_valid)():
            await self.end_unauthenticated()
            return
        if text_data is None:
            await self.send_error("Frames must be JSON text")
            return
        try:
            content = await self.decode_json(text_data)
        except ValueError:
            await self.send_error("Frames must be JSON text")
            return
        await self.receive_json(content, **kwargs)

    def account_still_valid(self) -> bool:
        """The socket's user still exists, is enabled and has not revoked its tokens since."""
        user = get_user_model().objects.unscoped().filter(pk=self.user.pk).first()
        return token_still_valid(user, self.token_version)

    async def end_unauthenticated(self) -> None:
        """An error frame, then the close code of an unauthenticated socket."""
        await self.send_error("Unauthorized", 401)
        await self.close(code=UNAUTHENTICATED)

    async def user_revoke(self, message: dict[str, Any]) -> None:
        """``user.revoke`` on the account group: the user was deleted, disabled, reset its
        password or logged out everywhere."""
        await self.end_unauthenticated()

    async def frame(self, message: dict[str, Any]) -> None:
        if message.get("exclude_channel") and message["exclude_channel"] == self.channel_name:
            return
        await self.send_json({"event": message["event"], "data": message["data"]})

    async def send_error(self, text: str, status: int = 400) -> None:
        await self.send_json({"event": "error", "data": {"statusCode": status, "message": text}})

    def scoped(self, function):
        """``function`` wrapped to run in a worker thread inside this socket's access scope."""
        principal = self.principal

        def run(*args, **kwargs):
            with access_scope(principal):
                return function(*args, **kwargs)

        return database_sync_to_async(run)


class NotificationConsumer(AuthenticatedConsumer):
    """Server-to-client only: ``notification:new|read|allRead|deleted`` for the socket's user."""

    def user_group(self) -> str:
        return notifications_user_group(self.user.pk)

    async def receive_json(self, content, **kwargs):
        if isinstance(content, dict) and content.get("event") == "ping":
            await self.send_json({"event": "pong", "data": {}})
