"""Scheduled lease and payment jobs (spec 05 section 7, spec 08 section 7).

The dotted names are the scheduler's slots (:mod:`myte.scheduler`); ``run_job`` calls
them inside the system scope and audits each run as ``system``. Each job is idempotent: state
changes are conditional bulk updates (a second run finds nothing to change), and notices are
logged per record and day (:class:`~apps.leases.models.NoticeLog`), so running twice on the same
day sends one email.

The status updater works in bulk statements: its number of queries does not depend on the number
of leases, periods, transactions or units (bench/RESULTS.md).
"""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from apps.core.db import atomic
from apps.core.jobs import enqueue_many
from apps.core.serializers import iso
from apps.leases import cycles, notices
from apps.leases.models import (
    Lease,
    LeaseStatus,
    NoticeLog,
    PaymentStatus,
    RentalPeriod,
    RentalPeriodStatus,
    Transaction,
)
from apps.notifications.types import NotificationType
from apps.properties.models import AvailabilityStatus, Unit

logger = logging.getLogger("myte.leases.jobs")

EMAIL_TASK = "apps.messaging.jobs.send_email_job"


def _today():
    return cycles.midnight(timezone.now())


def _active_leases():
    return Lease.objects.unscoped().filter(status=LeaseStatus.ACTIVE)


def _email_payloads(rows: list[tuple[Lease, dict[str, Any]]], template: str) -> list[dict[str, Any]]:
    """One email per Tenant user of each lease's tenant (one query for all tenants)."""
    from apps.messaging.email import render_email

    users = notices.tenant_users_by_org({lease.tenant_id for lease, _ in rows})
    payloads = []
    for lease, context in rows:
        for user in users.get(lease.tenant_id, []):
            if user.email:
                payloads.append(
                    {
                        "to": [user.email],
                        "template": template,
                        "context": {
                            "recipientName": f"{user.first_name} {user.last_name}".strip(),
                            **context,
                        },
                    }
                )
    if payloads:
        render_email(template, payloads[0]["context"])  # a broken template fails the run, not the worker
    return payloads


def _send(payloads: list[dict[str, Any]]) -> None:
    enqueue_many(EMAIL_TASK, payloads, queue="email")


# -- the status updater (spec 05 section 7.1) -----------------------------------------------------
def _step_periods(today) -> dict[str, int]:
    """Expire first, then activate: a renewal hand-over day never meets the one-ACTIVE index."""
    active_leases = _active_leases().values("pk")
    expired = (
        RentalPeriod.objects.unscoped()
        .filter(lease_id__in=active_leases, status=RentalPeriodStatus.ACTIVE, end_date__lt=today)
        .update(status=RentalPeriodStatus.EXPIRED, updated_at=timezone.now())
    )
    still_active = RentalPeriod.objects.unscoped().filter(status=RentalPeriodStatus.ACTIVE).values("lease_id")
    activated = (
        RentalPeriod.objects.unscoped()
        .filter(lease_id__in=active_leases, status=RentalPeriodStatus.PENDING, start_date__lte=today)
        .exclude(lease_id__in=still_active)
        .update(status=RentalPeriodStatus.ACTIVE, updated_at=timezone.now())
    )
    return {"pending_to_active": activated, "active_to_expired": expired}


def _step_leases(today) -> int:
    live_period = RentalPeriod.objects.unscoped().filter(
        lease_id=OuterRef("pk"), status__in=(RentalPeriodStatus.ACTIVE, RentalPeriodStatus.PENDING)
    )
    ending = list(
        _active_leases()
        .filter(end_date__lt=today)
        .exclude(Exists(live_period))
        .select_related("unit__property")
    )
    if not ending:
        return 0
    changed = (
        Lease.objects.unscoped()
        .filter(pk__in=[lease.pk for lease in ending], status=LeaseStatus.ACTIVE)
        .update(status=LeaseStatus.EXPIRED, updated_at=timezone.now())
    )
    _send(
        _email_payloads(
            [(lease, {**notices.lease_facts(lease), "daysRemaining": 0}) for lease in ending],
            "lease-expiration-warning",
        )
    )
    return changed


def _step_transactions(today) -> int:
    due = list(
        Transaction.objects.unscoped()
        .filter(status=PaymentStatus.PENDING, due_date__lt=today, lease_id__in=_active_leases().values("pk"))
        .select_related("lease__unit__property", "rental_period")
    )
    if not due:
        return 0
    changed = (
        Transaction.objects.unscoped()
        .filter(pk__in=[tx.pk for tx in due], status=PaymentStatus.PENDING)
        .update(status=PaymentStatus.OVERDUE, updated_at=timezone.now())
    )
    rows = []
    for tx in due:
        days_late = max(1, (today - cycles.midnight(tx.due_date)).days)
        rows.append((tx.lease, {**notices.payment_context(tx), "daysLate": days_late}))
    _send(_email_payloads(rows, "payment-overdue"))
    return changed


def _step_units() -> dict[str, int]:
    occupied = Lease.objects.unscoped().filter(
        status=LeaseStatus.ACTIVE,
        pk__in=RentalPeriod.objects.unscoped().filter(status=RentalPeriodStatus.ACTIVE).values("lease_id"),
    )
    now = timezone.now()
    to_occupied = (
        Unit.objects.unscoped()
        .filter(availability_status=AvailabilityStatus.VACANT, pk__in=occupied.values("unit_id"))
        .update(availability_status=AvailabilityStatus.OCCUPIED, updated_at=now)
    )
    to_vacant = (
        Unit.objects.unscoped()
        .filter(availability_status=AvailabilityStatus.OCCUPIED)
        .exclude(pk__in=occupied.values("unit_id"))
        .update(availability_status=AvailabilityStatus.VACANT, updated_at=now)
    )
    return {"vacant_to_occupied": to_occupied, "occupied_to_vacant": to_vacant}


def status_update() -> dict[str, Any]:
    """Run the four steps; a failing step is reported in ``errors`` and the next one still runs."""
    started = time.monotonic()
    today = _today()
    summary: dict[str, Any] = {
        "executedAt": iso(timezone.now()),
        "rentalPeriods": {"pendingToActive": 0, "activeToExpired": 0},
        "leases": {"activeToExpired": 0},
        "transactions": {"pendingToOverdue": 0},
        "units": {"vacantToOccupied": 0, "occupiedToVacant": 0},
        "errors": [],
    }

    def step(name: str, work) -> None:
        try:
            with atomic():
                work()
        except Exception as exc:  # noqa: BLE001 - reported in the summary; the next step runs
            logger.exception("Status update step %s failed", name)
            summary["errors"].append(f"{name}: {exc}")

    def periods() -> None:
        result = _step_periods(today)
        summary["rentalPeriods"] = {
            "pendingToActive": result["pending_to_active"],
            "activeToExpired": result["active_to_expired"],
        }

    def leases() -> None:
        summary["leases"]["activeToExpired"] = _step_leases(today)

    def transactions() -> None:
        summary["transactions"]["pendingToOverdue"] = _step_transactions(today)

    def units() -> None:
        result = _step_units()
        summary["units"] = {
            "vacantToOccupied": result["vacant_to_occupied"],
            "occupiedToVacant": result["occupied_to_vacant"],
        }

    step("rentalPeriods", periods)
    step("leases", leases)
    step("transactions", transactions)
    step("units", units)
    summary["duration"] = f"{time.monotonic() - started:.1f}s"
    return summary


def run_daily_status_updates() -> dict[str, Any]:
    summary = status_update()
    if summary["errors"]:
        from apps.core.audit import audit_system

        audit_system("SchedulerService.runDailyStatusUpdates.errors", errors=summary["errors"])
    return summary


# -- notices --------------------------------------------------------------------------------------
def _claim_notices(kind: str, ids: list, on: date) -> set:
    """Log today's notice for each id not logged yet; returns the ids to notify now."""
    if not ids:
        return set()
    done = set(
        NoticeLog.objects.filter(kind=kind, on_date=on, object_id__in=ids).values_list("object_id", flat=True)
    )
    fresh = [pk for pk in ids if pk not in done]
    NoticeLog.objects.bulk_create([NoticeLog(kind=kind, object_id=pk, on_date=on) for pk in fresh])
    return set(fresh)


def _day_window(days_ahead: int) -> tuple:
    start = _today() + timedelta(days=days_ahead)
    return start, start + timedelta(days=1)


@atomic
def send_lease_expiration_warnings(days: int) -> dict[str, int]:
    start, end = _day_window(days)
    leases = list(
        _active_leases().filter(end_date__gte=start, end_date__lt=end).select_related("unit__property")
    )
    fresh = _claim_notices(f"lease-expiring-{days}", [lease.pk for lease in leases], start.date())
    for lease in leases:
        if lease.pk in fresh:
            notices.notify_parties(
                lease,
                type=NotificationType.LEASE_EXPIRING_SOON,
                title=f"Lease Expiring in {days} Days",
                content=f"The lease for {lease.unit.property.name} - Unit {lease.unit.unit_number} ends on "
                f"{notices.day(lease.end_date)}.",
                data={"daysRemaining": days},
            )
    return {"leases": len(leases), "notified": len(fresh)}


def send_30_day_lease_expiration_warnings() -> dict[str, int]:
    return send_lease_expiration_warnings(30)


def send_15_day_lease_expiration_warnings() -> dict[str, int]:
    return send_lease_expiration_warnings(15)


def send_7_day_lease_expiration_warnings() -> dict[str, int]:
    return send_lease_expiration_warnings(7)


def _payment_notices(*, kind: str, template: str, days_offset: int, extra: dict[str, Any]) -> dict[str, int]:
    start, end = _day_window(days_offset)
    rows = list(
        Transaction.objects.unscoped()
        .filter(
            status=PaymentStatus.PENDING,
            due_date__gte=start,
            due_date__lt=end,
            lease__isnull=False,
            rental_period__isnull=False,
        )
        .filter(Q(lease__deleted=False))
        .select_related("lease__unit__property", "rental_period")
    )
    fresh = _claim_notices(kind, [tx.pk for tx in rows], _today().date())
    payloads = _email_payloads(
        [(tx.lease, {**notices.payment_context(tx), **extra}) for tx in rows if tx.pk in fresh], template
    )
    _send(payloads)
    return {"transactions": len(rows), "emails": len(payloads)}


@atomic
def send_payment_due_reminders() -> dict[str, int]:
    """``payment-reminder`` for PENDING installments due in 7 days (rows without a lease or a
    rental period, such as deposits, are skipped rather than aborting the run)."""
    return _payment_notices(kind="payment-reminder", template="payment-reminder", days_offset=7, extra={})


@atomic
def send_payment_overdue_notices() -> dict[str, int]:
    return _payment_notices(
        kind="payment-overdue-2", template="payment-overdue", days_offset=-2, extra={"daysLate": 2}
    )
