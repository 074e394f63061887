"""The service's configuration, read from the environment on every request (tests change it)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from openai import OpenAI

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ServiceSettings:
    openai_api_key: str
    openai_base_url: str | None
    openai_timeout: float
    shared_secret: str
    invoice_model: str
    voice_model: str

    @property
    def has_openai(self) -> bool:
        return bool(self.openai_api_key)

    def openai_client(self) -> OpenAI:
        """The official SDK's client; ``OPENAI_BASE_URL`` points it at a stand-in in tests."""
        return OpenAI(
            api_key=self.openai_api_key,
            base_url=self.openai_base_url or None,
            timeout=self.openai_timeout,
            max_retries=0,
        )


def load_settings() -> ServiceSettings:
    env = os.environ
    return ServiceSettings(
        openai_api_key=env.get("OPENAI_API_KEY", "").strip(),
        openai_base_url=env.get("OPENAI_BASE_URL", "").strip() or None,
        openai_timeout=float(env.get("OPENAI_TIMEOUT_SECONDS", "25") or 25),
        shared_secret=env.get("AI_SERVICE_SECRET", "").strip(),
        invoice_model=env.get("AI_INVOICE_MODEL", "").strip() or "gpt-4o-mini",
        voice_model=env.get("AI_VOICE_MODEL", "").strip() or "gpt-4o",
    )
