"""Email templates stored in the database and the log of SMS attempts (spec 08 sections 4-5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.core.models import BaseModel, SoftDeleteModel


class EmailTemplate(BaseModel):
    """A copy of a template shipped under ``templates/email/<name>/``.

    The files are the source of truth; ``manage.py email_templates_backfill`` upserts them. When a
    row exists its text is what gets rendered, so an operator can adjust wording in the Django
    admin without a deploy (the next backfill restores the shipped text).
    """

    name = models.CharField(max_length=100, unique=True)
    subject = models.CharField(max_length=500)
    html = models.TextField()
    text = models.TextField(blank=True, default="")

    class Meta:
        db_table = "emailtemplates"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class SmsMessage(SoftDeleteModel):
    class Status(models.TextChoices):
        QUEUED = "queued"
        SENDING = "sending"
        SENT = "sent"
        DELIVERED = "delivered"
        UNDELIVERED = "undelivered"
        FAILED = "failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tenant = models.ForeignKey(
        "accounts.Tenant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to = models.CharField(max_length=40)
    body = models.TextField()
    from_number = models.CharField(max_length=40, blank=True, default="")
    media_url = models.JSONField(default=list, blank=True)
    message_sid = models.CharField(max_length=64, null=True, blank=True, unique=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    error_code = models.CharField(max_length=20, blank=True, default="")
    error_message = models.TextField(blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    message_type = models.CharField(max_length=40, blank=True, default="")
    metadata = models.JSONField(default=dict, blank=True)
    #: one key per requested message and recipient: a retried or duplicated job never sends twice
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)

    class Meta:
        db_table = "smsmessages"
        ordering = ("-created_at",)
