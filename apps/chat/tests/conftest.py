import pytest

from apps.chat.tests.factories import Community


@pytest.fixture
def community(db):
    return Community()


@pytest.fixture
def other_community(db):
    return Community()


from apps.messaging.fixtures import redis_server, smtp_sink  # noqa: E402, F401
