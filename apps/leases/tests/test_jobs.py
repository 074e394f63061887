"""The scheduled jobs and commands (spec 05 §7): frozen clock across day boundaries, idempotent."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import AuditLog, OutboxJob
from apps.leases import jobs
from apps.leases.models import Lease, LeaseStatus, RentalPeriod, Transaction
from apps.leases.tests.factories import active_lease, day
from apps.notifications.models import Notification
from apps.properties.tests.factories import UnitFactory
from myte.scheduler import run_job

pytestmark = pytest.mark.django_db


def emails(template: str) -> int:
    return OutboxJob.objects.filter(task__endswith="send_email_job", payload__template=template).count()


@pytest.fixture
def lease(unit, tenant_org, tenant_user):
    with time_machine.travel("2025-01-01T09:00:00Z", tick=False):
        return active_lease(
            unit=unit, tenant=tenant_org, start_date=day("2025-01-01"), end_date=day("2025-12-31")
        )


def test_overdue_marking_across_midnight_and_idempotent(lease):
    first = Transaction.objects.filter(lease=lease, type="RENT").order_by("due_date").first()
    with time_machine.travel("2025-01-01T23:59:59Z", tick=False):
        summary = run_job("runDailyStatusUpdates")
    assert summary["transactions"]["pendingToOverdue"] == 0
    with time_machine.travel("2025-01-02T00:00:01Z", tick=False):
        summary = run_job("runDailyStatusUpdates")
        assert summary["transactions"]["pendingToOverdue"] == 1 and summary["errors"] == []
        again = run_job("runDailyStatusUpdates")
    assert again["transactions"]["pendingToOverdue"] == 0
    first.refresh_from_db()
    assert first.status == "OVERDUE"
    assert emails("payment-overdue") == 1
    assert (
        AuditLog.objects.filter(user_id="system", action="SchedulerService.runDailyStatusUpdates").count()
        == 3
    )


def test_lease_expiry_hand_over_and_units(lease, unit, auth_client, admin):
    with time_machine.travel("2025-06-01T10:00:00Z", tick=False):
        auth_client(admin).post(f"/leases/{lease.pk}/renew", {"desiredEndDate": "2026-12-31"}, format="json")
    with time_machine.travel("2026-01-01T01:00:00Z", tick=False):
        summary = jobs.status_update()
    assert summary["rentalPeriods"] == {"pendingToActive": 1, "activeToExpired": 1}
    assert summary["errors"] == []
    assert list(
        RentalPeriod.objects.filter(lease=lease).order_by("start_date").values_list("status", flat=True)
    ) == [
        "EXPIRED",
        "ACTIVE",
    ]
    with time_machine.travel("2027-01-01T01:00:00Z", tick=False):
        summary = jobs.status_update()
        assert summary["rentalPeriods"]["activeToExpired"] == 1
        assert summary["leases"]["activeToExpired"] == 1
        assert summary["units"]["occupiedToVacant"] == 1
        assert jobs.status_update()["leases"]["activeToExpired"] == 0
    lease.refresh_from_db()
    unit.refresh_from_db()
    assert lease.status == LeaseStatus.EXPIRED and unit.availability_status == "VACANT"
    assert emails("lease-expiration-warning") == 1


def test_terminated_leases_are_not_marked_overdue(lease):
    Lease.objects.filter(pk=lease.pk).update(status=LeaseStatus.TERMINATED)
    with time_machine.travel("2025-03-01T02:00:00Z", tick=False):
        assert jobs.status_update()["transactions"]["pendingToOverdue"] == 0
    assert not Transaction.objects.filter(status="OVERDUE").exists()


def test_vacant_unit_with_active_lease_becomes_occupied(lease, unit):
    type(unit).objects.filter(pk=unit.pk).update(availability_status="VACANT")
    with time_machine.travel("2025-02-01T01:00:00Z", tick=False):
        assert jobs.status_update()["units"]["vacantToOccupied"] == 1


def test_empty_database_summary():
    with time_machine.travel("2025-02-01T01:00:00Z", tick=False):
        summary = jobs.status_update()
    assert set(summary) == {
        "executedAt",
        "rentalPeriods",
        "leases",
        "transactions",
        "units",
        "errors",
        "duration",
    }


def test_status_updater_queries_do_not_grow(prop, tenant_org, tenant_user):
    def make(count):
        with time_machine.travel("2025-01-01T09:00:00Z", tick=False):
            for _ in range(count):
                active_lease(
                    unit=UnitFactory(property=prop),
                    tenant=tenant_org,
                    start_date=day("2025-01-01"),
                    end_date=day("2025-03-31"),
                )

    make(1)
    with time_machine.travel("2025-04-02T01:00:00Z", tick=False), CaptureQueriesContext(connection) as few:
        jobs.status_update()
    make(6)
    with time_machine.travel("2025-04-03T01:00:00Z", tick=False), CaptureQueriesContext(connection) as many:
        summary = jobs.status_update()
    assert summary["leases"]["activeToExpired"] == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_expiration_warnings_once_a_day(lease, admin, tenant_user):
    with time_machine.travel("2025-12-01T02:00:00Z", tick=False):
        assert run_job("send30DayLeaseExpirationWarnings") == {"leases": 1, "notified": 1}
        assert run_job("send30DayLeaseExpirationWarnings") == {"leases": 1, "notified": 0}
        assert run_job("send15DayLeaseExpirationWarnings")["leases"] == 0
    assert Notification.objects.filter(notification_type="lease_expiring_soon").count() == 2
    assert Notification.objects.filter(user_id=admin.pk, notification_type="lease_expiring_soon").exists()
    with time_machine.travel("2025-12-24T02:30:00Z", tick=False):
        assert run_job("send7DayLeaseExpirationWarnings")["notified"] == 1


def test_payment_reminders_and_overdue_notices(lease, tenant_user):
    with time_machine.travel("2025-01-25T03:00:00Z", tick=False):
        assert run_job("sendPaymentDueReminders") == {"transactions": 1, "emails": 1}
        assert run_job("sendPaymentDueReminders") == {"transactions": 1, "emails": 0}
    assert emails("payment-reminder") == 1
    with time_machine.travel("2025-02-03T03:30:00Z", tick=False):
        assert run_job("sendPaymentOverdueNotices") == {"transactions": 1, "emails": 1}
    assert emails("payment-overdue") == 1


def test_deposit_rows_are_skipped_not_fatal(unit, tenant_org, tenant_user):
    with time_machine.travel("2025-01-01T09:00:00Z", tick=False):
        active_lease(
            unit=unit,
            tenant=tenant_org,
            start_date=day("2025-01-08"),
            end_date=day("2025-12-31"),
            is_security_deposit=True,
            security_deposit_amount=Decimal("100"),
        )
        assert run_job("sendPaymentDueReminders") == {"transactions": 1, "emails": 1}


def _renewal(*args) -> dict:
    out = StringIO()
    call_command("lease_renewal", *args, stdout=out)
    return json.loads(out.getvalue())


def test_auto_renewal_preview_and_process(unit, tenant_org):
    with time_machine.travel("2025-01-01T09:00:00Z", tick=False):
        lease = active_lease(
            unit=unit,
            tenant=tenant_org,
            start_date=day("2025-01-01"),
            end_date=day("2025-12-31"),
            auto_renewal=True,
            rent_increase_type="PERCENTAGE",
            rent_increase_amount=Decimal("5"),
        )
    with time_machine.travel("2025-12-06T09:00:00Z", tick=False):
        preview = _renewal("preview")
        assert preview["processed"] == 1 and preview["details"][0]["action"] == "skipped"
        assert (
            preview["details"][0]["reason"] == "Dry run mode"
            and preview["details"][0]["newRent"] == "1050.00"
        )
        assert _renewal("process", "-d", "7")["processed"] == 0
        assert _renewal("process")["successful"] == 0
        assert RentalPeriod.objects.filter(lease=lease).count() == 1
        result = _renewal("process", "--no-dry-run")
        assert result["successful"] == 1 and result["details"][0]["action"] == "renewed"
        assert result["details"][0]["newEndDate"] == "2026-12-31T00:00:00.000Z"
        assert _renewal("process", "--no-dry-run")["processed"] == 0
    new = RentalPeriod.objects.get(lease=lease, status="PENDING")
    assert new.rent_amount == Decimal("1050.00") and new.start_date == day("2026-01-01")
    assert (
        AuditLog.objects.filter(user_id="system", action="LeaseRenewalService.processAutoRenewals").count()
        == 4
    )


def test_auto_renewal_default_increase_is_capped_and_matches_preview(unit, tenant_org):
    with time_machine.travel("2025-01-01T09:00:00Z", tick=False):
        active_lease(
            unit=unit,
            tenant=tenant_org,
            start_date=day("2025-01-01"),
            end_date=day("2025-12-31"),
            auto_renewal=True,
        )
    with time_machine.travel("2025-12-20T09:00:00Z", tick=False):
        preview = _renewal("preview", "-i", "3")
        live = _renewal("process", "--no-dry-run", "-i", "3", "-b", "1")
    assert preview["details"][0]["newRent"] == live["details"][0]["newRent"] == "1030.00"


def test_status_update_command(lease):
    out = StringIO()
    with time_machine.travel("2025-01-02T01:00:00Z", tick=False):
        call_command("status_update", stdout=out)
    assert json.loads(out.getvalue())["transactions"]["pendingToOverdue"] == 1


def test_day_boundary_of_the_30_day_window(lease):
    end = lease.end_date
    with time_machine.travel(end - timedelta(days=30) - timedelta(seconds=1), tick=False):
        assert jobs.send_lease_expiration_warnings(30)["leases"] == 0
    with time_machine.travel(end - timedelta(days=30), tick=False):
        assert jobs.send_lease_expiration_warnings(30)["leases"] == 1


def test_scheduler_slots_are_filled():
    from myte.scheduler import SLOTS_BY_NAME

    for name in (
        "runDailyStatusUpdates",
        "send30DayLeaseExpirationWarnings",
        "send15DayLeaseExpirationWarnings",
        "send7DayLeaseExpirationWarnings",
        "sendPaymentDueReminders",
        "sendPaymentOverdueNotices",
    ):
        assert SLOTS_BY_NAME[name].available, name
