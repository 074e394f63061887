"""Offline ticket suggestions: a transcript's issues by keyword, as the voice prompt asks.

It follows the prompt's rules (spec 09 section 6): property and unit come from the context and
are never asked for; a vague but identifiable issue makes a ticket; only a message that names no
object at all is answered with a question; one ticket per distinct category; severity by the
prompt's priority rules, MEDIUM when nothing says otherwise.
"""

from __future__ import annotations

import re

CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "PLUMBING": (
        "sink",
        "toilet",
        "pipe",
        "drain",
        "leak",
        "leaking",
        "faucet",
        "tap",
        "shower",
        "water heater",
        "clogged",
        "flooding",
        "flood",
        "bathtub",
    ),
    "ELECTRICAL": (
        "outlet",
        "socket",
        "wiring",
        "breaker",
        "light",
        "lights",
        "electricity",
        "power",
        "switch",
        "sparks",
        "fuse",
    ),
    "HVAC": (
        "heating",
        "heater",
        "heat",
        "air conditioning",
        "ac",
        "a/c",
        "thermostat",
        "ventilation",
        "furnace",
        "cooling",
        "radiator",
        "boiler",
    ),
    "APPLIANCES": (
        "fridge",
        "refrigerator",
        "stove",
        "oven",
        "dishwasher",
        "washer",
        "dryer",
        "microwave",
        "washing machine",
    ),
    "STRUCTURAL": ("wall", "floor", "ceiling", "foundation", "door", "window", "roof", "stairs", "crack"),
    "PAINTING": ("paint", "painting", "peeling"),
    "CLEANING": ("cleaning", "dirty", "mold", "mould", "sanitation", "smell"),
    "PEST_CONTROL": (
        "bugs",
        "cockroach",
        "cockroaches",
        "mice",
        "mouse",
        "rats",
        "rodent",
        "rodents",
        "ants",
        "bed bugs",
        "termites",
        "infestation",
    ),
    "SECURITY": ("lock", "locks", "key", "keys", "alarm", "intercom", "security", "camera"),
}
URGENT_WORDS = (
    "gas",
    "fire",
    "smoke",
    "sparks",
    "flood",
    "flooding",
    "burst",
    "carbon monoxide",
    "major leak",
)
HIGH_WORDS = (
    "no heat",
    "no water",
    "no power",
    "no electricity",
    "no hot water",
    "not working",
    "no ac",
    "stopped working",
    "does not work",
    "doesn't work",
)
LOW_WORDS = ("paint", "cosmetic", "scratch", "trim", "peeling", "not urgent")

CLARIFY_TEXT = "Thanks for letting me know. What exactly is broken or not working, and where is it?"


def _has(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", text) is not None


def _priority(text: str) -> str:
    if any(_has(text, word) for word in URGENT_WORDS):
        return "URGENT"
    if any(_has(text, word) for word in HIGH_WORDS):
        return "HIGH"
    if any(_has(text, word) for word in LOW_WORDS):
        return "LOW"
    return "MEDIUM"


def suggest_tickets(*, messages: list[dict], user_context: dict) -> dict:
    said = " ".join(m.get("content", "") for m in messages if m.get("role") == "user").strip()
    lowered = said.lower()
    found: list[tuple[str, str]] = []
    for category, words in CATEGORY_KEYWORDS.items():
        hits = [word for word in words if _has(lowered, word)]
        if hits:
            found.append((category, hits[0]))
    if not found:
        return {"status": "clarifying", "response_text": CLARIFY_TEXT, "tickets": []}
    tickets = []
    for category, word in found:
        tickets.append(
            {
                "property_name": user_context.get("property_name"),
                "unit_number": user_context.get("unit_number"),
                "title": f"{category.replace('_', ' ').title()} issue: {word}",
                "description": said,
                "category": category,
                "priority": _priority(lowered),
            }
        )
    count = len(tickets)
    return {
        "status": "completed",
        "response_text": f"I have prepared {count} ticket{'s' if count > 1 else ''} for you to review and submit.",
        "tickets": tickets,
    }
