"""Jobs of the ``feedback-analysis`` queue (spec 04 section 5.5), run through the outbox.

They run inside the system scope (:func:`apps.core.jobs.run_outbox_job`) and are safe to run again:
the analysis overwrites its own result, the landing processing writes atomically.
"""

from __future__ import annotations

from apps.marketing.feedback.services import feedback_analyze, landing_feedback_process


def analyze_feedback_job(*, feedback_id: str) -> None:
    """``analyze-feedback``: classify one feedback entry."""
    feedback_analyze(feedback_id=feedback_id)


def landing_feedback_job(*, email: str, channel: str, name: str, conversation: list[dict]) -> None:
    """Classify a landing chat, remember the subscriber and send the confirmation emails."""
    landing_feedback_process(email=email, channel=channel, name=name, conversation=conversation)
