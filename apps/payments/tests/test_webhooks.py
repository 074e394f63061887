"""The Stripe webhook: SDK-verified signatures, events recorded once, transactions driven safely."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
import stripe
import time_machine
from django.utils import timezone

from apps.core.models import OutboxJob
from apps.leases.models import Transaction
from apps.payments.models import StripeEvent
from apps.payments.tests.conftest import WEBHOOK_SECRET
from apps.payments.webhooks import stripe_event_purge

pytestmark = pytest.mark.django_db


def _event(
    kind: str, tx, *, event_id: str = "evt_1", intent_id: str = "pi_1", created: int | None = None, **intent
):
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "created": created or int(time.time()),
        "livemode": False,
        "data": {
            "object": {
                "id": intent_id,
                "object": "payment_intent",
                "amount": 100000,
                "currency": "usd",
                "status": intent.pop("status", "succeeded"),
                "latest_charge": intent.pop("latest_charge", "ch_1"),
                "metadata": {"transactionId": str(tx.pk), "landlordId": str(tx.landlord_id), "type": tx.type},
                **intent,
            }
        },
    }


def _post(api_client, landlord, event, *, secret: str = WEBHOOK_SECRET, signature: str | None = None):
    payload = json.dumps(event)
    if signature is None:
        timestamp = int(time.time())
        digest = stripe.WebhookSignature._compute_signature(f"{timestamp}.{payload}", secret)
        signature = f"t={timestamp},v1={digest}"
    return api_client.post(
        f"/payments/webhook/{landlord.pk}",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )


def _emails() -> int:
    return OutboxJob.objects.filter(queue="email").count()


def test_succeeded_marks_paid_once_and_replays_change_nothing(api_client, stripe_landlord, rent, tenant_user):
    before = _emails()
    event = _event("payment_intent.succeeded", rent)
    response = _post(api_client, stripe_landlord, event)
    assert response.status_code == 200, response.content
    assert response.json() == {"received": True, "duplicate": False, "result": "paid"}
    rent.refresh_from_db()
    paid_at = rent.paid_at
    assert rent.status == "PAID" and rent.stripe_charge_id == "ch_1" and rent.payment_method == "CREDIT_CARD"
    assert _emails() == before + 1
    replay = _post(api_client, stripe_landlord, event)
    assert replay.status_code == 200 and replay.json()["duplicate"] is True
    # a second event for the same payment (Stripe may send several) changes nothing either
    _post(api_client, stripe_landlord, _event("payment_intent.succeeded", rent, event_id="evt_2"))
    rent.refresh_from_db()
    assert rent.paid_at == paid_at and _emails() == before + 1
    assert StripeEvent.objects.filter(status="processed").count() == 2


def test_bad_signature_is_400_and_writes_nothing(api_client, stripe_landlord, rent):
    event = _event("payment_intent.succeeded", rent)
    for response in (
        _post(api_client, stripe_landlord, event, secret="whsec_other"),
        _post(api_client, stripe_landlord, event, signature="t=1,v1=deadbeef"),
        _post(api_client, stripe_landlord, event, signature=""),
    ):
        assert response.status_code == 400
        assert response.json()["message"] == "Webhook signature verification failed"
    assert not StripeEvent.objects.exists()
    rent.refresh_from_db()
    assert rent.status == "PENDING"


def test_unknown_landlord_or_no_secret_is_400(api_client, landlord, rent):
    response = _post(api_client, landlord, _event("payment_intent.succeeded", rent))
    assert response.status_code == 400
    response = api_client.post("/payments/webhook/not-a-uuid", "{}", content_type="application/json")
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_failure_after_success_does_not_undo_the_payment(api_client, stripe_landlord, rent):
    _post(api_client, stripe_landlord, _event("payment_intent.succeeded", rent, event_id="evt_ok"))
    late = _event(
        "payment_intent.payment_failed",
        rent,
        event_id="evt_late",
        status="requires_payment_method",
        last_payment_error={"message": "Your card was declined."},
        created=int(time.time()) - 60,
    )
    assert _post(api_client, stripe_landlord, late).json()["result"] == "ignored"
    rent.refresh_from_db()
    assert rent.status == "PAID" and not (rent.stripe_metadata or {}).get("lastError")


def test_failure_and_cancel_record_the_attempt(api_client, stripe_landlord, rent):
    Transaction.objects.unscoped().filter(pk=rent.pk).update(stripe_payment_intent_id="pi_1")
    failed = _event(
        "payment_intent.payment_failed",
        rent,
        event_id="evt_f",
        status="requires_payment_method",
        last_payment_error={"message": "Your card was declined."},
    )
    assert _post(api_client, stripe_landlord, failed).json()["result"] == "recorded"
    rent.refresh_from_db()
    assert rent.status == "PENDING" and rent.stripe_metadata["lastError"] == "Your card was declined."
    assert rent.stripe_payment_intent_id == "pi_1"
    canceled = _event("payment_intent.canceled", rent, event_id="evt_c", status="canceled")
    assert _post(api_client, stripe_landlord, canceled).json()["result"] == "recorded"
    rent.refresh_from_db()
    assert rent.stripe_payment_intent_id is None and rent.stripe_metadata["lastError"] == "canceled"


def test_events_of_another_landlords_transaction_are_ignored(api_client, stripe_landlord, rent):
    from apps.accounts.tests.factories import LandlordFactory
    from apps.payments.models import PaymentConfig

    other = LandlordFactory()
    PaymentConfig.objects.unscoped().create(landlord=other, webhook_secret="whsec_other")
    response = _post(api_client, other, _event("payment_intent.succeeded", rent), secret="whsec_other")
    assert response.json()["result"] == "unknown_transaction"
    rent.refresh_from_db()
    assert rent.status == "PENDING"


def test_confirm_after_webhook_reaches_the_same_state(
    auth_client, api_client, tenant_user, stripe_landlord, rent, stripe_stand_in
):
    client = auth_client(tenant_user)
    intent_id = client.post("/payments/create-intent", {"transactionId": str(rent.pk)}, format="json").json()[
        "paymentIntentId"
    ]
    intent = stripe_stand_in.succeed(intent_id)
    before = _emails()
    _post(
        api_client,
        stripe_landlord,
        _event("payment_intent.succeeded", rent, intent_id=intent_id, latest_charge=intent["latest_charge"]),
    )
    rent.refresh_from_db()
    webhook_state = (rent.status, rent.paid_at, rent.stripe_charge_id)
    body = client.post(f"/payments/{rent.pk}/confirm").json()
    rent.refresh_from_db()
    assert body["success"] is True and (rent.status, rent.paid_at, rent.stripe_charge_id) == webhook_state
    assert _emails() == before + 1


def test_events_expire_after_90_days(api_client, stripe_landlord, rent):
    _post(api_client, stripe_landlord, _event("payment_intent.succeeded", rent))
    assert stripe_event_purge() == 0
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert stripe_event_purge() == 1
    assert not StripeEvent.objects.exists()
