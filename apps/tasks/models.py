"""Personal to-do items of landlord, tenant and contractor users (spec 07 section 1.7)."""

from __future__ import annotations

from django.db import models

from apps.accounts.models import Landlord, User
from apps.core.models import ScopedManager, ScopedModel
from apps.properties.models import Property, Unit


class TaskStatus(models.TextChoices):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELED = "CANCELED"


class TaskPriority(models.TextChoices):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class Task(ScopedModel):
    """A to-do of its creator. ``status_logs`` is the append-only history of status changes:
    ``[{from_status, to_status, changed_by, changed_at, note?}]`` (ids and ISO times)."""

    access_subject = "Task"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="tasks")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks")
    title = models.CharField(max_length=200)
    description = models.CharField(max_length=2000)
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    priority = models.CharField(max_length=8, choices=TaskPriority.choices, default=TaskPriority.MEDIUM)
    is_escalated = models.BooleanField(default=False)
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="created_tasks")
    assigned_party = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_tasks"
    )
    notes = models.CharField(max_length=1000, blank=True, default="")
    status_logs = models.JSONField(default=list, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "tasks"
        indexes = [
            models.Index(fields=["created_by", "deleted", "-created_at"], name="task_creator_live"),
            models.Index(fields=["landlord", "-created_at"], name="task_landlord_created"),
        ]

    def __str__(self) -> str:
        return self.title
