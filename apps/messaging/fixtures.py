"""pytest fixtures shared by the messaging, notifications and chat tests (the SMTP sink and the
Redis servers are the project-wide ones of ``tests/fixtures/services.py``)."""

from __future__ import annotations

import pytest

from apps.messaging.testing import TwilioStandIn


@pytest.fixture
def twilio(settings):
    """A local Twilio API; TWILIO_ENABLED with fake credentials and TWILIO_BASE_URL at it."""
    stand_in = TwilioStandIn().start()
    settings.TWILIO_ENABLED = True
    settings.TWILIO_ACCOUNT_SID = "AC" + "0" * 32
    settings.TWILIO_AUTH_TOKEN = "test-token"
    settings.TWILIO_PHONE_NUMBER = "+15550000000"
    settings.TWILIO_BASE_URL = stand_in.base_url
    yield stand_in
    stand_in.stop()


@pytest.fixture
def redis_server(private_redis_server):
    """A Redis of this test alone (see ``private_redis_server``): never the shared db 15, which
    other test runs flush."""
    return private_redis_server


@pytest.fixture
def private_redis(private_redis_server):
    """A redis-server of this test alone, on a free port: it can be stopped and restarted."""
    return private_redis_server
