"""Feedback classification: the model when configured, these documented rules otherwise.

Both functions always return a classification: any model error (timeout, bad JSON, no key) falls
back on the rules of spec 04 section 5, so every feedback entry is analysed, with or without a
paid API.

Analysis of in-app feedback (:func:`analyze_conversation`, spec 04 section 5.5), rules:

* summary - the latest user message (over 240 characters: its first 237 and ``...``), else
  "User shared general product feedback.";
* tags (user messages, at most 4) - rent/payment/invoice: Revenue Ops; maintenance/ticket/scope/
  work order: Maintenance; tenant/resident: Resident Experience; vendor/contractor: Vendor Ops;
  report/dashboard/insight: Insights; none: General Insight;
* action items (all messages, at most 3) - automation/manual/duplicate, ticket/maintenance/scope,
  tenant/resident/communication, report/dashboard/metric each give one item; none: a follow-up call;
* sentiment (latest user message) - frustrat/angry/upset/broken/awful: frustrated;
  love/excited/great/awesome/grateful: optimistic; else neutral;
* recommended priority - the entry's priority.

Landing chat classification (:func:`classify_landing`, spec 04 section 5.4): the transcript as the
summary (over 280 characters: first 277 and ``...``), tag "Landing Chat", neutral, MEDIUM, role
other, and the standard thank-you body.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from apps.marketing.feedback.llm import LlmUnavailable, feedback_model, llm_json

logger = logging.getLogger("myte.marketing")

PRIORITIES = ("LOW", "MEDIUM", "HIGH")
URGENT_WORDS = ("urgent", "blocker", "critical", "can't", "cannot", "down", "outage", "asap")

TAG_RULES = (
    (("rent", "payment", "invoice"), "Revenue Ops"),
    (("maintenance", "ticket", "scope", "work order"), "Maintenance"),
    (("tenant", "resident"), "Resident Experience"),
    (("vendor", "contractor"), "Vendor Ops"),
    (("report", "dashboard", "insight"), "Insights"),
)
ACTION_RULES = (
    (
        ("automation", "manual", "duplicate"),
        "Document the current workflow, flag repetitive steps, and spec automation opportunities.",
    ),
    (
        ("ticket", "maintenance", "scope"),
        "Audit maintenance SLAs and tighten intake → dispatch routing with better telemetry.",
    ),
    (
        ("tenant", "resident", "communication"),
        "Design a calmer notification plan with message templates and escalation paths.",
    ),
    (
        ("report", "dashboard", "metric"),
        "Capture the KPI definition, data source, and publish cadence for the requested insight.",
    ),
)
DEFAULT_ACTION = "Schedule a follow-up call to validate the workflow pain and co-design next steps."
FRUSTRATED = ("frustrat", "angry", "upset", "broken", "awful")
OPTIMISTIC = ("love", "excited", "great", "awesome", "grateful")

LANDING_SUMMARY = "User shared product feedback via landing chat."
LANDING_BODY = (
    "Thanks for taking the time to share feedback on MYTE Estates. We will review what you shared "
    "and fold it into how we shape the product."
)
SENTIMENTS = ("very_negative", "negative", "neutral", "positive", "very_positive")
ROLES = ("owner", "tenant", "service_provider", "other")

ANALYSIS_INSTRUCTIONS = (
    "You are a product feedback strategist for MYTE Estates, a property management platform. "
    "Read the conversation (JSON) and answer with a JSON object with the keys summary (string), "
    "action_items (array of strings), tags (array of strings), sentiment (string), "
    "recommended_priority (LOW, MEDIUM or HIGH) and escalation_risk (string)."
)
LANDING_INSTRUCTIONS = (
    "Classify this landing page chat with a prospect of MYTE Estates. Answer with a strict JSON "
    "object: summary (string), tags (array of strings), sentiment (very_negative, negative, "
    "neutral, positive or very_positive), primary_role (owner, tenant, service_provider or other), "
    "priority (LOW, MEDIUM or HIGH), user_email_body (3 to 6 friendly sentences thanking the user, "
    "without greeting or sign-off, dates, promises or advice)."
)


def _texts(conversation: list[dict], role: str | None = None) -> list[str]:
    return [str(m.get("content", "")) for m in conversation if role is None or m.get("role") == role]


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def derive_priority(conversation: list[dict]) -> str:
    """HIGH when a user message contains an urgent word (spec 04 section 5.1), else MEDIUM."""
    text = " ".join(_texts(conversation, "user")).lower()
    return "HIGH" if any(word in text for word in URGENT_WORDS) else "MEDIUM"


def heuristic_analysis(conversation: list[dict], priority: str | None) -> dict[str, Any]:
    user_messages = _texts(conversation, "user")
    latest = user_messages[-1].strip() if user_messages else ""
    user_text = " ".join(user_messages).lower()
    all_text = " ".join(_texts(conversation)).lower()
    tags = [tag for words, tag in TAG_RULES if any(word in user_text for word in words)][:4]
    actions = [item for words, item in ACTION_RULES if any(word in all_text for word in words)][:3]
    lowered = latest.lower()
    if any(word in lowered for word in FRUSTRATED):
        sentiment = "frustrated"
    elif any(word in lowered for word in OPTIMISTIC):
        sentiment = "optimistic"
    else:
        sentiment = "neutral"
    return {
        "summary": _truncate(latest, 240) if latest else "User shared general product feedback.",
        "action_items": actions or [DEFAULT_ACTION],
        "tags": tags or ["General Insight"],
        "sentiment": sentiment,
        "recommended_priority": priority or "MEDIUM",
    }


def _strings(value: Any) -> list[str]:
    return [str(item) for item in value if str(item).strip()] if isinstance(value, list) else []


def analyze_conversation(conversation: list[dict], priority: str | None) -> dict[str, Any]:
    """The analysis of an in-app feedback entry (``analysis`` of spec 04 section 1.4)."""
    fallback = heuristic_analysis(conversation, priority)
    try:
        answer = llm_json(
            model=feedback_model("gpt-4.1-mini"),
            instructions=ANALYSIS_INSTRUCTIONS,
            text=json.dumps(conversation, ensure_ascii=False),
            temperature=0.2,
        )
    except LlmUnavailable:
        return fallback
    except Exception:  # noqa: BLE001 - any model failure: the rules answer (spec 04 section 5.5)
        logger.warning("Feedback analysis by the model failed; using the rules", exc_info=True)
        return fallback
    recommended = str(answer.get("recommended_priority", "")).upper()
    analysis = {
        "summary": str(answer.get("summary") or "").strip() or fallback["summary"],
        "action_items": _strings(answer.get("action_items")),
        "tags": _strings(answer.get("tags")),
        "sentiment": str(answer.get("sentiment") or "neutral"),
        "recommended_priority": recommended if recommended in PRIORITIES else (priority or "MEDIUM"),
    }
    if answer.get("escalation_risk") not in (None, ""):
        analysis["escalation_risk"] = str(answer["escalation_risk"])
    return analysis


def transcript(conversation: list[dict]) -> str:
    return "\n".join(
        f"{'User' if m.get('role') == 'user' else 'MYTE Estates'}: {m.get('content', '')}"
        for m in conversation
    )


def classify_landing(conversation: list[dict]) -> dict[str, Any]:
    """The classification of a landing chat (spec 04 section 5.4 step 2)."""
    text = transcript(conversation)
    fallback = {
        "summary": _truncate(text, 280) if text.strip() else "User shared product feedback.",
        "tags": ["Landing Chat"],
        "sentiment": "neutral",
        "primary_role": "other",
        "priority": "MEDIUM",
        "user_email_body": LANDING_BODY,
    }
    try:
        answer = llm_json(
            model=feedback_model("gpt-4.1"),
            instructions=LANDING_INSTRUCTIONS,
            text=text,
            temperature=0.3,
            max_output_tokens=300,
        )
    except LlmUnavailable:
        return fallback
    except Exception:  # noqa: BLE001 - any model failure: the rules answer (spec 04 section 5.4)
        logger.warning("Landing chat classification by the model failed; using the rules", exc_info=True)
        return fallback
    sentiment = str(answer.get("sentiment") or "neutral")
    role = str(answer.get("primary_role") or "other")
    priority = str(answer.get("priority") or "MEDIUM").upper()
    return {
        "summary": str(answer.get("summary") or "").strip() or LANDING_SUMMARY,
        "tags": _strings(answer.get("tags")),
        "sentiment": sentiment if sentiment in SENTIMENTS else "neutral",
        "primary_role": role if role in ROLES else "other",
        "priority": priority if priority in PRIORITIES else "MEDIUM",
        "user_email_body": str(answer.get("user_email_body") or "").strip() or LANDING_BODY,
    }
