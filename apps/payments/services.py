"""Online payment of transactions through the landlord's Stripe account (spec 05 section 5.6).

Who may act on a transaction is decided by the scoped manager before these run: a tenant reaches
only its own lease's transactions, a landlord user only its landlord's (anything else is a 404).
Success is recorded by :func:`payment_record_success`, shared by ``/confirm`` and the webhook: a
conditional update from "not paid" to PAID, so whichever arrives first records the payment and
sends the confirmation, and the other changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.leases import notices
from apps.leases.models import Lease, PaymentMethod, PaymentStatus, Transaction
from apps.notifications.services import notify_many
from apps.notifications.types import NotificationType
from apps.payments import gateway
from apps.payments.models import PaymentConfig
from apps.payments.settings_services import config_for_landlord


def stripe_config_of(tx: Transaction) -> PaymentConfig:
    """The transaction's landlord configuration, usable for online payments, else the spec's 403s."""
    config = config_for_landlord(tx.landlord_id)
    if config is None or not config.secret_key:
        raise Forbidden("Landlord has not configured Stripe")
    if not config.online_payments_enabled:
        raise Forbidden("Online payments are not enabled")
    return config


def _secret(tx: Transaction) -> str:
    return stripe_config_of(tx).secret_key.reveal()


def _metadata(tx: Transaction) -> dict[str, Any]:
    return dict(tx.stripe_metadata or {})


def payment_intent_create(*, tx: Transaction) -> dict[str, Any]:
    if tx.status == PaymentStatus.PAID:
        raise BadRequest("Transaction is already paid")
    config = stripe_config_of(tx)
    if not config.publishable_key:
        raise Forbidden("Stripe is not configured")
    secret = config.secret_key.reveal()
    if tx.stripe_payment_intent_id:
        intent = gateway.intent_retrieve(secret, tx.stripe_payment_intent_id, with_charge=True)
        if intent.status in gateway.REUSABLE_STATUSES:
            return _intent_answer(intent, config)
        if intent.status == "succeeded":
            # Paid at Stripe but not recorded yet (no webhook, no confirm): record it, never charge twice.
            payment_record_success(tx_id=tx.pk, intent=intent)
            raise BadRequest("Transaction is already paid")
    attempt = int(_metadata(tx).get("attemptCount") or 0) + 1
    intent = gateway.intent_create(
        secret,
        amount=tx.amount,
        metadata={"transactionId": str(tx.pk), "landlordId": str(tx.landlord_id), "type": tx.type},
        idempotency_key=f"myte-tx-{tx.pk}-attempt-{attempt}",
    )
    with atomic():
        metadata = {**_metadata(tx), "attemptCount": attempt}
        tx.stripe_payment_intent_id = intent.id
        tx.stripe_payment_method_type = "card"
        tx.stripe_metadata = metadata
        tx.save(update_fields=["stripe_payment_intent_id", "stripe_payment_method_type", "stripe_metadata"])
    return _intent_answer(intent, config)


def _intent_answer(intent, config: PaymentConfig) -> dict[str, Any]:
    return {
        "client_secret": intent.client_secret,
        "payment_intent_id": intent.id,
        "amount": intent.amount,
        "currency": intent.currency,
        "publishable_key": config.publishable_key,
    }


def payment_for_lease(*, lease_id, amount_cents: int | None) -> Transaction:
    """The seed document's ``/payments/create-payment-intent``: the lease's earliest unpaid
    transaction; a client-sent amount must match it (the server never charges what the client
    names)."""
    lease = Lease.objects.filter(pk=lease_id).first()
    if lease is None:
        raise NotFound("Lease not found")
    tx = (
        Transaction.objects.select_related("lease")
        .filter(lease=lease)
        .exclude(status=PaymentStatus.PAID)
        .order_by("due_date", "created_at")
        .first()
    )
    if tx is None:
        raise BadRequest("This lease has no unpaid transaction")
    due = gateway.to_cents(tx.amount)
    if amount_cents is not None and amount_cents != due:
        raise BadRequest(f"amount does not match the amount due ({due} cents)")
    return tx


def client_secret(*, tx: Transaction) -> dict[str, str]:
    if not tx.stripe_payment_intent_id:
        raise BadRequest("No payment intent exists. Create one first.")
    intent = gateway.intent_retrieve(_secret(tx), tx.stripe_payment_intent_id)
    if not intent.client_secret:
        raise BadRequest("Payment intent has no client secret")
    return {"client_secret": intent.client_secret}


def payment_status(*, tx: Transaction) -> dict[str, Any]:
    answer: dict[str, Any] = {"status": tx.status, "amount": tx.amount}
    if tx.paid_at:
        answer["paid_at"] = tx.paid_at
    if tx.stripe_payment_intent_id:
        config = config_for_landlord(tx.landlord_id)
        if config is not None and config.secret_key:
            try:
                intent = gateway.intent_retrieve(config.secret_key.reveal(), tx.stripe_payment_intent_id)
                answer["stripe_status"] = intent.status
            except (gateway.PaymentProviderError, gateway.PaymentProviderUnavailable):
                pass  # spec: Stripe errors are ignored here
    return answer


def payment_cancel(*, tx: Transaction) -> None:
    if not tx.stripe_payment_intent_id:
        raise BadRequest("No payment intent to cancel")
    if tx.status == PaymentStatus.PAID:
        raise BadRequest("Cannot cancel a completed payment")
    gateway.intent_cancel(_secret(tx), tx.stripe_payment_intent_id)
    Transaction.objects.unscoped().filter(
        pk=tx.pk, stripe_payment_intent_id=tx.stripe_payment_intent_id
    ).exclude(status=PaymentStatus.PAID).update(stripe_payment_intent_id=None, updated_at=timezone.now())


def payment_confirm(*, tx: Transaction) -> dict[str, Any]:
    if tx.status == PaymentStatus.PAID:
        return {"success": True, "status": PaymentStatus.PAID, "paid_at": tx.paid_at}
    if not tx.stripe_payment_intent_id:
        raise BadRequest("No payment intent found for this transaction")
    intent = gateway.intent_retrieve(_secret(tx), tx.stripe_payment_intent_id, with_charge=True)
    if intent.status != "succeeded":
        return {"success": False, "status": intent.status}
    paid = payment_record_success(tx_id=tx.pk, intent=intent)
    return {"success": True, "status": PaymentStatus.PAID, "paid_at": paid.paid_at}


@atomic
def payment_record_success(*, tx_id, intent) -> Transaction:
    """Mark the transaction PAID from a succeeded intent, once.

    The update is conditional on the row not being PAID yet; only the call that wins it queues
    the confirmation email and notification. Every call returns the stored row.
    """
    charge_id, receipt_url = gateway.charge_facts(intent)
    now = timezone.now()
    won = (
        Transaction.objects.unscoped()
        .filter(pk=tx_id)
        .exclude(status=PaymentStatus.PAID)
        .update(
            status=PaymentStatus.PAID,
            paid_at=now,
            payment_method=PaymentMethod.CREDIT_CARD,
            stripe_payment_intent_id=intent.id,
            stripe_charge_id=charge_id,
            stripe_receipt_url=receipt_url,
            updated_at=now,
        )
    )
    tx = Transaction.objects.unscoped().select_related("lease__unit__property", "rental_period").get(pk=tx_id)
    if won:
        _send_confirmation(tx)
    return tx


def payment_record_failure(*, tx_id, intent, event_type: str, occurred_at) -> bool:
    """Record a failed or canceled attempt on an unpaid transaction; a PAID one is left alone
    (a late failure of an earlier attempt must not undo a payment)."""
    tx = Transaction.objects.unscoped().filter(pk=tx_id).first()
    if tx is None or tx.status == PaymentStatus.PAID:
        return False
    error = gateway.field(intent, "last_payment_error") or {}
    metadata = {
        **_metadata(tx),
        "lastError": gateway.field(error, "message")
        or ("canceled" if event_type.endswith("canceled") else "failed"),
        "failedAt": occurred_at.isoformat(),
    }
    fields = {"stripe_metadata": metadata, "updated_at": timezone.now()}
    if event_type.endswith("canceled") and tx.stripe_payment_intent_id == intent.id:
        fields["stripe_payment_intent_id"] = None
    Transaction.objects.unscoped().filter(pk=tx_id).exclude(status=PaymentStatus.PAID).update(**fields)
    return True


def _send_confirmation(tx: Transaction) -> None:
    lease = tx.lease
    if lease is None:
        return
    context = {
        **notices.payment_context(tx),
        "paymentDate": notices.day(tx.paid_at),
        "paymentMethod": PaymentMethod.CREDIT_CARD,
        "paymentReference": tx.stripe_charge_id or tx.stripe_payment_intent_id or "",
    }
    notices.email_tenant_users(lease, template="payment-confirmation", context=context)
    users = notices.tenant_users(lease.tenant_id)
    if users:
        notify_many(
            users=users,
            type=NotificationType.PAYMENT_RECEIVED,
            title="Payment confirmation",
            content=f"Your payment of {notices.amount_text(tx.amount)} was received.",
            data={
                "transactionId": str(tx.pk),
                "amount": notices.amount_text(tx.amount),
                "kind": "payment-confirmation",
            },
            action_url="/dashboard/tenant/payments",
            channels=("in_app",),
        )


def online_payment_availability(principal) -> dict[str, bool]:
    from apps.core.scope import UserType
    from apps.leases.models import LeaseStatus

    if principal.user_type != UserType.TENANT or principal.organization_id is None:
        return {"online_payments_enabled": False}
    landlord_ids = Lease.objects.filter(
        tenant_id=principal.organization_id, status=LeaseStatus.ACTIVE
    ).values("landlord_id")
    enabled = (
        PaymentConfig.objects.unscoped()
        .filter(landlord_id__in=landlord_ids, online_payments_enabled=True)
        .exists()
    )
    return {"online_payments_enabled": enabled}
