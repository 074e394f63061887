"""Emails that carry a credential (reset link, verification link and code, invitation link).

The raw token exists only in the email. Until the email job has run it also sits in the outbox
row's payload (the job needs it); :func:`send_credential_email` queues a job that, once the message
is sent, overwrites the listed ``context`` keys of its own row with ``[REDACTED]``. A job that keeps
failing keeps its payload for the retries; the token expires anyway (1 h, 24 h, 7 days).

Rendering and delivery are ``apps.messaging``'s (``render_email``, ``send_email_job``); only the
scrubbing is added here, so ``email_send`` keeps its signature.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from apps.core.db import atomic
from apps.core.jobs import enqueue
from apps.core.models import OutboxJob

REDACTED = "[REDACTED]"
TASK = "apps.accounts.emails.send_credential_email_job"


def send_credential_email(
    *, to: str, template: str, context: dict[str, Any], sensitive_keys: Iterable[str]
) -> OutboxJob:
    """Queue a templated email whose ``sensitive_keys`` are scrubbed from the job row once sent."""
    from apps.messaging.email import render_email

    # Render now, as ``email_send`` does: a missing template fails in the request.
    render_email(template, context)
    with atomic():
        return _enqueue_with_id(to=to, template=template, context=context, sensitive_keys=sensitive_keys)


def _enqueue_with_id(*, to: str, template: str, context: dict[str, Any], sensitive_keys) -> OutboxJob:
    job = enqueue(
        TASK, queue="email", to=[to], template=template, context=context, sensitive_keys=list(sensitive_keys)
    )
    # The job scrubs its own row, so it needs the row's id (written before the commit that
    # dispatches it).
    job.payload = {**job.payload, "job_id": str(job.pk)}
    OutboxJob.objects.filter(pk=job.pk).update(payload=job.payload)
    return job


def scrub_payload(payload: dict[str, Any], sensitive_keys: Iterable[str]) -> dict[str, Any]:
    context = dict(payload.get("context") or {})
    for key in sensitive_keys:
        if key in context:
            context[key] = REDACTED
    return {**payload, "context": context}


def send_credential_email_job(
    *, to: list[str], template: str, context: dict[str, Any], sensitive_keys: list[str], job_id: str = ""
) -> None:
    from apps.messaging.jobs import send_email_job

    send_email_job(to=to, template=template, context=context)
    if not job_id:
        return
    row = OutboxJob.objects.filter(pk=job_id).first()
    if row is not None:
        OutboxJob.objects.filter(pk=job_id).update(payload=scrub_payload(row.payload, sensitive_keys))
