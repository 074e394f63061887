"""Payment, payment-settings and Stripe configuration routes (spec 05 section 5.6) and the webhook."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.exceptions import NotFound
from apps.core.views import ApiView, parse_id
from apps.leases.models import Transaction
from apps.leases.schema import doc
from apps.payments import schema, services, settings_services, webhooks
from apps.payments.serializers import (
    CreateIntentInput,
    LeasePaymentIntentInput,
    PaymentSettingsInput,
    StripeConfigInput,
)

TX_RELATED = ("lease__unit__property", "rental_period")


def load_transaction(pk) -> Transaction:
    """Through the scoped manager: a tenant reaches its own lease's rows, a landlord its own."""
    tx = Transaction.objects.select_related(*TX_RELATED).filter(pk=parse_id(pk)).first()
    if tx is None:
        raise NotFound("Transaction not found")
    return tx


class CreateIntentView(ApiView):
    audit_controller = "PaymentsController"
    audit_handlers = {"POST": "createPaymentIntent"}

    @schema.answers(201, schema.INTENT, provider=True)
    @doc(
        "payments",
        "Create (or reuse) a Stripe payment intent",
        request=CreateIntentInput,
        status=201,
        errors=(502, 503),
    )
    def post(self, request):
        data = self.parse_body(CreateIntentInput)
        tx = load_transaction(data["transaction_id"])
        return Response(services.payment_intent_create(tx=tx), status=201)


class LeasePaymentIntentView(ApiView):
    audit_controller = "PaymentsController"
    audit_handlers = {"POST": "createLeasePaymentIntent"}

    @schema.answers(201, schema.LEASE_INTENT, provider=True)
    @doc(
        "payments",
        "Create a payment intent for a lease's next unpaid transaction (seed form)",
        request=LeasePaymentIntentInput,
        status=201,
        errors=(502, 503),
    )
    def post(self, request):
        data = self.parse_body(LeasePaymentIntentInput)
        tx = services.payment_for_lease(lease_id=data["lease_id"], amount_cents=data.get("amount"))
        return Response({**services.payment_intent_create(tx=tx), "transaction_id": str(tx.pk)}, status=201)


class ClientSecretView(ApiView):
    audit_controller = "PaymentsController"
    audit_handlers = {"GET": "getClientSecret"}

    @schema.answers(200, schema.CLIENT_SECRET, provider=True)
    @doc("payments", "The client secret of the transaction's intent", path=("pk",), errors=(502, 503))
    def get(self, request, pk):
        return Response(services.client_secret(tx=load_transaction(pk)))


class PaymentStatusView(ApiView):
    audit_controller = "PaymentsController"
    audit_handlers = {"GET": "getPaymentStatus"}

    @schema.answers(200, schema.PAYMENT_STATUS)
    @doc("payments", "Payment status of a transaction", path=("pk",))
    def get(self, request, pk):
        return Response(services.payment_status(tx=load_transaction(pk)))


class PaymentCancelView(ApiView):
    audit_controller = "PaymentsController"
    audit_handlers = {"POST": "cancelPayment"}

    @schema.answers(204, None, provider=True)
    @doc("payments", "Cancel the transaction's payment intent", status=204, path=("pk",), errors=(502, 503))
    def post(self, request, pk):
        services.payment_cancel(tx=load_transaction(pk))
        return Response(status=204)


class PaymentConfirmView(ApiView):
    audit_controller = "PaymentsController"
    audit_handlers = {"POST": "confirmPayment"}

    @schema.answers(201, schema.CONFIRM, provider=True)
    @doc(
        "payments",
        "Record the intent's outcome on the transaction",
        status=201,
        path=("pk",),
        errors=(502, 503),
    )
    def post(self, request, pk):
        return Response(services.payment_confirm(tx=load_transaction(pk)), status=201)


class OnlinePaymentAvailabilityView(ApiView):
    audit_controller = "PaymentsController"
    audit_handlers = {"GET": "getOnlinePaymentAvailability"}

    @schema.answers(200, schema.AVAILABILITY)
    @doc("payments", "Whether the caller (a tenant) can pay online")
    def get(self, request):
        return Response(services.online_payment_availability(self.principal))


class WebhookView(ApiView):
    """Public: Stripe calls it; the signature, not a token, authenticates the request."""

    public = True
    audit_controller = "PaymentsController"
    audit_handlers = {"POST": "webhook"}

    @schema.answers(200, schema.WEBHOOK)
    @doc(
        "payments",
        "Stripe webhook of one landlord (signed with its webhook secret)",
        request={"application/json": {"type": "object"}},
    )
    def post(self, request, landlord_id):
        payload = request._request.body
        signature = request.META.get("HTTP_STRIPE_SIGNATURE")
        return Response(
            webhooks.webhook_receive(landlord_id=landlord_id, payload=payload, signature=signature)
        )


class PaymentSettingsView(ApiView):
    policies = {"GET": [("read", "PaymentConfig")], "PATCH": [("update", "PaymentConfig")]}
    audit_controller = "LandlordsController"
    audit_handlers = {"GET": "getPaymentSettings", "PATCH": "updatePaymentSettings"}

    @schema.answers(200, schema.SETTINGS)
    @doc("payments", "The landlord's payment settings")
    def get(self, request):
        config = settings_services.landlord_config(self.principal)
        return Response(settings_services.payment_settings(config))

    @schema.answers(200, schema.SETTINGS)
    @doc("payments", "Update the landlord's payment settings", request=PaymentSettingsInput)
    def patch(self, request):
        data = self.parse_body(PaymentSettingsInput)
        config = settings_services.landlord_config(self.principal)
        config = settings_services.payment_settings_update(config=config, data=data)
        return Response(settings_services.payment_settings(config))


class StripeStatusView(ApiView):
    audit_controller = "StripeConfigController"
    audit_handlers = {"GET": "getStatus"}

    @schema.answers(200, schema.STRIPE_STATUS)
    @doc("payments", "Stripe connection status (the key is checked with Stripe)")
    def get(self, request):
        config = settings_services.landlord_config(self.principal)
        return Response(settings_services.stripe_status(config))


class StripeSaveView(ApiView):
    policies = {"POST": [("update", "PaymentConfig")]}
    audit_controller = "StripeConfigController"
    audit_handlers = {"POST": "saveConfig"}

    @schema.answers(201, schema.STRIPE_STATUS)
    @doc(
        "payments",
        "Save the landlord's Stripe keys (stored encrypted)",
        request=StripeConfigInput,
        status=201,
    )
    def post(self, request):
        data = self.parse_body(StripeConfigInput)
        config = settings_services.landlord_config(self.principal)
        config = settings_services.stripe_config_save(
            config=config,
            secret_key=data["secret_key"],
            publishable_key=data["publishable_key"],
            webhook_secret=data.get("webhook_secret"),
            actor_id=self.principal.user_id,
        )
        return Response(settings_services.stripe_status(config), status=201)


class StripeDisconnectView(ApiView):
    policies = {"POST": [("update", "PaymentConfig")]}
    audit_controller = "StripeConfigController"
    audit_handlers = {"POST": "disconnect"}

    @doc("payments", "Remove the landlord's Stripe keys and disable online payments", status=204)
    def post(self, request):
        config = settings_services.landlord_config(self.principal)
        settings_services.stripe_config_disconnect(config=config, actor_id=self.principal.user_id)
        return Response(status=204)


class PublishableKeyView(ApiView):
    audit_controller = "StripeConfigController"
    audit_handlers = {"GET": "getPublishableKey"}

    @schema.answers(200, schema.PUBLISHABLE_KEY)
    @doc("payments", "The landlord's publishable key")
    def get(self, request):
        config = settings_services.landlord_config(self.principal)
        return Response({"publishable_key": settings_services.publishable_key(config)})
