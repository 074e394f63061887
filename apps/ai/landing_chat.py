"""The landing-page chatbot: POST /chat, /chat/stream and /marketing-chat (spec 09 section 2).

One Responses API call with one text input (persona, landing context, the conversation, the closing
instruction). Without ``OPENAI_API_KEY``, with an empty reply or on any error, the reply is the
fallback text. The streamed variant yields the text deltas as they arrive.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from django.conf import settings

from apps.core.llm import async_openai_client, openai_client, openai_configured

logger = logging.getLogger("myte.ai")

DEFAULT_MAX_WORDS, MAX_WORDS_CAP = 500, 2000
DEFAULT_MAX_OUTPUT_TOKENS, MAX_OUTPUT_TOKENS_CAP = 1000, 4000
QUOTE_LIMIT = 280
STREAM_TROUBLE = "\n\n[I’m having trouble finishing this reply right now. You can try again in a moment.]"

PERSONA = """You are MYTE Estates (tagline: "Your Tech • Your Way"), a practical operations partner for
property owners, tenants and service providers. Speak conversationally, in short sentences and plain
language. Never use em dashes.

Principles:
- Data sovereignty: owners keep control of their data.
- Clarity: steps, lists and timelines over vague advice.
- Collaboration: owners, tenants and service pros work in one shared space.

What the app does today:
- Properties and units; roles for owners, staff, tenants and contractors.
- Leases and rent: lease records, rental periods, payments and deposits.
- Maintenance tickets with statuses OPEN, ASSIGNED, IN_PROGRESS, IN_REVIEW, DONE and CLOSED, with
  scopes of work, photos and invoices; vendor assignment.
- A tenant portal; threaded communications; KPIs; media stored on S3 or locally; email over SMTP.

Security posture: short-lived access tokens with HttpOnly refresh cookies, a CSRF double token,
role policies (LandlordAdmin, LandlordStaff, Tenant, Contractor, SuperAdmin), isolation per
organization, Argon2 password hashing, rate limiting and CORS.

Infrastructure: an API with a database, Redis-backed queues, a web frontend, S3 storage and OpenAI.

In chat: when a question is vague, ask a couple of clarifying questions; propose one to three next
steps; offer copyable templates when useful; use light Markdown. You are not a lawyer, tax advisor
or engineer, and you do not speculate about anyone's private life."""

LANDING_CONTEXT = """Context: the visitor is on the landing page, exploring the product. Explain what
exists today and how the free shared workspace tier fits their situation. Do not promise custom work;
invite them to book a call for that. You cannot access or change any live data. No em dashes. Keep
formatting short, with light Markdown.
Aim for about {max_words} words unless the user asks for more."""

CLOSING = "Respond as MYTE Estates in a concise, friendly tone."

FALLBACK_BODY = (
    "• Owners get a calm workspace for leases, rent, tickets, and vendors.\n"
    "• Tenants get a simple way to submit issues and see status.\n"
    "• Service pros see scoped jobs, not your whole portfolio.\n"
    "• The shared product is free for land owners, with optional deeper automation later."
)


def bounded(value, *, default: int, cap: int) -> int:
    """A positive number (numeric strings too), capped; anything else is the default."""
    if isinstance(value, bool):
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    if number != number or number <= 0:  # NaN or not positive
        return default
    return int(min(number, cap))


def fallback_text(messages: list[dict]) -> str:
    text = "I’m MYTE Estates, the landing-page guide. I can’t reach the full AI stack right now, but here’s the high-level idea:\n\n"
    latest = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), None)
    if latest:
        text += f"You asked:\n“{latest[:QUOTE_LIMIT]}”\n\n"
    return text + FALLBACK_BODY


def build_prompt(messages: list[dict], *, max_words: int) -> str:
    lines = [f"{'User' if m['role'] == 'user' else 'Assistant'}: {m['content']}" for m in messages]
    return "\n\n".join(
        [
            PERSONA,
            LANDING_CONTEXT.format(max_words=max_words),
            "Conversation so far:\n" + "\n".join(lines),
            CLOSING,
        ]
    )


def _request(messages: list[dict], max_words, max_output_tokens) -> dict:
    words = bounded(max_words, default=DEFAULT_MAX_WORDS, cap=MAX_WORDS_CAP)
    tokens = bounded(max_output_tokens, default=DEFAULT_MAX_OUTPUT_TOKENS, cap=MAX_OUTPUT_TOKENS_CAP)
    return {
        "model": settings.OPENAI_MARKETING_MODEL,
        "input": build_prompt(messages, max_words=words),
        "max_output_tokens": tokens,
    }


def chat_reply(*, messages: list[dict], max_words=None, max_output_tokens=None) -> str:
    """The chatbot's reply to the conversation (``messages`` oldest first)."""
    if not openai_configured():
        return fallback_text(messages)
    try:
        with openai_client() as client:
            response = client.responses.create(**_request(messages, max_words, max_output_tokens))
        reply = (response.output_text or "").strip()
    except Exception as exc:  # noqa: BLE001 - any model error is answered with the fallback text
        logger.warning("Landing chat failed: %r", exc)
        return fallback_text(messages)
    return reply or fallback_text(messages)


class StreamFailed(Exception):
    pass


async def chat_reply_stream(
    *, messages: list[dict], max_words=None, max_output_tokens=None
) -> AsyncIterator[str]:
    """The reply's text deltas as the model produces them.

    No key, or a failure before the first delta: the fallback text as one chunk. A failure after it:
    the trouble notice, then the end.
    """
    if not openai_configured():
        yield fallback_text(messages)
        return
    sent_any = False
    try:
        async with async_openai_client() as client:
            stream = await client.responses.create(
                **_request(messages, max_words, max_output_tokens), stream=True
            )
            async for event in stream:
                if event.type == "response.output_text.delta" and event.delta:
                    sent_any = True
                    yield event.delta
                elif event.type in ("error", "response.failed"):
                    raise StreamFailed(event.type)
    except Exception as exc:  # noqa: BLE001 - the client always gets a readable ending
        logger.warning("Landing chat stream failed: %r", exc)
        yield STREAM_TROUBLE if sent_any else fallback_text(messages)
        return
    if not sent_any:
        yield fallback_text(messages)
