"""The ``/ws/chat/`` consumer (spec 08 section 1.3); authentication is in the notifications app."""

from __future__ import annotations

import time
import uuid
from collections import deque

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from apps.notifications.consumers import AuthenticatedConsumer
from apps.notifications.content import display_name
from apps.notifications.realtime import FRAME, chat_thread_group, chat_user_group


class ChatConsumer(AuthenticatedConsumer):
    """Chat events of every thread the user takes part in; ``typing``, ``read`` and ``message`` in."""

    no_database_messages = AuthenticatedConsumer.no_database_messages | {"chat.join", "chat.leave"}

    def user_group(self) -> str:
        return chat_user_group(self.user.pk)

    async def on_authenticated(self) -> None:
        self.thread_ids: set[str] = set()
        self.refused: set[str] = set()
        await self.sync_threads()

    async def sync_threads(self) -> None:
        """Join the groups of the threads the user is in now, leave the others."""
        current = set(await self.scoped(self._my_thread_ids)())
        for thread_id in current - self.thread_ids:
            await self.join(chat_thread_group(thread_id))
        for thread_id in self.thread_ids - current:
            await self.leave(chat_thread_group(thread_id))
        self.thread_ids = current

    def _my_thread_ids(self) -> list[str]:
        from apps.chat.models import ThreadParticipant

        return [
            str(pk)
            for pk in ThreadParticipant.objects.filter(participant_id=self.user.pk).values_list(
                "thread_id", flat=True
            )
        ]

    # -- channel-layer instructions from the services ---------------------------------------------
    async def chat_join(self, message):
        self.refused.discard(message["thread_id"])
        self.thread_ids.add(message["thread_id"])
        await self.join(chat_thread_group(message["thread_id"]))

    async def chat_leave(self, message):
        self.thread_ids.discard(message["thread_id"])
        await self.leave(chat_thread_group(message["thread_id"]))

    # -- client events ----------------------------------------------------------------------------
    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict):
            return
        event = content.get("event")
        if event == "ping":
            await self.send_json({"event": "pong", "data": {}})
            return
        data = content.get("data") if isinstance(content.get("data"), dict) else content
        thread_id = str(data.get("threadId") or "")
        try:
            thread_id = str(uuid.UUID(thread_id))
        except ValueError:
            return  # invalid payloads are ignored, as in the original
        if event == "typing":
            await self.typing(thread_id, bool(data.get("isTyping")))
        elif event == "read":
            await self.run_service("read", thread_id)
        elif event == "message":
            await self.run_service("message", thread_id, str(data.get("message") or ""))

    async def typing(self, thread_id: str, is_typing: bool) -> None:
        if thread_id not in self.thread_ids:
            if thread_id in self.refused:
                return
            # Membership may have changed without a join/leave instruction reaching this socket:
            # ask the database once, and follow it for every thread.
            await self.sync_threads()
            if thread_id not in self.thread_ids:
                self.refused.add(thread_id)  # no query per typing frame for a foreign thread
                return
        await self.channel_layer.group_send(
            chat_thread_group(thread_id),
            {
                "type": FRAME,
                "event": "chat:typing",
                "data": {
                    "threadId": thread_id,
                    "userId": str(self.user.pk),
                    "userName": display_name(self.user),
                    "isTyping": is_typing,
                },
                "exclude_channel": self.channel_name,
            },
        )

    def allowed(self) -> bool:
        """The global rate limit of the REST routes (``RATE_LIMIT_GLOBAL``) for this socket's
        writes: a socket is no way around it. Sliding window, per socket."""
        if not getattr(settings, "RATE_LIMIT_ENABLED", True):
            return True
        count, period = SimpleRateThrottle.parse_rate(None, settings.RATE_LIMIT_GLOBAL)
        now = time.monotonic()
        history = self.__dict__.setdefault("_writes", deque())
        while history and history[0] <= now - period:
            history.popleft()
        if len(history) >= count:
            return False
        history.append(now)
        return True

    async def run_service(self, action: str, thread_id: str, text: str = "") -> None:
        from apps.core.exceptions import ApplicationError

        if not self.allowed():
            await self.send_error("ThrottlerException: Too Many Requests", 429)
            return
        try:
            await self.scoped(self._service)(action, thread_id, text)
        except ApplicationError as exc:
            if exc.status_code == 401:
                await self.end_unauthenticated()
                return
            await self.send_error(str(exc.message), exc.status_code)

    def _service(self, action: str, thread_id: str, text: str) -> None:
        """Persists first; the service pushes the resulting event after its commit."""
        from apps.chat import services
        from apps.core.exceptions import BadRequest, Unauthorized

        thread_pk = uuid.UUID(thread_id)
        user = type(self.user).objects.unscoped().filter(pk=self.user.pk).first()
        if user is None:
            raise Unauthorized()  # deleted between the frame's account check and now
        if action == "read":
            services.thread_mark_read(user=user, thread_id=thread_pk)
        elif action == "message":
            if not text.strip():
                raise BadRequest("message should not be empty")
            if len(text) > 5000:
                raise BadRequest("message must be shorter than or equal to 5000 characters")
            services.message_send(user=user, thread_id=thread_pk, content=text)
