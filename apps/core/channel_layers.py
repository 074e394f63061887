"""The Redis pub/sub channel layer, with one round trip for a batch of group sends.

``channels_redis``' pub/sub layer publishes a ``group_send`` under a per-shard lock, one awaited
``PUBLISH`` at a time: a chat message to 100 participants (one group per user) is 100 sequential
round trips to Redis before the last socket hears of it. :meth:`group_send_many` sends a batch as
one pipelined round trip per shard (``PUBLISH`` commands only, no ``MULTI``), under the same lock,
with the same channel names and serialization as ``group_send``; what subscribers receive is
identical.

It reaches into the layer's shard objects (``_get_layer``, ``_get_shard``, ``_lock``,
``_ensure_redis``, ``_redis``), so ``channels-redis`` is pinned in requirements.txt and
``apps/core/tests/test_channel_layers.py`` checks the batch against real subscribers on a real
Redis; if those internals are missing, the batch falls back to one ``group_send`` per group.
"""

from __future__ import annotations

from typing import Any

from channels_redis.pubsub import RedisPubSubChannelLayer


class BatchingPubSubChannelLayer(RedisPubSubChannelLayer):
    async def group_send_many(self, deliveries: list[tuple[str, dict[str, Any]]]) -> None:
        """``group_send`` each ``(group, message)``: one pipelined round trip per shard."""
        layer = self._get_layer()
        shards: dict[int, tuple[Any, list[tuple[str, bytes]]]] = {}
        for group, message in deliveries:
            channel = layer._get_group_channel_name(group)
            shard = layer._get_shard(channel)
            shards.setdefault(id(shard), (shard, []))[1].append((channel, self.serialize(message)))
        for shard, batch in shards.values():
            if not all(hasattr(shard, name) for name in ("_lock", "_ensure_redis")):
                for channel, payload in batch:  # pragma: no cover - only if the internals change
                    await shard.publish(channel, payload)
                continue
            async with shard._lock:
                shard._ensure_redis()
                async with shard._redis.pipeline(transaction=False) as pipe:
                    for channel, payload in batch:
                        pipe.publish(channel, payload)
                    await pipe.execute()
