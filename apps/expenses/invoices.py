"""The seam to the maintenance app's invoices, which the expenses list merges in (spec 05 5.7).

The maintenance app (floor 8, being built in parallel) provides the invoice side; until the lead
wires it, there are no invoices and the expense list is plain database pagination. Wiring, at
integration, is one call in the maintenance (or a higher) app's ``ready()``::

    from apps.expenses.invoices import InvoiceSource, install
    from apps.maintenance import selectors
    install(InvoiceSource(rows=selectors.invoice_expense_rows,
                          present=selectors.present_invoice_expenses,
                          get=selectors.invoice_expense_get))

The exact contract:

* ``rows(*, landlord_id, status=None, property_id=None, unit_id=None) -> QuerySet``: the
  landlord's live (not soft-deleted) invoices, filtered by invoice status and by the property /
  unit of the linked ticket or scope of work. Its rows must have ``pk`` and ``created_at`` (the
  merged list orders by the invoice's ``createdAt``, newest first).
* ``present(rows) -> list[dict]``: those rows in expense shape (spec 05 section 5.7: ``_id``,
  ``property``, ``unit``, ``scope_of_work``, ``ticket``, ``category: "Maintenance & Repairs"``,
  ``amount``, ``description: "Invoice - ..."``, ``date``, ``status``, ``media``, ``created_at``,
  ``updated_at``, ``is_invoice: True``, ``invoice_number: None``), in a fixed number of queries.
* ``get(*, landlord_id, pk) -> dict | None``: one invoice in expense shape, for
  ``GET /expenses/:id``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class InvoiceSource:
    rows: Callable[..., QuerySet]
    present: Callable[[list[Any]], list[dict[str, Any]]]
    get: Callable[..., dict[str, Any] | None]


_source: InvoiceSource | None = None


def install(source: InvoiceSource | None) -> InvoiceSource | None:
    """Install (or with ``None`` remove) the invoice side; returns the previous one."""
    global _source
    previous, _source = _source, source
    return previous


def current() -> InvoiceSource | None:
    return _source
