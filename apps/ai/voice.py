"""The voice ticket flow up to the draft (spec 07 section 3.2, spec 09 section 3).

:func:`voice_ticket_draft` sends the audio to the AI service's transcriber, then the transcript to its
assistant, and returns the suggestions for the client to submit with ``POST /maintenance/tickets``.
Nothing is stored. The route (``POST /maintenance/tickets/voice``) belongs to the maintenance app:
it loads the property and unit in the caller's scope (404 outside it), checks the create-ticket
policy, calls :func:`voice_audio_check` and this function, and answers
``201 {"success": true, "data": <the dict>}`` with the keys verbatim (snake_case, as the spec shows).
"""

from __future__ import annotations

import logging

from apps.ai.service_client import AIServiceError, post_file, post_json
from apps.core.exceptions import ApplicationError, BadRequest

logger = logging.getLogger("myte.ai")

TRANSCRIBE_PATH = "/voice-assistant/transcribe"
CHAT_PATH = "/voice-assistant/chat"
TRANSCRIBE_TIMEOUT_SECONDS = 60.0
CHAT_TIMEOUT_SECONDS = 30.0
MAX_AUDIO_BYTES = 10_000_000
AUDIO_TYPE_PREFIXES = (
    "audio/mpeg",
    "audio/mp3",
    "audio/wav",
    "audio/x-wav",
    "audio/wave",
    "audio/m4a",
    "audio/x-m4a",
    "audio/mp4",
    "audio/webm",
    "audio/ogg",
)
NOT_AUDIO = "File must be an audio file (mpeg, mp3, wav, m4a, webm, or ogg)"


class VoiceAssistantUnavailable(ApplicationError):
    status_code = 502
    default_message = "The voice assistant could not process the recording. Please try again."


def voice_audio_check(upload) -> None:
    """The spec's 400s for the ``audio_file`` field: present, an audio type, at most 10,000,000 bytes."""
    if upload is None:
        raise BadRequest(["audio_file should not be empty"])
    content_type = (getattr(upload, "content_type", "") or "").lower()
    if not content_type.startswith(AUDIO_TYPE_PREFIXES) or upload.size > MAX_AUDIO_BYTES:
        raise BadRequest(NOT_AUDIO)


def _number(value) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def voice_ticket_draft(
    *,
    audio,
    property_id: str,
    unit_id: str | None = None,
    property_name: str | None = None,
    unit_number: str | None = None,
) -> dict:
    """``{transcript, status, response_text, tickets, cost, property_id, unit_id}`` from a recording.

    ``audio`` is an uploaded file (``name``, ``content_type``, ``read()``). Raises
    :class:`VoiceAssistantUnavailable` (502) when either AI service call fails.
    """
    voice_audio_check(audio)
    audio.seek(0)
    try:
        transcription = post_file(
            TRANSCRIBE_PATH,
            filename=audio.name or "recording",
            data=audio.read(),
            content_type=audio.content_type,
            timeout=TRANSCRIBE_TIMEOUT_SECONDS,
        )
        transcript = str(transcription.get("text") or "")
        context = {
            key: value
            for key, value in (("property_name", property_name), ("unit_number", unit_number))
            if value
        }
        answer = post_json(
            CHAT_PATH,
            body={
                "messages": [{"role": "user", "content": transcript}],
                "user_context": context,
                "image_count": 0,
            },
            timeout=CHAT_TIMEOUT_SECONDS,
        )
    except AIServiceError as exc:
        logger.warning("Voice ticket flow failed: %s", exc)
        raise VoiceAssistantUnavailable() from exc
    tickets = answer.get("tickets") if isinstance(answer.get("tickets"), list) else []
    return {
        "transcript": transcript,
        "status": answer.get("status") or "completed",
        "response_text": answer.get("response_text") or "",
        "tickets": tickets,
        "cost": round(_number(transcription.get("cost")) + _number(answer.get("usage_cost")), 6),
        "property_id": str(property_id),
        "unit_id": str(unit_id) if unit_id else None,
    }
