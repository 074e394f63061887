"""Reads of expenses: the merged view of manual expenses and maintenance invoices (spec 05 5.7).

Every read is the caller's landlord's (the original lists every landlord's: open question 1).
Without an invoice source the list is one database page. With one, both sides stay in the
database: each is counted, only the sort keys of its first ``offset + limit`` rows are read to
find which rows make the page, and only those rows are loaded and presented.
"""

from __future__ import annotations

import heapq
from typing import Any

from django.db.models import Q, QuerySet

from apps.core.exceptions import NotFound
from apps.core.pagination import envelope
from apps.expenses import invoices
from apps.expenses.models import Expense, ExpenseCategory, ExpenseScope, ExpenseSource
from apps.leases.selectors import property_brief
from apps.media.services import media_for_owners, media_to_dict

RELATED = ("property", "unit")
COLLECTION = "expenses"


def expense_queryset(query: dict[str, Any]) -> QuerySet:
    queryset = Expense.objects.select_related(*RELATED)
    for key, field in (
        ("property", "property_id"),
        ("unit", "unit_id"),
        ("category", "category"),
        ("status", "status"),
        ("scope_of_work", "scope_of_work_id"),
        ("ticket", "ticket_id"),
    ):
        if query.get(key):
            queryset = queryset.filter(**{field: query[key]})
    maintenance_link = Q(scope_of_work_id__isnull=False) | Q(ticket_id__isnull=False)
    if query.get("source") == ExpenseSource.MAINTENANCE:
        queryset = queryset.filter(maintenance_link)
    elif query.get("source") == ExpenseSource.MANUAL:
        queryset = queryset.exclude(maintenance_link)
    if query.get("scope") == ExpenseScope.UNIT:
        queryset = queryset.filter(unit_id__isnull=False)
    elif query.get("scope") == ExpenseScope.PROPERTY:
        queryset = queryset.filter(unit_id__isnull=True)
    if query.get("start_date"):
        queryset = queryset.filter(date__gte=query["start_date"])
    if query.get("end_date"):
        queryset = queryset.filter(date__lte=query["end_date"])
    if query.get("search"):
        queryset = queryset.filter(description__icontains=query["search"])
    return queryset


def _invoice_rows(source, *, landlord_id, query: dict[str, Any]) -> QuerySet | None:
    """The invoice side, or ``None`` when filters exclude invoices altogether (spec: invoices are
    always ``Maintenance`` source and ``Maintenance & Repairs`` category; a unit filter or scope
    keeps only unit-linked ones, which the source filters by ``unit_id``)."""
    if source is None or landlord_id is None:
        return None
    if query.get("category") and query["category"] != ExpenseCategory.MAINTENANCE:
        return None
    if query.get("source") == ExpenseSource.MANUAL:
        return None
    return source.rows(
        landlord_id=landlord_id,
        status=query.get("status"),
        property_id=query.get("property"),
        unit_id=query.get("unit"),
    )


def present_expenses(rows) -> list[dict[str, Any]]:
    rows = list(rows)
    media = media_for_owners("Expense", [row.pk for row in rows], collections=[COLLECTION])
    return [expense_to_dict(row, media=media.get(row.pk, []), computed=True) for row in rows]


def expense_to_dict(expense: Expense, *, media, computed: bool) -> dict[str, Any]:
    from apps.core.serializers import iso

    data: dict[str, Any] = {
        "_id": str(expense.pk),
        "id": str(expense.pk),
        "landlord": str(expense.landlord_id),
        "property": property_brief(expense.property),
        "unit": (
            {"_id": str(expense.unit_id), "unit_number": expense.unit.unit_number} if expense.unit else None
        ),
        "scope_of_work": str(expense.scope_of_work_id) if expense.scope_of_work_id else None,
        "ticket": str(expense.ticket_id) if expense.ticket_id else None,
        "category": expense.category,
        "amount": expense.amount,
        "description": expense.description,
        "date": iso(expense.date),
        "status": expense.status,
        "media": [media_to_dict(item) for item in media],
        "created_at": iso(expense.created_at),
        "updated_at": iso(expense.updated_at),
        "__v": expense.version,
    }
    if computed:
        data.update({"source": expense.source, "scope": expense.scope, "is_invoice": False})
    return data


def expense_list(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    page, limit = query["page"], query["limit"]
    offset = (page - 1) * limit
    expenses = expense_queryset(query).order_by("-date", "-id")
    source = invoices.current()
    invoice_rows = _invoice_rows(source, landlord_id=landlord_id, query=query)
    if invoice_rows is None:
        total = expenses.count()
        rows = list(expenses[offset : offset + limit]) if offset < total else []
        return {"success": True, **_envelope(present_expenses(rows), total, page, limit)}

    invoice_rows = invoice_rows.order_by("-created_at", "-pk")
    total = expenses.count() + invoice_rows.count()
    window = offset + limit
    keyed = heapq.merge(
        ((date, "expense", pk) for date, pk in expenses.values_list("date", "pk")[:window]),
        ((date, "invoice", pk) for date, pk in invoice_rows.values_list("created_at", "pk")[:window]),
        key=lambda item: item[0],
        reverse=True,
    )
    picked = list(keyed)[offset:window]
    expense_ids = [pk for _, kind, pk in picked if kind == "expense"]
    invoice_ids = [pk for _, kind, pk in picked if kind == "invoice"]
    presented: dict[Any, dict[str, Any]] = {}
    for item in present_expenses(Expense.objects.select_related(*RELATED).filter(pk__in=expense_ids)):
        presented[("expense", item["_id"])] = item
    for item in source.present(list(invoice_rows.filter(pk__in=invoice_ids))) if invoice_ids else []:
        presented[("invoice", item["_id"])] = item
    data = [presented[(kind, str(pk))] for _, kind, pk in picked if (kind, str(pk)) in presented]
    return {"success": True, **_envelope(data, total, page, limit)}


def _envelope(items, total: int, page: int, limit: int) -> dict[str, Any]:
    full = envelope(items, total=total, page=page, limit=limit)
    return {key: full[key] for key in ("data", "total", "page", "limit", "total_pages")}


def expense_get(pk) -> Expense:
    expense = Expense.objects.select_related(*RELATED).filter(pk=pk).first()
    if expense is None:
        raise NotFound("Expense not found")
    return expense


def expense_or_invoice(*, landlord_id, pk) -> dict[str, Any]:
    expense = Expense.objects.select_related(*RELATED).filter(pk=pk).first()
    if expense is not None:
        return present_expenses([expense])[0]
    source = invoices.current()
    if source is not None and landlord_id is not None:
        invoice = source.get(landlord_id=landlord_id, pk=pk)
        if invoice is not None:
            return invoice
    raise NotFound("Expense not found")
