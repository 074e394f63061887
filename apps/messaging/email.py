"""Sending email: rendered from Django templates, delivered by the ``email`` queue.

``email_send`` only records the message (an outbox row in the caller's transaction); the job
renders ``templates/email/<template>/{subject.txt,body.txt,body.html}`` with the branding variables
of spec 00 section 15 and sends it through Django's email backend (SMTP when ``EMAIL_HOST`` or
``SMTP_HOST`` is set, the console otherwise).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from apps.core.jobs import enqueue
from apps.core.models import OutboxJob


def branding() -> dict[str, Any]:
    from django.utils import timezone

    return {
        "brand_name": settings.BRAND_NAME,
        "brand_logo_url": settings.BRAND_LOGO_URL,
        "brand_primary_color": settings.BRAND_PRIMARY_COLOR,
        "client_base_url": settings.CLIENT_BASE_URL.rstrip("/"),
        "app_base_url": settings.APP_BASE_URL.rstrip("/"),
        # The original's names (spec 08 section 4.2), and the year its footers expect.
        "brandName": settings.BRAND_NAME,
        "brandLogoUrl": settings.BRAND_LOGO_URL,
        "brandColor": settings.BRAND_PRIMARY_COLOR,
        "currentYear": timezone.now().year,
    }


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """``(subject, text, html)`` of a template with the branding variables.

    The HTML body is autoescaped; the subject and the text body are plain text and are not (an
    apostrophe in a name must not arrive as ``&#x27;``). A stored
    :class:`~apps.messaging.models.EmailTemplate` of that name wins over the files (see
    ``manage.py email_templates_backfill``).
    """
    from django.template import Context, engines

    engine = engines["django"].engine
    full = {**branding(), **context}
    stored = _stored_template(template)

    def plain(source: str | None, file_name: str) -> str:
        compiled = (
            engine.from_string(source) if source else engine.get_template(f"email/{template}/{file_name}")
        )
        return compiled.render(Context(full, autoescape=False))

    if stored is not None:
        subject = plain(stored.subject, "subject.txt")
        text = plain(stored.text or None, "body.txt")
        html = engine.from_string(stored.html).render(Context(full))
    else:
        subject = plain(None, "subject.txt")
        text = plain(None, "body.txt")
        html = render_to_string(f"email/{template}/body.html", full)
    return " ".join(subject.split()), text, html


def _stored_template(name: str):
    from django.db import DatabaseError

    from apps.messaging.models import EmailTemplate

    try:
        return EmailTemplate.objects.filter(name=name).first()
    except DatabaseError:  # table not migrated yet (first deploy): the files are the source
        return None


def email_send(*, to: str | list[str], template: str, context: dict[str, Any] | None = None) -> OutboxJob:
    """Queue a templated email; it is sent after the current transaction commits."""
    recipients = [to] if isinstance(to, str) else list(to)
    # Render now so that a missing template fails in the request, not silently in the worker.
    render_email(template, context or {})
    return enqueue(
        "apps.messaging.jobs.send_email_job",
        queue="email",
        to=recipients,
        template=template,
        context=context or {},
    )
