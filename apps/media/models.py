"""Stored files attached to any record (spec 03 section 1.3).

Unlike the original, a media record remembers the landlord organization of the record it belongs
to (``landlord``) and who uploaded it (``uploaded_by``): media are scoped like their owners
(spec README rule 1), where the original let every landlord read and delete every file.
"""

from __future__ import annotations

from django.db import models

from apps.accounts.models import Landlord, User
from apps.core.models import ScopedManager, ScopedModel


class MediaType(models.TextChoices):
    IMAGE = "image"
    DOCUMENT = "document"
    VIDEO = "video"
    AUDIO = "audio"
    OTHER = "other"


class Disk(models.TextChoices):
    LOCAL = "local"
    S3 = "s3"


class Media(ScopedModel):
    access_subject = "Media"

    model_type = models.CharField(max_length=64)
    model_id = models.UUIDField()
    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, null=True, blank=True, related_name="media"
    )
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="uploads"
    )
    name = models.CharField(max_length=255)
    file_name = models.CharField(max_length=255)
    mime_type = models.CharField(max_length=128)
    size = models.PositiveBigIntegerField(default=0)
    type = models.CharField(max_length=10, choices=MediaType.choices, default=MediaType.OTHER)
    disk = models.CharField(max_length=8, choices=Disk.choices, default=Disk.LOCAL)
    path = models.CharField(max_length=512)
    url = models.CharField(max_length=1024, blank=True, default="")
    collection_name = models.CharField(max_length=64, default="default")
    metadata = models.JSONField(default=dict, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name_plural = "media"
        db_table = "media"
        indexes = [
            models.Index(fields=["model_type", "model_id", "collection_name"], name="media_owner_collection"),
            models.Index(fields=["landlord", "-created_at"], name="media_landlord_created"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.model_type} {self.model_id})"
