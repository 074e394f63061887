"""Expenses: create with a receipt, the merged list (with a fake invoice source), confirm, delete."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.expenses import invoices
from apps.expenses.models import Expense
from apps.media.models import Media
from apps.properties.tests.helpers import PDF_BYTES, png_upload

pytestmark = pytest.mark.django_db


def _expense(landlord, prop, **fields):
    return Expense.objects.unscoped().create(
        landlord=landlord,
        property=prop,
        category=fields.pop("category", "Utilities & Energy"),
        amount=fields.pop("amount", Decimal("10.00")),
        **fields,
    )


def test_create_json(auth_client, admin, landlord, prop, unit):
    response = auth_client(admin).post(
        "/expenses",
        {"property": str(prop.pk), "unit": str(unit.pk), "category": "Taxes & Permits", "amount": "120.25"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["success"] is True and body["data"]["status"] == "Draft" and body["data"]["media"] == []
    expense = Expense.objects.unscoped().get(pk=body["data"]["_id"])
    assert expense.landlord_id == landlord.pk and expense.amount == Decimal("120.25")


def test_create_multipart_with_receipt(auth_client, admin, prop):
    response = auth_client(admin).post(
        "/expenses",
        {"property": str(prop.pk), "category": "Utilities & Energy", "amount": "42", "media": png_upload()},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    media = response.json()["data"]["media"]
    assert len(media) == 1 and media[0]["collection_name"] == "expenses" and media[0]["url"]
    assert Media.objects.unscoped().filter(model_type="Expense", collection_name="expenses").count() == 1


def test_receipt_must_be_an_image_or_pdf(auth_client, admin, prop):
    text = SimpleUploadedFile("notes.png", b"just some text\n", content_type="image/png")
    response = auth_client(admin).post(
        "/expenses",
        {"property": str(prop.pk), "category": "Utilities & Energy", "amount": "42", "media": text},
        format="multipart",
    )
    assert response.status_code == 400
    assert not Expense.objects.unscoped().exists() and not Media.objects.unscoped().exists()


def test_create_validation_and_foreign_property(auth_client, admin, staff, tenant_user, prop):
    from apps.properties.tests.factories import PropertyFactory

    client = auth_client(admin)
    response = client.post("/expenses", {"category": "Nope", "amount": -1}, format="json")
    assert response.status_code == 400 and isinstance(response.json()["message"], list)
    foreign = PropertyFactory()
    response = client.post(
        "/expenses", {"property": str(foreign.pk), "category": "Taxes & Permits", "amount": 1}, format="json"
    )
    assert (
        response.status_code == 404
        and response.json()["message"] == "Property not found in your organization"
    )
    body = {"property": str(prop.pk), "category": "Taxes & Permits", "amount": 1}
    assert auth_client(staff).post("/expenses", body, format="json").status_code == 403
    assert auth_client(tenant_user).post("/expenses", body, format="json").status_code == 403
    assert not Expense.objects.unscoped().exists()


def test_list_filters_scoped_newest_first(auth_client, admin, landlord, prop, unit):
    from apps.properties.tests.factories import PropertyFactory

    now = timezone.now()
    old = _expense(landlord, prop, date=now - timedelta(days=3), description="Old boiler")
    new = _expense(landlord, prop, unit=unit, date=now - timedelta(days=1), category="Taxes & Permits")
    other = PropertyFactory()
    _expense(other.landlord, other)
    client = auth_client(admin)
    body = client.get("/expenses").json()
    assert [item["_id"] for item in body["data"]] == [str(new.pk), str(old.pk)]
    assert body["total"] == 2 and body["totalPages"] == 1 and body["success"] is True
    assert body["data"][0]["scope"] == "Unit" and body["data"][1]["source"] == "Manual"
    assert [i["_id"] for i in client.get("/expenses?scope=Property").json()["data"]] == [str(old.pk)]
    assert [i["_id"] for i in client.get("/expenses?search=boiler").json()["data"]] == [str(old.pk)]
    assert client.get("/expenses?category=Taxes %26 Permits").json()["total"] == 1
    assert client.get("/expenses?source=Maintenance").json()["total"] == 0
    assert client.get("/expenses?category=bad").status_code == 400


def test_list_queries_constant_in_page_size(auth_client, admin, landlord, prop):
    for _ in range(12):
        _expense(landlord, prop)
    client = auth_client(admin)
    with CaptureQueriesContext(connection) as small:
        client.get("/expenses?limit=2")
    with CaptureQueriesContext(connection) as large:
        client.get("/expenses?limit=12")
    assert len(small) == len(large)


class FakeInvoices:
    """An invoice side in the shape the maintenance app will provide (see apps.expenses.invoices)."""

    def __init__(self, landlord, prop):
        self.landlord, self.prop = landlord, prop
        self.rows_calls = []

    def rows(self, *, landlord_id, status=None, property_id=None, unit_id=None):
        self.rows_calls.append({"landlord_id": landlord_id, "status": status, "property_id": property_id})
        queryset = Expense.objects.unscoped().filter(landlord_id=landlord_id, ticket_id__isnull=False)
        return queryset.filter(status=status) if status else queryset

    def present(self, rows):
        return [
            {
                "_id": str(row.pk),
                "category": "Maintenance & Repairs",
                "amount": row.amount,
                "description": "Invoice - Leak",
                "is_invoice": True,
                "invoice_number": None,
            }
            for row in rows
        ]

    def get(self, *, landlord_id, pk):
        row = self.rows(landlord_id=landlord_id).filter(pk=pk).first()
        return self.present([row])[0] if row else None


@pytest.fixture
def invoice_side(landlord, prop):
    fake = FakeInvoices(landlord, prop)
    previous = invoices.install(invoices.InvoiceSource(rows=fake.rows, present=fake.present, get=fake.get))
    yield fake
    invoices.install(previous)


def test_merge_with_invoices_pages_across_both_sides(auth_client, admin, landlord, prop, invoice_side):
    """Invoices stand in as ticket-linked rows of the expense table; the merge interleaves by date."""
    import uuid

    now = timezone.now()
    manual = [_expense(landlord, prop, date=now - timedelta(days=d)) for d in (1, 3, 5)]
    invoice_rows = []
    for d in (2, 4):
        row = _expense(landlord, prop, date=now, ticket_id=uuid.uuid4())
        Expense.objects.unscoped().filter(pk=row.pk).update(created_at=now - timedelta(days=d))
        invoice_rows.append(row)
    client = auth_client(admin)
    # the fake's invoices are ticket-linked expense rows, so they also list as (Maintenance) expenses
    page1 = client.get("/expenses?limit=2&page=1&source=Maintenance").json()
    assert page1["total"] == 4  # 2 ticket-linked expenses + 2 invoices from the source
    body = client.get("/expenses?limit=3&page=2").json()
    assert body["total"] == 5 + 2
    everything = client.get("/expenses?limit=100").json()["data"]
    invoice_ids = {str(row.pk) for row in invoice_rows}
    invoices_listed = [item for item in everything if item.get("isInvoice")]
    assert {item["_id"] for item in invoices_listed} == invoice_ids
    assert invoice_side.rows_calls[-1]["landlord_id"] == landlord.pk
    assert client.get("/expenses?category=Taxes %26 Permits").json()["total"] == 0
    assert client.get("/expenses?source=Manual").json()["total"] == 3  # invoices are never Manual
    pages = [
        [
            (item["_id"], item["isInvoice"])
            for item in client.get(f"/expenses?limit=3&page={n}").json()["data"]
        ]
        for n in (1, 2, 3)
    ]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert sorted(sum(pages, [])) == sorted((item["_id"], item["isInvoice"]) for item in everything)
    assert (str(manual[0].pk), False) in pages[0]


def test_get_one_falls_back_to_an_invoice(auth_client, admin, landlord, prop, invoice_side):
    import uuid

    row = _expense(landlord, prop, ticket_id=uuid.uuid4())
    body = auth_client(admin).get(f"/expenses/{row.pk}").json()
    assert body["success"] is True and body["data"]["_id"] == str(row.pk)
    missing = auth_client(admin).get(f"/expenses/{uuid.uuid4()}")
    assert missing.status_code == 404 and missing.json()["message"] == "Expense not found"


def test_update_replaces_the_receipt(auth_client, admin, landlord, prop):
    client = auth_client(admin)
    created = client.post(
        "/expenses",
        {"property": str(prop.pk), "category": "Utilities & Energy", "amount": "42", "media": png_upload()},
        format="multipart",
    ).json()["data"]
    pdf = SimpleUploadedFile("bill.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.patch(f"/expenses/{created['_id']}", {"amount": "0", "media": pdf}, format="multipart")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["amount"] == 0 and [m["mime_type"] for m in data["media"]] == ["application/pdf"]
    assert Media.objects.unscoped().filter(model_id=created["_id"]).count() == 1


def test_confirm_and_delete(auth_client, admin, staff, landlord, prop):
    expense = _expense(landlord, prop)
    client = auth_client(admin)
    assert auth_client(staff).patch(f"/expenses/{expense.pk}/confirm").status_code == 403
    response = client.patch(f"/expenses/{expense.pk}/confirm")
    assert response.json()["message"] == "Expense confirmed successfully"
    assert response.json()["data"]["status"] == "Confirmed" and response.json()["data"]["isInvoice"] is False
    again = client.patch(f"/expenses/{expense.pk}/confirm")
    assert again.status_code == 400 and again.json()["message"] == "Expense is already confirmed"
    assert auth_client(staff).delete(f"/expenses/{expense.pk}").status_code == 403
    response = client.delete(f"/expenses/{expense.pk}")
    assert response.json() == {"success": True, "message": "Expense deleted successfully"}
    assert not Expense.objects.unscoped().filter(pk=expense.pk).exists()
    assert client.delete(f"/expenses/{expense.pk}").status_code == 404
    assert client.get("/expenses/xyz").json()["message"] == "Invalid ID: xyz"


def test_unauthenticated(api_client):
    assert api_client.get("/expenses").status_code == 401


def test_real_maintenance_invoices_join_the_list(auth_client, admin, landlord, prop, unit):
    """The installed invoice side (apps/expenses/maintenance_invoices.py) with real invoices."""
    from apps.maintenance.tests.factories import InvoiceFactory, TicketFactory

    ticket = TicketFactory(property=prop, unit=unit, title="Burst pipe")
    invoice = InvoiceFactory(ticket=ticket, amount="80.00", description="")
    InvoiceFactory(ticket=TicketFactory())  # another landlord's invoice
    Expense.objects.create(landlord=landlord, property=prop, category="Utilities & Energy", amount="10.00")

    body = auth_client(admin).get("/expenses").json()
    assert body["total"] == 2
    row = next(item for item in body["data"] if item["isInvoice"])
    assert row["_id"] == str(invoice.pk) and row["ticket"] == str(ticket.pk)
    assert row["description"] == "Invoice - Burst pipe" and row["category"] == "Maintenance & Repairs"
    assert row["property"]["_id"] == str(prop.pk) and row["unit"]["_id"] == str(unit.pk)
    assert row["amount"] == 80 and row["source"] == "Maintenance"
    assert auth_client(admin).get(f"/expenses/{invoice.pk}").json()["data"]["isInvoice"] is True
