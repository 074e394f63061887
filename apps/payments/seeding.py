"""Development data: "Myte Estates" gets a test-mode Stripe configuration that points at nothing
real (fake ``sk_test_``/``pk_test_`` keys): the status route answers ``invalid``, payment routes
answer the provider error (502, or 503 offline), never a traceback. Runs after the leases seeder.
"""

from __future__ import annotations

from apps.accounts.models import Landlord
from apps.payments.models import PaymentConfig, StripeEvent

ORDER = 40

DEV_SECRET_KEY = "sk_test_myteDevelopmentOnlyNotARealKey"
DEV_PUBLISHABLE_KEY = "pk_test_myteDevelopmentOnlyNotARealKey"
DEV_WEBHOOK_SECRET = "whsec_myteDevelopmentOnly"


def wipe() -> None:
    StripeEvent.objects.all().delete()
    PaymentConfig.objects.unscoped().all().delete()


def seed(*, progress) -> dict[str, int]:
    landlord = Landlord.objects.filter(name="Myte Estates").order_by("created_at").first()
    if landlord is None:
        return {"payment configurations": 0}
    for _ in progress(range(1), "payment configurations"):
        PaymentConfig.objects.unscoped().update_or_create(
            landlord=landlord,
            defaults={
                "secret_key": DEV_SECRET_KEY,
                "publishable_key": DEV_PUBLISHABLE_KEY,
                "webhook_secret": DEV_WEBHOOK_SECRET,
                "online_payments_enabled": True,
                "accept_card_payments": True,
            },
        )
    return {"payment configurations": 1}
