"""In-app notifications and per-user channel preferences (spec 08 section 2.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.core.models import BaseModel, ScopedManager, ScopedModel
from apps.notifications.types import NotificationType


class Notification(ScopedModel):
    access_subject = "Notification"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=255)
    content = models.TextField()
    action_url = models.CharField(max_length=1000, null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    notification_type = models.CharField(max_length=64, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "notifications"
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_created"),
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
        ]


class NotificationPreference(BaseModel):
    """Not soft-deletable (as in the original); scoped by hand to the caller's own rows."""

    access_subject = "NotificationPreference"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    notification_type = models.CharField(max_length=64, choices=NotificationType.choices)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)
    sms = models.BooleanField(default=False)

    class Meta:
        db_table = "notificationpreferences"
        ordering = ("created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["user", "notification_type"], name="notification_preference_unique"
            )
        ]
