"""Notification types, their categories, default channels and applicable roles (spec 08 §2.2)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class NotificationType(models.TextChoices):
    MAINTENANCE_NEW_REQUEST = "maintenance_new_request"
    MAINTENANCE_STATUS_CHANGED_PENDING = "maintenance_status_changed_pending"
    MAINTENANCE_STATUS_CHANGED_IN_PROGRESS = "maintenance_status_changed_in_progress"
    MAINTENANCE_STATUS_CHANGED_COMPLETED = "maintenance_status_changed_completed"
    MAINTENANCE_STATUS_CHANGED_CLOSED = "maintenance_status_changed_closed"
    MAINTENANCE_ASSIGNED_TO_CONTRACTOR = "maintenance_assigned_to_contractor"
    MAINTENANCE_INVOICE_UPLOADED = "maintenance_invoice_uploaded"
    MAINTENANCE_INVOICE_APPROVED = "maintenance_invoice_approved"
    MAINTENANCE_INVOICE_REJECTED = "maintenance_invoice_rejected"
    LEASE_ACTIVATED = "lease_activated"
    LEASE_TERMINATED = "lease_terminated"
    LEASE_RENEWAL_REMINDER = "lease_renewal_reminder"
    LEASE_EXPIRING_SOON = "lease_expiring_soon"
    LEASE_TERMS_UPDATED = "lease_terms_updated"
    MESSAGE_NEW_DIRECT = "message_new_direct"
    MESSAGE_NEW_GROUP = "message_new_group"
    MESSAGE_GROUP_INVITE = "message_group_invite"
    VISIT_NEW_REQUEST = "visit_new_request"
    VISIT_APPROVED = "visit_approved"
    VISIT_DECLINED = "visit_declined"
    VISIT_RESCHEDULED = "visit_rescheduled"
    VISIT_REMINDER = "visit_reminder"
    MARKETPLACE_NEW_INQUIRY = "marketplace_new_inquiry"
    MARKETPLACE_BOOKING_REQUEST = "marketplace_booking_request"
    FEED_NEW_POST = "feed_new_post"
    FEED_POST_REACTION = "feed_post_reaction"
    FEED_NEW_ANNOUNCEMENT = "feed_new_announcement"
    INVITATION_RECEIVED = "invitation_received"
    INVITATION_ACCEPTED = "invitation_accepted"
    INVITATION_DECLINED = "invitation_declined"
    PAYMENT_RENT_DUE = "payment_rent_due"
    PAYMENT_OVERDUE = "payment_overdue"
    PAYMENT_RECEIVED = "payment_received"
    PAYMENT_DEPOSIT_REFUNDED = "payment_deposit_refunded"
    TASK_CREATED = "task_created"
    TASK_STATUS_CHANGED = "task_status_changed"
    TASK_COMPLETED = "task_completed"
    TASK_ESCALATED = "task_escalated"
    TASK_CANCELED = "task_canceled"
    SCHEDULE_REMINDER = "schedule_reminder"
    SCHEDULE_CREATED = "schedule_created"
    SCHEDULE_UPDATED = "schedule_updated"
    SCHEDULE_DELETED = "schedule_deleted"


@dataclass(frozen=True)
class TypeInfo:
    category: str
    in_app: bool
    email: bool
    sms: bool
    roles: tuple[str, ...]


T, L, C = "Tenant", "Landlord", "Contractor"
TLC = (T, L, C)
_N = NotificationType

METADATA: dict[str, TypeInfo] = {}


def _add(types, category, defaults, roles):
    in_app, email, sms = defaults
    for kind in types:
        METADATA[str(kind)] = TypeInfo(category, in_app, email, sms, roles)


YYN, YNN, YYY = (True, True, False), (True, False, False), (True, True, True)
_add([_N.MAINTENANCE_NEW_REQUEST], "maintenance", YYN, (L, C))
_add(
    [
        _N.MAINTENANCE_STATUS_CHANGED_PENDING,
        _N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS,
        _N.MAINTENANCE_STATUS_CHANGED_COMPLETED,
        _N.MAINTENANCE_STATUS_CHANGED_CLOSED,
        _N.MAINTENANCE_ASSIGNED_TO_CONTRACTOR,
    ],
    "maintenance",
    YYN,
    TLC,
)
_add([_N.MAINTENANCE_INVOICE_UPLOADED], "maintenance", YYN, (L,))
_add([_N.MAINTENANCE_INVOICE_APPROVED, _N.MAINTENANCE_INVOICE_REJECTED], "maintenance", YYN, (C,))
_add(
    [
        _N.LEASE_ACTIVATED,
        _N.LEASE_TERMINATED,
        _N.LEASE_RENEWAL_REMINDER,
        _N.LEASE_EXPIRING_SOON,
        _N.LEASE_TERMS_UPDATED,
    ],
    "lease",
    YYN,
    (T, L),
)
_add([_N.MESSAGE_NEW_DIRECT, _N.MESSAGE_NEW_GROUP], "messages", YNN, TLC)
_add([_N.MESSAGE_GROUP_INVITE], "messages", YYN, TLC)
_add(
    [_N.VISIT_NEW_REQUEST, _N.VISIT_APPROVED, _N.VISIT_DECLINED, _N.VISIT_RESCHEDULED],
    "visit_requests",
    YYN,
    TLC,
)
_add([_N.VISIT_REMINDER], "visit_requests", YYY, TLC)
_add([_N.MARKETPLACE_NEW_INQUIRY, _N.MARKETPLACE_BOOKING_REQUEST], "marketplace", YYN, (L,))
_add([_N.FEED_NEW_POST, _N.FEED_POST_REACTION], "community_feed", YNN, (T,))
_add([_N.FEED_NEW_ANNOUNCEMENT], "community_feed", YYN, (T,))
_add(
    [_N.INVITATION_RECEIVED, _N.INVITATION_ACCEPTED, _N.INVITATION_DECLINED],
    "invitations",
    YYN,
    (L, C),
)
_add([_N.PAYMENT_RENT_DUE, _N.PAYMENT_OVERDUE], "payments", YYY, (T, L))
_add([_N.PAYMENT_RECEIVED, _N.PAYMENT_DEPOSIT_REFUNDED], "payments", YYN, (T, L))
_add([_N.TASK_CREATED, _N.TASK_STATUS_CHANGED, _N.TASK_COMPLETED], "tasks", YYN, (L, T))
_add([_N.TASK_ESCALATED], "tasks", YYY, (L, T))
_add([_N.TASK_CANCELED], "tasks", YNN, (L, T))
_add([_N.SCHEDULE_REMINDER], "schedules", YYY, (T,))
_add([_N.SCHEDULE_CREATED, _N.SCHEDULE_UPDATED], "schedules", YYN, (T,))
_add([_N.SCHEDULE_DELETED], "schedules", YNN, (T,))

CATEGORIES_BY_USER_TYPE: dict[str, tuple[str, ...]] = {
    T: (
        "maintenance",
        "lease",
        "messages",
        "visit_requests",
        "marketplace",
        "community_feed",
        "tasks",
        "schedules",
    ),
    L: (
        "maintenance",
        "lease",
        "messages",
        "visit_requests",
        "marketplace",
        "invitations",
        "payments",
        "tasks",
    ),
    C: ("maintenance", "visit_requests", "messages", "invitations"),
    "Admin": (),
}

CATEGORY_LABELS = {
    "maintenance": "Maintenance",
    "lease": "Lease Updates",
    "messages": "Messages",
    "visit_requests": "Visit Requests",
    "marketplace": "Marketplace",
    "community_feed": "Community Feed",
    "invitations": "Invitations",
    "payments": "Payments & Transactions",
    "tasks": "Tasks",
    "schedules": "Collection Schedules",
}

CHANNELS = ("in_app", "email", "sms")


def default_channel(notification_type: str, channel: str) -> bool:
    """The metadata default; an unknown type sends (spec 08 section 3)."""
    info = METADATA.get(notification_type)
    return True if info is None else getattr(info, channel)


def defaults_for_user_type(user_type: str) -> list[str]:
    categories = CATEGORIES_BY_USER_TYPE.get(user_type, ())
    return [
        kind for kind, info in METADATA.items() if info.category in categories and user_type in info.roles
    ]
