"""Base models of every persisted record, and the core's own records.

Every model has a UUID primary key (emitted as ``_id``), ``createdAt`` (indexed: lists sort on it,
never on the id), ``updatedAt`` and the version counter ``__v``. Soft-deletable models hide deleted
rows from every default query. Scoped models add the fail-closed access filter of
:mod:`apps.core.access` to their default manager.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from apps.core import access
from apps.core.scope import current_principal


class BaseModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "updated_at" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "updated_at"]
        super().save(*args, **kwargs)


class SoftDeleteQuerySet(models.QuerySet):
    def soft_delete(self) -> int:
        return self.update(deleted=True, deleted_at=timezone.now(), updated_at=timezone.now())


class SoftDeleteManager(models.Manager.from_queryset(SoftDeleteQuerySet)):
    """Hides soft-deleted rows. ``including_deleted()`` is the explicit way to see them."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted=False)

    def including_deleted(self):
        return super().get_queryset()

    def unscoped(self):
        """Same as the default queryset: present so callers need not know which manager it is."""
        return self.get_queryset()


class SoftDeleteModel(BaseModel):
    deleted = models.BooleanField(default=False, db_index=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SoftDeleteManager()

    class Meta:
        abstract = True

    def soft_delete(self) -> None:
        self.deleted = True
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted", "deleted_at"])


class ScopedManager(SoftDeleteManager):
    """Default manager of tenancy-scoped models: fails closed.

    Every query is narrowed to what the active principal may read (spec 01 rules for the model's
    ``access_subject``); with no active scope it raises :class:`~apps.core.scope.AccessScopeError`.
    ``unscoped()`` is the greppable escape hatch for system work.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        restriction = access.read_filter(current_principal(), access.access_subject(self.model))
        return queryset if restriction is None else queryset.filter(restriction)

    def unscoped(self):
        return SoftDeleteManager.get_queryset(self)

    def including_deleted(self):
        return super(SoftDeleteManager, self).get_queryset()

    def permitted(self, action: str):
        """Records the active principal may ``action`` (update, delete...), not just read."""
        principal = current_principal()
        queryset = self.get_queryset()
        restriction = access.action_filter(principal, action, access.access_subject(self.model))
        return queryset if restriction is None else queryset.filter(restriction)


class ScopedModel(SoftDeleteModel):
    access_subject: str = ""

    objects = ScopedManager()

    class Meta:
        abstract = True


class AuditLog(BaseModel):
    """Spec 00 section 12: who did what, through HTTP or a job. Never soft-deleted."""

    user_id = models.CharField(max_length=64, db_index=True)
    action = models.CharField(max_length=200, db_index=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "auditlogs"
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["user_id", "-created_at"], name="audit_user_created")]

    def __str__(self) -> str:
        return f"{self.action} by {self.user_id}"


class OutboxJob(BaseModel):
    """A unit of background work written in the same transaction as the change that needs it.

    The row is enqueued on commit; if Redis is unavailable it stays ``pending`` and the periodic
    dispatcher enqueues it later. Running it is idempotent by row id: a job runs only after it is
    claimed by a conditional update from a runnable state.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        ENQUEUED = "enqueued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    queue = models.CharField(max_length=40, default="default")
    task = models.CharField(max_length=200)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField(default=5)
    run_after = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        db_table = "outbox_jobs"
        indexes = [models.Index(fields=["status", "run_after"], name="outbox_status_run_after")]

    def __str__(self) -> str:
        return f"{self.task} [{self.status}]"


class SeededRecord(BaseModel):
    """A row that ``manage.py seed_dev_data`` created: the only kind of row its next run deletes."""

    model_label = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "seeded_records"
        ordering = ("position",)

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_id}"


class IdempotencyRecord(BaseModel):
    """The first answer to a request sent with an ``Idempotency-Key`` (see apps.core.idempotency).

    Keyed by (user, key, method + path); ``status_code`` is empty while the first request runs.
    """

    user_id = models.UUIDField()
    key = models.CharField(max_length=255)
    route = models.CharField(max_length=512)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(null=True, blank=True)

    class Meta:
        db_table = "idempotency_records"
        constraints = [
            models.UniqueConstraint(fields=["user_id", "key", "route"], name="idempotency_user_key_route")
        ]

    def __str__(self) -> str:
        return f"{self.route} [{self.key}]"
