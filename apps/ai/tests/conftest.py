"""Fixtures of the AI routes' tests: the real AI service and the real ASGI app on local ports."""

from __future__ import annotations

import threading
import time

import pytest

from ai_features.tests.conftest import invoice_pdf, speech  # noqa: F401 - shared with the service tests
from tests.fixtures.services import find_free_port

SERVICE_SECRET = "api-to-ai-secret"


class ThreadedUvicorn:
    """An ASGI app served by uvicorn in a daemon thread on a free 127.0.0.1 port."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = find_free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ThreadedUvicorn:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def ai_service(settings, monkeypatch):
    """The AI service (``ai_features``) running offline, reached through ``AI_ENDPOINT``."""
    from ai_features.app import create_app

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("AI_SERVICE_SECRET", SERVICE_SECRET)
    with ThreadedUvicorn(create_app()) as server:
        settings.AI_ENDPOINT = server.url
        settings.AI_SERVICE_SECRET = SERVICE_SECRET
        yield server


@pytest.fixture
def ai_service_online(ai_service, monkeypatch, openai_standin):
    """The AI service with an OpenAI key, its SDK pointed at the stand-in."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-service")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_standin.base_url)
    return openai_standin


@pytest.fixture
def openai_online(settings, openai_standin):
    """The main API's OpenAI settings pointed at the stand-in."""
    settings.OPENAI_API_KEY = "sk-api"
    settings.OPENAI_BASE_URL = openai_standin.base_url
    return openai_standin


@pytest.fixture
def openai_offline(settings):
    settings.OPENAI_API_KEY = None
    settings.OPENAI_BASE_URL = None


@pytest.fixture
def asgi_server():
    """The project's ASGI application (HTTP through Django) served by uvicorn."""
    from myte.asgi import application

    with ThreadedUvicorn(application) as server:
        yield server
