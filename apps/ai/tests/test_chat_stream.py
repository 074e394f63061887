"""POST /chat/stream: the reply streamed over ASGI while the model writes it (spec 09 section 2.2)."""

from __future__ import annotations

import httpx
import pytest

from apps.ai.landing_chat import STREAM_TROUBLE

BODY = {"channel": "landing-marketing", "messages": [{"role": "user", "content": "What is MYTE?"}]}
FALLBACK_START = "I’m MYTE Estates, the landing-page guide."


def stream_text(server, body=BODY) -> tuple[httpx.Response, str]:
    with httpx.Client(base_url=server.url, timeout=15) as client:
        with client.stream("POST", "/chat/stream", json=body) as response:
            text = "".join(response.iter_text())
    return response, text


@pytest.mark.usefixtures("openai_online")
def test_first_chunk_arrives_before_the_model_finishes(asgi_server, openai_online):
    openai_online.stream_chunks = ["Leases,", " rent", " and", " tickets."]
    openai_online.hold_last_chunk()
    with httpx.Client(base_url=asgi_server.url, timeout=15) as client:
        with client.stream("POST", "/chat/stream", json=BODY) as response:
            assert response.status_code == 200
            assert response.headers["content-type"] == "text/plain; charset=utf-8"
            assert response.headers["cache-control"] == "no-cache"
            assert response.headers["transfer-encoding"] == "chunked"
            chunks = response.iter_text()
            received = next(chunks)
            while len(received) < len("Leases, rent and"):
                received += next(chunks)
            # The client has the first words while the stand-in still holds the last one back.
            assert received == "Leases, rent and"
            assert not openai_online.last_chunk_sent.is_set()
            openai_online.release()
            received += "".join(chunks)
    assert received == "Leases, rent and tickets."
    sent = openai_online.requests[0][1]
    assert sent["stream"] is True and sent["model"] == "gpt-5.1"


@pytest.mark.usefixtures("openai_offline")
def test_without_a_key_the_fallback_is_streamed(asgi_server):
    response, text = stream_text(asgi_server)
    assert response.status_code == 200
    assert text.startswith(FALLBACK_START)
    assert "What is MYTE?" in text


def test_error_before_the_first_chunk_is_the_fallback(asgi_server, openai_online):
    openai_online.fail_status = 500
    _, text = stream_text(asgi_server)
    assert text.startswith(FALLBACK_START)


def test_error_while_streaming_appends_the_notice(asgi_server, openai_online):
    openai_online.stream_chunks = ["Owners", " get", " a calm", " workspace"]
    openai_online.stream_error_after = 2
    _, text = stream_text(asgi_server)
    assert text == "Owners get" + STREAM_TROUBLE


def test_bad_body_is_a_json_400(asgi_server):
    with httpx.Client(base_url=asgi_server.url, timeout=15) as client:
        response = client.post("/chat/stream", json={**BODY, "channel": "other"})
    assert response.status_code == 400
    assert response.json()["message"] == ["channel must be one of the following values: landing-marketing"]


@pytest.mark.usefixtures("openai_offline")
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume asynchronous iterators")
def test_stream_is_limited_to_ten_a_minute_per_client(api_client, settings):
    settings.RATE_LIMIT_ENABLED = True
    statuses = []
    for _ in range(11):
        response = api_client.post("/chat/stream", BODY, format="json")
        statuses.append(response.status_code)
        if response.status_code == 200:
            assert b"".join(response).decode().startswith(FALLBACK_START)  # served synchronously here
    assert statuses == [200] * 10 + [429]
