"""Scheduled jobs (spec 08 section 7), run by ``manage.py rqcron myte.cron`` or by hand.

Each job is a *slot*: a name (the original's ``SchedulerService.<name>`` audit action), a cron
expression (UTC) and the dotted path of the function doing the work. :func:`run_job` is what the
scheduler enqueues: it enters the system scope, times the work, and writes an audit entry with
``userId "system"`` (``.failed`` with the error on failure). Every job is idempotent and safe to
run twice (or concurrently with itself).

Slots whose domain is not built yet (leases, transactions, schedules) are listed with
``pending=True``: ``myte/cron.py`` registers a slot only once its function can be imported, so a
module that later provides the function at that path is scheduled without touching this file.
"""

from __future__ import annotations

import logging
import time
import traceback
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string

from apps.core.audit import audit_system
from apps.core.scope import system_scope

logger = logging.getLogger("myte.scheduler")


@dataclass(frozen=True)
class Slot:
    name: str
    cron: str
    target: str
    description: str
    queue: str = "default"
    #: audited only when it did something (the every-minute dispatcher)
    quiet: bool = False

    def function(self):
        return import_string(self.target)

    @property
    def available(self) -> bool:
        try:
            self.function()
        except ImportError:
            return False
        return True


SLOTS: tuple[Slot, ...] = (
    Slot(
        "dispatchPendingJobs",
        "* * * * *",
        "apps.core.jobs.dispatch_pending",
        "Outbox dispatcher: enqueues jobs Redis did not take, retries due jobs, revives stale ones.",
        quiet=True,
    ),
    Slot(
        "refreshSmsStatuses",
        "*/15 * * * *",
        "apps.messaging.jobs.refresh_sms_statuses",
        "Re-reads from Twilio the status of SMS sent in the last 24 hours and not final yet.",
    ),
    Slot(
        "clearExpiredMutes",
        "10 0 * * *",
        "apps.chat.jobs.clear_expired_mutes",
        "Removes chat mutes whose muteUntil has passed.",
    ),
    Slot(
        "drainAuditLog",
        "* * * * *",
        "apps.core.audit_writer.drain_job",
        "Moves queued read audit entries (Redis list, in-process buffer) into the audit log.",
        quiet=True,
    ),
    Slot(
        "purgeAuditLogs",
        "45 0 * * *",
        "apps.core.audit.audit_purge",
        "Deletes audit entries older than AUDIT_RETENTION_DAYS (0 keeps them).",
        quiet=True,
    ),
    # -- pending: their domains (spec 05 leases/transactions, spec 07 schedules) are not built yet --
    Slot(
        "runDailyStatusUpdates",
        "0 1 * * *",
        "apps.leases.jobs.run_daily_status_updates",
        "Rental periods, leases, overdue transactions and unit occupancy (spec 08 section 7).",
    ),
    Slot(
        "send30DayLeaseExpirationWarnings",
        "0 2 * * *",
        "apps.leases.jobs.send_30_day_lease_expiration_warnings",
        "lease_expiring_soon for ACTIVE leases ending in 30 days.",
    ),
    Slot(
        "send15DayLeaseExpirationWarnings",
        "15 2 * * *",
        "apps.leases.jobs.send_15_day_lease_expiration_warnings",
        "lease_expiring_soon for ACTIVE leases ending in 15 days.",
    ),
    Slot(
        "send7DayLeaseExpirationWarnings",
        "30 2 * * *",
        "apps.leases.jobs.send_7_day_lease_expiration_warnings",
        "lease_expiring_soon for ACTIVE leases ending in 7 days.",
    ),
    Slot(
        "sendPaymentDueReminders",
        "0 3 * * *",
        "apps.leases.jobs.send_payment_due_reminders",
        "payment-reminder email for PENDING transactions due in 7 days.",
    ),
    Slot(
        "sendPaymentOverdueNotices",
        "30 3 * * *",
        "apps.leases.jobs.send_payment_overdue_notices",
        "payment-overdue email for transactions due 2 days ago.",
    ),
    Slot(
        "sendScheduleReminders",
        "0 6 * * *",
        "apps.schedules.jobs.send_schedule_reminders",
        "Garbage/recycling collection reminders (ScheduleReminderService.processScheduleReminders).",
    ),
    Slot(
        "purgeExpiredStripeEvents",
        "45 4 * * *",
        "apps.payments.webhooks.stripe_event_purge",
        "Deletes Stripe webhook events older than 90 days (the original's TTL index on StripeEvent).",
    ),
)

SLOTS_BY_NAME = {slot.name: slot for slot in SLOTS}


def run_job(name: str) -> Any:
    """Run one slot now, in the system scope, audited. Returns the job's summary."""
    slot = SLOTS_BY_NAME[name]
    action = f"SchedulerService.{name}"
    started = time.monotonic()
    with system_scope():
        try:
            summary = slot.function()()
        except Exception as exc:
            audit_system(
                f"{action}.failed",
                error={"message": str(exc), "stack": traceback.format_exc()[-4000:]},
                executionTime=_elapsed(started),
            )
            logger.exception("Scheduled job %s failed", name)
            raise
        if not (slot.quiet and not summary):
            audit_system(action, summary=summary, executionTime=_elapsed(started))
    return summary


def _elapsed(started: float) -> str:
    return f"{time.monotonic() - started:.3f}s"
