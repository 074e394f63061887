"""Online payment of a transaction through the stand-in Stripe: intents, confirm, cancel, status."""

from __future__ import annotations

import pytest

from apps.core.models import OutboxJob
from apps.leases.models import Transaction
from apps.notifications.models import Notification
from apps.payments.models import PaymentConfig
from apps.payments.tests.conftest import PUBLISHABLE

pytestmark = pytest.mark.django_db


def _intent(client, tx):
    return client.post("/payments/create-intent", {"transactionId": str(tx.pk)}, format="json")


def test_tenant_creates_an_intent_in_cents(auth_client, tenant_user, stripe_landlord, rent, stripe_stand_in):
    response = _intent(auth_client(tenant_user), rent)
    assert response.status_code == 201, response.content
    body = response.json()
    intent = stripe_stand_in.intents[body["paymentIntentId"]]
    assert body["amount"] == 100000 == intent["amount"]  # 1000.00 as Decimal -> cents
    assert body["currency"] == "usd" and body["publishableKey"] == PUBLISHABLE
    assert body["clientSecret"] == intent["client_secret"]
    assert intent["metadata"] == {
        "transactionId": str(rent.pk),
        "landlordId": str(rent.landlord_id),
        "type": "RENT",
    }
    rent.refresh_from_db()
    assert rent.stripe_payment_intent_id == intent["id"]
    assert rent.stripe_payment_method_type == "card" and rent.stripe_metadata == {"attemptCount": 1}
    # a payable intent is handed out again, not duplicated
    again = _intent(auth_client(tenant_user), rent).json()
    assert again["paymentIntentId"] == body["paymentIntentId"] and len(stripe_stand_in.intents) == 1


def test_intent_validation_and_errors(auth_client, tenant_user, landlord, rent, stripe_stand_in):
    client = auth_client(tenant_user)
    response = client.post("/payments/create-intent", {"transactionId": "nope"}, format="json")
    assert response.status_code == 400 and response.json()["message"] == ["Invalid transaction ID format"]
    response = _intent(client, rent)
    assert response.status_code == 403 and response.json()["message"] == "Landlord has not configured Stripe"
    PaymentConfig.objects.unscoped().create(landlord=landlord, secret_key="sk_test_standin1234567890")
    response = _intent(client, rent)
    assert response.json()["message"] == "Online payments are not enabled"
    assert stripe_stand_in.requests == []


def test_paid_transaction_cannot_be_paid_again(
    auth_client, tenant_user, stripe_landlord, rent, stripe_stand_in
):
    Transaction.objects.unscoped().filter(pk=rent.pk).update(status="PAID")
    response = _intent(auth_client(tenant_user), rent)
    assert response.status_code == 400 and response.json()["message"] == "Transaction is already paid"


def test_stripe_unreachable_is_a_clean_503(
    auth_client, tenant_user, stripe_landlord, rent, settings, free_port
):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port}"
    response = _intent(auth_client(tenant_user), rent)
    assert response.status_code == 503
    assert response.json()["message"] == "The payment provider cannot be reached"
    rent.refresh_from_db()
    assert rent.stripe_payment_intent_id is None


def test_confirm_marks_paid_once_with_charge_receipt_email_and_notification(
    auth_client, tenant_user, stripe_landlord, rent, stripe_stand_in
):
    client = auth_client(tenant_user)
    intent_id = _intent(client, rent).json()["paymentIntentId"]
    pending = client.post(f"/payments/{rent.pk}/confirm")
    assert pending.status_code == 201 and pending.json() == {
        "success": False,
        "status": "requires_payment_method",
    }
    stripe_stand_in.succeed(intent_id)
    emails_before = OutboxJob.objects.filter(queue="email").count()
    response = client.post(f"/payments/{rent.pk}/confirm")
    assert response.status_code == 201
    body = response.json()
    assert body["success"] is True and body["status"] == "PAID" and body["paidAt"]
    rent.refresh_from_db()
    charge_id = stripe_stand_in.intents[intent_id]["latest_charge"]
    assert rent.status == "PAID" and rent.payment_method == "CREDIT_CARD"
    assert rent.stripe_charge_id == charge_id
    assert rent.stripe_receipt_url == f"https://pay.stripe.test/receipts/{charge_id}"
    emails = OutboxJob.objects.filter(queue="email").order_by("created_at")
    assert emails.count() == emails_before + 1
    assert emails.last().payload["template"] == "payment-confirmation"
    assert emails.last().payload["to"] == [tenant_user.email]
    assert (
        Notification.objects.unscoped()
        .filter(user_id=tenant_user.pk, notification_type="payment_received")
        .count()
        == 1
    )
    # confirming again changes nothing and sends nothing
    again = client.post(f"/payments/{rent.pk}/confirm").json()
    assert again["success"] is True and again["paidAt"] == body["paidAt"]
    assert OutboxJob.objects.filter(queue="email").count() == emails_before + 1


def test_client_secret_status_and_cancel(
    auth_client, tenant_user, admin, stripe_landlord, rent, stripe_stand_in
):
    client = auth_client(tenant_user)
    response = client.get(f"/payments/{rent.pk}/client-secret")
    assert (
        response.status_code == 400
        and response.json()["message"] == "No payment intent exists. Create one first."
    )
    assert client.post(f"/payments/{rent.pk}/cancel").json()["message"] == "No payment intent to cancel"
    intent_id = _intent(client, rent).json()["paymentIntentId"]
    assert client.get(f"/payments/{rent.pk}/client-secret").json() == {
        "clientSecret": stripe_stand_in.intents[intent_id]["client_secret"]
    }
    status = auth_client(admin).get(f"/payments/{rent.pk}/status").json()
    assert status == {"status": "PENDING", "amount": 1000.0, "stripeStatus": "requires_payment_method"} or (
        status["stripeStatus"] == "requires_payment_method" and status["status"] == "PENDING"
    )
    assert client.post(f"/payments/{rent.pk}/cancel").status_code == 204
    assert stripe_stand_in.intents[intent_id]["status"] == "canceled"
    rent.refresh_from_db()
    assert rent.stripe_payment_intent_id is None


def test_cancel_of_a_paid_transaction_is_refused(
    auth_client, tenant_user, stripe_landlord, rent, stripe_stand_in
):
    client = auth_client(tenant_user)
    intent_id = _intent(client, rent).json()["paymentIntentId"]
    stripe_stand_in.succeed(intent_id)
    client.post(f"/payments/{rent.pk}/confirm")
    response = client.post(f"/payments/{rent.pk}/cancel")
    assert response.status_code == 400 and response.json()["message"] == "Cannot cancel a completed payment"


def test_another_tenants_transaction_is_404(auth_client, stripe_landlord, rent, stripe_stand_in):
    from apps.accounts.tests.factories import TenantOrgFactory, TenantUserFactory

    stranger = TenantUserFactory(organization_id=TenantOrgFactory(landlords=[stripe_landlord]).pk)
    response = _intent(auth_client(stranger), rent)
    assert response.status_code == 404 and response.json()["message"] == "Transaction not found"
    assert auth_client(stranger).post(f"/payments/{rent.pk}/confirm").status_code == 404
    assert stripe_stand_in.intents == {}


def test_seed_form_uses_the_next_unpaid_transaction(
    auth_client, tenant_user, stripe_landlord, lease, rent, stripe_stand_in
):
    client = auth_client(tenant_user)
    first = (
        Transaction.objects.unscoped()
        .filter(lease=lease)
        .exclude(status="PAID")
        .order_by("due_date", "created_at")
        .first()
    )
    from apps.payments.gateway import to_cents

    response = client.post(
        "/payments/create-payment-intent", {"leaseId": str(lease.pk), "amount": 1}, format="json"
    )
    assert response.status_code == 400
    assert (
        response.json()["message"] == f"amount does not match the amount due ({to_cents(first.amount)} cents)"
    )
    response = client.post("/payments/create-payment-intent", {"leaseId": str(lease.pk)}, format="json")
    assert response.status_code == 201 and response.json()["transactionId"] == str(first.pk)


def test_online_payment_availability(auth_client, tenant_user, admin, stripe_landlord, lease):
    assert auth_client(admin).get("/payments/online-payment-availability").json() == {
        "onlinePaymentsEnabled": False
    }
    assert auth_client(tenant_user).get("/payments/online-payment-availability").json() == {
        "onlinePaymentsEnabled": True
    }
    PaymentConfig.objects.unscoped().update(online_payments_enabled=False)
    assert auth_client(tenant_user).get("/payments/online-payment-availability").json() == {
        "onlinePaymentsEnabled": False
    }


def test_to_cents_is_exact():
    from decimal import Decimal

    from apps.payments.gateway import to_cents

    assert to_cents(Decimal("0.29")) == 29
    assert to_cents(Decimal("1234.56")) == 123456
    assert to_cents(Decimal("19.995")) == 2000


def test_an_unrecorded_success_is_recorded_instead_of_charging_again(
    auth_client, tenant_user, stripe_landlord, rent, stripe_stand_in
):
    client = auth_client(tenant_user)
    intent_id = _intent(client, rent).json()["paymentIntentId"]
    stripe_stand_in.succeed(intent_id)
    response = _intent(client, rent)
    assert response.status_code == 400 and response.json()["message"] == "Transaction is already paid"
    assert len(stripe_stand_in.intents) == 1
    rent.refresh_from_db()
    assert (
        rent.status == "PAID" and rent.stripe_charge_id == stripe_stand_in.intents[intent_id]["latest_charge"]
    )
