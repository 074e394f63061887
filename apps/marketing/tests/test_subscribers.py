"""Subscribers (spec 04 section 4): upserted from landing chat feedback, keyed by email."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from apps.marketing.feedback.services import subscriber_upsert_from_feedback
from apps.marketing.models import Subscriber

pytestmark = pytest.mark.django_db

VALUES = {
    "channel": "landing",
    "summary": "s",
    "tags": [f"t{i}" for i in range(9)],
    "action_items": ["a"] * 9,
}


def test_creates_then_updates_by_normalized_email():
    first = subscriber_upsert_from_feedback(email=" Ann@Example.COM ", name=" Ann ", sentiment=None, **VALUES)
    assert first.email == "ann@example.com" and first.name == "Ann" and first.last_sentiment == "neutral"
    assert len(first.tags) == 8 and len(first.last_action_items) == 8 and first.last_feedback_at is not None
    second = subscriber_upsert_from_feedback(
        email="ann@example.com", name="", sentiment="positive", **{**VALUES, "summary": "new"}
    )
    assert second.pk == first.pk and second.name == "Ann" and second.last_summary == "new"
    assert Subscriber.objects.count() == 1


def test_a_racing_insert_counts_as_success(monkeypatch):
    Subscriber.objects.create(email="race@example.com")

    def racing(*args, **kwargs):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(Subscriber.objects, "update_or_create", racing)
    subscriber = subscriber_upsert_from_feedback(
        email="race@example.com", name="R", sentiment="positive", **VALUES
    )
    assert subscriber.name == "R" and subscriber.last_sentiment == "positive"
    assert Subscriber.objects.count() == 1
