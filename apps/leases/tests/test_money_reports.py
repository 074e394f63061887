"""Deposit settlement and register (spec 05 L12, L13, §5.5) and the rent roll (L2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.leases.models import Lease, Transaction
from apps.leases.tests.factories import LeaseFactory, active_lease, day
from apps.properties.tests.factories import PropertyFactory, UnitFactory

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
            security_deposit_amount=Decimal("1000.00"),
        )


SETTLE = {
    "deductionItems": [{"description": "Paint", "cost": 120.35}, {"description": "Carpet", "cost": 79.65}],
    "finalRefundAmount": 800,
    "refundReason": "End of lease",
}


@time_machine.travel(NOW, tick=False)
def test_settlement(auth_client, admin, lease):
    client = auth_client(admin)
    response = client.post(
        f"/leases/{lease.pk}/deposit-assessment", {**SETTLE, "finalRefundAmount": 900}, format="json"
    )
    assert response.status_code == 422
    assert (
        response.json()["message"] == "Final refund amount (900.00) does not match calculated amount (800.00)"
    )
    response = client.post(
        f"/leases/{lease.pk}/deposit-assessment", {**SETTLE, "finalRefundAmount": 1200}, format="json"
    )
    assert (
        response.json()["message"]
        == "Final refund amount (1200.00) cannot exceed security deposit amount (1000.00)"
    )
    assert not Transaction.objects.filter(type__in=("DEPOSIT_REFUND", "DEPOSIT_DEDUCTION")).exists()
    response = client.post(
        f"/leases/{lease.pk}/deposit-assessment", SETTLE, format="json", HTTP_IDEMPOTENCY_KEY="s1"
    )
    assert response.status_code == 201, response.content
    assessment = response.json()["data"]["depositAssessment"]
    assert assessment["totalDeductions"] == 200.0 and assessment["finalRefundAmount"] == 800.0
    assert assessment["deductionItems"][0]["cost"] == 120.35
    refund = Transaction.objects.get(type="DEPOSIT_REFUND")
    deduction = Transaction.objects.get(type="DEPOSIT_DEDUCTION")
    assert refund.amount == Decimal("-1000.00") and deduction.amount == Decimal("200.00")
    assert refund.status == deduction.status == "PAID"
    retry = client.post(
        f"/leases/{lease.pk}/deposit-assessment", SETTLE, format="json", HTTP_IDEMPOTENCY_KEY="s1"
    )
    assert retry.status_code == 201 and retry.json() == response.json()
    again = client.post(f"/leases/{lease.pk}/deposit-assessment", SETTLE, format="json")
    assert again.json()["message"] == "Security deposit has already been refunded"
    assert Transaction.objects.filter(type="DEPOSIT_REFUND").count() == 1
    state = client.get(f"/leases/{lease.pk}/deposit-assessment").json()["data"]
    assert state["isRefunded"] is True and state["depositAmount"] == 1000.0


@time_machine.travel(NOW, tick=False)
def test_deposit_register_statuses(auth_client, admin, lease, unit, tenant_org, prop):
    client = auth_client(admin)
    listed = client.get("/deposits").json()
    assert listed["total"] == 1 and listed["data"][0]["status"] == "not_paid"
    deposit = Transaction.objects.get(lease=lease, type="DEPOSIT")
    client.post(f"/transactions/{deposit.pk}/mark-as-paid", {"paymentMethod": "CASH"}, format="json")
    assert client.get(f"/deposits/{lease.pk}").json()["status"] == "active"
    Lease.objects.filter(pk=lease.pk).update(status="TERMINATED")
    assert client.get("/deposits?status=awaiting_return").json()["total"] == 1
    client.post(f"/leases/{lease.pk}/deposit-assessment", SETTLE, format="json")
    item = client.get(f"/deposits/{lease.pk}").json()
    assert (
        item["status"] == "partially_returned"
        and item["returnedAmount"] == 800.0
        and item["deductedAmount"] == 200.0
    )
    summary = client.get("/deposits/summary").json()
    assert summary == {
        "totalDeposits": 1,
        "totalAmount": 1000.0,
        "activeDeposits": 0,
        "awaitingReturn": 0,
        "returned": 0,
        "partiallyReturned": 1,
        "notPaid": 0,
    }
    assert client.get(f"/deposits/{LeaseFactory().pk}").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_rent_roll(auth_client, admin, lease, prop, tenant_org):
    client = auth_client(admin)
    rents = list(Transaction.objects.filter(lease=lease, type="RENT").order_by("due_date"))
    Transaction.objects.filter(pk=rents[0].pk).update(status="PAID", paid_at=day("2026-01-02"))
    Transaction.objects.filter(pk=rents[1].pk).update(status="OVERDUE")
    second_unit = UnitFactory(property=prop, unit_number="2B")
    other_prop = PropertyFactory(landlord=prop.landlord, name="Birch House")
    other = active_lease(
        unit=UnitFactory(property=other_prop),
        tenant=tenant_org,
        start_date=day("2026-03-01"),
        end_date=day("2027-02-28"),
    )
    Transaction.objects.filter(lease=other, due_date=day("2026-03-01")).update(
        status="PAID", paid_at=day("2026-03-01")
    )
    LeaseFactory(unit=second_unit, tenant=tenant_org)  # a draft: not on the roll
    active_lease()  # another landlord's
    data = client.get("/leases/rent-roll").json()
    assert data["total"] == 2
    summary = data["summary"]
    assert summary["collectedAmount"] == 2000.0 and summary["outstandingAmount"] == 2000.0
    assert summary["collectionRate"] == 50.0 and summary["totalMonthlyRent"] == 2000.0
    assert summary["totalUnits"] == 3 and summary["vacantUnits"] == 1
    row = next(item for item in data["rentRoll"] if item["leaseId"] == str(lease.pk))
    assert row["amountCollected"] == 1000.0 and row["outstandingBalance"] == 2000.0
    assert (
        row["dueDate"] == "2026-02-01T00:00:00.000Z" and row["lastPaymentDate"] == "2026-01-02T00:00:00.000Z"
    )
    assert client.get("/leases/rent-roll?status=paid").json()["rentRoll"][0]["leaseId"] == str(other.pk)
    assert client.get("/leases/rent-roll?status=partial").json()["rentRoll"][0]["leaseId"] == str(lease.pk)
    assert client.get("/leases/rent-roll?status=overdue").json()["total"] == 0
    vacant = client.get("/leases/rent-roll?status=vacant").json()
    assert [item["unitId"] for item in vacant["rentRoll"]] == [str(second_unit.pk)]
    by_property = client.get(f"/leases/rent-roll?propertyId={other_prop.pk}").json()
    assert [item["propertyId"] for item in by_property["rentRoll"]] == [str(other_prop.pk)]
    assert by_property["summary"]["totalUnits"] == 1
    ordered = client.get("/leases/rent-roll?sortBy=outstandingBalance&sortOrder=desc").json()["rentRoll"]
    assert [item["leaseId"] for item in ordered] == [str(lease.pk), str(other.pk)]
    page = client.get("/leases/rent-roll?page=2&limit=1").json()
    assert len(page["rentRoll"]) == 1 and page["meta"] == {
        "page": 2,
        "limit": 1,
        "totalPages": 2,
        "hasNext": False,
        "hasPrev": True,
    }
    assert client.get("/leases/rent-roll?search=birch").json()["total"] == 1
    for bad in ("page=0", "status=invalid", "sortBy=invalidField", "propertyId=nope"):
        assert client.get(f"/leases/rent-roll?{bad}").status_code == 400, bad
    unknown = client.get("/leases/rent-roll?propertyId=00000000-0000-0000-0000-000000000000").json()
    assert unknown["rentRoll"] == [] and unknown["total"] == 0


@time_machine.travel(NOW, tick=False)
def test_rent_roll_queries_do_not_grow(auth_client, admin, prop, tenant_org):
    client = auth_client(admin)
    active_lease(
        unit=UnitFactory(property=prop),
        tenant=tenant_org,
        start_date=day("2026-01-01"),
        end_date=day("2026-12-31"),
    )
    with CaptureQueriesContext(connection) as few:
        client.get("/leases/rent-roll?limit=100")
    for _ in range(5):
        active_lease(
            unit=UnitFactory(property=prop),
            tenant=tenant_org,
            start_date=day("2026-01-01"),
            end_date=day("2026-12-31"),
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/leases/rent-roll?limit=100")
    assert response.json()["total"] == 6
    assert len(few.captured_queries) == len(many.captured_queries)
    with CaptureQueriesContext(connection) as deposits_few:
        client.get("/deposits?limit=100")
    assert len(deposits_few.captured_queries) <= 8
