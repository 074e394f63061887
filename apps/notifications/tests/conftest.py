import pytest

from apps.messaging.fixtures import private_redis, redis_server, twilio  # noqa: F401


@pytest.fixture(autouse=True)
def _in_memory_channel_layer(settings):
    """Pushes stay in this process even when the environment sets ``REDIS_URL``."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
