"""The batching pub/sub layer against a real Redis: what subscribers receive is ``group_send``'s."""

from __future__ import annotations

import asyncio

import pytest

from apps.core.channel_layers import BatchingPubSubChannelLayer

pytestmark = pytest.mark.redis


def test_group_send_many_reaches_every_group_in_one_round_trip(redis_url, monkeypatch):
    async def scenario():
        layer = BatchingPubSubChannelLayer(hosts=[redis_url], prefix="batch-test")
        try:
            channels = {f"g{index}": await layer.new_channel() for index in range(5)}
            for group, channel in channels.items():
                await layer.group_add(group, channel)
            also = await layer.new_channel()
            await layer.group_add("g0", also)  # two sockets in one group both hear it
            loop_layer = layer._get_layer()
            shard = loop_layer._shards[0]
            published = []
            original = shard._redis.pipeline

            def counting_pipeline(*args, **kwargs):
                published.append("pipeline")
                return original(*args, **kwargs)

            monkeypatch.setattr(shard._redis, "pipeline", counting_pipeline)
            single = []
            monkeypatch.setattr(shard, "publish", lambda *args: single.append(args))

            await layer.group_send_many(
                [(group, {"type": "frame", "event": "e", "data": {"n": group}}) for group in channels]
            )
            received = {
                group: await asyncio.wait_for(layer.receive(channel), 5)
                for group, channel in channels.items()
            }
            extra = await asyncio.wait_for(layer.receive(also), 5)
        finally:
            await layer.flush()
        return published, single, received, extra

    published, single, received, extra = asyncio.run(scenario())
    assert published == ["pipeline"] and single == []  # one pipelined round trip, no single PUBLISH
    assert received == {
        group: {"type": "frame", "event": "e", "data": {"n": group}}
        for group in ("g0", "g1", "g2", "g3", "g4")
    }
    assert extra == {"type": "frame", "event": "e", "data": {"n": "g0"}}


def test_send_many_uses_the_batch_and_never_raises(monkeypatch):
    from apps.notifications import realtime

    calls = []

    class Layer:
        async def group_send_many(self, deliveries):
            calls.append(deliveries)
            raise ConnectionError("redis is down")

    monkeypatch.setattr(realtime, "get_channel_layer", lambda: Layer())
    realtime.send_many([("a", {"type": "frame"}), ("b", {"type": "frame"})])  # logged, not raised
    assert calls == [[("a", {"type": "frame"}), ("b", {"type": "frame"})]]
