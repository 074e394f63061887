"""OpenAI clients from settings, for every app that calls a model (spec 09, spec 04 feedback).

The official SDK, configured once: ``OPENAI_API_KEY``, ``OPENAI_BASE_URL`` (tests point it at the
local stand-in of ``tests/fixtures/openai_standin.py``), ``OPENAI_TIMEOUT_SECONDS``. Callers check
:func:`openai_configured` first and answer their documented fallback when it is false.
"""

from __future__ import annotations

from django.conf import settings
from openai import AsyncOpenAI, OpenAI

MAX_RETRIES = 1


def openai_configured() -> bool:
    return bool(settings.OPENAI_API_KEY)


def _options(max_retries: int) -> dict:
    return {
        "api_key": settings.OPENAI_API_KEY,
        "base_url": settings.OPENAI_BASE_URL or None,
        "timeout": settings.OPENAI_TIMEOUT_SECONDS,
        "max_retries": max_retries,
    }


def openai_client(*, max_retries: int = MAX_RETRIES) -> OpenAI:
    """``max_retries=0`` where a queue retries the job instead (the SDK would retry in place)."""
    return OpenAI(**_options(max_retries))


def async_openai_client(*, max_retries: int = MAX_RETRIES) -> AsyncOpenAI:
    return AsyncOpenAI(**_options(max_retries))
