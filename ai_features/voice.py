"""POST /voice-assistant/transcribe and /voice-assistant/chat (spec 09 sections 5 and 6).

With ``OPENAI_API_KEY``: Whisper (``whisper-1``) and a JSON-mode Chat Completions call. Without:
pocketsphinx (:mod:`ai_features.speech`) for WAV audio and keyword rules
(:mod:`ai_features.ticket_rules`) for the ticket suggestions.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, UploadFile
from pydantic import BaseModel

from ai_features.config import MAX_UPLOAD_BYTES, load_settings
from ai_features.speech import UnreadableAudio, transcribe_wav, wav_duration_seconds
from ai_features.ticket_rules import CATEGORY_KEYWORDS, suggest_tickets

router = APIRouter(tags=["voice-assistant"])

WHISPER_PRICE_PER_MINUTE = 0.006
PROMPT_PRICE_PER_MILLION = 2.50
COMPLETION_PRICE_PER_MILLION = 10.00
CATEGORIES = (*CATEGORY_KEYWORDS, "GENERAL", "OTHER")


class ChatMessage(BaseModel):
    role: str
    content: str


class VoiceChatRequest(BaseModel):
    messages: list[ChatMessage]
    user_context: dict
    image_count: int


def system_prompt(user_context: dict, image_count: int) -> str:
    return f"""You are a friendly, efficient building-manager assistant who turns a tenant's words into
maintenance tickets.
Context (known, never ask for it; copy property_name and unit_number into every ticket):
{json.dumps(user_context)}
Rules:
- Keep clarification minimal. Accept vague but identifiable issues ("the sink leaks"). Ask a question
  only when the object is completely unknown ("it is broken"). Default severity to MEDIUM or LOW
  instead of asking.
- Create one ticket per distinct issue. Set status "completed" as soon as a ticket exists, unless the
  user says they want to add more.
- Priority: URGENT = threat to safety or health (gas, fire, major leak, flooding); HIGH = loss of
  function (no AC, heat, water or electricity); MEDIUM = inconvenience (broken appliance, minor leak,
  noisy neighbours); LOW = cosmetic (paint, trim, non-urgent).
- Category, one of: PLUMBING (pipes, drains, toilets, sinks, leaks), ELECTRICAL (wiring, outlets,
  lights, breakers), HVAC (heating, cooling, ventilation, thermostats), APPLIANCES (fridge, stove,
  dishwasher, washer/dryer), STRUCTURAL (walls, floors, ceilings, foundations, doors, windows),
  PAINTING, CLEANING (cleaning, sanitation), PEST_CONTROL (bugs, rodents, infestations), SECURITY
  (locks, security systems, access), GENERAL, OTHER.
- The user attached {image_count} image(s); mention them in the ticket description when relevant.
Answer with a JSON object: {{"status": "clarifying" | "completed", "response_text": "...",
"tickets": [{{"property_name", "unit_number", "title", "description", "category", "priority"}}]}}"""


@router.post("/transcribe")
def transcribe(file: Annotated[UploadFile, File()]) -> dict:
    settings = load_settings()
    data = file.file.read(MAX_UPLOAD_BYTES + 1)
    if not data:
        raise HTTPException(status_code=400, detail="The uploaded file is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(status_code=413, detail="File size exceeds the maximum limit of 10MB.")
    seconds = wav_duration_seconds(data)
    if not settings.has_openai:
        try:
            text = transcribe_wav(data)
        except UnreadableAudio as exc:
            raise HTTPException(
                status_code=400,
                detail="Offline transcription reads WAV (PCM) audio only; set OPENAI_API_KEY for other formats.",
            ) from exc
        return {"text": text, "cost": 0.0}
    try:
        result = settings.openai_client().audio.transcriptions.create(
            model="whisper-1", file=(file.filename or "audio.wav", data, file.content_type or "audio/wav")
        )
    except Exception as exc:  # noqa: BLE001 - the spec answers any transcription error with a 500
        raise HTTPException(status_code=500, detail=f"Transcription failed: {exc}") from exc
    cost = (seconds / 60.0) * WHISPER_PRICE_PER_MINUTE if seconds else 0.0
    return {"text": result.text, "cost": round(cost, 6)}


def _normalize(ticket: dict) -> dict:
    category = str(ticket.get("category") or "").upper()
    return {**ticket, "category": category if category in CATEGORIES else "OTHER"}


@router.post("/chat")
def chat(body: VoiceChatRequest) -> dict:
    settings = load_settings()
    messages = [message.model_dump() for message in body.messages]
    if not settings.has_openai:
        result = suggest_tickets(messages=messages, user_context=body.user_context)
        return {**result, "usage_cost": 0.0}
    try:
        completion = settings.openai_client().chat.completions.create(
            model=settings.voice_model,
            temperature=0,
            response_format={"type": "json_object"},
            messages=[
                {"role": "system", "content": system_prompt(body.user_context, body.image_count)},
                *messages,
            ],
        )
        answer = json.loads(completion.choices[0].message.content or "{}")
    except Exception as exc:  # noqa: BLE001 - the spec answers any model error with a 500
        raise HTTPException(status_code=500, detail=f"Assistant failed: {exc}") from exc
    if not isinstance(answer, dict):
        answer = {}
    usage = completion.usage
    cost = 0.0
    if usage is not None:
        cost = (usage.prompt_tokens / 1e6) * PROMPT_PRICE_PER_MILLION + (
            usage.completion_tokens / 1e6
        ) * COMPLETION_PRICE_PER_MILLION
    tickets = answer.get("tickets") if isinstance(answer.get("tickets"), list) else []
    return {
        "status": answer.get("status") or "completed",
        "response_text": answer.get("response_text") or "",
        "tickets": [_normalize(ticket) for ticket in tickets if isinstance(ticket, dict)],
        "usage_cost": round(cost, 6),
    }
