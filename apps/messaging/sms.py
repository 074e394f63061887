"""SMS through Twilio (spec 08 section 5), logged as :class:`SmsMessage` rows.

``sms_queue`` records the message in the outbox (queue ``sms``) and returns at once;
``sms_send`` sends now. With ``TWILIO_ENABLED`` off (the embedded mode) nothing leaves the process:
the message is logged to the console and the result is ``{success: False, error: "SMS is
disabled"}`` as in the original. ``TWILIO_BASE_URL`` points the SDK at another host (a local
stand-in in tests) through its HTTP client.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone

from apps.core.jobs import enqueue
from apps.core.models import OutboxJob
from apps.messaging.models import SmsMessage

logger = logging.getLogger("myte.sms")

TWILIO_API = "https://api.twilio.com"


def _http_client():
    from twilio.http.http_client import TwilioHttpClient

    base = (settings.TWILIO_BASE_URL or "").rstrip("/")

    class BaseUrlHttpClient(TwilioHttpClient):
        """Sends the SDK's requests to ``TWILIO_BASE_URL`` instead of api.twilio.com."""

        def request(self, method, url, *args, **kwargs):
            if base and url.startswith(TWILIO_API):
                url = base + url[len(TWILIO_API) :]
            return super().request(method, url, *args, **kwargs)

    return BaseUrlHttpClient(timeout=15)


def twilio_client():
    from twilio.rest import Client

    return Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=_http_client())


def sms_enabled() -> bool:
    return bool(settings.TWILIO_ENABLED and settings.TWILIO_ACCOUNT_SID and settings.TWILIO_AUTH_TOKEN)


def sms_send(
    *,
    to: str | list[str],
    body: str,
    media_url: list[str] | None = None,
    status_callback: str | None = None,
    user_id: str | None = None,
    message_type: str = "",
    idempotency_key: str | None = None,
) -> list[dict[str, Any]]:
    """Send one message per recipient now; returns ``[{success, messageSid?, status?, error?, to}]``."""
    recipients = [to] if isinstance(to, str) else list(to)
    results = []
    for index, number in enumerate(recipients):
        key = f"{idempotency_key}:{index}" if idempotency_key else None
        results.append(_send_one(number, body, media_url or [], status_callback, user_id, message_type, key))
    return results


def _send_one(to, body, media_url, status_callback, user_id, message_type, key) -> dict[str, Any]:
    if key:
        done = SmsMessage.objects.filter(idempotency_key=key).exclude(status=SmsMessage.Status.FAILED).first()
        if done is not None:
            return {"success": True, "messageSid": done.message_sid, "status": done.status, "to": to}
    if not sms_enabled():
        logger.info("SMS (disabled, console only) to %s: %s", to, body)
        return {"success": False, "error": "SMS is disabled", "to": to}
    record, _ = (
        SmsMessage.objects.update_or_create(
            idempotency_key=key,
            defaults={
                "user_id": user_id,
                "to": to,
                "body": body,
                "from_number": settings.TWILIO_PHONE_NUMBER or "",
                "media_url": media_url,
                "status": SmsMessage.Status.SENDING,
                "message_type": message_type,
            },
        )
        if key
        else (
            SmsMessage.objects.create(
                user_id=user_id,
                to=to,
                body=body,
                from_number=settings.TWILIO_PHONE_NUMBER or "",
                media_url=media_url,
                status=SmsMessage.Status.SENDING,
                message_type=message_type,
            ),
            True,
        )
    )
    try:
        options: dict[str, Any] = {"to": to, "from_": settings.TWILIO_PHONE_NUMBER, "body": body}
        if media_url:
            options["media_url"] = media_url
        if status_callback:
            options["status_callback"] = status_callback
        message = twilio_client().messages.create(**options)
    except Exception as exc:  # noqa: BLE001 - recorded on the row; the job layer retries
        record.status = SmsMessage.Status.FAILED
        record.error_code = str(getattr(exc, "code", "") or "")
        record.error_message = str(getattr(exc, "msg", None) or exc)[:2000]
        record.save(update_fields=["status", "error_code", "error_message"])
        logger.warning("SMS to %s failed: %s", to, record.error_message)
        return {"success": False, "error": record.error_message, "to": to}
    record.message_sid = message.sid
    record.status = _status(message.status)
    record.sent_at = timezone.now()
    record.save(update_fields=["message_sid", "status", "sent_at"])
    return {"success": True, "messageSid": message.sid, "status": message.status, "to": to}


def _status(value: str | None) -> str:
    known = {choice for choice, _ in SmsMessage.Status.choices}
    if value in known:
        return value
    return SmsMessage.Status.SENT if value in ("accepted", "scheduled", None) else SmsMessage.Status.QUEUED


def sms_refresh_status(*, message: SmsMessage) -> SmsMessage:
    """Re-read a message's status from Twilio (``delivered`` sets ``deliveredAt``)."""
    if not message.message_sid or not sms_enabled():
        return message
    remote = twilio_client().messages(message.message_sid).fetch()
    message.status = _status(remote.status)
    if message.status == SmsMessage.Status.DELIVERED and message.delivered_at is None:
        message.delivered_at = timezone.now()
    message.save(update_fields=["status", "delivered_at"])
    return message


def sms_queue(
    *,
    to: str | list[str],
    body: str,
    user_id: str | None = None,
    message_type: str = "",
    media_url: list[str] | None = None,
    max_attempts: int = 3,
) -> OutboxJob:
    """Record an SMS in the outbox (queue ``sms``); it is sent after the transaction commits."""
    return enqueue(
        "apps.messaging.sms.send_sms_job",
        queue="sms",
        max_attempts=max_attempts,
        to=to,
        body=body,
        user_id=user_id,
        message_type=message_type,
        media_url=media_url or [],
        idempotency_key=uuid.uuid4().hex,
    )


def send_sms_job(*, to, body, user_id=None, message_type="", media_url=None, idempotency_key=None) -> None:
    """Job of the ``sms`` queue: raises when Twilio refused, so the outbox retries."""
    results = sms_send(
        to=to,
        body=body,
        user_id=user_id,
        message_type=message_type,
        media_url=media_url,
        idempotency_key=idempotency_key,
    )
    failures = [r for r in results if not r["success"] and r.get("error") != "SMS is disabled"]
    if failures:
        raise RuntimeError("; ".join(f"{r['to']}: {r['error']}" for r in failures))


def verification_code_text(code: str, minutes: int = 10) -> str:
    brand = settings.BRAND_NAME
    return (
        f"Your {brand} verification code is: {code}. This code expires in {minutes} minutes. "
        "Do not share this code with anyone."
    )
