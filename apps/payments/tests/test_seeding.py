"""seed_dev_data: a test-mode Stripe configuration pointing at nothing real, and a mix of expenses."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.accounts.models import Landlord, User
from apps.expenses.models import Expense
from apps.leases.models import Transaction
from apps.maintenance.models import Invoice
from apps.payments.models import PaymentConfig

pytestmark = pytest.mark.django_db


def test_seeded_stripe_answers_documented_errors(auth_client):
    call_command("seed_dev_data", "--no-progress")
    call_command("seed_dev_data", "--no-progress")  # re-runnable
    landlord = Landlord.objects.get(name="Myte Estates")
    config = PaymentConfig.objects.unscoped().get(landlord=landlord)
    assert config.online_payments_enabled and config.secret_key.reveal().startswith("sk_test_")
    assert Expense.objects.unscoped().filter(landlord=landlord).count() == 6
    assert set(Expense.objects.unscoped().values_list("status", flat=True)) == {"Draft", "Confirmed"}

    owner = User.objects.unscoped().filter(organization_id=landlord.pk, user_type="Landlord").first()
    client = auth_client(owner)
    assert client.get("/stripe/config/status").json()["status"] == "invalid"
    # the list merges the seeded maintenance invoices of the same landlord
    invoices = Invoice.objects.unscoped().filter(landlord=landlord).count()
    assert client.get("/expenses").json()["total"] == 6 + invoices
    tx = (
        Transaction.objects.unscoped()
        .filter(landlord=landlord, lease__isnull=False)
        .exclude(status="PAID")
        .first()
    )
    tenant = User.objects.unscoped().filter(organization_id=tx.lease.tenant_id, user_type="Tenant").first()
    response = auth_client(tenant).post(
        "/payments/create-intent", {"transactionId": str(tx.pk)}, format="json"
    )
    assert response.status_code == 503
    assert response.json()["message"] == "The payment provider cannot be reached"
