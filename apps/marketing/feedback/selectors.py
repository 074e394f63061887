"""Reads of the feedback routes: each user's own entries (one query)."""

from __future__ import annotations

from uuid import UUID

from apps.marketing.models import FeedbackEntry


def feedback_list(*, user_id: UUID, limit: int) -> list[FeedbackEntry]:
    """The user's newest ``limit`` entries (the scoped manager adds the same condition)."""
    return list(FeedbackEntry.objects.filter(user_id=user_id).order_by("-created_at", "-id")[:limit])
