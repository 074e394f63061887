"""Payment settings and Stripe configuration routes: keys verified with Stripe, stored encrypted."""

from __future__ import annotations

import pytest
from django.db import connection

from apps.payments.models import PaymentConfig
from apps.payments.tests.conftest import PUBLISHABLE, SECRET, WEBHOOK_SECRET

pytestmark = pytest.mark.django_db


def _save(client, **overrides):
    body = {"secretKey": SECRET, "publishableKey": PUBLISHABLE, "webhookSecret": WEBHOOK_SECRET, **overrides}
    return client.post("/stripe/config/save", body, format="json")


def test_save_verifies_the_key_and_stores_it_encrypted(auth_client, admin, landlord, stripe_stand_in):
    response = _save(auth_client(admin))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["isConnected"] is True and body["status"] == "active"
    assert body["publishableKey"] == PUBLISHABLE[:12] + "..."
    assert SECRET.encode() not in response.content
    assert stripe_stand_in.requests[-1] == ("GET", "/v1/balance", SECRET)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_key, webhook_secret FROM payment_configs")
        stored_secret, stored_webhook = cursor.fetchone()
    assert SECRET not in stored_secret and WEBHOOK_SECRET not in stored_webhook
    config = PaymentConfig.objects.unscoped().get(landlord=landlord)
    assert config.secret_key.reveal() == SECRET
    assert SECRET not in repr(config.secret_key)


def test_save_rejects_a_key_stripe_refuses(auth_client, admin, landlord, stripe_stand_in):
    response = _save(auth_client(admin), secretKey="sk_test_wrongkey")
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid Stripe API key. Please check your credentials."
    assert not PaymentConfig.objects.unscoped().filter(landlord=landlord).exists()


def test_save_validates_key_formats(auth_client, admin, stripe_stand_in):
    response = _save(auth_client(admin), secretKey="rk_live_x", publishableKey="pk_foo")
    assert response.status_code == 400
    assert response.json()["message"] == [
        "Invalid Stripe Secret Key format. Should start with sk_test_ or sk_live_",
        "Invalid Stripe Publishable Key format. Should start with pk_test_ or pk_live_",
    ]
    assert stripe_stand_in.requests == []


def test_staff_and_tenants_cannot_save(auth_client, staff, tenant_user, stripe_stand_in):
    assert _save(auth_client(staff)).status_code == 403
    assert _save(auth_client(tenant_user)).status_code == 403
    assert not PaymentConfig.objects.unscoped().exists()


def test_status_without_keys_and_with_a_revoked_key(auth_client, admin, landlord, stripe_stand_in):
    client = auth_client(admin)
    assert client.get("/stripe/config/status").json() == {"isConnected": False, "status": "not_configured"}
    PaymentConfig.objects.unscoped().create(
        landlord=landlord, secret_key="sk_test_revoked", publishable_key="pk_test_x"
    )
    assert client.get("/stripe/config/status").json() == {
        "isConnected": True,
        "status": "invalid",
        "chargesEnabled": False,
        "payoutsEnabled": False,
    }


def test_status_is_for_landlords_only(auth_client, tenant_user):
    response = auth_client(tenant_user).get("/stripe/config/status")
    assert response.status_code == 403
    assert response.json()["message"] == "User is not a landlord"


def test_publishable_key_and_disconnect(auth_client, admin, stripe_landlord, stripe_stand_in):
    client = auth_client(admin)
    assert client.get("/stripe/config/publishable-key").json() == {"publishableKey": PUBLISHABLE}
    assert client.post("/stripe/config/disconnect").status_code == 204
    config = PaymentConfig.objects.unscoped().get(landlord=stripe_landlord)
    assert config.secret_key is None and config.online_payments_enabled is False
    assert client.post("/stripe/config/disconnect").json()["message"] == "No Stripe configuration found"
    response = client.get("/stripe/config/publishable-key")
    assert response.status_code == 403 and response.json()["message"] == "Stripe is not configured"


def test_payment_settings_defaults_and_update(auth_client, admin, staff, landlord):
    client = auth_client(admin)
    assert client.get("/landlords/payment-settings").json() == {
        "onlinePaymentsEnabled": False,
        "acceptCardPayments": True,
    }
    response = client.patch("/landlords/payment-settings", {"onlinePaymentsEnabled": True}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Cannot enable online payments without configuring Stripe API keys"
    response = client.patch("/landlords/payment-settings", {"acceptCardPayments": False}, format="json")
    assert response.json() == {"onlinePaymentsEnabled": False, "acceptCardPayments": False}
    assert auth_client(staff).get("/landlords/payment-settings").status_code == 200
    assert (
        auth_client(staff)
        .patch("/landlords/payment-settings", {"acceptCardPayments": True}, format="json")
        .status_code
        == 403
    )
    assert PaymentConfig.objects.unscoped().get(landlord=landlord).accept_card_payments is False


def test_payment_settings_validation_and_tenant(auth_client, admin, tenant_user):
    response = auth_client(admin).patch(
        "/landlords/payment-settings", {"onlinePaymentsEnabled": "x"}, format="json"
    )
    assert response.status_code == 400
    response = auth_client(admin).patch("/landlords/payment-settings", {"other": 1}, format="json")
    assert response.status_code == 400
    response = auth_client(tenant_user).get("/landlords/payment-settings")
    assert response.status_code == 403 and response.json()["message"] == "Access denied"


def test_unauthenticated(api_client):
    assert api_client.get("/landlords/payment-settings").status_code == 401
    assert api_client.post("/stripe/config/save", {}, format="json").status_code == 401
