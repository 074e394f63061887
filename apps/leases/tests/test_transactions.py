"""Transaction routes (spec 05 §5.4), payment ordering (§4.8) and Idempotency-Key."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import IdempotencyRecord, OutboxJob
from apps.leases.models import Transaction
from apps.leases.tests.factories import active_lease, day

pytestmark = pytest.mark.django_db

NOW = "2026-03-10T12:00:00Z"


@pytest.fixture
def lease(unit, tenant_org):
    with time_machine.travel(NOW, tick=False):
        return active_lease(
            unit=unit,
            tenant=tenant_org,
            start_date=day("2026-01-01"),
            end_date=day("2026-12-31"),
            is_security_deposit=True,
            security_deposit_amount=Decimal("500.00"),
        )


def rents(lease):
    return list(Transaction.objects.filter(lease=lease, type="RENT").order_by("due_date"))


@time_machine.travel(NOW, tick=False)
def test_payment_order(auth_client, admin, lease, tenant_user, django_capture_on_commit_callbacks):
    client = auth_client(admin)
    first, second = rents(lease)[:2]
    response = client.post(f"/transactions/{first.pk}/mark-as-paid", {"paymentMethod": "CASH"}, format="json")
    assert response.status_code == 400
    assert (
        response.json()["message"]
        == "Cannot mark rent as paid. There is an unpaid deposit that must be paid first."
    )
    deposit = Transaction.objects.get(lease=lease, type="DEPOSIT")
    assert (
        client.post(
            f"/transactions/{deposit.pk}/mark-as-paid", {"paymentMethod": "CASH"}, format="json"
        ).status_code
        == 201
    )
    response = client.post(
        f"/transactions/{second.pk}/mark-as-paid", {"paymentMethod": "CASH"}, format="json"
    )
    assert response.status_code == 400
    assert "earlier unpaid payment due on 2026-01-01" in response.json()["message"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/transactions/{first.pk}/mark-as-paid",
            {"paymentMethod": "BANK_TRANSFER", "notes": "ref 42"},
            format="json",
        )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "PAID" and data["paymentMethod"] == "BANK_TRANSFER"
    assert data["lease"]["_id"] == str(lease.pk)
    assert (
        OutboxJob.objects.filter(
            task__endswith="send_email_job", payload__template="payment-confirmation"
        ).count()
        == 2
    )
    second.refresh_from_db()
    assert second.status == "PENDING"
    response = client.post(f"/transactions/{first.pk}/mark-as-not-paid")
    assert response.status_code == 201
    body = response.json()
    assert (
        body["status"] == "PENDING"
        and "paymentMethod" not in body
        and "paidAt" not in body
        and "notes" not in body
    )


@time_machine.travel(NOW, tick=False)
def test_idempotent_mark_as_paid(auth_client, admin, lease):
    client = auth_client(admin)
    deposit = Transaction.objects.get(lease=lease, type="DEPOSIT")
    path = f"/transactions/{deposit.pk}/mark-as-paid"
    first = client.post(path, {"paymentMethod": "CASH"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201
    deposit.refresh_from_db()
    version = deposit.version
    updated = deposit.updated_at
    jobs = OutboxJob.objects.count()
    with time_machine.travel("2026-03-10T12:05:00Z", tick=False):
        again = client.post(path, {"paymentMethod": "CASH"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    deposit.refresh_from_db()
    assert deposit.updated_at == updated and deposit.version == version
    assert OutboxJob.objects.count() == jobs
    different = client.post(path, {"paymentMethod": "CHECK"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert different.status_code == 422
    deposit.refresh_from_db()
    assert deposit.payment_method == "CASH"
    assert IdempotencyRecord.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_idempotent_create(auth_client, admin, lease):
    client = auth_client(admin)
    payload = {
        "lease": str(lease.pk),
        "type": "FEES",
        "amount": 25.5,
        "dueDate": "2026-04-01",
        "notes": "key copy",
    }
    first = client.post("/transactions", payload, format="json", HTTP_IDEMPOTENCY_KEY="create-1")
    second = client.post("/transactions", payload, format="json", HTTP_IDEMPOTENCY_KEY="create-1")
    assert first.status_code == second.status_code == 201
    assert first.json()["_id"] == second.json()["_id"]
    assert Transaction.objects.filter(type="FEES").count() == 1
    third = client.post("/transactions", payload, format="json", HTTP_IDEMPOTENCY_KEY="create-2")
    assert third.status_code == 201
    assert Transaction.objects.filter(type="FEES").count() == 2
    assert Transaction.objects.get(pk=first.json()["_id"]).amount == Decimal("25.50")


@time_machine.travel(NOW, tick=False)
def test_create_update_delete_process(auth_client, admin, staff, lease, tenant_user):
    client = auth_client(admin)
    response = client.post("/transactions", {"amount": 5}, format="json")
    assert response.status_code == 400
    response = client.post(
        "/transactions",
        {"lease": str(lease.pk), "type": "RENT", "amount": 0, "dueDate": "2026-04-01"},
        format="json",
    )
    assert response.json()["message"] == "Transaction amount must be greater than 0"
    response = client.post(
        "/transactions",
        {
            "lease": str(lease.pk),
            "type": "RENT",
            "amount": 5,
            "dueDate": "2026-04-01",
            "paidAt": "2026-05-01",
        },
        format="json",
    )
    assert response.json()["message"] == "Transaction date cannot be in the future"
    created = client.post(
        "/transactions",
        {"lease": str(lease.pk), "type": "RENT", "amount": 1200, "dueDate": "2026-04-01"},
        format="json",
    ).json()
    assert created["lease"] == str(lease.pk) and created["amount"] == 1200.0
    patched = client.patch(f"/transactions/{created['_id']}", {"amount": 1250, "notes": "n"}, format="json")
    assert patched.status_code == 200 and patched.json()["amount"] == 1250.0
    assert client.patch(f"/transactions/{created['_id']}", {}, format="json").status_code == 400
    assert client.post(f"/transactions/{created['_id']}/process").json()["status"] == "PENDING"
    assert (
        auth_client(staff).patch(f"/transactions/{created['_id']}", {"amount": 1}, format="json").status_code
        == 403
    )
    assert (
        auth_client(tenant_user)
        .post(f"/transactions/{created['_id']}/mark-as-paid", {"paymentMethod": "CASH"}, format="json")
        .status_code
        == 403
    )
    assert client.delete(f"/transactions/{created['_id']}").status_code == 204
    assert Transaction.objects.including_deleted().get(pk=created["_id"]).deleted


@time_machine.travel(NOW, tick=False)
def test_list_filters_and_constant_queries(auth_client, admin, tenant_user, lease):
    client = auth_client(admin)
    data = client.get(f"/transactions?leaseId={lease.pk}&type=RENT&sortBy=dueDate&sortOrder=asc").json()
    assert data["total"] == 12
    assert data["data"][0]["lease"]["unit"]["property"]["name"] == "Elm Court"
    assert data["data"][0]["rentalPeriod"]["rentAmount"] == 1000.0
    amounts = [
        item["amount"]
        for item in client.get("/transactions?sortBy=amount&sortOrder=desc&limit=100").json()["data"]
    ]
    assert amounts == sorted(amounts, reverse=True)
    assert client.get("/transactions?type=security_deposit").status_code == 400
    assert auth_client(tenant_user).get("/transactions").json()["total"] == 13
    with CaptureQueriesContext(connection) as small:
        client.get("/transactions?limit=1")
    with CaptureQueriesContext(connection) as large:
        client.get("/transactions?limit=100")
    assert len(small.captured_queries) == len(large.captured_queries)
    lease_list = client.get(f"/leases/{lease.pk}/transactions").json()
    assert len(lease_list) == 13 and lease_list[0]["dueDate"] <= lease_list[-1]["dueDate"]
    summary = client.get(f"/leases/{lease.pk}/transactions/summary").json()
    assert summary["totalTransactions"] == 13 and summary["totalAmount"] == 12500.0
    assert summary["byType"]["rent"] == 12 and summary["byType"]["deposit"] == 1


@time_machine.travel(NOW, tick=False)
def test_forbidden_transitions_change_nothing(auth_client, admin, lease):
    client = auth_client(admin)
    deposit = Transaction.objects.get(lease=lease, type="DEPOSIT")
    client.post(f"/transactions/{deposit.pk}/mark-as-paid", {"paymentMethod": "CASH"}, format="json")
    deposit.refresh_from_db()
    version = deposit.version
    response = client.delete(f"/transactions/{deposit.pk}")
    assert (
        response.status_code == 400
        and response.json()["message"] == "Only pending transactions can be deleted"
    )
    response = client.post(f"/transactions/{deposit.pk}/process")
    assert (
        response.status_code == 400
        and response.json()["message"] == "Only pending transactions can be processed"
    )
    deposit.refresh_from_db()
    assert deposit.status == "PAID" and not deposit.deleted and deposit.version == version


@time_machine.travel(NOW, tick=False)
def test_lease_and_transaction_media(auth_client, admin, tenant_user, lease):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = auth_client(admin)
    upload = SimpleUploadedFile(
        "lease.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", content_type="application/pdf"
    )
    response = client.post(f"/leases/{lease.pk}/media/upload", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    media_id = response.json()["data"]["_id"]
    assert response.json()["data"]["collection_name"] == "lease_documents"
    listed = client.get(f"/leases/{lease.pk}/media").json()["data"]
    assert [item["_id"] for item in listed] == [media_id]
    assert client.get(f"/leases/{lease.pk}/documents").json()["data"] == []
    assert auth_client(tenant_user).get(f"/leases/{lease.pk}/media").json()["data"][0]["_id"] == media_id
    assert "url" in client.get(f"/leases/{lease.pk}/media/{media_id}/url").json()["data"]
    assert auth_client(tenant_user).delete(f"/leases/{lease.pk}/media/{media_id}").status_code == 403
    assert client.delete(f"/leases/{lease.pk}/media/{media_id}").json()["success"] is True
    tx = Transaction.objects.filter(lease=lease).first()
    upload = SimpleUploadedFile("r.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(f"/transactions/{tx.pk}/media/upload", {"file": upload}, format="multipart")
    assert response.json()["data"]["collection_name"] == "transaction_receipts"
    assert client.get(f"/transactions/{tx.pk}/receipts").json()["data"] == []
    assert len(client.get(f"/transactions/{tx.pk}/media").json()["data"]) == 1


@time_machine.travel(NOW, tick=False)
def test_idempotency_in_flight_and_abandoned(auth_client, admin, lease):
    client = auth_client(admin)
    deposit = Transaction.objects.get(lease=lease, type="DEPOSIT")
    path = f"/transactions/{deposit.pk}/mark-as-paid"
    first = client.post(path, {"paymentMethod": "CASH"}, format="json", HTTP_IDEMPOTENCY_KEY="flight")
    assert first.status_code == 201, first.content
    IdempotencyRecord.objects.filter(key="flight").update(status_code=None, response_body=None)
    response = client.post(path, {"paymentMethod": "CASH"}, format="json", HTTP_IDEMPOTENCY_KEY="flight")
    assert response.status_code == 409
    with time_machine.travel("2026-03-10T12:10:00Z", tick=False):
        response = client.post(path, {"paymentMethod": "CASH"}, format="json", HTTP_IDEMPOTENCY_KEY="flight")
        assert response.status_code == 201
    assert IdempotencyRecord.objects.get(key="flight").status_code == 201
    too_long = client.post(path, {"paymentMethod": "CASH"}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 300)
    assert too_long.status_code == 400
