"""Cross-tenant cases of the payment, Stripe configuration and revenue routes.

Landlord A has Stripe configured and a lease with rent due. Landlord B's people (admin, staff,
tenant, contractor) attack it: A's transactions are a 404 (a contractor, who may read no
transaction, is refused before any lookup), nothing reaches Stripe and nothing changes. The
configuration routes carry no id: they answer about the caller's own landlord only, and the
checks assert A's configuration is untouched. Revenue lists and the summary answer 200 without
A's money.
"""

from __future__ import annotations

from apps.leases.models import Transaction
from tests.isolation import Case, bearer_client

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")
REFUSED = (403, 404)


def _lease(w):
    if "pay_lease" not in w.extra:
        from apps.leases.tests.factories import active_lease
        from apps.payments.models import PaymentConfig
        from apps.properties.tests.factories import PropertyFactory, UnitFactory

        PaymentConfig.objects.unscoped().create(
            landlord=w.landlord_a,
            secret_key="sk_test_isolationA1",
            publishable_key="pk_test_isolationA1",
            webhook_secret="whsec_isolationA1",
            online_payments_enabled=True,
        )
        unit = UnitFactory(property=PropertyFactory(landlord=w.landlord_a, name="A's"), unit_number="P-1")
        w.extra["pay_lease"] = active_lease(unit=unit, tenant=w.tenant_org_a)
        w.extra["pay_snapshot"] = _snapshot(w)
    return w.extra["pay_lease"]


def _tx(w) -> Transaction:
    return Transaction.objects.unscoped().filter(lease=_lease(w), type="RENT").order_by("due_date").first()


def _snapshot(w):
    from apps.payments.models import PaymentConfig, StripeEvent

    config = PaymentConfig.objects.unscoped().get(landlord=w.landlord_a)
    return (
        tuple(
            Transaction.objects.including_deleted()
            .filter(landlord=w.landlord_a)
            .order_by("id")
            .values_list("id", "status", "amount", "deleted", "stripe_payment_intent_id", "paid_at")
        ),
        (
            config.secret_key.reveal(),
            config.publishable_key,
            config.online_payments_enabled,
            config.accept_card_payments,
        ),
        StripeEvent.objects.count(),
    )


def _unchanged(w, path):
    assert _snapshot(w) == w.extra["pay_snapshot"], f"{path} changed A's records"


def _t(suffix: str = ""):
    return lambda w: f"/payments/{_tx(w).pk}{suffix}"


def _refused(route, method, build, body=None):
    return Case(route, method, build=build, body=body, attackers=B_SIDE, expect=REFUSED, unchanged=_unchanged)


def _own_only(route, method, path, body=None, expect=(200, 201, 204, 400, 403, 404, 503)):
    """Routes without an id: whatever B gets is about B; A's configuration must not move."""
    return Case(
        route,
        method,
        build=lambda w: (_lease(w), path)[1],
        body=body,
        attackers=B_SIDE,
        expect=expect,
        unchanged=_unchanged,
    )


def _revenue_listing(w, path):
    hidden = {str(tx.pk) for tx in Transaction.objects.unscoped().filter(landlord=w.landlord_a)}
    for attacker in ("admin_b", "staff_b", "tenant_b"):
        data = bearer_client(getattr(w, attacker)).get(path).json()["data"]
        assert not hidden & {item["_id"] for item in data}
    _unchanged(w, path)


def _summary_empty(w, path):
    for attacker in ("admin_b", "staff_b", "tenant_b"):
        body = bearer_client(getattr(w, attacker)).get(path).json()
        assert body["totalTransactions"] == 0, (attacker, body)
    _unchanged(w, path)


CASES = [
    Case(
        "payments:create-intent",
        "POST",
        build=lambda w: (_lease(w), "/payments/create-intent")[1],
        body=lambda w: {"transactionId": str(_tx(w).pk)},
        attackers=B_SIDE,
        expect=(404,),
        unchanged=_unchanged,
    ),
    _refused("payments:client-secret", "GET", _t("/client-secret")),
    _refused("payments:status", "GET", _t("/status")),
    _refused("payments:cancel", "POST", _t("/cancel")),
    _refused("payments:confirm", "POST", _t("/confirm")),
    _own_only("payments:online-payment-availability", "GET", "/payments/online-payment-availability"),
    Case(
        "payments:webhook",
        "POST",
        build=lambda w: (_lease(w), f"/payments/webhook/{w.landlord_a.pk}")[1],
        body=lambda w: {
            "id": "evt_forged",
            "type": "payment_intent.succeeded",
            "data": {"object": {"id": "pi_x", "metadata": {"transactionId": str(_tx(w).pk)}}},
        },
        attackers=B_SIDE,
        expect=(400,),
        unchanged=_unchanged,
    ),
    _own_only("payments:payment-settings", "GET", "/landlords/payment-settings"),
    _own_only(
        "payments:payment-settings",
        "PATCH",
        "/landlords/payment-settings",
        body={"onlinePaymentsEnabled": False, "acceptCardPayments": False},
    ),
    _own_only("payments:stripe-status", "GET", "/stripe/config/status"),
    _own_only(
        "payments:stripe-save",
        "POST",
        "/stripe/config/save",
        body={"secretKey": "sk_test_attacker", "publishableKey": "pk_test_attacker"},
    ),
    _own_only("payments:stripe-disconnect", "POST", "/stripe/config/disconnect"),
    _own_only("payments:stripe-publishable-key", "GET", "/stripe/config/publishable-key"),
    # revenues
    Case(
        "payments:revenues",
        "GET",
        build=lambda w: (_lease(w), "/revenues?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_revenue_listing,
    ),
    Case(
        "payments:revenues",
        "POST",
        build=lambda w: (_lease(w), "/revenues")[1],
        body=lambda w: {
            "lease": str(_lease(w).pk),
            "amount": 10,
            "dueDate": "2026-01-01T00:00:00Z",
            "type": "RENT",
        },
        attackers=B_SIDE,
        expect=REFUSED,
        unchanged=_unchanged,
    ),
    Case(
        "payments:revenue-summary",
        "GET",
        build=lambda w: (_lease(w), "/revenues/summary")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_summary_empty,
    ),
    _refused("payments:revenue-detail", "GET", lambda w: f"/revenues/{_tx(w).pk}"),
    _refused("payments:revenue-detail", "PATCH", lambda w: f"/revenues/{_tx(w).pk}", body={"amount": 1}),
    _refused("payments:revenue-detail", "DELETE", lambda w: f"/revenues/{_tx(w).pk}"),
    Case(
        "payments:create-payment-intent",
        "POST",
        build=lambda w: (_lease(w), "/payments/create-payment-intent")[1],
        body=lambda w: {"leaseId": str(_lease(w).pk)},
        attackers=B_SIDE,
        expect=(404,),
        unchanged=_unchanged,
    ),
]

EXEMPT: dict[tuple[str, str], str] = {}
