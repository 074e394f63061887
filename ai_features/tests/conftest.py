"""Fixtures of the AI service's tests: an app client, invoices and speech made on the spot.

The service needs no Django; these tests run under the repository's pytest configuration and use
the shared OpenAI stand-in (``tests/fixtures/openai_standin.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from fastapi.testclient import TestClient

from ai_features.app import create_app
from ai_features.security import SECRET_HEADER

SECRET = "test-shared-secret"


@pytest.fixture
def offline(monkeypatch):
    """No OpenAI key: the local models answer."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("AI_SERVICE_SECRET", SECRET)


@pytest.fixture
def online(monkeypatch, openai_standin):
    """A key, and the SDK pointed at the local stand-in."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_standin.base_url)
    monkeypatch.setenv("AI_SERVICE_SECRET", SECRET)
    return openai_standin


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(), headers={SECRET_HEADER: SECRET})


def invoice_pdf(body_html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html><body style='font-family: sans-serif'>{body_html}</body></html>").write_pdf()


def _require(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        message = f"{binary} is not installed (apt-get install espeak-ng sox)"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must provide it)")
        pytest.skip(message)
    return path


@pytest.fixture
def speech(tmp_path):
    """``speech("words")`` -> 16 kHz mono WAV bytes of espeak-ng saying them."""

    def make(words: str) -> bytes:
        espeak, sox = _require("espeak-ng"), _require("sox")
        raw, wav = tmp_path / "raw.wav", tmp_path / "speech.wav"
        subprocess.run([espeak, "-v", "en-us", "-s", "150", "-w", str(raw), words], check=True)  # noqa: S603
        subprocess.run([sox, str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav)], check=True)  # noqa: S603
        return wav.read_bytes()

    return make
