"""Stripe secrets never leave: not in responses, audit entries, logs or admin pages; rotation works."""

from __future__ import annotations

import json
import logging

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from apps.core.models import AuditLog
from apps.payments.models import PaymentConfig
from apps.payments.tests.conftest import SECRET, WEBHOOK_SECRET

pytestmark = pytest.mark.django_db


def _all_payment_calls(client, tx) -> list[bytes]:
    bodies = []
    calls = [
        (
            "post",
            "/stripe/config/save",
            {
                "secretKey": SECRET,
                "publishableKey": "pk_test_standin1234567890",
                "webhookSecret": WEBHOOK_SECRET,
            },
        ),
        ("get", "/stripe/config/status", None),
        ("get", "/stripe/config/publishable-key", None),
        ("patch", "/landlords/payment-settings", {"onlinePaymentsEnabled": True}),
        ("get", "/landlords/payment-settings", None),
        ("post", "/payments/create-intent", {"transactionId": str(tx.pk)}),
        ("get", f"/payments/{tx.pk}/client-secret", None),
        ("get", f"/payments/{tx.pk}/status", None),
        ("post", f"/payments/{tx.pk}/confirm", None),
        ("post", f"/payments/{tx.pk}/cancel", None),
        ("get", "/payments/online-payment-availability", None),
        ("get", "/revenues", None),
        ("get", f"/revenues/{tx.pk}", None),
        ("post", "/stripe/config/save", {"secretKey": "sk_test_wrong", "publishableKey": "pk_test_x"}),
        ("post", "/stripe/config/disconnect", None),
    ]
    for method, path, body in calls:
        response = (
            getattr(client, method)(path, body, format="json") if body else getattr(client, method)(path)
        )
        assert response.status_code < 500, (path, response.content)
        bodies.append(response.content)
    return bodies


def test_no_response_audit_entry_or_log_line_shows_the_secrets(
    auth_client, admin, landlord, rent, stripe_stand_in, caplog
):
    caplog.set_level(logging.DEBUG)
    bodies = _all_payment_calls(auth_client(admin), rent)
    material = (SECRET.encode(), WEBHOOK_SECRET.encode())
    for body in bodies:
        assert not any(secret in body for secret in material), body
    audit = json.dumps([entry.details for entry in AuditLog.objects.all()])
    assert AuditLog.objects.filter(action="StripeConfigController.saveConfig").exists()
    assert SECRET not in audit and WEBHOOK_SECRET not in audit
    assert "_secret_" not in audit  # intent client secrets are redacted too
    assert SECRET not in caplog.text and WEBHOOK_SECRET not in caplog.text


def test_admin_pages_show_no_secrets(client, stripe_landlord):
    from apps.accounts.tests.factories import AdminUserFactory

    client.force_login(AdminUserFactory())
    config = PaymentConfig.objects.unscoped().get(landlord=stripe_landlord)
    for url in (
        "/django-admin/payments/paymentconfig/",
        f"/django-admin/payments/paymentconfig/{config.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET.encode() not in response.content and WEBHOOK_SECRET.encode() not in response.content


def test_rotation_re_encrypts_with_the_new_key(settings, stripe_landlord):
    old_key = Fernet.generate_key().decode()
    settings.PAYMENT_ENCRYPTION_KEYS = [old_key]
    PaymentConfig.objects.unscoped().filter(landlord=stripe_landlord).update(
        secret_key=SECRET, webhook_secret=WEBHOOK_SECRET
    )
    new_key = Fernet.generate_key().decode()
    settings.PAYMENT_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_payment_secrets")
    settings.PAYMENT_ENCRYPTION_KEYS = [new_key]
    config = PaymentConfig.objects.unscoped().get(landlord=stripe_landlord)
    assert config.secret_key.reveal() == SECRET
    assert config.webhook_secret.reveal() == WEBHOOK_SECRET
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_key FROM payment_configs")
        token = cursor.fetchone()[0]
    assert Fernet(new_key.encode()).decrypt(token.encode()).decode() == SECRET
