"""Feedback entry JSON (spec 04 section 5.1)."""

from __future__ import annotations

from typing import Any

from apps.core.serializers import iso
from apps.marketing.models import FeedbackEntry


def feedback_to_dict(entry: FeedbackEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "_id": str(entry.pk),
        "user": str(entry.user_id),
        "user_email": entry.user_email,
        "priority": entry.priority,
        "conversation": [
            {"role": m.get("role"), "content": m.get("content"), "timestamp": m.get("timestamp")}
            for m in entry.conversation or []
        ],
        "status": entry.status,
    }
    if entry.analysis is not None:
        data["analysis"] = entry.analysis
    if entry.analyzed_at is not None:
        data["analyzed_at"] = iso(entry.analyzed_at)
    if entry.failure_reason:
        data["failure_reason"] = entry.failure_reason
    data.update(
        {"created_at": iso(entry.created_at), "updated_at": iso(entry.updated_at), "__v": entry.version}
    )
    return data
