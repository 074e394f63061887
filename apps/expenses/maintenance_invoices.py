"""The invoice side of the expenses view, from the maintenance app (spec 05 section 5.7).

Installed by :class:`apps.expenses.apps.ExpensesConfig` through :mod:`apps.expenses.invoices`:
the expenses app sits a floor above maintenance, so it reads the maintenance selector
(``invoice_expense_rows``) and presents its rows in the expense shape here.
"""

from __future__ import annotations

from typing import Any

from apps.core.serializers import iso
from apps.expenses.invoices import InvoiceSource
from apps.expenses.models import ExpenseCategory
from apps.leases.selectors import property_brief
from apps.maintenance.selectors import invoice_expense_rows
from apps.media.services import media_for_owners, media_to_dict
from apps.properties.models import Property, Unit

INVOICE_COLLECTION = "invoice_files"


def _description(row: dict[str, Any]) -> str:
    return "Invoice - " + (row.get("description") or row.get("entity_title") or "Maintenance")


def present_invoice_expenses(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Invoice rows in expense shape, in a fixed number of queries (properties, units, media)."""
    property_ids = {row["property_id"] for row in rows if row.get("property_id")}
    unit_ids = {row["unit_id"] for row in rows if row.get("unit_id")}
    properties = {prop.pk: prop for prop in Property.objects.unscoped().filter(pk__in=property_ids)}
    units = {unit.pk: unit for unit in Unit.objects.unscoped().filter(pk__in=unit_ids)}
    media = media_for_owners("Invoice", [row["id"] for row in rows], collections=[INVOICE_COLLECTION])
    presented = []
    for row in rows:
        unit = units.get(row.get("unit_id"))
        is_sow = row.get("source") == "SCOPE_OF_WORK"
        presented.append(
            {
                "_id": str(row["id"]),
                "id": str(row["id"]),
                "property": property_brief(properties.get(row.get("property_id"))),
                "unit": {"_id": str(unit.pk), "unit_number": unit.unit_number} if unit else None,
                "scope_of_work": str(row["entity_id"]) if is_sow and row.get("entity_id") else None,
                "ticket": str(row["entity_id"]) if not is_sow and row.get("entity_id") else None,
                "category": ExpenseCategory.MAINTENANCE,
                "amount": row["amount"],
                "description": _description(row),
                "date": iso(row["created_at"]),
                "status": row["status"],
                "media": [media_to_dict(item) for item in media.get(row["id"], [])],
                "created_at": iso(row["created_at"]),
                "updated_at": iso(row["created_at"]),
                "source": "Maintenance",
                "scope": "Unit" if unit else "Property",
                "is_invoice": True,
                "invoice_number": None,
            }
        )
    return presented


def invoice_expense_get(*, landlord_id, pk) -> dict[str, Any] | None:
    rows = list(invoice_expense_rows(landlord_id=landlord_id).filter(pk=pk))
    return present_invoice_expenses(rows)[0] if rows else None


def invoice_expense_source() -> InvoiceSource:
    return InvoiceSource(rows=invoice_expense_rows, present=present_invoice_expenses, get=invoice_expense_get)
