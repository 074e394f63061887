"""Invoices of tickets and scopes of work (spec 07 section 4): writes.

An invoice carries its landlord (the ticket's or the scope of work's), a ``Decimal`` amount and at
most one file (collection ``invoice_files``: PDF or image, judged by its bytes, 10 MB at most).
Draft invoices are confirmed when their ticket or scope of work is closed.
"""

from __future__ import annotations

from decimal import Decimal

from apps.core.db import atomic
from apps.core.exceptions import Forbidden, NotFound
from apps.core.scope import UserType
from apps.maintenance import notify
from apps.maintenance.models import (
    Invoice,
    InvoiceIssuer,
    LinkedEntity,
    MaintenanceTicket,
    ScopeOfWork,
)
from apps.maintenance.services import check_files, store_files
from apps.media.services import media_delete, media_for_owners

INVOICE_FILE_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp")
COLLECTION = "invoice_files"


def _store(invoice: Invoice, upload, actor) -> None:
    store_files(
        [upload],
        owner_type="Invoice",
        owner_id=invoice.pk,
        landlord_id=invoice.landlord_id,
        actor=actor,
        collection=COLLECTION,
    )


def _remove_files(invoice: Invoice) -> None:
    for items in media_for_owners("Invoice", [invoice.pk]).values():
        for media in items:
            media_delete(media=media)


@atomic
def invoice_create(
    *,
    actor,
    ticket: MaintenanceTicket | None = None,
    sow: ScopeOfWork | None = None,
    amount: Decimal,
    currency: str,
    description: str = "",
    notes: str = "",
    upload=None,
) -> Invoice:
    if upload is not None:
        check_files([upload], INVOICE_FILE_TYPES)
    if ticket is not None:
        if ticket.scope_of_work_id is not None:
            raise Forbidden(
                "Cannot add invoice directly to a ticket that has a scope of work. "
                "Please add the invoice to the scope of work instead."
            )
        link = {
            "ticket": ticket,
            "linked_entity_type": LinkedEntity.TICKET,
            "landlord_id": ticket.landlord_id,
        }
        reference = ticket.ticket_number
    else:
        ids = [sow.pk, *ScopeOfWork.objects.unscoped().filter(parent_sow=sow).values_list("id", flat=True)]
        if not MaintenanceTicket.objects.unscoped().filter(scope_of_work_id__in=ids).exists():
            raise NotFound("No associated ticket found for this Scope of Work or its sub-scopes")
        link = {
            "scope_of_work": sow,
            "linked_entity_type": LinkedEntity.SCOPE_OF_WORK,
            "landlord_id": sow.landlord_id,
        }
        reference = f"Scope of Work {sow.sow_number}"
    invoice = Invoice.objects.unscoped().create(
        amount=amount,
        currency=currency,
        description=description or "",
        notes=notes or "",
        issuer=InvoiceIssuer.CONTRACTOR if actor.user_type == UserType.CONTRACTOR else InvoiceIssuer.LANDLORD,
        created_by=actor,
        **link,
    )
    if upload is not None:
        _store(invoice, upload, actor)
    if actor.user_type == UserType.CONTRACTOR:
        notify.invoice_uploaded(invoice, actor=actor, entity_reference=reference)
    return invoice


@atomic
def invoice_update(
    *, invoice: Invoice, actor, amount: Decimal, currency: str, description: str | None = None, upload=None
) -> Invoice:
    if upload is not None:
        check_files([upload], INVOICE_FILE_TYPES)
    invoice.amount = amount
    invoice.currency = currency
    fields = ["amount", "currency", "version"]
    if description is not None:
        invoice.description = description
        fields.append("description")
    invoice.version += 1
    invoice.save(update_fields=fields)
    if upload is not None:
        _remove_files(invoice)
        _store(invoice, upload, actor)
    return invoice


@atomic
def invoice_delete(*, invoice: Invoice) -> None:
    _remove_files(invoice)
    invoice.soft_delete()
