"""OpenAPI response shapes of the payment and Stripe configuration routes (wire names)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers

from apps.core.schema import ErrorSerializer

PROVIDER_ERRORS = {
    502: OpenApiResponse(response=ErrorSerializer, description="Stripe refused the request"),
    503: OpenApiResponse(response=ErrorSerializer, description="Stripe cannot be reached"),
}

INTENT = inline_serializer(
    "PaymentIntentAnswer",
    {
        "clientSecret": serializers.CharField(),
        "paymentIntentId": serializers.CharField(),
        "amount": serializers.IntegerField(help_text="in cents"),
        "currency": serializers.CharField(),
        "publishableKey": serializers.CharField(),
    },
)
LEASE_INTENT = inline_serializer(
    "LeasePaymentIntentAnswer",
    {
        "clientSecret": serializers.CharField(),
        "paymentIntentId": serializers.CharField(),
        "amount": serializers.IntegerField(help_text="in cents"),
        "currency": serializers.CharField(),
        "publishableKey": serializers.CharField(),
        "transactionId": serializers.UUIDField(),
    },
)
CLIENT_SECRET = inline_serializer("ClientSecretAnswer", {"clientSecret": serializers.CharField()})
PAYMENT_STATUS = inline_serializer(
    "PaymentStatusAnswer",
    {
        "status": serializers.CharField(help_text="the transaction's status"),
        "amount": serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False),
        "paidAt": serializers.DateTimeField(required=False),
        "stripeStatus": serializers.CharField(required=False, help_text="the intent's status at Stripe"),
    },
)
CONFIRM = inline_serializer(
    "PaymentConfirmAnswer",
    {
        "success": serializers.BooleanField(),
        "status": serializers.CharField(),
        "paidAt": serializers.DateTimeField(required=False),
    },
)
AVAILABILITY = inline_serializer(
    "OnlinePaymentAvailability", {"onlinePaymentsEnabled": serializers.BooleanField()}
)
SETTINGS = inline_serializer(
    "PaymentSettings",
    {"onlinePaymentsEnabled": serializers.BooleanField(), "acceptCardPayments": serializers.BooleanField()},
)
STRIPE_STATUS = inline_serializer(
    "StripeConfigStatus",
    {
        "isConnected": serializers.BooleanField(),
        "status": serializers.ChoiceField(choices=["not_configured", "active", "invalid"]),
        "chargesEnabled": serializers.BooleanField(required=False),
        "payoutsEnabled": serializers.BooleanField(required=False),
        "publishableKey": serializers.CharField(required=False, help_text="first 12 characters + '...'"),
        "configuredAt": serializers.DateTimeField(required=False, allow_null=True),
    },
)
PUBLISHABLE_KEY = inline_serializer("StripePublishableKey", {"publishableKey": serializers.CharField()})
WEBHOOK = inline_serializer(
    "StripeWebhookAnswer",
    {
        "received": serializers.BooleanField(),
        "duplicate": serializers.BooleanField(),
        "result": serializers.CharField(required=False),
    },
)


def answers(status: int, body, *, provider: bool = False):
    """Override the success body of a route documented by ``doc()``; error bodies are added by the
    project's AutoSchema (400, 401, 403, 404, 429), provider failures here."""
    responses = {status: body}
    if provider:
        responses.update(PROVIDER_ERRORS)
    return extend_schema(responses=responses)
