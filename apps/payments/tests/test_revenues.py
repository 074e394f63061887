"""Revenues: the caller's transactions as income, the summary by type, create/update/delete rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.leases.models import Transaction

pytestmark = pytest.mark.django_db


def _other_landlords_transactions():
    from apps.leases.tests.factories import active_lease

    return active_lease()


def test_list_is_scoped_and_populated(auth_client, admin, lease):
    _other_landlords_transactions()
    response = auth_client(admin).get("/revenues?limit=100")
    assert response.status_code == 200
    body = response.json()
    own = Transaction.objects.unscoped().filter(landlord=lease.landlord)
    assert body["total"] == own.count()
    assert {item["_id"] for item in body["data"]} == {str(pk) for pk in own.values_list("id", flat=True)}
    item = body["data"][0]
    assert item["lease"]["tenant"]["name"] == "The Smiths"
    assert item["property"]["name"] == "Elm Court" and item["unit"]["unitNumber"] == "1A"


def test_list_filters(auth_client, admin, lease, prop, unit):
    client = auth_client(admin)
    body = client.get(f"/revenues?type=DEPOSIT&propertyId={prop.pk}").json()
    assert all(item["type"] == "DEPOSIT" for item in body["data"])
    assert client.get("/revenues?status=WRONG").status_code == 400
    assert client.get("/revenues?limit=101").status_code == 400


def test_list_queries_do_not_grow_with_the_page(auth_client, admin, lease):
    client = auth_client(admin)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/revenues?limit=2").status_code == 200
    with CaptureQueriesContext(connection) as large:
        assert client.get("/revenues?limit=50").status_code == 200
    assert len(large) == len(small)


def test_summary_aggregates_in_constant_queries(auth_client, admin, landlord, lease, prop):
    client = auth_client(admin)
    Transaction.objects.unscoped().filter(lease=lease).delete()
    for amount, status, kind in (
        ("100.10", "PAID", "RENT"),
        ("50.00", "PENDING", "RENT"),
        ("25.00", "OVERDUE", "FEES"),
        ("10.00", "PAID", "UTILITY"),
        ("999.00", "PAID", "DEPOSIT"),
    ):
        Transaction.objects.unscoped().create(
            landlord=landlord, property=prop, amount=Decimal(amount), status=status, type=kind
        )
    _other_landlords_transactions()
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/revenues/summary").json()
    assert body["totalTransactions"] == 4
    assert body["totals"] == {"paid": 110.1, "outstanding": 75.0}
    assert body["collectionRate"] == 59.48  # 110.10 / 185.10
    assert body["byType"] == {"RENT": 100.1, "FEES": 0.0, "UTILITIES": 10.0, "MAINTENANCE": 0.0, "OTHER": 0.0}
    assert body["pendingRevenue"] == 50.0 and body["overdueRevenue"] == 25.0
    summary_queries = [
        q
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "transactions"' in q["sql"]
    ]
    assert len(summary_queries) == 1


def test_create_sets_the_landlord_from_the_caller(auth_client, admin, landlord, lease, prop):
    client = auth_client(admin)
    response = client.post(
        "/revenues",
        {"property": str(prop.pk), "amount": "75.50", "dueDate": "2026-01-10T00:00:00Z", "type": "OTHER"},
        format="json",
    )
    assert response.status_code == 201, response.content
    tx = Transaction.objects.unscoped().get(pk=response.json()["_id"])
    assert tx.landlord_id == landlord.pk and tx.amount == Decimal("75.50")
    response = client.post(
        "/revenues",
        {"lease": str(lease.pk), "amount": 10, "dueDate": "2026-01-10T00:00:00Z", "type": "FEES"},
        format="json",
    )
    tx = Transaction.objects.unscoped().get(pk=response.json()["_id"])
    assert tx.unit_id == lease.unit_id and tx.property_id == prop.pk


def test_create_rules(auth_client, admin, staff, prop):
    client = auth_client(admin)
    body = {"amount": 10, "dueDate": "2026-01-10T00:00:00Z", "type": "RENT"}
    response = client.post("/revenues", body, format="json")
    assert response.json()["message"] == (
        "Lease is required for RENT, DEPOSIT, DEPOSIT_REFUND, and DEPOSIT_DEDUCTION payment types"
    )
    response = client.post("/revenues", {**body, "type": "OTHER"}, format="json")
    assert response.json()["message"] == "Property is required for non-lease payment types"
    response = client.post(
        "/revenues", {**body, "type": "OTHER", "property": str(prop.pk), "amount": 0}, format="json"
    )
    assert response.json()["message"] == "Transaction amount must be greater than 0"
    assert client.post("/revenues", {"amount": "x"}, format="json").status_code == 400
    assert (
        auth_client(staff)
        .post("/revenues", {**body, "type": "OTHER", "property": str(prop.pk)}, format="json")
        .status_code
        == 403
    )
    assert not Transaction.objects.unscoped().filter(type="OTHER").exists()


def test_detail_update_delete(auth_client, admin, rent):
    client = auth_client(admin)
    assert "terms" in client.get(f"/revenues/{rent.pk}").json()["lease"]
    assert client.get("/revenues/bad-id").json()["message"] == "Invalid ID: bad-id"
    assert (
        client.patch(f"/revenues/{rent.pk}", {}, format="json").json()["message"]
        == "Update data cannot be empty"
    )
    response = client.patch(f"/revenues/{rent.pk}", {"notes": "cheque", "amount": "999.99"}, format="json")
    assert response.status_code == 200 and response.json()["notes"] == "cheque"
    rent.refresh_from_db()
    assert rent.amount == Decimal("999.99")
    assert client.delete(f"/revenues/{rent.pk}").status_code == 204
    assert Transaction.objects.including_deleted().get(pk=rent.pk).deleted is True
    assert client.get(f"/revenues/{rent.pk}").status_code == 404


def test_paid_revenue_cannot_be_deleted(auth_client, admin, rent):
    Transaction.objects.unscoped().filter(pk=rent.pk).update(status="PAID")
    response = auth_client(admin).delete(f"/revenues/{rent.pk}")
    assert (
        response.status_code == 400
        and response.json()["message"] == "Only pending transactions can be deleted"
    )


def test_unauthenticated_and_contractor(api_client, auth_client, landlord):
    from apps.accounts.tests.factories import ContractorOrgFactory, ContractorUserFactory

    assert api_client.get("/revenues").status_code == 401
    contractor = ContractorUserFactory(organization_id=ContractorOrgFactory(landlords=[landlord]).pk)
    assert auth_client(contractor).get("/revenues").status_code == 403
