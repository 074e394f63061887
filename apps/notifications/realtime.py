"""Pushing frames to connected WebSockets through the channel layer (DESIGN section 8).

Frames are ``{"event": <original event name>, "data": {...}}``; ``data`` gets the same key
conversion as HTTP bodies (camelCase but for the verbatim keys), so a record reads alike on both. Every socket joins the group of
its user (``chat.user.<id>`` or ``notifications.user.<id>``); chat sockets also join the group of
each thread they take part in (``chat.thread.<id>``), used for typing indicators.

Pushes happen after the surrounding transaction commits (a message is persisted before it is
broadcast) and never fail the caller: the socket push is a convenience, the database is the
record. With Redis down the push is lost; clients re-read the REST routes on reconnect.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from apps.core.db import on_commit
from apps.core.renderers import camelize

logger = logging.getLogger("myte.realtime")

#: channel-layer message type handled by the consumers' ``frame`` method
FRAME = "frame"
#: group sends in flight at once per batch
PUSH_CONCURRENCY = 16


def chat_user_group(user_id: Any) -> str:
    return f"chat.user.{user_id}"


def chat_thread_group(thread_id: Any) -> str:
    return f"chat.thread.{thread_id}"


def notifications_user_group(user_id: Any) -> str:
    return f"notifications.user.{user_id}"


def send_now(groups: Iterable[str], message: dict[str, Any]) -> None:
    send_many([(group, message) for group in dict.fromkeys(groups)])


def send_many(deliveries: list[tuple[str, dict[str, Any]]]) -> None:
    """``group_send`` each ``(group, message)`` concurrently, in one hop to the event loop."""
    layer = get_channel_layer()
    if layer is None or not deliveries:
        return

    # Bounded: redis-py's asyncio pool (100 connections by default) raises when exhausted, and the
    # consumers of this process share it.
    gate = asyncio.Semaphore(PUSH_CONCURRENCY)

    async def deliver(group: str, message: dict[str, Any]) -> None:
        try:
            async with gate:
                await layer.group_send(group, message)
        except Exception:  # noqa: BLE001 - a lost push never fails the request
            logger.warning("Could not push %s to %s", message.get("event"), group, exc_info=True)

    async def deliver_all() -> None:
        batch = getattr(layer, "group_send_many", None)
        if batch is not None:  # apps.core.channel_layers: one pipelined round trip to Redis
            try:
                await batch(deliveries)
            except Exception:  # noqa: BLE001 - a lost push never fails the request
                logger.warning("Could not push %s frame(s)", len(deliveries), exc_info=True)
            return
        await asyncio.gather(*(deliver(group, message) for group, message in deliveries))

    try:
        async_to_sync(deliver_all)()
    except Exception:  # noqa: BLE001 - e.g. no usable event loop: still never fails the caller
        logger.warning("Could not push %s frame(s)", len(deliveries), exc_info=True)


def push(
    groups: Iterable[str], event: str, data: dict[str, Any], *, exclude_channel: str | None = None
) -> None:
    """Send the frame ``{event, data}`` to ``groups`` once the current transaction commits."""
    groups = list(groups)
    message = {"type": FRAME, "event": event, "data": camelize(data), "exclude_channel": exclude_channel}
    on_commit(lambda: send_now(groups, message))


def push_each(frames: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Send many ``(group, event, data)`` frames after commit, in one batch."""
    deliveries = [
        (group, {"type": FRAME, "event": event, "data": camelize(data)}) for group, event, data in frames
    ]
    if deliveries:
        on_commit(lambda: send_many(deliveries))


def control(groups: Iterable[str], message_type: str, **fields: Any) -> None:
    """An internal (not forwarded) instruction to consumers, e.g. join a thread group."""
    groups = list(groups)
    message = {"type": message_type, **fields}
    on_commit(lambda: send_now(groups, message))
