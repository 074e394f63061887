"""Inquiries, feed posts with polls, subscribers and feedback entries (spec 04 section 1).

Two deliberate additions to the original's documents, both for tenancy (spec 04 open questions 1
and 2): an inquiry records the ``landlord`` that owns its property or unit, so only that landlord's
users list, read, answer, edit and delete it; and its verification code is stored hashed, never as
the code itself.
"""

from __future__ import annotations

from django.db import models

from apps.accounts.models import Landlord, User
from apps.core.models import BaseModel, ScopedManager, ScopedModel
from apps.properties.models import Property, Unit


class InquiryType(models.TextChoices):
    VISIT = "VISIT"
    CONTACT = "CONTACT"


class InquiryStatus(models.TextChoices):
    PENDING_VERIFICATION = "PENDING_VERIFICATION"
    SUBMITTED = "SUBMITTED"
    RESPONDED = "RESPONDED"
    CLOSED = "CLOSED"


class Inquiry(ScopedModel):
    """A prospect's contact or visit request about a property or unit (spec 04 section 1.1)."""

    access_subject = "Inquiry"

    #: the landlord owning ``property``/``unit``; ``None`` when the inquiry names neither
    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, null=True, blank=True, related_name="inquiries"
    )
    inquiry_type = models.CharField(max_length=8, choices=InquiryType.choices)
    status = models.CharField(max_length=24, choices=InquiryStatus.choices, default=InquiryStatus.SUBMITTED)
    tenant = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries"
    )
    name = models.CharField(max_length=200, null=True, blank=True)
    email = models.CharField(max_length=254, null=True, blank=True)
    phone = models.CharField(max_length=40, null=True, blank=True)
    property = models.ForeignKey(
        Property, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries"
    )
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries")
    message = models.TextField()
    preferred_date = models.DateTimeField(null=True, blank=True)
    #: HMAC of the 6-digit code (never the code); cleared once verified
    verification_code_hash = models.CharField(max_length=64, blank=True, default="")
    verification_code_expiry = models.DateTimeField(null=True, blank=True)
    #: wrong codes given for the current code; the code stops working after the limit
    verification_attempts = models.PositiveSmallIntegerField(default=0)
    email_verified = models.BooleanField(default=False)
    reply = models.TextField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "inquiries"
        verbose_name_plural = "inquiries"
        indexes = [
            models.Index(fields=["landlord", "deleted", "-created_at"], name="inquiry_landlord_live"),
            models.Index(fields=["property"], name="inquiry_property"),
            models.Index(fields=["unit"], name="inquiry_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.inquiry_type} inquiry from {self.name or self.email or self.tenant_id}"


class FeedPost(ScopedModel):
    """A landlord's announcement for the residents of one property (spec 04 section 1.2).

    ``poll`` holds ``{"options": [{"_id", "text", "votes", "voters": [user ids]}],
    "allowMultipleVotes"}`` or is ``None``; ``upvoted_by``/``downvoted_by`` are lists of user id
    strings. Votes are written with a conditional update on ``version`` (optimistic concurrency,
    valid on every engine), so two simultaneous votes never lose one another.
    """

    access_subject = "FeedPost"

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="feed_posts")
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="feed_posts")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000)
    poll = models.JSONField(null=True, blank=True)
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    upvoted_by = models.JSONField(default=list, blank=True)
    downvoted_by = models.JSONField(default=list, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "feedposts"
        indexes = [
            models.Index(fields=["landlord", "deleted", "-created_at"], name="feedpost_landlord_live"),
            models.Index(fields=["property", "deleted", "-created_at"], name="feedpost_property_live"),
        ]

    def __str__(self) -> str:
        return self.title


class Subscriber(BaseModel):
    """A landing-page contact, upserted from landing chat feedback (spec 04 sections 1.3 and 4)."""

    email = models.CharField(max_length=254, unique=True)
    name = models.CharField(max_length=200, blank=True, default="")
    tags = models.JSONField(default=list, blank=True)
    last_channel = models.CharField(max_length=100, blank=True, default="")
    last_summary = models.TextField(blank=True, default="")
    last_action_items = models.JSONField(default=list, blank=True)
    last_sentiment = models.CharField(max_length=32, default="neutral")
    last_feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "subscribers"

    def __str__(self) -> str:
        return self.email


class FeedbackPriority(models.TextChoices):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


class FeedbackStatus(models.TextChoices):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class ConversationRole(models.TextChoices):
    USER = "user"
    ASSISTANT = "assistant"


class FeedbackEntry(ScopedModel):
    """In-app feedback of one user and its analysis (spec 04 section 1.4).

    ``conversation`` is a list of ``{"role", "content", "timestamp"}``; ``analysis`` is
    ``{"summary", "actionItems", "tags", "sentiment", "recommendedPriority", "escalationRisk"?}``.
    The soft-delete columns of the base model are never set: feedback is not deleted.
    """

    access_subject = "Feedback"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="feedback_entries")
    user_email = models.CharField(max_length=254)
    priority = models.CharField(
        max_length=8, choices=FeedbackPriority.choices, default=FeedbackPriority.MEDIUM
    )
    conversation = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING)
    analysis = models.JSONField(null=True, blank=True)
    analyzed_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.TextField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "feedbackentries"
        verbose_name_plural = "feedback entries"
        indexes = [models.Index(fields=["user", "-created_at"], name="feedback_user_created")]

    def __str__(self) -> str:
        return f"Feedback of {self.user_email} [{self.status}]"
