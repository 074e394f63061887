"""Jobs of the ``email`` and ``sms`` queues (they run through :mod:`apps.core.jobs`), and the
scheduled SMS status refresh (slot ``refreshSmsStatuses`` of :mod:`myte.scheduler`)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from apps.messaging.email import render_email

logger = logging.getLogger("myte.email")
sms_logger = logging.getLogger("myte.sms")


def send_email_job(*, to: list[str], template: str, context: dict[str, Any]) -> None:
    subject, text, html = render_email(template, context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
    logger.info("Sent email %s to %s", template, ", ".join(to))


def refresh_sms_statuses(*, limit: int = 200) -> dict[str, int]:
    from apps.messaging.models import SmsMessage
    from apps.messaging.sms import sms_enabled, sms_refresh_status

    if not sms_enabled():
        return {"checked": 0, "delivered": 0}
    since = timezone.now() - timedelta(hours=24)
    rows = list(
        SmsMessage.objects.filter(
            created_at__gte=since,
            message_sid__isnull=False,
            status__in=[SmsMessage.Status.QUEUED, SmsMessage.Status.SENDING, SmsMessage.Status.SENT],
        ).order_by("created_at")[:limit]
    )
    delivered = 0
    for row in rows:
        try:
            sms_refresh_status(message=row)
        except Exception:  # noqa: BLE001 - one bad message does not stop the rest
            sms_logger.warning("Could not refresh SMS %s", row.pk, exc_info=True)
            continue
        delivered += row.status == SmsMessage.Status.DELIVERED
    return {"checked": len(rows), "delivered": delivered}
