"""Feedback entries, the landing chat feedback and subscribers (spec 04 sections 4 and 5).

Classification never runs in a request: ``POST /feedback`` and ``POST /feedback/landing/auto``
write an outbox job on the ``feedback-analysis`` queue in their transaction (spec 04 open question
8); the jobs in :mod:`apps.marketing.jobs` classify, store and send the emails.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import ApplicationError
from apps.core.jobs import enqueue
from apps.core.serializers import iso
from apps.marketing.feedback.classifier import (
    analyze_conversation,
    classify_landing,
    derive_priority,
    transcript,
)
from apps.marketing.models import FeedbackEntry, FeedbackStatus, Subscriber
from apps.messaging.email import email_send

logger = logging.getLogger("myte.marketing")

QUEUE = "feedback-analysis"
JOB_ATTEMPTS = 3
HOURLY_LIMIT = 5
DAILY_LIMIT = 15


def _check_rate(user) -> None:
    now = timezone.now()
    entries = FeedbackEntry.objects.unscoped().filter(user_id=user.pk)
    if entries.filter(created_at__gte=now - timedelta(hours=1)).count() >= HOURLY_LIMIT:
        raise ApplicationError(
            f"You can only submit {HOURLY_LIMIT} feedback items per hour.", status_code=429
        )
    if entries.filter(created_at__gte=now - timedelta(hours=24)).count() >= DAILY_LIMIT:
        raise ApplicationError(f"You can only submit {DAILY_LIMIT} feedback items per day.", status_code=429)


@atomic
def feedback_create(*, user, conversation: list[dict], priority: str | None) -> FeedbackEntry:
    """``POST /feedback``: a PENDING entry and its ``analyze-feedback`` job (after commit)."""
    _check_rate(user)
    messages = [
        {"role": m["role"], "content": m["content"].strip(), "timestamp": iso(m["timestamp"])}
        for m in conversation
    ]
    entry = FeedbackEntry.objects.create(
        user=user,
        user_email=user.email,
        priority=priority or derive_priority(messages),
        conversation=messages,
        status=FeedbackStatus.PENDING,
    )
    enqueue(
        "apps.marketing.jobs.analyze_feedback_job",
        queue=QUEUE,
        max_attempts=JOB_ATTEMPTS,
        feedback_id=str(entry.pk),
    )
    return entry


def feedback_analyze(*, feedback_id: str) -> None:
    """The ``analyze-feedback`` processor (spec 04 section 5.5). Raises to have the job retried."""
    entry = FeedbackEntry.objects.unscoped().filter(pk=feedback_id).first()
    if entry is None:
        logger.warning("Feedback %s no longer exists; nothing to analyse", feedback_id)
        return
    FeedbackEntry.objects.unscoped().filter(pk=entry.pk).update(
        status=FeedbackStatus.PROCESSING, updated_at=timezone.now()
    )
    analysis = analyze_conversation(entry.conversation or [], entry.priority)
    try:
        with atomic():
            entry.analysis = analysis
            entry.priority = analysis.get("recommended_priority") or entry.priority or "MEDIUM"
            entry.status = FeedbackStatus.COMPLETED
            entry.analyzed_at = timezone.now()
            entry.failure_reason = None
            entry.save(update_fields=["analysis", "priority", "status", "analyzed_at", "failure_reason"])
    except Exception as exc:
        FeedbackEntry.objects.unscoped().filter(pk=entry.pk).update(
            status=FeedbackStatus.FAILED, failure_reason=str(exc)[:2000], updated_at=timezone.now()
        )
        raise


# -- landing chat ---------------------------------------------------------------------------------
@atomic
def landing_feedback_submit(*, email: str, channel: str, name: str | None, conversation: list[dict]) -> None:
    """``POST /feedback/landing/auto``: queue the whole processing (the response says so)."""
    enqueue(
        "apps.marketing.jobs.landing_feedback_job",
        queue=QUEUE,
        max_attempts=JOB_ATTEMPTS,
        email=email.strip().lower(),
        channel=channel,
        name=name or "",
        conversation=[{"role": m["role"], "content": m["content"]} for m in conversation],
    )


def subscriber_upsert_from_feedback(
    *,
    email: str,
    name: str | None,
    channel: str,
    summary: str,
    tags: list[str],
    action_items: list[str],
    sentiment: str | None,
) -> Subscriber:
    """Create or update the subscriber of ``email`` (spec 04 section 4); a racing insert is fine."""
    key = email.strip().lower()
    values: dict[str, Any] = {
        "last_channel": channel,
        "last_summary": summary,
        "tags": list(tags)[:8],
        "last_action_items": list(action_items)[:8],
        "last_sentiment": sentiment or "neutral",
        "last_feedback_at": timezone.now(),
    }
    if name and name.strip():
        values["name"] = name.strip()
    try:
        with atomic():
            subscriber, _ = Subscriber.objects.update_or_create(email=key, defaults=values)
    except IntegrityError:
        Subscriber.objects.filter(email=key).update(**values, updated_at=timezone.now())
        subscriber = Subscriber.objects.get(email=key)
    return subscriber


def landing_feedback_process(*, email: str, channel: str, name: str, conversation: list[dict]) -> None:
    """Classify, remember the subscriber, file an entry for a known user, send the emails.

    The model is asked before the transaction opens (a slow answer holds no database
    transaction); everything written after is atomic, so a retried job never files twice.
    """
    classification = classify_landing(conversation)
    now = timezone.now()
    with atomic():
        subscriber_upsert_from_feedback(
            email=email,
            name=name,
            channel=channel,
            summary=classification["summary"],
            tags=classification["tags"],
            action_items=[],
            sentiment=classification["sentiment"],
        )
        user = get_user_model().objects.unscoped().filter(email__iexact=email).first()
        if user is not None:
            FeedbackEntry.objects.create(
                user=user,
                user_email=user.email,
                priority=classification["priority"],
                conversation=[{**m, "timestamp": iso(now)} for m in conversation],
                status=FeedbackStatus.COMPLETED,
                analysis={
                    "summary": classification["summary"],
                    "action_items": [],
                    "tags": classification["tags"],
                    "sentiment": classification["sentiment"],
                    "recommended_priority": classification["priority"],
                },
                analyzed_at=now,
            )
        context = {
            "email": email,
            "name": name,
            "channel": channel,
            "summary": classification["summary"],
            "tags": classification["tags"],
            "sentiment": classification["sentiment"],
            "primary_role": classification["primary_role"],
            "priority": classification["priority"],
            "conversation": transcript(conversation),
        }
        if settings.FEEDBACK_INBOX_EMAIL:
            email_send(
                to=settings.FEEDBACK_INBOX_EMAIL, template="landing-chat-feedback-internal", context=context
            )
        email_send(
            to=email,
            template="landing-chat-feedback-confirmation",
            context={
                "email": email,
                "name": name,
                "body": classification["user_email_body"],
                "summary": classification["summary"],
            },
        )
