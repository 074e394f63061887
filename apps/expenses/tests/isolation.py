"""Cross-tenant cases of the expense routes.

Landlord A has an expense with a receipt. Landlord B's people attack it: another landlord's
expense is a 404 for B's admin and staff (tenants and contractors, who may not read expenses,
get 403 before any lookup) and nothing changes. The list answers 200 without A's expenses (the
original lists every landlord's: spec 05 open question 1), and B cannot file an expense on A's
property.
"""

from __future__ import annotations

from decimal import Decimal

from tests.isolation import Case, bearer_client

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")
REFUSED = (403, 404)


def _expense(w):
    if "expense" not in w.extra:
        from apps.expenses.models import Expense
        from apps.properties.tests.factories import PropertyFactory

        prop = PropertyFactory(landlord=w.landlord_a, name="A's tower")
        w.extra["expense_property"] = prop
        w.extra["expense"] = Expense.objects.unscoped().create(
            landlord=w.landlord_a, property=prop, category="Utilities & Energy", amount=Decimal("80.00")
        )
        w.extra["expense_snapshot"] = _snapshot(w)
    return w.extra["expense"]


def _snapshot(w):
    from apps.expenses.models import Expense

    return tuple(
        Expense.objects.unscoped()
        .order_by("id")
        .values_list("id", "landlord_id", "amount", "status", "category")
    )


def _unchanged(w, path):
    assert _snapshot(w) == w.extra["expense_snapshot"], f"{path} changed expenses"


def _listing(w, path):
    hidden = str(_expense(w).pk)
    for attacker in B_SIDE:
        response = bearer_client(getattr(w, attacker)).get(path)
        if attacker in ("tenant_b", "contractor_b"):
            assert response.status_code == 403
            continue
        assert response.status_code == 200
        assert hidden not in {item["_id"] for item in response.json()["data"]}
    _unchanged(w, path)


def _e(suffix: str = ""):
    return lambda w: f"/expenses/{_expense(w).pk}{suffix}"


def _refused(route, method, build, body=None):
    return Case(route, method, build=build, body=body, attackers=B_SIDE, expect=REFUSED, unchanged=_unchanged)


CASES = [
    Case(
        "expenses:list",
        "GET",
        build=lambda w: (_expense(w), "/expenses?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_listing,
    ),
    Case(
        "expenses:list",
        "POST",
        build=lambda w: (_expense(w), "/expenses")[1],
        body=lambda w: {
            "property": str(w.extra["expense_property"].pk),
            "category": "Taxes & Permits",
            "amount": 5,
        },
        attackers=B_SIDE,
        expect=REFUSED,
        unchanged=_unchanged,
    ),
    _refused("expenses:detail", "GET", _e()),
    _refused("expenses:detail", "PATCH", _e(), body={"amount": 1}),
    _refused("expenses:detail", "DELETE", _e()),
    _refused("expenses:confirm", "PATCH", _e("/confirm")),
]

EXEMPT: dict[tuple[str, str], str] = {}
