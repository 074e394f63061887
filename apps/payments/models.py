"""Per-landlord Stripe configuration and payment settings, and the Stripe events received.

The original keeps ``stripeConfig`` and ``paymentSettings`` on the Landlord document, secrets in
plain text (spec 05 section 2.7, open question 14). Here they live in a one-to-one row of this
app, with the secret key and the webhook secret encrypted at rest (:mod:`apps.payments.secrets`).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

from apps.accounts.models import Landlord
from apps.core.models import BaseModel, ScopedManager, ScopedModel
from apps.payments.secrets import EncryptedTextField

STRIPE_EVENT_RETENTION = timedelta(days=90)


class PaymentConfig(ScopedModel):
    """A landlord's Stripe keys and payment settings (created on first use)."""

    access_subject = "PaymentConfig"

    landlord = models.OneToOneField(Landlord, on_delete=models.CASCADE, related_name="payment_config")
    secret_key = EncryptedTextField(null=True, blank=True)
    publishable_key = models.CharField(max_length=255, null=True, blank=True)
    webhook_secret = EncryptedTextField(null=True, blank=True)
    configured_at = models.DateTimeField(null=True, blank=True)
    online_payments_enabled = models.BooleanField(default=False)
    accept_card_payments = models.BooleanField(default=True)

    objects = ScopedManager()

    class Meta:
        db_table = "payment_configs"

    def __str__(self) -> str:
        return f"Payment configuration of {self.landlord_id}"

    @property
    def is_configured(self) -> bool:
        return bool(self.secret_key)

    @property
    def masked_publishable_key(self) -> str | None:
        return f"{self.publishable_key[:12]}..." if self.publishable_key else None


class StripeEventStatus(models.TextChoices):
    PENDING = "pending"
    PROCESSED = "processed"
    FAILED = "failed"


class StripeEvent(BaseModel):
    """One webhook event, recorded once by its Stripe id (replays are recognised and ignored).

    Rows older than 90 days are removed by ``stripe_event_purge`` (the original's TTL index).
    """

    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=100)
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+", null=True)
    status = models.CharField(
        max_length=10, choices=StripeEventStatus.choices, default=StripeEventStatus.PENDING
    )
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "stripeevents"

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"

    @classmethod
    def expired(cls):
        return cls.objects.filter(created_at__lt=timezone.now() - STRIPE_EVENT_RETENTION)
