"""What a notification says, per type (spec 08 section 3): in-app text, email template, SMS text.

Modules that have no wording of their own call :func:`in_app_content` to get the original's title,
message and default URL for a type and its ``data``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from apps.notifications.types import NotificationType as N


def display_name(user) -> str:
    """ "First Last", else the username; "" for no user. The one way people are named in texts."""
    if user is None:
        return ""
    return f"{user.first_name} {user.last_name}".strip() or user.username


def _lease(data: dict[str, Any]) -> str:
    return f"{data.get('propertyName', '')} - Unit {data.get('unitIdentifier', '')}"


def in_app_content(kind: str, data: dict[str, Any] | None = None) -> tuple[str, str, str | None]:
    """``(title, content, default action URL)`` of the original's mapping table."""
    data = data or {}
    lease = _lease(data)
    ticket = data.get("ticketTitle", "")
    ticket_url = f"/dashboard/tenant/maintenance/tickets/{data.get('ticketId', '')}"
    when = f"{data.get('date', '')} ({data.get('startTime', '')} - {data.get('endTime', '')})"
    table: dict[str, tuple[str, str, str | None]] = {
        N.LEASE_ACTIVATED: (
            "Lease Activated",
            f"Your lease for {lease} has been activated.",
            "/dashboard/tenant/leases",
        ),
        N.LEASE_TERMINATED: (
            "Lease Terminated",
            f"Your lease for {lease} has been terminated.",
            "/dashboard/tenant/leases",
        ),
        N.LEASE_RENEWAL_REMINDER: (
            "Lease Renewal",
            f"Your lease for {lease} has been auto-renewed."
            if data.get("isAutoRenewal")
            else f"Your lease for {lease} has been renewed.",
            "/dashboard/tenant/leases",
        ),
        N.LEASE_EXPIRING_SOON: (
            "Lease Expiring Soon",
            f"Your lease for {lease} expires in {data.get('daysRemaining')} days."
            if (data.get("daysRemaining") or 0) > 0
            else f"Your lease for {lease} has expired.",
            "/dashboard/tenant/leases",
        ),
        N.LEASE_TERMS_UPDATED: (
            "Lease Terms Updated",
            f"The terms for your lease at {lease} have been updated.",
            "/dashboard/tenant/leases",
        ),
        N.MAINTENANCE_NEW_REQUEST: (
            "New Maintenance Request",
            f'🔧 New maintenance request "{ticket}" from {data.get("tenantName", "")}.',
            f"/dashboard/landlord/maintenance/tickets/{data.get('ticketId', '')}",
        ),
        N.MAINTENANCE_STATUS_CHANGED_PENDING: (
            "Ticket Status: Pending",
            f'Your maintenance request "{ticket}" is pending.',
            ticket_url,
        ),
        N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS: (
            "Work Started",
            f'Work on "{ticket}" has started.',
            ticket_url,
        ),
        N.MAINTENANCE_STATUS_CHANGED_COMPLETED: (
            "Work Complete",
            f'✅ Work on "{ticket}" is complete.',
            ticket_url,
        ),
        N.MAINTENANCE_STATUS_CHANGED_CLOSED: (
            "Ticket Completed",
            f'Your maintenance request "{ticket}" has been closed.',
            ticket_url,
        ),
        N.MAINTENANCE_ASSIGNED_TO_CONTRACTOR: (
            "Contractor Assigned",
            f'👷 Your maintenance request "{ticket}" has been assigned to {data.get("contractorName", "")}.',
            ticket_url,
        ),
        N.MAINTENANCE_INVOICE_UPLOADED: ("Invoice Uploaded", "An invoice has been uploaded.", None),
        N.MAINTENANCE_INVOICE_APPROVED: ("Invoice Approved", "Your invoice has been approved.", None),
        N.MAINTENANCE_INVOICE_REJECTED: ("Invoice Rejected", "Your invoice has been rejected.", None),
        N.VISIT_NEW_REQUEST: (
            "New Visit Request",
            f"{data.get('requesterName', '')} has requested a visit on {when}",
            None,
        ),
        N.VISIT_APPROVED: (
            "Visit Request Approved",
            f"{data.get('responderName', '')} has approved your visit request for {data.get('date', '')}.",
            None,
        ),
        N.VISIT_DECLINED: (
            "Visit Request Declined",
            f"{data.get('responderName', '')} has declined your visit request for {data.get('date', '')}.",
            None,
        ),
        N.VISIT_RESCHEDULED: (
            "New Time Suggested",
            f"{data.get('suggesterName', '')} suggested a new time: {when}"
            + (f". Reason: {data['reason']}" if data.get("reason") else ""),
            None,
        ),
        N.VISIT_REMINDER: ("Visit Reminder", f"Reminder: You have a scheduled visit on {when}.", None),
        N.MESSAGE_NEW_DIRECT: ("New Message", "You have a new message.", None),
        N.MESSAGE_NEW_GROUP: ("New Group Message", "You have a new group message.", None),
        N.MESSAGE_GROUP_INVITE: ("Group Chat Invite", "You have been invited to a group chat.", None),
        N.FEED_NEW_POST: ("New Community Post", "There is a new community post.", None),
        N.FEED_NEW_ANNOUNCEMENT: (
            "New Announcement",
            f"📢 {data.get('announcementTitle', 'New announcement')}",
            "/dashboard/tenant/feed",
        ),
        N.FEED_POST_REACTION: ("Post Reaction", "Someone reacted to your post.", None),
    }
    return table.get(kind, ("Notification", "You have a new notification.", None))


#: email template by type (always queued)
EMAIL_TEMPLATE_BY_TYPE = {
    N.LEASE_ACTIVATED: "lease-activated",
    N.LEASE_TERMINATED: "lease-termination",
    N.LEASE_RENEWAL_REMINDER: "lease-renewal",
    N.LEASE_EXPIRING_SOON: "lease-expiration-warning",
    N.MAINTENANCE_NEW_REQUEST: "ticket-created",
    N.MAINTENANCE_STATUS_CHANGED_COMPLETED: "ticket-completed",
}


def sms_text(kind: str, data: dict[str, Any]) -> str | None:
    """The original's SMS wording for a type, or ``None`` for types without SMS."""
    brand = settings.BRAND_NAME
    name = data.get("recipientName") or "there"
    lease = f"{data.get('propertyName', '')} - Unit {data.get('unitIdentifier', '')}"
    if kind == N.LEASE_ACTIVATED:
        return f"Hi {name}, your lease for {lease} has been activated. Welcome to your new home! - {brand}"
    if kind == N.LEASE_TERMINATED:
        move_out = f" Move-out date: {data['moveOutDate']}." if data.get("moveOutDate") else ""
        return f"Hi {name}, your lease for {lease} has been terminated.{move_out} Please check your email for details. - {brand}"
    if kind == N.LEASE_RENEWAL_REMINDER:
        end = f" New end date: {data['newLeaseEndDate']}." if data.get("newLeaseEndDate") else ""
        return f"Hi {name}, your lease for {lease} has been renewed.{end} Check your email for updated terms. - {brand}"
    if kind == N.LEASE_EXPIRING_SOON:
        days = data.get("daysRemaining") or 0
        state = f"expires in {days} days." if days > 0 else "has expired."
        return f"Hi {name}, your lease for {lease} {state} Please contact us to discuss renewal options. - {brand}"
    if kind == N.LEASE_TERMS_UPDATED:
        return f"Hi {name}, the terms for your lease at {lease} have been updated. Please check your email for details. - {brand}"
    statuses = {
        N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS: "in progress",
        N.MAINTENANCE_STATUS_CHANGED_COMPLETED: "completed",
        N.MAINTENANCE_STATUS_CHANGED_CLOSED: "closed",
    }
    if kind in statuses:
        unit = f" for unit {data['unitIdentifier']}" if data.get("unitIdentifier") else ""
        return (
            f"Hi {name}, maintenance ticket #{data.get('ticketNumber', '')}{unit} at "
            f"{data.get('propertyName', '')} is now {statuses[kind]}. - {brand}"
        )
    if kind in (N.MAINTENANCE_NEW_REQUEST, N.MAINTENANCE_ASSIGNED_TO_CONTRACTOR, N.VISIT_REMINDER):
        _, content, _ = in_app_content(kind, data)
        return f"Hi {name}, {content} - {brand}"
    return None
