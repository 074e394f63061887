"""Writes and reads of a landlord's payment settings and Stripe keys (spec 05 section 5.6)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from apps.accounts.models import Landlord
from apps.core.audit import audit_system
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.core.scope import Principal
from apps.leases.services import landlord_of
from apps.payments import gateway
from apps.payments.models import PaymentConfig
from apps.payments.secrets import EncryptedSecret

NOT_CONFIGURED = {"is_connected": False, "status": "not_configured"}


def landlord_config(principal: Principal) -> PaymentConfig:
    """The caller's configuration row (an unsaved default when the landlord has none yet)."""
    landlord_id = landlord_of(principal)
    if not Landlord.objects.filter(pk=landlord_id).exists():
        raise NotFound("Landlord not found")
    config = PaymentConfig.objects.filter(landlord_id=landlord_id).first()
    return config or PaymentConfig(landlord_id=landlord_id)


def config_for_landlord(landlord_id) -> PaymentConfig | None:
    """System read used by payment flows: the row of the transaction's landlord, if any."""
    return PaymentConfig.objects.unscoped().filter(landlord_id=landlord_id).first()


def payment_settings(config: PaymentConfig) -> dict[str, bool]:
    return {
        "online_payments_enabled": config.online_payments_enabled,
        "accept_card_payments": config.accept_card_payments,
    }


@atomic
def payment_settings_update(*, config: PaymentConfig, data: dict[str, Any]) -> PaymentConfig:
    if data.get("online_payments_enabled") and not (config.secret_key and config.publishable_key):
        raise BadRequest("Cannot enable online payments without configuring Stripe API keys")
    for name in ("online_payments_enabled", "accept_card_payments"):
        if name in data:
            setattr(config, name, data[name])
    config.save()
    return config


def stripe_status(config: PaymentConfig) -> dict[str, Any]:
    if not config.secret_key:
        return dict(NOT_CONFIGURED)
    if gateway.key_is_valid(config.secret_key.reveal()):
        return {
            "is_connected": True,
            "status": "active",
            "charges_enabled": True,
            "payouts_enabled": True,
            "publishable_key": config.masked_publishable_key,
            "configured_at": config.configured_at,
        }
    return {"is_connected": True, "status": "invalid", "charges_enabled": False, "payouts_enabled": False}


def stripe_config_save(
    *, config: PaymentConfig, secret_key: str, publishable_key: str, webhook_secret: str | None, actor_id
) -> PaymentConfig:
    """Verify the key with Stripe first (outside any transaction), then store it encrypted."""
    if not gateway.key_is_valid(secret_key):
        raise BadRequest("Invalid Stripe API key. Please check your credentials.")
    with atomic():
        config.secret_key = EncryptedSecret(secret_key)
        config.publishable_key = publishable_key
        config.webhook_secret = EncryptedSecret(webhook_secret) if webhook_secret else None
        config.configured_at = timezone.now()
        config.save()
        audit_system(
            "StripeConfig.saved",
            landlordId=str(config.landlord_id),
            userId=str(actor_id),
            hasWebhookSecret=bool(webhook_secret),
        )
    return config


@atomic
def stripe_config_disconnect(*, config: PaymentConfig, actor_id) -> None:
    if config.pk is None or config._state.adding or not config.secret_key:
        raise BadRequest("No Stripe configuration found")
    config.secret_key = None
    config.publishable_key = None
    config.webhook_secret = None
    config.configured_at = None
    config.online_payments_enabled = False
    config.save()
    audit_system("StripeConfig.disconnected", landlordId=str(config.landlord_id), userId=str(actor_id))


def publishable_key(config: PaymentConfig) -> str:
    if not config.secret_key or not config.publishable_key:
        raise Forbidden("Stripe is not configured")
    return config.publishable_key
