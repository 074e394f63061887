"""Stripe webhooks, beyond the original (which has none: spec 05 open question 14).

``POST /payments/webhook/<landlordId>``: the ``Stripe-Signature`` header is verified by the SDK
with that landlord's webhook secret; each event id is recorded once in :class:`StripeEvent`
(a replay or a duplicate delivery finds it and changes nothing). Events drive the transaction
named by the intent's ``metadata.transactionId`` (of that landlord only):
``payment_intent.succeeded`` marks it PAID through the same function as ``/confirm``;
``payment_intent.payment_failed`` / ``payment_intent.canceled`` record the attempt on an
unpaid transaction. Out-of-order delivery is harmless: a PAID transaction never goes back.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import stripe
from django.db import IntegrityError
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest
from apps.core.ids import is_uuid
from apps.leases.models import Transaction
from apps.payments import gateway, services
from apps.payments.models import StripeEvent, StripeEventStatus
from apps.payments.settings_services import config_for_landlord

logger = logging.getLogger("myte.payments")

HANDLED = ("payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled")
BAD_SIGNATURE = "Webhook signature verification failed"


def webhook_receive(*, landlord_id: str, payload: bytes, signature: str | None) -> dict[str, Any]:
    config = config_for_landlord(landlord_id) if is_uuid(landlord_id) else None
    if config is None or not config.webhook_secret:
        raise BadRequest(BAD_SIGNATURE)
    try:
        event = gateway.event_from_webhook(payload, signature, config.webhook_secret.reveal())
    except (ValueError, stripe.SignatureVerificationError) as exc:
        logger.info("Rejected a Stripe webhook for %s: %s", landlord_id, type(exc).__name__)
        raise BadRequest(BAD_SIGNATURE) from exc
    try:
        with atomic():
            outcome = _apply(event, landlord_id=config.landlord_id)
    except IntegrityError:
        # A concurrent delivery of the same event recorded it first.
        return {"received": True, "duplicate": True}
    return {"received": True, **outcome}


def _apply(event, *, landlord_id) -> dict[str, Any]:
    if StripeEvent.objects.filter(event_id=event.id).exists():
        return {"duplicate": True}
    record = StripeEvent.objects.create(
        event_id=event.id,
        event_type=event.type,
        landlord_id=landlord_id,
        status=StripeEventStatus.PENDING,
        metadata={
            "livemode": bool(gateway.field(event, "livemode")),
            "created": gateway.field(event, "created"),
        },
    )
    result = "ignored"
    if event.type in HANDLED:
        intent = event.data.object
        tx = _transaction_of(intent, landlord_id=landlord_id)
        if tx is None:
            result = "unknown_transaction"
        elif event.type == "payment_intent.succeeded":
            services.payment_record_success(tx_id=tx.pk, intent=intent)
            result = "paid"
        else:
            occurred = datetime.fromtimestamp(int(gateway.field(event, "created") or 0), tz=UTC)
            recorded = services.payment_record_failure(
                tx_id=tx.pk, intent=intent, event_type=event.type, occurred_at=occurred
            )
            result = "recorded" if recorded else "ignored"
    record.status = StripeEventStatus.PROCESSED
    record.processed_at = timezone.now()
    record.metadata = {**record.metadata, "result": result}
    record.save(update_fields=["status", "processed_at", "metadata"])
    return {"duplicate": False, "result": result}


def _transaction_of(intent, *, landlord_id) -> Transaction | None:
    metadata = gateway.field(intent, "metadata") or {}
    tx_id = gateway.field(metadata, "transactionId")
    rows = Transaction.objects.unscoped().filter(landlord_id=landlord_id)
    if tx_id and is_uuid(tx_id):
        tx = rows.filter(pk=tx_id).first()
        if tx is not None:
            return tx
    return (
        rows.filter(stripe_payment_intent_id=gateway.field(intent, "id")).first()
        if gateway.field(intent, "id")
        else None
    )


def stripe_event_purge() -> int:
    """Delete events past the 90-day retention (the original's TTL index); safe to run twice."""
    deleted, _ = StripeEvent.expired().delete()
    return deleted
