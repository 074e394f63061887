"""Termination and renewal (spec 05 L6, L7, §4.4) and the rental period routes (§5.3)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from apps.leases.models import Lease, LeaseStatus, RentalPeriod, Transaction
from apps.leases.tests.factories import LeaseFactory, active_lease, day
from apps.notifications.models import Notification

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
            rent_increase_type="PERCENTAGE",
            rent_increase_amount=Decimal("5"),
        )


@time_machine.travel(NOW, tick=False)
def test_terminate(auth_client, admin, lease, unit, tenant_user):
    response = auth_client(admin).post(
        f"/leases/{lease.pk}/terminate",
        {"terminationDate": "2026-06-15", "terminationReason": "Moving"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "TERMINATED"
    lease.refresh_from_db()
    assert lease.termination_date == day("2026-06-15") and lease.end_date == day("2026-12-31")
    period = RentalPeriod.objects.get(lease=lease)
    assert period.status == "EXPIRED" and period.end_date == day("2026-06-30")
    assert not Transaction.objects.filter(lease=lease, due_date__gt=day("2026-06-15")).exists()
    assert Transaction.objects.filter(lease=lease).count() == 6
    unit.refresh_from_db()
    assert unit.availability_status == "VACANT"
    assert Notification.objects.filter(user_id=tenant_user.pk, notification_type="lease_terminated").exists()
    assert Notification.objects.filter(user_id=admin.pk, notification_type="lease_terminated").exists()
    from apps.core.models import OutboxJob

    assert OutboxJob.objects.filter(payload__template="lease-termination").count() == 2


@time_machine.travel(NOW, tick=False)
def test_terminate_refusals(auth_client, admin, lease, unit, tenant_org):
    client = auth_client(admin)
    response = client.post(f"/leases/{lease.pk}/terminate", {"terminationDate": "2027-02-01"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Termination date cannot be after lease end date (2026-12-31)"
    draft = LeaseFactory(
        unit=unit, tenant=tenant_org, start_date=day("2027-06-01"), end_date=day("2027-12-31")
    )
    response = client.post(f"/leases/{draft.pk}/terminate", {"terminationDate": "2027-07-01"}, format="json")
    assert (
        response.json()["message"]
        == "Cannot terminate lease with status 'DRAFT'. Only active leases can be terminated."
    )
    assert client.post(f"/leases/{lease.pk}/terminate", {}, format="json").status_code == 400
    lease.refresh_from_db()
    assert lease.status == LeaseStatus.ACTIVE
    assert Transaction.objects.filter(lease=lease).count() == 12


@time_machine.travel(NOW, tick=False)
def test_renew_applies_the_increase_and_schedules(auth_client, admin, lease, unit):
    response = auth_client(admin).post(
        f"/leases/{lease.pk}/renew", {"desiredEndDate": "2027-12-31"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    new = body["newRentalPeriod"]
    assert new["status"] == "PENDING" and new["startDate"] == "2027-01-01T00:00:00.000Z"
    assert new["endDate"] == "2027-12-31T00:00:00.000Z" and new["rentAmount"] == 1050.0
    assert new["appliedRentIncrease"]["previousRent"] == 1000.0
    lease.refresh_from_db()
    assert lease.rent_amount == Decimal("1050.00") and lease.end_date == day("2027-12-31")
    assert Transaction.objects.filter(lease=lease, amount=Decimal("1050.00")).count() == 12
    old = RentalPeriod.objects.get(lease=lease, status="ACTIVE")
    assert str(old.renewed_to_id) == new["_id"]
    unit.refresh_from_db()
    assert unit.available_from == day("2027-12-31")
    from apps.core.models import OutboxJob

    assert OutboxJob.objects.filter(payload__template="lease-renewal").exists()
    # a second renewal is refused and changes nothing
    again = auth_client(admin).post(
        f"/leases/{lease.pk}/renew", {"desiredEndDate": "2028-12-31"}, format="json"
    )
    assert again.status_code == 400
    assert "Desired end date must be after current lease end date" not in again.json()["message"]
    assert RentalPeriod.objects.filter(lease=lease).count() == 2


@time_machine.travel(NOW, tick=False)
def test_renew_refusals(auth_client, admin, lease):
    client = auth_client(admin)
    response = client.post(f"/leases/{lease.pk}/renew", {"desiredEndDate": "2026-10-01"}, format="json")
    assert response.json()["message"] == "Desired end date must be after current lease end date"
    Lease.objects.filter(pk=lease.pk).update(status=LeaseStatus.EXPIRED)
    response = client.post(f"/leases/{lease.pk}/renew", {"desiredEndDate": "2028-01-01"}, format="json")
    assert (
        response.json()["message"]
        == "Cannot renew lease with status 'EXPIRED'. Only active leases can be renewed."
    )
    assert RentalPeriod.objects.filter(lease=lease).count() == 1


@time_machine.travel(NOW, tick=False)
def test_period_routes(auth_client, admin, tenant_user, lease):
    client = auth_client(admin)
    client.post(f"/leases/{lease.pk}/renew", {"desiredEndDate": "2027-12-31"}, format="json")
    periods = client.get(f"/leases/{lease.pk}/rental-periods").json()
    assert [p["status"] for p in periods] == ["ACTIVE", "PENDING"]
    assert periods[0]["payment"]["amount"] == 1000.0
    current = client.get(f"/leases/{lease.pk}/rental-periods/current").json()
    assert current["_id"] == periods[0]["_id"]
    listed = client.get(f"/rental-periods?leaseId={lease.pk}&sortBy=startDate&sortOrder=asc").json()
    assert listed["total"] == 2 and listed["data"][0]["lease"]["tenant"]["name"] == "The Smiths"
    assert client.get("/rental-periods?sortBy=amount").status_code == 200
    assert client.get(f"/rental-periods/{current['_id']}").json()["lease"]["_id"] == str(lease.pk)
    history = client.get(f"/rental-periods/lease/{lease.pk}/rent-history").json()
    assert (
        history["totalPeriods"] == 2
        and history["originalRent"] == 1000.0
        and history["currentRent"] == 1050.0
    )
    assert history["history"][1]["calculatedIncrease"] == {"amount": 50.0, "percentage": 5.0}
    chain = client.get(f"/rental-periods/{periods[1]['_id']}/renewal-chain").json()
    assert [p["_id"] for p in chain] == [periods[0]["_id"], periods[1]["_id"]]
    assert auth_client(tenant_user).get("/rental-periods").json()["total"] == 2
    payment = client.get(f"/leases/{lease.pk}/rental-periods/{current['_id']}/payment").json()
    assert payment["data"]["rentalPeriod"]["_id"] == current["_id"]


@time_machine.travel(NOW, tick=False)
def test_cycle_change_of_an_active_lease_reschedules_the_rest_of_the_period(auth_client, admin, lease):
    paid = Transaction.objects.filter(lease=lease).order_by("due_date").first()
    Transaction.objects.filter(pk=paid.pk).update(status="PAID")
    response = auth_client(admin).patch(f"/leases/{lease.pk}", {"paymentCycle": "QUARTERLY"}, format="json")
    assert response.status_code == 200, response.content
    pending = list(Transaction.objects.filter(lease=lease, status="PENDING").order_by("due_date"))
    assert [tx.due_date.date().isoformat() for tx in pending] == [
        "2026-02-01",
        "2026-03-01",
        "2026-03-10",
        "2026-06-10",
        "2026-09-10",
        "2026-12-10",
    ]
    assert Transaction.objects.filter(pk=paid.pk, status="PAID").exists()
