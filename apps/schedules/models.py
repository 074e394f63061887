"""Garbage and recycling collection schedules of a property or unit (spec 07 section 1.8)."""

from __future__ import annotations

import builtins

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from apps.accounts.models import Landlord, User
from apps.core.models import ScopedManager, ScopedModel
from apps.properties.models import Property, Unit


class CollectionType(models.TextChoices):
    GARBAGE = "garbage"
    RECYCLING = "recycling"


class Frequency(models.TextChoices):
    NONE = "none"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


class Schedule(ScopedModel):
    """One collection, possibly recurring. The original's embedded ``recurrence`` object is kept
    as ``recurrence_*`` columns (filterable on every engine) and emitted as a nested object."""

    access_subject = "Schedule"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="schedules")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="schedules")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="schedules")
    type = models.CharField(max_length=16, choices=CollectionType.choices)
    scheduled_date = models.DateTimeField()
    scheduled_time = models.CharField(max_length=5, blank=True, default="")
    has_recurrence = models.BooleanField(default=False)
    recurrence_frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.NONE)
    recurrence_day_of_week = models.PositiveSmallIntegerField(null=True, blank=True)
    recurrence_day_of_month = models.PositiveSmallIntegerField(null=True, blank=True)
    recurrence_end_date = models.DateTimeField(null=True, blank=True)
    description = models.CharField(max_length=500, blank=True, default="")
    reminder_days_before = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="created_schedules")
    last_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    next_occurrence = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "schedules"
        indexes = [
            models.Index(fields=["landlord", "deleted", "scheduled_date"], name="schedule_landlord_date"),
            models.Index(fields=["property", "unit"], name="schedule_property_unit"),
            models.Index(fields=["scheduled_date"], name="schedule_date"),
            models.Index(fields=["next_occurrence"], name="schedule_next"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.scheduled_date:%Y-%m-%d}"

    @builtins.property
    def is_recurring(self) -> bool:
        return self.has_recurrence and self.recurrence_frequency != Frequency.NONE

    @builtins.property
    def recurrence(self) -> dict | None:
        if not self.has_recurrence:
            return None
        return {
            "frequency": self.recurrence_frequency,
            "day_of_week": self.recurrence_day_of_week,
            "day_of_month": self.recurrence_day_of_month,
            "end_date": self.recurrence_end_date,
        }
