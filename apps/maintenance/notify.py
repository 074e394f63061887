"""Notifications of spec 07 section 10, sent to the ticket's own people.

"Landlord user" is the ticket's landlord organization's primary user (else its oldest active
user), never "the first landlord user in the database" (spec 07 open question 1). Everything goes
through :func:`apps.notifications.services.notify`, which honours each user's preferences and
writes email and SMS to the outbox in the caller's transaction. A failure never fails the
operation (the dispatcher reports it and logs it).
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model

from apps.core.db import atomic
from apps.core.scope import UserType
from apps.core.serializers import iso
from apps.notifications.content import display_name
from apps.notifications.services import notify
from apps.notifications.types import NotificationType as N

logger = logging.getLogger("myte.maintenance")

TENANT_TICKET_URL = "/dashboard/tenant/maintenance/tickets/{id}"
LANDLORD_TICKET_URL = "/dashboard/landlord/maintenance/tickets/{id}"


def landlord_user(landlord_id):
    """The landlord organization's primary active user, else its oldest active user."""
    if landlord_id is None:
        return None
    return (
        get_user_model()
        .objects.unscoped()
        .filter(user_type=UserType.LANDLORD, organization_id=landlord_id, is_disabled=False)
        .order_by("-is_primary", "created_at")
        .first()
    )


def organization_users(organization_id, user_type: str) -> list:
    if organization_id is None:
        return []
    return list(
        get_user_model()
        .objects.unscoped()
        .filter(user_type=user_type, organization_id=organization_id, is_disabled=False)
        .order_by("-is_primary", "created_at")
    )


def _requester_tenant(ticket):
    requester = ticket.requested_by
    if requester is None or requester.user_type != UserType.TENANT:
        return None
    return requester


def _safe(send, *args, **kwargs) -> None:
    try:
        with atomic():  # a savepoint: a failed notification leaves the caller's writes intact
            send(*args, **kwargs)
    except Exception:  # noqa: BLE001 - spec 07 section 0: notification failures never fail a request
        logger.exception("Maintenance notification failed")


def _ticket_data(ticket, **extra: Any) -> dict[str, Any]:
    return {
        "ticketId": str(ticket.pk),
        "ticketNumber": ticket.ticket_number,
        "ticketTitle": ticket.title,
        "priority": ticket.priority,
        "category": ticket.category,
        "propertyName": ticket.property.name if ticket.property_id else "",
        "unitIdentifier": ticket.unit.unit_number if ticket.unit_id else "",
        "description": ticket.description,
        **extra,
    }


def _to_tenant(ticket, *, kind: str, title: str, content: str) -> None:
    tenant = _requester_tenant(ticket)
    if tenant is None:
        return
    notify(
        user=tenant,
        type=kind,
        title=title,
        content=content,
        data=_ticket_data(ticket),
        action_url=TENANT_TICKET_URL.format(id=ticket.pk),
        channels=("in_app",),
    )


def _to_landlord(ticket, *, kind: str, title: str, content: str, data=None, **options: Any) -> None:
    """The landlord's user, with a link to the ticket (``options``: e.g. ``channels``)."""
    recipient = landlord_user(ticket.landlord_id)
    if recipient is None:
        return
    notify(
        user=recipient,
        type=kind,
        title=title,
        content=content,
        data=data if data is not None else _ticket_data(ticket),
        action_url=LANDLORD_TICKET_URL.format(id=ticket.pk),
        **options,
    )


def ticket_created(ticket) -> None:
    """Tenant reports a problem: the landlord user, in-app + email ``ticket-created`` + SMS."""
    requester = ticket.requested_by

    def send():
        if requester.user_type != UserType.TENANT:
            return
        tenant_name = display_name(requester)
        _to_landlord(
            ticket,
            kind=N.MAINTENANCE_NEW_REQUEST,
            title="New Maintenance Request",
            content=f'🔧 New maintenance request "{ticket.title}" from {tenant_name}.',
            data=_ticket_data(ticket, tenantName=tenant_name, createdAt=iso(ticket.created_at)),
        )

    _safe(send)


def ticket_updated_by_tenant(ticket, actor) -> None:
    _safe(
        _to_landlord,
        ticket,
        kind=N.MAINTENANCE_STATUS_CHANGED_PENDING,
        title="Ticket Updated",
        content=f"Ticket {ticket.title} was updated by {display_name(actor)}.",
        channels=("in_app",),
    )


def ticket_in_review(ticket) -> None:
    _safe(
        _to_tenant,
        ticket,
        kind=N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS,
        title="Ticket Under Review",
        content=f'🔍 Your maintenance request "{ticket.title}" is now under review.',
    )


def ticket_assigned(ticket) -> None:
    name = ticket.assigned_contractor.name if ticket.assigned_contractor_id else ""
    _safe(
        _to_tenant,
        ticket,
        kind=N.MAINTENANCE_ASSIGNED_TO_CONTRACTOR,
        title="Contractor Assigned",
        content=f'👷 Your maintenance request "{ticket.title}" has been assigned to {name}.',
    )


def ticket_accepted(ticket) -> None:
    _safe(
        _to_tenant,
        ticket,
        kind=N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS,
        title="Work Started",
        content=f'🔨 Work has started on your maintenance request "{ticket.title}".',
    )


def ticket_done_by_contractor(ticket, actor) -> None:
    """Landlord user: in-app + email ``ticket-completed`` + SMS; requester tenant: in-app."""

    def send():
        contractor_name = ticket.assigned_contractor.name if ticket.assigned_contractor_id else ""
        _to_landlord(
            ticket,
            kind=N.MAINTENANCE_STATUS_CHANGED_COMPLETED,
            title="Work Complete",
            content=f'✅ {contractor_name} marked "{ticket.title}" ({ticket.ticket_number}) as done.',
            data=_ticket_data(ticket, contractorName=contractor_name, completedAt=iso(ticket.completed_date)),
        )
        _to_tenant(
            ticket,
            kind=N.MAINTENANCE_STATUS_CHANGED_COMPLETED,
            title="Work Complete",
            content=f'✅ Work on "{ticket.title}" is complete, pending landlord approval.',
        )

    _safe(send)


def ticket_closed(ticket) -> None:
    _safe(
        _to_tenant,
        ticket,
        kind=N.MAINTENANCE_STATUS_CHANGED_CLOSED,
        title="Ticket Completed",
        content=f'🎉 Your maintenance request "{ticket.title}" has been completed and closed.',
    )


def ticket_reopened(ticket, *, contractor_still_assigned: bool) -> None:
    def send():
        _to_tenant(
            ticket,
            kind=N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS,
            title="Ticket Reopened",
            content=f'🔄 Your maintenance request "{ticket.title}" has been reopened.',
        )
        if contractor_still_assigned:
            _to_landlord(
                ticket,
                kind=N.MAINTENANCE_STATUS_CHANGED_PENDING,
                title="Work Rejected",
                content=f'Work on "{ticket.title}" ({ticket.ticket_number}) was rejected and reopened.',
                channels=("in_app",),
            )

    _safe(send)


def ticket_grouped(ticket, sow) -> None:
    _safe(
        _to_tenant,
        ticket,
        kind=N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS,
        title="Ticket Grouped",
        content=(
            f'📦 Your maintenance request "{ticket.title}" has been grouped into a maintenance job '
            f"({sow.sow_number}) so related work can be handled together."
        ),
    )


def invoice_uploaded(invoice, *, actor, entity_reference: str) -> None:
    """Contractor invoice: landlord user in-app (preferences) and the ``invoice-uploaded`` email
    (always, as the original queues it without a preference check)."""

    def send():
        from apps.messaging.email import email_send

        recipient = landlord_user(invoice.landlord_id)
        if recipient is None:
            return
        contractor_name = display_name(actor)
        if actor.organization_id:
            from apps.accounts.models import Contractor

            org = Contractor.objects.unscoped().filter(pk=actor.organization_id).first()
            contractor_name = org.name if org else contractor_name
        notify(
            user=recipient,
            type=N.MAINTENANCE_INVOICE_UPLOADED,
            title="Invoice Uploaded",
            content=f"Contractor {contractor_name} uploaded invoice for {entity_reference}.",
            data={"invoiceId": str(invoice.pk), "entityReference": entity_reference},
            action_url="/dashboard/landlord/maintenance/invoices",
            channels=("in_app",),
        )
        email_send(
            to=recipient.email,
            template="invoice-uploaded",
            context={
                "recipientName": display_name(recipient),
                "contractorName": contractor_name,
                "entityReference": entity_reference,
                "invoiceNumber": str(invoice.pk),
                "amount": f"{invoice.amount} {invoice.currency}",
                "uploadedAt": iso(invoice.created_at),
            },
        )

    _safe(send)


def sow_discussion(sow, *, title: str, verb: str) -> None:
    """Tenant users of the SOW's threads: in-app "Discussion Closed" / "Discussion Reopened"."""

    def send():
        from apps.chat.models import ParticipantType, ThreadParticipant
        from apps.notifications.services import notify_many

        tenant_orgs = set(
            ThreadParticipant.objects.unscoped()
            .filter(
                thread__linked_entity_type="SCOPE_OF_WORK",
                thread__linked_entity_id=sow.pk,
                participant_type=ParticipantType.TENANT,
            )
            .values_list("participant_id", flat=True)
        )
        users = (
            get_user_model()
            .objects.unscoped()
            .filter(user_type=UserType.TENANT, organization_id__in=tenant_orgs, is_disabled=False)
        )
        notify_many(
            users=list(users),
            type=N.MAINTENANCE_STATUS_CHANGED_CLOSED
            if verb == "closed"
            else N.MAINTENANCE_STATUS_CHANGED_IN_PROGRESS,
            title=title,
            content=f"The discussion for maintenance job {sow.sow_number} has been {verb}.",
            action_url=f"/dashboard/tenant/maintenance/scope-of-work/{sow.pk}",
            data={"sowId": str(sow.pk), "sowNumber": sow.sow_number},
            channels=("in_app",),
        )

    _safe(send)
