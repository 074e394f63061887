"""Writes of expenses (spec 05 section 5.7): create and update with a receipt, confirm, delete.

A receipt goes through the media app (sniffed type, 10 MB limit, local disk or S3) into the
``expenses`` collection. The expense row and its media record are written in one transaction;
a stored file whose record rolls back is removed by the media app.
"""

from __future__ import annotations

from typing import Any

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, NotFound
from apps.core.scope import Principal
from apps.expenses.models import Expense, ExpenseStatus
from apps.leases.services import landlord_of
from apps.media.models import Media
from apps.media.services import media_delete, media_upload, media_validate_upload
from apps.properties.models import Property, Unit

COLLECTION = "expenses"
RECEIPT_TYPES = ("application/pdf",)


def _check_receipt(upload) -> None:
    mime_type = media_validate_upload(upload)
    if not (mime_type.startswith("image/") or mime_type in RECEIPT_TYPES):
        raise BadRequest("File type not allowed. Allowed types: image/*, application/pdf")


def _property(landlord_id, pk) -> Property:
    prop = Property.objects.filter(pk=pk, landlord_id=landlord_id).first()
    if prop is None:
        raise NotFound("Property not found in your organization")
    return prop


def _unit(landlord_id, pk) -> Unit:
    unit = Unit.objects.filter(pk=pk, landlord_id=landlord_id).first()
    if unit is None:
        raise NotFound("Unit not found in your organization")
    return unit


def _store_receipt(expense: Expense, upload, *, actor_id) -> None:
    media_upload(
        upload=upload,
        owner_type="Expense",
        owner_id=expense.pk,
        landlord_id=expense.landlord_id,
        uploaded_by_id=actor_id,
        collection_name=COLLECTION,
    )


@atomic
def expense_create(*, principal: Principal, data: dict[str, Any], receipt=None) -> Expense:
    landlord_id = landlord_of(principal)
    if receipt is not None:
        _check_receipt(receipt)
    prop = _property(landlord_id, data["property"])
    unit = _unit(landlord_id, data["unit"]) if data.get("unit") else None
    expense = Expense.objects.unscoped().create(
        landlord_id=landlord_id,
        property=prop,
        unit=unit,
        category=data["category"],
        amount=data["amount"],
        description=data.get("description"),
        status=data.get("status") or ExpenseStatus.DRAFT,
    )
    if receipt is not None:
        _store_receipt(expense, receipt, actor_id=principal.user_id)
    return expense


@atomic
def expense_update(*, principal: Principal, expense: Expense, data: dict[str, Any], receipt=None) -> Expense:
    """Only given values change; a new receipt replaces the stored ones (spec 05 section 5.7)."""
    if receipt is not None:
        _check_receipt(receipt)
    if data.get("property"):
        expense.property = _property(expense.landlord_id, data["property"])
    if data.get("unit"):
        expense.unit = _unit(expense.landlord_id, data["unit"])
    for name in ("category", "status"):
        if data.get(name):
            setattr(expense, name, data[name])
    for name in ("amount", "description"):
        if name in data and data[name] is not None:
            setattr(expense, name, data[name])
    expense.save()
    if receipt is not None:
        for media in Media.objects.unscoped().filter(
            model_type="Expense", model_id=expense.pk, collection_name=COLLECTION
        ):
            media_delete(media=media)
        _store_receipt(expense, receipt, actor_id=principal.user_id)
    return expense


@atomic
def expense_confirm(*, expense: Expense) -> Expense:
    if expense.status == ExpenseStatus.CONFIRMED:
        raise BadRequest("Expense is already confirmed")
    expense.status = ExpenseStatus.CONFIRMED
    expense.save(update_fields=["status"])
    return expense


@atomic
def expense_delete(*, expense: Expense) -> None:
    """Hard delete (spec 05 section 2.5); the receipts are kept, as in the original."""
    Expense.objects.unscoped().filter(pk=expense.pk).delete()
