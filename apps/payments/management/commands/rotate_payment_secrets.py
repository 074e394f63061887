"""Re-encrypt every stored Stripe secret with the first key of ``PAYMENT_ENCRYPTION_KEYS``."""

from django.core.management.base import BaseCommand

from apps.core.db import atomic
from apps.core.scope import system_scope
from apps.payments.models import PaymentConfig

COLUMNS = ("secret_key", "webhook_secret")


class Command(BaseCommand):
    help = "Re-encrypt landlords' Stripe secrets with the newest PAYMENT_ENCRYPTION_KEYS key (idempotent)."

    def handle(self, *args, **options):
        rotated = 0
        with system_scope(), atomic():
            for config in PaymentConfig.objects.unscoped().only("id", *COLUMNS):
                changes = {}
                for name in COLUMNS:
                    value = getattr(config, name)
                    if value is not None:
                        changes[name] = value  # the field encrypts with the first key on save
                if changes:
                    PaymentConfig.objects.unscoped().filter(pk=config.pk).update(**changes)
                    rotated += 1
        self.stdout.write(f"Re-encrypted the secrets of {rotated} landlord(s).")
