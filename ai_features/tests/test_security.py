"""The service is never callable anonymously when exposed (spec 09 open question 7)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ai_features.app import create_app
from ai_features.security import SECRET_HEADER

BODY = {"messages": [{"role": "user", "content": "sink"}], "user_context": {}, "image_count": 0}


def test_wrong_or_missing_secret_is_refused(offline):
    anonymous = TestClient(create_app())
    assert anonymous.post("/voice-assistant/chat", json=BODY).status_code == 401
    wrong = TestClient(create_app(), headers={SECRET_HEADER: "nope"})
    response = wrong.post("/invoice-classifier/parse-and-classify-invoice", files={"file": ("a.pdf", b"x")})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or missing service secret"}


def test_without_a_secret_only_loopback_clients_are_served(monkeypatch):
    monkeypatch.delenv("AI_SERVICE_SECRET", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    remote = TestClient(create_app(), client=("203.0.113.9", 5000))
    assert remote.post("/voice-assistant/chat", json=BODY).status_code == 401
    local = TestClient(create_app(), client=("127.0.0.1", 5000))
    assert local.post("/voice-assistant/chat", json=BODY).status_code == 200


def test_health_is_open():
    assert TestClient(create_app()).get("/health").json() == {"status": "ok"}
