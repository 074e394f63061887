"""Fixtures of the payment tests: the Stripe stand-in, a landlord with Stripe configured, a lease."""

from __future__ import annotations

import pytest

from apps.payments.tests.stripe_stand_in import StripeStandIn, serve
from tests.fixtures.landlords import *  # noqa: F403 (the fixtures: landlord, admin, staff, tenant_org, tenant_user, prop, unit)

SECRET = "sk_test_standin1234567890"
PUBLISHABLE = "pk_test_standin1234567890"
WEBHOOK_SECRET = "whsec_standinsecret0123456789"


@pytest.fixture
def stripe_stand_in(settings):
    stand_in = StripeStandIn(valid_keys={SECRET})
    server, thread = serve(stand_in)
    settings.STRIPE_API_BASE = stand_in.base_url
    yield stand_in
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def stripe_landlord(landlord):
    from apps.payments.models import PaymentConfig

    PaymentConfig.objects.unscoped().create(
        landlord=landlord,
        secret_key=SECRET,
        publishable_key=PUBLISHABLE,
        webhook_secret=WEBHOOK_SECRET,
        online_payments_enabled=True,
    )
    return landlord


@pytest.fixture
def lease(unit, tenant_org, tenant_user):
    from apps.leases.tests.factories import active_lease

    return active_lease(unit=unit, tenant=tenant_org)


@pytest.fixture
def rent(lease):
    from apps.leases.models import Transaction

    return Transaction.objects.unscoped().filter(lease=lease, type="RENT").order_by("due_date").first()
