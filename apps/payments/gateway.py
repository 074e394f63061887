"""Stripe through its official SDK, with the landlord's own keys (spec 05 section 5.6).

One :class:`stripe.StripeClient` per call, built from the landlord's decrypted secret key; the
API base comes from ``STRIPE_API_BASE`` when set (tests point it at a local stand-in). Amounts
go to Stripe in cents computed from ``Decimal`` (never a float). SDK errors become API errors
with messages that carry no key material.
"""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import stripe
from django.conf import settings

from apps.core.exceptions import ApplicationError

logger = logging.getLogger("myte.payments")

CURRENCY = "usd"
#: intents that can still be paid: create-intent hands them out again instead of a new one
REUSABLE_STATUSES = ("requires_payment_method", "requires_confirmation", "requires_action")


class PaymentProviderError(ApplicationError):
    status_code = 502
    default_message = "The payment provider rejected the request"


class PaymentProviderUnavailable(ApplicationError):
    status_code = 503
    default_message = "The payment provider cannot be reached"


def to_cents(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def client_for(secret_key: str) -> stripe.StripeClient:
    options: dict[str, Any] = {"max_network_retries": 0}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(secret_key, **options)


def _call(action: str, func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except stripe.APIConnectionError as exc:
        logger.warning("Stripe %s: connection failed (%s)", action, type(exc).__name__)
        raise PaymentProviderUnavailable() from exc
    except stripe.StripeError as exc:
        logger.warning("Stripe %s failed: %s (%s)", action, type(exc).__name__, exc.code)
        raise PaymentProviderError(
            f"Payment provider error: {exc.user_message or type(exc).__name__}"
        ) from exc


def key_is_valid(secret_key: str) -> bool:
    """A live balance call, as the original verifies keys: any failure means "not usable"."""
    try:
        client_for(secret_key).v1.balance.retrieve()
    except stripe.StripeError as exc:
        logger.info("Stripe key check failed: %s", type(exc).__name__)
        return False
    return True


def intent_create(secret_key: str, *, amount: Decimal, metadata: dict[str, str], idempotency_key: str):
    return _call(
        "create intent",
        client_for(secret_key).v1.payment_intents.create,
        params={
            "amount": to_cents(amount),
            "currency": CURRENCY,
            "automatic_payment_methods": {"enabled": True},
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )


def intent_retrieve(secret_key: str, intent_id: str, *, with_charge: bool = False):
    params = {"expand": ["latest_charge"]} if with_charge else None
    return _call("retrieve intent", client_for(secret_key).v1.payment_intents.retrieve, intent_id, params)


def intent_cancel(secret_key: str, intent_id: str):
    return _call("cancel intent", client_for(secret_key).v1.payment_intents.cancel, intent_id)


def field(obj, name: str, default=None):
    """A field of a Stripe object (or a plain dict); ``default`` when absent."""
    if obj is None:
        return default
    if isinstance(obj, dict) and not isinstance(obj, stripe.StripeObject):
        return obj.get(name, default)
    try:
        value = obj[name]
    except (KeyError, TypeError):
        return default
    return default if value is None else value


def charge_facts(intent) -> tuple[str | None, str | None]:
    """``(charge id, receipt url)`` of an intent's latest charge (an id or an expanded object)."""
    charge = field(intent, "latest_charge")
    if charge is None:
        return None, None
    if isinstance(charge, str):
        return charge, None
    return field(charge, "id"), field(charge, "receipt_url")


def event_from_webhook(payload: bytes, signature: str | None, secret: str):
    """The verified event; :class:`ValueError` or SDK signature errors when it does not verify."""
    return stripe.Webhook.construct_event(payload, signature, secret)
