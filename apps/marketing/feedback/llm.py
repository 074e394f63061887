"""The one place the marketing app talks to OpenAI: a JSON answer through the Responses API.

The official SDK is pointed at ``OPENAI_BASE_URL`` when set (tests use a local stand-in server),
with the timeout of ``OPENAI_TIMEOUT_SECONDS`` and no SDK retries (the feedback queue retries).
Callers treat every failure as "no answer" and fall back on the offline classifier.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings


class LlmUnavailable(RuntimeError):
    """No ``OPENAI_API_KEY``, or the model gave no usable JSON object."""


def llm_configured() -> bool:
    return bool(settings.OPENAI_API_KEY)


def feedback_model(default: str) -> str:
    """``OPENAI_FEEDBACK_MODEL`` when set, else the use's own default (spec 04 sections 5.4, 5.5)."""
    return settings.OPENAI_FEEDBACK_MODEL or default


def llm_json(
    *, model: str, instructions: str, text: str, temperature: float, max_output_tokens: int | None = None
) -> dict[str, Any]:
    """Ask ``model`` for a JSON object; raises :class:`LlmUnavailable` or the SDK's errors."""
    if not llm_configured():
        raise LlmUnavailable("OPENAI_API_KEY is not set")
    from openai import OpenAI

    client = OpenAI(
        api_key=settings.OPENAI_API_KEY,
        base_url=settings.OPENAI_BASE_URL or None,
        timeout=settings.OPENAI_TIMEOUT_SECONDS,
        max_retries=0,
    )
    options: dict[str, Any] = {}
    if max_output_tokens:
        options["max_output_tokens"] = max_output_tokens
    response = client.responses.create(
        model=model,
        instructions=instructions,
        input=text,
        temperature=temperature,
        text={"format": {"type": "json_object"}},
        **options,
    )
    try:
        answer = json.loads(response.output_text or "")
    except ValueError as exc:
        raise LlmUnavailable("The model's answer is not JSON") from exc
    if not isinstance(answer, dict):
        raise LlmUnavailable("The model's answer is not a JSON object")
    return answer
