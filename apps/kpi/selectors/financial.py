"""``GET /kpi/financial`` (spec 06 section 3): revenue, expenses and NOI of the caller's landlord.

Eleven aggregate queries at most (four over transactions, four over expenses, three over
maintenance invoices), whatever the number of rows. Decisions (docs/compatibility/kpi.md):

* a transaction without its own property/unit is attributed to its lease's unit and that unit's
  property (open question 3: the original dropped those from scoped figures);
* ``revenueShare``/``expenseShare`` list the landlord's live properties in both the portfolio
  and the property scope (open question 2: the property dashboard shows the property among its
  siblings), and ``[]`` in the unit scope, as the original.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from apps.expenses.models import Expense, ExpenseCategory, ExpenseStatus
from apps.kpi.figures import ZERO, growth, number, percent, round2
from apps.kpi.selectors.common import month_label, month_of, spanning, within
from apps.kpi.serializers import PORTFOLIO, PROPERTY, REVENUE_TYPES, STATUS_TO_PAYMENT, UNIT
from apps.leases.models import PaymentStatus, PaymentType, Transaction
from apps.maintenance.models import Invoice, InvoiceStatus

DEPOSIT_TYPES = (PaymentType.DEPOSIT, PaymentType.DEPOSIT_REFUND, PaymentType.DEPOSIT_DEDUCTION)


# -- scope filters --------------------------------------------------------------------------------
def transaction_scope(scope: str, property_id, unit_id) -> Q:
    """Scope match on the attributed property/unit: the transaction's own, else its lease's."""
    if scope == PORTFOLIO:
        return Q(property__isnull=False, property__deleted=False) | Q(
            property__isnull=True, lease__unit__property__deleted=False
        )
    if scope == PROPERTY and property_id:
        return Q(property_id=property_id) | Q(property__isnull=True, lease__unit__property_id=property_id)
    if scope == UNIT and unit_id:
        return Q(unit_id=unit_id) | Q(unit__isnull=True, lease__unit_id=unit_id)
    return Q()


def expense_scope(scope: str, property_id, unit_id) -> Q:
    if scope == PORTFOLIO:
        return Q(property__deleted=False)
    if scope == PROPERTY and property_id:
        return Q(property_id=property_id)
    if scope == UNIT and unit_id:
        return Q(unit_id=unit_id)
    return Q()


def invoice_scope(scope: str, property_id, unit_id) -> Q:
    """Scope match on the invoice's linked ticket, else its linked scope of work."""
    if scope == PORTFOLIO:
        return Q(ticket__isnull=False, ticket__property__deleted=False) | Q(
            ticket__isnull=True, scope_of_work__property__deleted=False
        )
    if scope == PROPERTY and property_id:
        return Q(ticket__property_id=property_id) | Q(
            ticket__isnull=True, scope_of_work__property_id=property_id
        )
    if scope == UNIT and unit_id:
        return Q(ticket__unit_id=unit_id) | Q(ticket__isnull=True, scope_of_work__unit_id=unit_id)
    return Q()


def _revenue_types(revenue_type: str | None) -> Q:
    if revenue_type:
        return Q(type__in=REVENUE_TYPES[revenue_type])
    return ~Q(type__in=DEPOSIT_TYPES)


def _period_sums(queryset, field: str, current, previous) -> tuple[Any, Any]:
    sums = {"current": Sum("amount", filter=within(field, current))}
    if previous is not None:
        sums["previous"] = Sum("amount", filter=within(field, previous))
    totals = queryset.filter(spanning(field, current, previous)).aggregate(**sums)
    return number(totals["current"]), number(totals.get("previous"))


def _by_month(queryset, field: str, window) -> dict[str, Any]:
    rows = (
        queryset.filter(within(field, window))
        .annotate(month=month_of(field))
        .values("month")
        .annotate(total=Sum("amount"))
        .order_by("month")
    )
    return {month_label(row["month"]): row["total"] for row in rows}


# -- the route ------------------------------------------------------------------------------------
def financial_kpis(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    scope, property_id, unit_id = query["scope"], query.get("property_id"), query.get("unit_id")
    current, previous = query["window"], query.get("previous_window")
    statuses = query.get("status") or []
    counts_confirmed = not statuses or any(status in ("confirmed", "paid") for status in statuses)

    transactions = Transaction.objects.filter(landlord_id=landlord_id)
    expenses = Expense.objects.filter(landlord_id=landlord_id)
    invoices = Invoice.objects.filter(landlord_id=landlord_id, status=InvoiceStatus.CONFIRMED)
    tx_scope = transaction_scope(scope, property_id, unit_id)
    ex_scope = expense_scope(scope, property_id, unit_id)
    inv_scope = invoice_scope(scope, property_id, unit_id)
    revenue_types = _revenue_types(query.get("revenue_type"))
    category = Q(category=query["expense_category"]) if query.get("expense_category") else Q()
    paid_revenue = transactions.filter(tx_scope, status=PaymentStatus.PAID)
    confirmed_expenses = expenses.filter(ex_scope, status=ExpenseStatus.CONFIRMED)
    scoped_invoices = invoices.filter(inv_scope)

    # period figures
    payment_statuses = {STATUS_TO_PAYMENT[status] for status in statuses} or {PaymentStatus.PAID}
    revenue = _period_sums(
        transactions.filter(tx_scope, revenue_types, status__in=payment_statuses),
        "due_date",
        current,
        previous,
    )
    expense_status = Q(status=ExpenseStatus.CONFIRMED) if counts_confirmed else Q()
    expense = _period_sums(expenses.filter(ex_scope, category, expense_status), "date", current, previous)
    invoiced = _period_sums(scoped_invoices, "created_at", current, previous)
    maintenance_cost = invoiced[0]
    if not counts_confirmed:
        invoiced = (ZERO, ZERO)

    figures = _period(revenue[0], expense[0] + invoiced[0])
    body: dict[str, Any] = {"current": figures}
    if previous is not None:
        figures["revenue_growth_rate"] = growth(revenue[0], revenue[1])
        body["previous"] = _period(revenue[1], expense[1] + invoiced[1])

    # detail blocks, current period only
    body["revenue_breakdown"] = _shares(
        paid_revenue.filter(revenue_types, within("due_date", current))
        .values("type")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "type"),
        key="type",
        value="amount",
    )
    categories = list(
        confirmed_expenses.filter(category, within("date", current))
        .values("category")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "category")
    )
    if maintenance_cost > 0:
        categories.append({"category": ExpenseCategory.MAINTENANCE.value, "amount": maintenance_cost})
    body["expense_breakdown"] = _shares(categories, key="category", value="amount")
    body["monthly_trend"] = _monthly_trend(
        current,
        revenue=_by_month(paid_revenue.exclude(type__in=DEPOSIT_TYPES), "due_date", current),
        expense=_by_month(confirmed_expenses, "date", current),
        invoiced=_by_month(scoped_invoices, "created_at", current),
    )
    if scope == UNIT:
        body["revenue_share"], body["expense_share"] = [], []
    else:
        body["revenue_share"] = _revenue_share(transactions, current)
        body["expense_share"] = _expense_share(expenses, invoices, current)
    body["maintenance_cost"] = round2(maintenance_cost)
    return body


def _period(revenue, expense) -> dict[str, Any]:
    return {
        "total_revenue": round2(revenue),
        "total_expenses": round2(expense),
        "net_operating_income": round2(revenue - expense),
        "expense_to_revenue_ratio": percent(expense, revenue),
    }


def _shares(rows, *, key: str, value: str) -> list[dict[str, Any]]:
    rows = list(rows)
    total = sum((number(row[value]) for row in rows), ZERO)
    return [
        {key: row[key], value: round2(row[value]), "percentage": percent(row[value], total)} for row in rows
    ]


def _monthly_trend(window, *, revenue, expense, invoiced) -> list[dict[str, Any]]:
    trend = []
    for month in window.months():
        month_revenue = number(revenue.get(month))
        month_expense = number(expense.get(month)) + number(invoiced.get(month))
        trend.append(
            {
                "month": month,
                "revenue": round2(month_revenue),
                "expense": round2(month_expense),
                "noi": round2(month_revenue - month_expense),
            }
        )
    return trend


def _revenue_share(transactions, current) -> list[dict[str, Any]]:
    rows = (
        transactions.filter(
            transaction_scope(PORTFOLIO, None, None),
            within("due_date", current),
            status=PaymentStatus.PAID,
        )
        .exclude(type__in=DEPOSIT_TYPES)
        .annotate(
            entity=Coalesce("property_id", "lease__unit__property_id"),
            entity_name=Coalesce("property__name", "lease__unit__property__name"),
        )
        .values("entity", "entity_name")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "entity_name")
    )
    return _entity_shares(rows, value="revenue")


def _expense_share(expenses, invoices, current) -> list[dict[str, Any]]:
    expense_rows = (
        expenses.filter(
            expense_scope(PORTFOLIO, None, None), within("date", current), status=ExpenseStatus.CONFIRMED
        )
        .annotate(entity=F("property_id"), entity_name=F("property__name"))
        .values("entity", "entity_name")
        .annotate(amount=Sum("amount"))
    )
    invoice_rows = (
        invoices.filter(invoice_scope(PORTFOLIO, None, None), within("created_at", current))
        .annotate(
            entity=Coalesce("ticket__property_id", "scope_of_work__property_id"),
            entity_name=Coalesce("ticket__property__name", "scope_of_work__property__name"),
        )
        .values("entity", "entity_name")
        .annotate(amount=Sum("amount"))
    )
    merged: dict[Any, dict[str, Any]] = {}
    for row in [*expense_rows.order_by(), *invoice_rows.order_by()]:
        entry = merged.setdefault(
            row["entity"], {"entity": row["entity"], "entity_name": row["entity_name"], "amount": ZERO}
        )
        entry["amount"] += number(row["amount"])
    rows = sorted(merged.values(), key=lambda row: (-row["amount"], row["entity_name"] or ""))
    return _entity_shares(rows, value="expense")


def _entity_shares(rows, *, value: str) -> list[dict[str, Any]]:
    rows = list(rows)
    total = sum((number(row["amount"]) for row in rows), ZERO)
    return [
        {
            "entity_id": str(row["entity"]),
            "entity_name": row["entity_name"] or "Unknown",
            "entity_type": "property",
            value: round2(row["amount"]),
            "percentage": percent(row["amount"], total),
        }
        for row in rows
    ]
