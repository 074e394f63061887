"""Jobs of the ``email`` and ``sms`` queues. They run through :mod:`apps.core.jobs`."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from apps.messaging.email import render_email

logger = logging.getLogger("myte.email")


def send_email_job(*, to: list[str], template: str, context: dict[str, Any]) -> None:
    subject, text, html = render_email(template, context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
    logger.info("Sent email %s to %s", template, ", ".join(to))
