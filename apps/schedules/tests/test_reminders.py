"""The daily collection reminder (spec 08 section 7), with a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from apps.accounts.tests.factories import TenantOrgFactory, TenantUserFactory
from apps.core.models import AuditLog, OutboxJob
from apps.notifications.models import Notification
from apps.properties.tests.factories import PropertyFactory, UnitFactory
from apps.schedules.jobs import send_schedule_reminders
from apps.schedules.models import Schedule
from apps.schedules.tests.factories import ScheduleFactory
from myte.scheduler import run_job

pytestmark = pytest.mark.django_db
MORNING = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)


@pytest.fixture
def home(residents):
    building = PropertyFactory(name="Elm Court")
    unit = UnitFactory(property=building, unit_number="4B")
    org = TenantOrgFactory(landlords=[building.landlord])
    resident = TenantUserFactory(organization_id=org.pk)
    residents.add(org, unit)
    return building, unit, org, resident


def _emails(template="schedule-reminder"):
    return [
        job
        for job in OutboxJob.objects.filter(task="apps.messaging.jobs.send_email_job")
        if job.payload.get("template") == template
    ]


def test_resident_is_reminded_once_a_day(home):
    building, unit, org, resident = home
    ScheduleFactory(
        property=building,
        unit=unit,
        scheduled_date=datetime(2026, 12, 5, 7, 30, tzinfo=UTC),
        scheduled_time="07:30",
        description="Bins at the kerb",
    )
    with time_machine.travel(MORNING, tick=False):
        assert send_schedule_reminders() == {"processed": 1, "remindersSent": 1, "errors": 0}
        note = Notification.objects.get(user_id=resident.pk)
        assert note.title == "Garbage Collection Reminder"
        assert note.content == (
            "Garbage collection is TOMORROW at Elm Court (Unit 4B). Collection time: 07:30. Note: Bins at the kerb"
        )
        assert note.notification_type == "schedule_reminder"
        assert len(_emails()) == 1 and _emails()[0].payload["to"] == [resident.email]

    with time_machine.travel(datetime(2026, 12, 4, 18, 0, tzinfo=UTC), tick=False):
        assert send_schedule_reminders()["remindersSent"] == 0
    assert Notification.objects.filter(user_id=resident.pk).count() == 1
    assert len(_emails()) == 1


def test_reminders_respect_reminder_days_and_the_window(home):
    building, unit, _, resident = home
    ScheduleFactory(property=building, unit=unit, scheduled_date=datetime(2026, 12, 7, 8, tzinfo=UTC))
    ScheduleFactory(property=building, unit=unit, scheduled_date=datetime(2026, 12, 20, 8, tzinfo=UTC))
    ScheduleFactory(property=building, unit=unit, scheduled_date=datetime(2026, 12, 3, 8, tzinfo=UTC))
    with time_machine.travel(MORNING, tick=False):
        assert send_schedule_reminders() == {"processed": 0, "remindersSent": 0, "errors": 0}
    assert not Notification.objects.exists()


def test_property_level_schedule_reaches_every_resident_and_not_disabled_users(home, residents):
    building, unit, org, resident = home
    neighbour_org = TenantOrgFactory(landlords=[building.landlord])
    neighbour = TenantUserFactory(organization_id=neighbour_org.pk)
    TenantUserFactory(organization_id=neighbour_org.pk, is_disabled=True)
    residents.add(neighbour_org, UnitFactory(property=building))
    outsider = TenantUserFactory(organization_id=TenantOrgFactory().pk)
    ScheduleFactory(property=building, type="recycling", scheduled_date=datetime(2026, 12, 4, 9, tzinfo=UTC))
    with time_machine.travel(MORNING, tick=False):
        assert send_schedule_reminders()["remindersSent"] == 2
    reminded = set(Notification.objects.values_list("user_id", flat=True))
    assert reminded == {resident.pk, neighbour.pk}
    assert outsider.pk not in reminded
    assert Notification.objects.first().content.startswith("Recycling collection is TODAY at Elm Court.")


def test_recurring_schedule_advances_and_audits_as_system(home):
    building, unit, _, resident = home
    schedule = ScheduleFactory(
        property=building,
        unit=unit,
        scheduled_date=datetime(2026, 11, 6, 8, tzinfo=UTC),
        has_recurrence=True,
        recurrence_frequency="weekly",
        next_occurrence=datetime(2026, 12, 4, 8, tzinfo=UTC),
    )
    with time_machine.travel(MORNING, tick=False):
        summary = run_job("sendScheduleReminders")
    assert summary == {"processed": 1, "remindersSent": 1, "errors": 0}
    schedule.refresh_from_db()
    assert schedule.next_occurrence == datetime(2026, 12, 11, 8, tzinfo=UTC)
    assert schedule.last_reminder_sent_at == MORNING
    entry = AuditLog.objects.get(action="SchedulerService.sendScheduleReminders")
    assert entry.user_id == "system" and entry.details["summary"]["remindersSent"] == 1


def test_no_resident_means_nothing_sent_and_nothing_marked(residents):
    schedule = ScheduleFactory(scheduled_date=datetime(2026, 12, 5, 8, tzinfo=UTC))
    with time_machine.travel(MORNING, tick=False):
        assert send_schedule_reminders() == {"processed": 1, "remindersSent": 0, "errors": 0}
    assert Schedule.objects.unscoped().get(pk=schedule.pk).last_reminder_sent_at is None
