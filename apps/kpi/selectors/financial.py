"""``GET /kpi/financial`` (spec 06 section 3): revenue, expenses and NOI of the caller's landlord.

Nine queries at most, whatever the number of rows: the landlord's properties (names, and which
are deleted), then per source one conditional aggregate for the period totals and every month of
the trend (``Sum(filter=...)`` per month: no per-row date function), and group-bys for the
breakdowns and shares. The portfolio scope excludes the landlord's deleted properties by id, so
the common case (none deleted) needs no join at all. Decisions (docs/compatibility/kpi.md):

* a transaction without its own property/unit is attributed to its lease's unit and that unit's
  property (open question 3: the original dropped those from scoped figures);
* ``revenueShare``/``expenseShare`` list the landlord's live properties in both the portfolio
  and the property scope (open question 2: the property dashboard shows the property among its
  siblings), and ``[]`` in the unit scope, as the original.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from apps.expenses.models import Expense, ExpenseCategory, ExpenseStatus
from apps.kpi.figures import ZERO, growth, number, percent, round2
from apps.kpi.periods import TICK, Window, add_months, month_start
from apps.kpi.selectors.common import spanning, within
from apps.kpi.serializers import PORTFOLIO, PROPERTY, REVENUE_TYPES, STATUS_TO_PAYMENT, UNIT
from apps.leases.models import PaymentStatus, PaymentType, Transaction
from apps.maintenance.models import Invoice, InvoiceStatus
from apps.properties.models import Property

DEPOSIT_TYPES = (PaymentType.DEPOSIT, PaymentType.DEPOSIT_REFUND, PaymentType.DEPOSIT_DEDUCTION)


# -- scope filters --------------------------------------------------------------------------------
def transaction_scope(scope: str, property_id, unit_id, gone: list) -> Q:
    """Scope match on the attributed property/unit: the transaction's own, else its lease's.

    ``gone``: ids of the landlord's deleted properties (the portfolio is its live ones)."""
    if scope == PORTFOLIO:
        own = Q(property_id__isnull=False)
        through_lease = Q(property_id__isnull=True, lease_id__isnull=False)
        if gone:
            own &= ~Q(property_id__in=gone)
            through_lease &= ~Q(lease__unit__property_id__in=gone)
        return own | through_lease
    if scope == PROPERTY and property_id:
        return Q(property_id=property_id) | Q(property_id__isnull=True, lease__unit__property_id=property_id)
    if scope == UNIT and unit_id:
        return Q(unit_id=unit_id) | Q(unit_id__isnull=True, lease__unit_id=unit_id)
    return Q()


def expense_scope(scope: str, property_id, unit_id, gone: list) -> Q:
    if scope == PORTFOLIO:
        return ~Q(property_id__in=gone) if gone else Q()
    if scope == PROPERTY and property_id:
        return Q(property_id=property_id)
    if scope == UNIT and unit_id:
        return Q(unit_id=unit_id)
    return Q()


def invoice_scope(scope: str, property_id, unit_id, gone: list) -> Q:
    """Scope match on the invoice's linked ticket, else its linked scope of work (an invoice of
    a scope of work without a property has no place in the portfolio)."""
    if scope == PORTFOLIO:
        on_ticket = Q(ticket_id__isnull=False)
        on_sow = Q(ticket_id__isnull=True, scope_of_work__property_id__isnull=False)
        if gone:
            on_ticket &= ~Q(ticket__property_id__in=gone)
            on_sow &= ~Q(scope_of_work__property_id__in=gone)
        return on_ticket | on_sow
    if scope == PROPERTY and property_id:
        return Q(ticket__property_id=property_id) | Q(
            ticket_id__isnull=True, scope_of_work__property_id=property_id
        )
    if scope == UNIT and unit_id:
        return Q(ticket__unit_id=unit_id) | Q(ticket_id__isnull=True, scope_of_work__unit_id=unit_id)
    return Q()


def _revenue_types(revenue_type: str | None) -> Q:
    if revenue_type:
        return Q(type__in=REVENUE_TYPES[revenue_type])
    return ~Q(type__in=DEPOSIT_TYPES)


def _totals(queryset, field: str, current, previous, *, period: Q, monthly: Q | None) -> dict[str, Any]:
    """Period totals (with the ``period`` filter) and, with ``monthly``, the sum of every month of
    the current window (with that filter), in one query."""
    sums = {"current": Sum("amount", filter=period & within(field, current))}
    if previous is not None:
        sums["previous"] = Sum("amount", filter=period & within(field, previous))
    if monthly is not None:
        for label, month in month_windows(current):
            sums[_month_key(label)] = Sum("amount", filter=monthly & within(field, month))
    values = queryset.filter(spanning(field, current, previous)).aggregate(**sums)
    return {key: number(value) for key, value in values.items()}


def _month_key(label: str) -> str:
    return "month_" + label.replace("-", "_")


def month_windows(window: Window) -> list[tuple[str, Window]]:
    """Each calendar month the window touches (``YYYY-MM``), clipped to the window."""
    months, cursor = [], month_start(window.start)
    while cursor <= window.end:
        following = add_months(cursor, 1)
        months.append(
            (cursor.strftime("%Y-%m"), Window(max(cursor, window.start), min(following - TICK, window.end)))
        )
        cursor = following
    return months


# -- the route ------------------------------------------------------------------------------------
def financial_kpis(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    scope, property_id, unit_id = query["scope"], query.get("property_id"), query.get("unit_id")
    current, previous = query["window"], query.get("previous_window")
    statuses = query.get("status") or []
    counts_confirmed = not statuses or any(status in ("confirmed", "paid") for status in statuses)

    properties = {
        row["id"]: row
        for row in Property.objects.including_deleted()
        .filter(landlord_id=landlord_id)
        .values("id", "name", "deleted")
    }
    gone = [pk for pk, row in properties.items() if row["deleted"]]
    transactions = Transaction.objects.filter(
        transaction_scope(scope, property_id, unit_id, gone), landlord_id=landlord_id
    )
    expenses = Expense.objects.filter(
        expense_scope(scope, property_id, unit_id, gone), landlord_id=landlord_id
    )
    invoices = Invoice.objects.filter(
        invoice_scope(scope, property_id, unit_id, gone),
        landlord_id=landlord_id,
        status=InvoiceStatus.CONFIRMED,
    )
    revenue_types = _revenue_types(query.get("revenue_type"))
    category = Q(category=query["expense_category"]) if query.get("expense_category") else Q()
    paid = Q(status=PaymentStatus.PAID)
    confirmed = Q(status=ExpenseStatus.CONFIRMED)

    payment_statuses = {STATUS_TO_PAYMENT[status] for status in statuses} or {PaymentStatus.PAID}
    revenue = _totals(
        transactions,
        "due_date",
        current,
        previous,
        period=revenue_types & Q(status__in=payment_statuses),
        monthly=paid & ~Q(type__in=DEPOSIT_TYPES),
    )
    expense = _totals(
        expenses,
        "date",
        current,
        previous,
        period=category & (confirmed if counts_confirmed else Q()),
        monthly=confirmed,
    )
    invoiced = _totals(invoices, "created_at", current, previous, period=Q(), monthly=Q())
    maintenance_cost = invoiced["current"]
    counted_invoices = invoiced if counts_confirmed else {"current": ZERO, "previous": ZERO}

    figures = _period(revenue["current"], expense["current"] + counted_invoices["current"])
    body: dict[str, Any] = {"current": figures}
    if previous is not None:
        figures["revenue_growth_rate"] = growth(revenue["current"], revenue["previous"])
        body["previous"] = _period(revenue["previous"], expense["previous"] + counted_invoices["previous"])

    body["revenue_breakdown"] = _shares(
        transactions.filter(paid, revenue_types, within("due_date", current))
        .values("type")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "type"),
        key="type",
        value="amount",
    )
    categories = list(
        expenses.filter(confirmed, category, within("date", current))
        .values("category")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "category")
    )
    if maintenance_cost > 0:
        categories.append({"category": ExpenseCategory.MAINTENANCE.value, "amount": maintenance_cost})
    body["expense_breakdown"] = _shares(categories, key="category", value="amount")
    body["monthly_trend"] = []
    for label, _ in month_windows(current):
        month_revenue = revenue[_month_key(label)]
        month_expense = expense[_month_key(label)] + invoiced[_month_key(label)]
        body["monthly_trend"].append(
            {
                "month": label,
                "revenue": round2(month_revenue),
                "expense": round2(month_expense),
                "noi": round2(month_revenue - month_expense),
            }
        )
    if scope == UNIT:
        body["revenue_share"], body["expense_share"] = [], []
    else:
        live = {pk: row["name"] for pk, row in properties.items() if not row["deleted"]}
        body["revenue_share"] = _revenue_share(landlord_id, current, gone, live)
        body["expense_share"] = _expense_share(landlord_id, current, gone, live)
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


def _revenue_share(landlord_id, current, gone, live) -> list[dict[str, Any]]:
    """Revenue per live property of the landlord (portfolio filter in both non-unit scopes)."""
    rows = (
        Transaction.objects.filter(
            transaction_scope(PORTFOLIO, None, None, gone),
            within("due_date", current),
            landlord_id=landlord_id,
            status=PaymentStatus.PAID,
        )
        .exclude(type__in=DEPOSIT_TYPES)
        .annotate(entity=Coalesce("property_id", "lease__unit__property_id"))
        .values("entity")
        .annotate(amount=Sum("amount"))
    )
    return _entity_shares(rows, live, value="revenue")


def _expense_share(landlord_id, current, gone, live) -> list[dict[str, Any]]:
    expense_rows = (
        Expense.objects.filter(
            expense_scope(PORTFOLIO, None, None, gone),
            within("date", current),
            landlord_id=landlord_id,
            status=ExpenseStatus.CONFIRMED,
        )
        .values("property_id")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    invoice_rows = (
        Invoice.objects.filter(
            invoice_scope(PORTFOLIO, None, None, gone),
            within("created_at", current),
            landlord_id=landlord_id,
            status=InvoiceStatus.CONFIRMED,
        )
        .annotate(entity=Coalesce("ticket__property_id", "scope_of_work__property_id"))
        .values("entity")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    merged: dict[Any, Any] = {}
    for entity, amount in [
        *((row["property_id"], row["amount"]) for row in expense_rows),
        *((row["entity"], row["amount"]) for row in invoice_rows),
    ]:
        merged[entity] = merged.get(entity, ZERO) + number(amount)
    return _entity_shares(
        [{"entity": entity, "amount": amount} for entity, amount in merged.items()], live, value="expense"
    )


def _entity_shares(rows, live: dict, *, value: str) -> list[dict[str, Any]]:
    """Groups of live properties, largest first, with their share of the listed total."""
    rows = [row for row in rows if row["entity"] in live]
    rows.sort(key=lambda row: (-number(row["amount"]), live[row["entity"]]))
    total = sum((number(row["amount"]) for row in rows), ZERO)
    return [
        {
            "entity_id": str(row["entity"]),
            "entity_name": live[row["entity"]] or "Unknown",
            "entity_type": "property",
            value: round2(row["amount"]),
            "percentage": percent(row["amount"], total),
        }
        for row in rows
    ]
