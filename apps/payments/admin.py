"""Django admin of payment configurations and Stripe events: read-only, secrets never shown.

The configuration page lists whether keys are set and the masked publishable key; the secret key
and the webhook secret are not fields of the page at all.
"""

from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin
from apps.payments.models import PaymentConfig, StripeEvent


@admin.register(PaymentConfig)
class PaymentConfigAdmin(ReadOnlyAdmin):
    list_display = ("landlord", "is_configured", "masked_key", "online_payments_enabled", "configured_at")
    list_filter = ("online_payments_enabled", "accept_card_payments")
    search_fields = ("landlord__name",)
    fields = ("landlord", "masked_key", "online_payments_enabled", "accept_card_payments", "configured_at")
    readonly_fields = fields
    list_select_related = ("landlord",)
    ordering = ("-created_at",)

    @admin.display(boolean=True, description="keys set")
    def is_configured(self, obj):
        return obj.is_configured

    @admin.display(description="publishable key")
    def masked_key(self, obj):
        return obj.masked_publishable_key or "-"


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "event_type", "landlord", "status", "created_at", "processed_at")
    list_filter = ("event_type", "status")
    search_fields = ("event_id",)
    ordering = ("-created_at",)
