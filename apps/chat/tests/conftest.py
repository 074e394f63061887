import pytest

from apps.chat.tests.factories import Community
from apps.media.tests.conftest import moto_endpoint, s3  # noqa: F401 - the media app's S3 stand-in


@pytest.fixture
def community(db):
    return Community()


@pytest.fixture
def other_community(db):
    return Community()


@pytest.fixture(autouse=True)
def _media_roots(settings, tmp_path):
    """Public and private media folders of this test alone; local links are absolute."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.MEDIA_PRIVATE_ROOT = tmp_path / "uploads-private"
    settings.MEDIA_DEFAULT_DISK = "local"
    settings.APP_BASE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _in_memory_channel_layer(settings):
    """In-process socket tests never share a channel layer with other runs, even when the
    environment sets ``REDIS_URL``; the real Redis layer is covered by ``test_e2e_asgi`` with a
    private ``redis-server``."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
