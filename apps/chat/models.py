"""Threads, their participants and messages (spec 07 section 1.5, spec 08 section 1).

The same three tables carry user-to-user chat (participants are users) and the maintenance
threads of tickets and scopes of work (participants are organizations). ``participant_id`` holds
either; ``user`` is filled when the participant is a user so chat reads can join it.

Unlike the original, a thread records the landlord it belongs to when it has one (property and
maintenance threads), so landlord staff never reach threads of another landlord (spec README
rule 1). 1:1 and group chats carry no landlord: only their participants see them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from apps.core.models import ScopedManager, ScopedModel


class LinkedEntityType(models.TextChoices):
    TICKET = "TICKET"
    SCOPE_OF_WORK = "SCOPE_OF_WORK"
    TENANT_CHAT = "TENANT_CHAT"
    LEASE = "LEASE"
    PROPERTY = "PROPERTY"


class ThreadType(models.TextChoices):
    LANDLORD_TENANT = "LANDLORD_TENANT"
    LANDLORD_TENANT_SOW = "LANDLORD_TENANT_SOW"
    LANDLORD_CONTRACTOR = "LANDLORD_CONTRACTOR"
    CONTRACTOR_TENANT = "CONTRACTOR_TENANT"
    SOW_GROUP = "SOW_GROUP"
    TENANT_TENANT = "TENANT_TENANT"
    TENANT_TENANT_GROUP = "TENANT_TENANT_GROUP"


class ParticipantType(models.TextChoices):
    LANDLORD = "LANDLORD"
    TENANT = "TENANT"
    CONTRACTOR = "CONTRACTOR"


class ParticipantStatus(models.TextChoices):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    ACTIVE = "ACTIVE"


class SenderType(models.TextChoices):
    LANDLORD = "LANDLORD"
    TENANT = "TENANT"
    CONTRACTOR = "CONTRACTOR"
    SYSTEM = "SYSTEM"


class SystemMessageType(models.TextChoices):
    USER_JOINED = "USER_JOINED"
    USER_LEFT = "USER_LEFT"
    USER_REMOVED = "USER_REMOVED"
    GROUP_RENAMED = "GROUP_RENAMED"
    AVATAR_CHANGED = "AVATAR_CHANGED"
    OWNERSHIP_TRANSFERRED = "OWNERSHIP_TRANSFERRED"
    ADMIN_ADDED = "ADMIN_ADDED"
    ADMIN_REMOVED = "ADMIN_REMOVED"


class Thread(ScopedModel):
    access_subject = "Thread"

    title = models.CharField(max_length=200, blank=True, default="")
    linked_entity_type = models.CharField(max_length=20, choices=LinkedEntityType.choices)
    linked_entity_id = models.UUIDField(null=True, blank=True)
    linked_entity_model = models.CharField(max_length=40, blank=True, default="")
    thread_type = models.CharField(max_length=24, choices=ThreadType.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    admins = models.JSONField(default=list, blank=True)
    #: an avatar URL given by the client (``POST /chat/groups``); an uploaded avatar is
    #: ``avatar_media`` instead, whose expiring URL is signed on every read
    avatar_url = models.CharField(max_length=1000, blank=True, default="")
    avatar_media = models.ForeignKey(
        "media.Media", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    landlord = models.ForeignKey(
        "accounts.Landlord", null=True, blank=True, on_delete=models.CASCADE, related_name="threads"
    )
    #: newest message (denormalized for the session list; kept by the chat services)
    last_message = models.ForeignKey(
        "chat.ThreadMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager()

    class Meta:
        db_table = "threads"
        indexes = [
            models.Index(fields=["linked_entity_type", "linked_entity_id"], name="thread_linked"),
            models.Index(fields=["landlord", "-updated_at"], name="thread_landlord_updated"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.thread_type} {self.pk}"

    @property
    def is_group(self) -> bool:
        return self.thread_type == ThreadType.TENANT_TENANT_GROUP


class ThreadParticipant(ScopedModel):
    access_subject = "ThreadParticipant"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    participant_type = models.CharField(max_length=12, choices=ParticipantType.choices)
    participant_id = models.UUIDField(db_index=True)
    participant_model = models.CharField(max_length=20, default="User")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thread_participations",
    )
    status = models.CharField(
        max_length=10, choices=ParticipantStatus.choices, default=ParticipantStatus.PENDING
    )
    is_mandatory = models.BooleanField(default=False)
    cleared_at = models.DateTimeField(null=True, blank=True)
    #: when the participant last marked the thread read (drives ``unreadCount``)
    last_read_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "threadparticipants"
        constraints = [
            models.UniqueConstraint(fields=["thread", "participant_id"], name="participant_unique")
        ]


class ThreadMessage(ScopedModel):
    access_subject = "ThreadMessage"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    content = models.TextField(max_length=5000)
    sender_type = models.CharField(max_length=12, choices=SenderType.choices)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender_model = models.CharField(max_length=20, blank=True, default="User")
    read_by = models.JSONField(default=list, blank=True)
    is_system_message = models.BooleanField(default=False)
    system_message_type = models.CharField(
        max_length=24, choices=SystemMessageType.choices, null=True, blank=True
    )
    metadata = models.JSONField(default=dict, blank=True)
    is_edited = models.BooleanField(default=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    original_content = models.TextField(null=True, blank=True)
    # Uploaded files are Media rows (model_type "ThreadMessage", collection "chat-messages") in
    # the private media storage, reachable only through expiring signed links.

    objects = ScopedManager()

    class Meta:
        db_table = "threadmessages"
        indexes = [models.Index(fields=["thread", "created_at"], name="message_thread_created")]


class UserBlock(ScopedModel):
    """Who blocked whom: the reverse index of ``User.blocked_users`` ("users who blocked you")."""

    access_subject = "UserBlock"

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager()

    class Meta:
        db_table = "userblocks"
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="userblock_unique")]
