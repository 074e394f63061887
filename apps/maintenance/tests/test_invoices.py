"""Invoices on tickets (spec 07 section 4) and the expenses rows for the payments module."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.maintenance.models import Invoice
from apps.maintenance.selectors import invoice_expense_rows
from apps.maintenance.tests.factories import InvoiceFactory, SowFactory, TicketFactory
from apps.maintenance.tests.helpers import emails, fake_png_text, pdf, png
from apps.media.models import Media
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _ticket(world, **extra):
    return TicketFactory(
        property=world.property_a,
        unit=world.unit_a,
        requested_by=world.tenant_a,
        assigned_contractor=world.contractor_org_a,
        **extra,
    )


def test_contractor_uploads_invoice_with_pdf(world, auth_client):
    ticket = _ticket(world)
    response = auth_client(world.contractor_a).post(
        f"/maintenance/tickets/{ticket.pk}/invoices",
        {"amount": "250.10", "currency": "USD", "description": "Parts", "invoiceFile": pdf()},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["amount"] == 250.1 and body["issuer"] == "CONTRACTOR" and body["status"] == "Draft"
    assert body["linkedEntityType"] == "TICKET" and body["linkedEntityId"] == str(ticket.pk)
    assert body["invoiceFile"]["mime_type"] == "application/pdf"
    assert body["createdBy"] == {"_id": str(world.contractor_a.pk), "email": world.contractor_a.email}
    invoice = Invoice.objects.get()
    assert invoice.amount == Decimal("250.10") and invoice.landlord_id == world.landlord_a.pk
    note = Notification.objects.get(user_id=world.admin_a.pk)
    assert note.notification_type == "maintenance_invoice_uploaded"
    assert (
        note.content
        == f"Contractor {world.contractor_org_a.name} uploaded invoice for {ticket.ticket_number}."
    )
    sent = emails("invoice-uploaded")
    assert [mail["to"] for mail in sent] == [[world.admin_a.email]]
    assert sent[0]["context"]["entityReference"] == ticket.ticket_number


def test_invoice_validation(world, auth_client):
    ticket = _ticket(world)
    url = f"/maintenance/tickets/{ticket.pk}/invoices"
    client = auth_client(world.admin_a)
    negative = client.post(url, {"amount": -1, "currency": "USD"}, format="json")
    assert negative.status_code == 400 and "amount must not be less than 0" in negative.json()["message"]
    assert client.post(url, {"amount": 1, "currency": "DOLLARS"}, format="json").status_code == 400
    fake = client.post(
        url, {"amount": "1", "currency": "USD", "invoiceFile": fake_png_text()}, format="multipart"
    )
    assert fake.status_code == 400
    assert not Invoice.objects.exists() and not Media.objects.exists()


def test_roles(world, auth_client):
    ticket = _ticket(world)
    url = f"/maintenance/tickets/{ticket.pk}/invoices"
    body = {"amount": 10, "currency": "USD"}
    assert auth_client(world.staff_a).post(url, body, format="json").status_code == 403
    assert auth_client(world.tenant_a).post(url, body, format="json").status_code == 403
    assert auth_client(world.admin_a).post(url, body, format="json").json()["issuer"] == "LANDLORD"
    assert len(auth_client(world.staff_a).get(url).json()) == 1
    assert len(auth_client(world.tenant_a).get(url).json()) == 1
    assert auth_client(world.contractor_b).get(url).status_code == 404


def test_ticket_in_a_sow_takes_no_direct_invoice(world, auth_client):
    sow = SowFactory(property=world.property_a, landlord=world.landlord_a)
    ticket = _ticket(world, scope_of_work=sow)
    response = auth_client(world.admin_a).post(
        f"/maintenance/tickets/{ticket.pk}/invoices", {"amount": 1, "currency": "USD"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"].startswith(
        "Cannot add invoice directly to a ticket that has a scope of work"
    )


def test_update_replaces_file_and_delete_soft_deletes(world, auth_client):
    ticket = _ticket(world)
    client = auth_client(world.admin_a)
    created = client.post(
        f"/maintenance/tickets/{ticket.pk}/invoices",
        {"amount": "5", "currency": "USD", "invoiceFile": pdf()},
        format="multipart",
    ).json()
    url = f"/maintenance/tickets/{ticket.pk}/invoices/{created['_id']}"
    updated = client.patch(
        url, {"amount": "7.50", "currency": "EUR", "invoiceFile": png()}, format="multipart"
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["amount"] == 7.5 and updated.json()["invoiceFile"]["mime_type"] == "image/png"
    assert Media.objects.filter(model_type="Invoice").count() == 1
    assert (
        auth_client(world.staff_a).patch(url, {"amount": 1, "currency": "USD"}, format="json").status_code
        == 403
    )
    other_ticket = _ticket(world)
    wrong_parent = client.delete(f"/maintenance/tickets/{other_ticket.pk}/invoices/{created['_id']}")
    assert wrong_parent.status_code == 404
    assert client.delete(url).json() == {"message": "Invoice deleted successfully"}
    assert Invoice.objects.including_deleted().get(pk=created["_id"]).deleted is True
    assert not Media.objects.filter(model_type="Invoice").exists()


def test_closing_the_ticket_confirms_its_draft_invoices(world, auth_client):
    ticket = _ticket(world, status="DONE")
    invoice = InvoiceFactory(ticket=ticket)
    auth_client(world.admin_a).post(f"/maintenance/tickets/{ticket.pk}/close", {}, format="json")
    invoice.refresh_from_db()
    assert invoice.status == "Confirmed"


def test_invoice_expense_rows(world):
    ticket = _ticket(world)
    sow = SowFactory(property=world.property_a, landlord=world.landlord_a, sow_number="SOW2026-000009")
    InvoiceFactory(ticket=ticket, amount=Decimal("10.25"))
    Invoice.objects.create(
        landlord=world.landlord_a,
        amount=Decimal("99.99"),
        issuer="LANDLORD",
        linked_entity_type="SCOPE_OF_WORK",
        scope_of_work=sow,
    )
    InvoiceFactory(ticket=TicketFactory(property=world.property_b, requested_by=world.tenant_b))
    rows = invoice_expense_rows(landlord_id=world.landlord_a.pk).order_by("amount")
    assert rows.count() == 2
    first, second = list(rows)
    assert first["amount"] == Decimal("10.25") and first["source"] == "TICKET"
    assert first["entity_number"] == ticket.ticket_number and first["unit_id"] == world.unit_a.pk
    assert first["contractor_id"] == world.contractor_org_a.pk
    assert second["source"] == "SCOPE_OF_WORK" and second["entity_number"] == "SOW2026-000009"
    assert second["property_id"] == world.property_a.pk
    assert invoice_expense_rows(landlord_id=world.landlord_a.pk, unit_id=world.unit_a.pk).count() == 1
    assert list(rows[1:2])[0]["amount"] == Decimal("99.99")
