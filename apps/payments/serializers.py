"""Request bodies of the payment and Stripe configuration routes (spec 05 section 5.6)."""

from __future__ import annotations

import re

from rest_framework import serializers

from apps.core.serializers import IdField, InputSerializer

SECRET_KEY_FORMAT = re.compile(r"^sk_(test|live)_[A-Za-z0-9]+$")
PUBLISHABLE_KEY_FORMAT = re.compile(r"^pk_(test|live)_[A-Za-z0-9]+$")


class TransactionIdField(IdField):
    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            raise serializers.ValidationError("Invalid transaction ID format") from None


class CreateIntentInput(InputSerializer):
    transaction_id = TransactionIdField()


class LeasePaymentIntentInput(InputSerializer):
    """The seed document's form: ``{amount (cents), leaseId}``."""

    lease_id = IdField()
    amount = serializers.IntegerField(required=False, min_value=1)


class PaymentSettingsInput(InputSerializer):
    online_payments_enabled = serializers.BooleanField(required=False)
    accept_card_payments = serializers.BooleanField(required=False)


class StripeConfigInput(InputSerializer):
    secret_key = serializers.CharField(max_length=255)
    publishable_key = serializers.CharField(max_length=255)
    webhook_secret = serializers.CharField(max_length=255, required=False, allow_blank=True)

    def validate_secret_key(self, value: str) -> str:
        if not SECRET_KEY_FORMAT.match(value):
            raise serializers.ValidationError(
                "Invalid Stripe Secret Key format. Should start with sk_test_ or sk_live_"
            )
        return value

    def validate_publishable_key(self, value: str) -> str:
        if not PUBLISHABLE_KEY_FORMAT.match(value):
            raise serializers.ValidationError(
                "Invalid Stripe Publishable Key format. Should start with pk_test_ or pk_live_"
            )
        return value
