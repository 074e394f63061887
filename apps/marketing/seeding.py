"""Development data for ``manage.py seed_dev_data``: inquiries, feed posts with polls, feedback.

Built on the landlord "Myte Estates", its properties and units (seeded before this module) and the
seeded tenant and landlord users; without them nothing is created. A verification-pending inquiry
has no usable code (only a hash of a random one), as in production.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import Landlord, User
from apps.core.scope import UserType
from apps.marketing.feedback.classifier import derive_priority, heuristic_analysis
from apps.marketing.models import FeedbackEntry, FeedbackStatus, FeedPost, Inquiry, InquiryStatus, Subscriber
from apps.properties.models import Property, Unit

ORDER = 60

INQUIRIES = [
    # (type, status, name, email, phone, message, days until the preferred date, reply)
    (
        "CONTACT",
        InquiryStatus.SUBMITTED,
        "Olivia Martin",
        "olivia.martin@example.com",
        "+1 415 555 0101",
        "Is the unit still available from next month? Are pets allowed?",
        None,
        None,
    ),
    (
        "VISIT",
        InquiryStatus.SUBMITTED,
        "Noah Lee",
        "noah.lee@example.com",
        "+1 415 555 0102",
        "I would like to see the apartment on a weekday evening.",
        5,
        None,
    ),
    (
        "CONTACT",
        InquiryStatus.RESPONDED,
        "Ava Patel",
        "ava.patel@example.com",
        "",
        "What is included in the rent?",
        None,
        "Water and trash are included; electricity is separate.",
    ),
    (
        "CONTACT",
        InquiryStatus.PENDING_VERIFICATION,
        "Liam Chen",
        "liam.chen@example.com",
        "",
        "Do you offer 6-month leases?",
        None,
        None,
    ),
]

POSTS = [
    ("Water shut-off on Tuesday", "<p>Water will be off from 9am to 12pm for pipe maintenance.</p>", None),
    (
        "Community barbecue",
        "<p>Join us in the courtyard on Saturday at 4pm!</p>",
        {"options": ["I'll be there", "Maybe", "Can't make it"], "allow_multiple_votes": False},
    ),
    (
        "Gym equipment wishlist",
        "<p>Which equipment should we add to the gym?</p>",
        {"options": ["Rowing machine", "Treadmill", "Free weights"], "allow_multiple_votes": True},
    ),
]

FEEDBACK = [
    ["The rent payment page is great, but I would love reminders before the due date."],
    ["Maintenance tickets take too long to get assigned, it is urgent for us."],
]


def wipe() -> None:
    FeedbackEntry.objects.including_deleted().all().delete()
    Subscriber.objects.all().delete()
    FeedPost.objects.including_deleted().all().delete()
    Inquiry.objects.including_deleted().all().delete()


def _poll(spec):
    if spec is None:
        return None
    return {
        "options": [
            {"_id": str(uuid.uuid4()), "text": text, "votes": 0, "voters": []} for text in spec["options"]
        ],
        "allow_multiple_votes": spec["allow_multiple_votes"],
    }


def seed(*, progress) -> dict[str, int]:
    landlord = Landlord.objects.filter(name="Myte Estates").order_by("created_at").first()
    if landlord is None:
        return {"inquiries": 0, "feed posts": 0, "feedback entries": 0}
    units = list(
        Unit.objects.unscoped().filter(landlord=landlord).select_related("property").order_by("created_at")
    )
    properties = list(Property.objects.unscoped().filter(landlord=landlord).order_by("created_at"))
    now = timezone.now()
    inquiries = 0
    for index, (kind, status, name, email, phone, message, days, reply) in enumerate(
        progress(INQUIRIES, "inquiries")
    ):
        unit = units[index % len(units)] if units else None
        Inquiry.objects.unscoped().create(
            inquiry_type=kind,
            status=status,
            name=name,
            email=email,
            phone=phone or None,
            unit=unit,
            property=unit.property if unit else None,
            landlord=landlord,
            message=message,
            preferred_date=now + timedelta(days=days) if days else None,
            email_verified=status != InquiryStatus.PENDING_VERIFICATION,
            verification_code_hash=uuid.uuid4().hex * 2
            if status == InquiryStatus.PENDING_VERIFICATION
            else "",
            verification_code_expiry=now + timedelta(minutes=15)
            if status == InquiryStatus.PENDING_VERIFICATION
            else None,
            reply=reply,
            replied_at=now if reply else None,
        )
        inquiries += 1
    posts = 0
    for index, (title, description, poll) in enumerate(progress(POSTS, "feed posts")):
        if not properties:
            break
        FeedPost.objects.unscoped().create(
            property=properties[index % len(properties)],
            landlord=landlord,
            title=title,
            description=description,
            poll=_poll(poll),
        )
        posts += 1
    authors = list(
        User.objects.unscoped().filter(user_type=UserType.TENANT).order_by("email")[: len(FEEDBACK)]
    )
    entries = 0
    for author, texts in zip(authors, FEEDBACK, strict=False):
        conversation = [{"role": "user", "content": text, "timestamp": now.isoformat()} for text in texts]
        priority = derive_priority(conversation)
        FeedbackEntry.objects.unscoped().create(
            user=author,
            user_email=author.email,
            priority=priority,
            conversation=conversation,
            status=FeedbackStatus.COMPLETED,
            analysis=heuristic_analysis(conversation, priority),
            analyzed_at=now,
        )
        entries += 1
    return {"inquiries": inquiries, "feed posts": posts, "feedback entries": entries}
