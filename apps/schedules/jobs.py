"""The daily collection reminder (spec 08 section 7, ``sendScheduleReminders``, 06:00 UTC).

Days until a collection are counted in calendar days (UTC), not as the original's
``ceil(hours / 24)``: run at 06:00, the original counted a collection tomorrow at 07:30 as two
days away and never sent the default one-day reminder (docs/compatibility/schedules.md).

Idempotent: a schedule reminded less than 20 hours ago is skipped, so a second run on the same
day sends nothing. Recipients are the enabled tenant users of the tenant organizations holding an
ACTIVE lease on the schedule's unit, or on any unit of its property for a property-level schedule
(spec 08 open question 8 decided for its intent). Each recipient is notified on the channels its
preferences allow (in-app, email and SMS through the outbox).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from apps.accounts.models import User
from apps.core.db import atomic
from apps.core.scope import UserType
from apps.notifications.services import notify_many
from apps.notifications.types import NotificationType
from apps.properties.models import Unit
from apps.schedules.models import Schedule
from apps.schedules.occurrences import following_occurrence
from apps.schedules.residents import resident_tenant_orgs

logger = logging.getLogger("myte.schedules")

WINDOW = timedelta(days=7)
REMIND_AGAIN_AFTER = timedelta(hours=20)


class AlreadyReminded(Exception):
    """A concurrent run reminded this schedule first: this run's notifications roll back."""


def reminder_text(schedule: Schedule, *, days_until: int) -> str:
    kind = schedule.type.capitalize()
    when = {0: "is TODAY", 1: "is TOMORROW"}.get(days_until, f"is in {days_until} days")
    place = schedule.property.name
    if schedule.unit_id:
        place += f" (Unit {schedule.unit.unit_number})"
    text = f"{kind} collection {when} at {place}."
    if schedule.scheduled_time:
        text += f" Collection time: {schedule.scheduled_time}."
    if schedule.description:
        text += f" Note: {schedule.description}"
    return text


def _candidates(now) -> list[Schedule]:
    window = Q(has_recurrence=False, scheduled_date__gte=now, scheduled_date__lte=now + WINDOW) | Q(
        has_recurrence=True, next_occurrence__gte=now, next_occurrence__lte=now + WINDOW
    )
    stale = Q(last_reminder_sent_at__isnull=True) | Q(last_reminder_sent_at__lte=now - REMIND_AGAIN_AFTER)
    return list(Schedule.objects.unscoped().filter(window & stale).select_related("property", "unit"))


def _recipients(schedules: list[Schedule]) -> dict[Any, list[User]]:
    """``{schedule_id: [tenant users]}`` in a fixed number of queries for all schedules."""
    property_level = {s.property_id for s in schedules if not s.unit_id}
    units_by_property: dict[Any, list] = defaultdict(list)
    for unit_id, property_id in (
        Unit.objects.unscoped().filter(property_id__in=property_level).values_list("id", "property_id")
    ):
        units_by_property[property_id].append(unit_id)
    unit_ids = {s.unit_id for s in schedules if s.unit_id} | {
        unit for units in units_by_property.values() for unit in units
    }
    tenants_by_unit = resident_tenant_orgs(unit_ids)
    org_ids = {org for orgs in tenants_by_unit.values() for org in orgs}
    users_by_org: dict[Any, list[User]] = defaultdict(list)
    for user in User.objects.unscoped().filter(
        organization_id__in=org_ids, user_type=UserType.TENANT, is_disabled=False
    ):
        users_by_org[user.organization_id].append(user)
    result = {}
    for schedule in schedules:
        units = [schedule.unit_id] if schedule.unit_id else units_by_property.get(schedule.property_id, [])
        orgs = {org for unit in units for org in tenants_by_unit.get(unit, ())}
        seen, people = set(), []
        for org in orgs:
            for user in users_by_org.get(org, []):
                if user.pk not in seen:
                    seen.add(user.pk)
                    people.append(user)
        result[schedule.pk] = people
    return result


def send_schedule_reminders() -> dict[str, int]:
    now = timezone.now()
    schedules = _candidates(now)
    recipients = _recipients(schedules)
    processed = sent = errors = 0
    for schedule in schedules:
        target = schedule.next_occurrence or schedule.scheduled_date
        days_until = (target.date() - now.date()).days
        if not 0 <= days_until <= schedule.reminder_days_before:
            continue
        processed += 1
        people = recipients.get(schedule.pk, [])
        if not people:
            continue
        try:
            sent += _remind(schedule, people=people, days_until=days_until, now=now, target=target)
        except AlreadyReminded:
            continue
        except Exception:  # noqa: BLE001 - one schedule's failure does not stop the others
            errors += 1
            logger.exception("Schedule reminder failed for %s", schedule.pk)
    return {"processed": processed, "remindersSent": sent, "errors": errors}


@atomic
def _remind(schedule: Schedule, *, people: list[User], days_until: int, now, target) -> int:
    title = f"{schedule.type.capitalize()} Collection Reminder"
    message = reminder_text(schedule, days_until=days_until)
    results = notify_many(
        users=people,
        type=NotificationType.SCHEDULE_REMINDER,
        title=title,
        content=message,
        data={"scheduleId": str(schedule.pk), "title": title, "message": message},
        action_url=f"/schedules/{schedule.pk}",
        email_template="schedule-reminder",
        sms_body=message,
    )
    delivered = sum(1 for result in results if any(c.get("sent") for c in result["channels"].values()))
    if not delivered:
        return 0
    updates: dict[str, Any] = {"last_reminder_sent_at": now}
    if schedule.is_recurring:
        updates["next_occurrence"] = following_occurrence(
            start=schedule.scheduled_date,
            frequency=schedule.recurrence_frequency,
            current=target,
            end=schedule.recurrence_end_date,
        )
    # A conditional update: a concurrent run that already reminded this schedule wins.
    claimed = (
        Schedule.objects.unscoped()
        .filter(pk=schedule.pk)
        .filter(
            Q(last_reminder_sent_at__isnull=True) | Q(last_reminder_sent_at__lte=now - REMIND_AGAIN_AFTER)
        )
        .update(**updates, updated_at=now)
    )
    if not claimed:
        raise AlreadyReminded(schedule.pk)
    return delivered
