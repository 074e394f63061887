"""Writes of tickets and ticket comments (spec 07 sections 3.1, 3.5-3.9).

Every service is atomic; notifications, emails and SMS are written in the same transaction
(outbox) and never fail the operation. Callers pass the acting ``User``; record-level access
(the ticket is in the caller's scope) is the view's job, the rules that depend on the action's
data (which fields a tenant may change, who may be assigned) are checked here.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.accounts.models import Contractor, Tenant
from apps.core import access
from apps.core.db import atomic
from apps.core.exceptions import AccessDenied, BadRequest, Forbidden, NotFound
from apps.core.scope import Principal, UserType
from apps.core.sniffing import sniff_mime_type
from apps.maintenance import cascade, notify, workflow
from apps.maintenance.models import (
    Invoice,
    InvoiceStatus,
    MaintenanceTicket,
    TicketComment,
    TicketSource,
    TicketStatus,
)
from apps.maintenance.parties import tenant_active_unit_ids
from apps.media.models import Media
from apps.media.services import media_for_owners, media_upload_many
from apps.properties.models import Property, Unit

TICKET_MEDIA_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
COMMENT_MEDIA_TYPES = (*TICKET_MEDIA_TYPES, "application/pdf")
MAX_FILE_BYTES = 10 * 1024 * 1024

TENANT_FIELDS = ("title", "description", "priority", "notes")
CONTRACTOR_FIELDS = ("status", "notes", "completed_date")


def principal_of(actor) -> Principal:
    return Principal.for_user(actor)


def check_files(files, allowed: tuple[str, ...]) -> None:
    """Every file under 10 MB and, by its bytes, of an allowed type (400 otherwise)."""
    for upload in files:
        if upload.size is None or upload.size > MAX_FILE_BYTES:
            raise BadRequest("File size too large. Maximum allowed: 10 MB")
        kind = sniff_mime_type(upload)
        if kind not in allowed:
            raise BadRequest(f"File type not allowed. Allowed types: {', '.join(allowed)}")


def store_files(files, *, owner_type: str, owner_id, landlord_id, actor, collection: str) -> list[Media]:
    if not files:
        return []
    return media_upload_many(
        uploads=files,
        owner_type=owner_type,
        owner_id=owner_id,
        landlord_id=landlord_id,
        uploaded_by_id=actor.pk,
        collection_name=collection,
    )


# -- create ---------------------------------------------------------------------------------------
def _ticket_location(
    principal: Principal, property_id: UUID, unit_id: UUID | None
) -> tuple[Property, Unit | None]:
    prop = Property.objects.unscoped().filter(pk=property_id).first()
    if prop is None or (
        principal.user_type == UserType.LANDLORD and prop.landlord_id != principal.landlord_id
    ):
        # another landlord's property does not exist for this caller (spec README rule 1)
        raise NotFound("Property not found")
    unit = None
    if unit_id is not None:
        unit = Unit.objects.unscoped().filter(pk=unit_id).first()
        if unit is None:
            raise NotFound("Unit not found")
        if unit.property_id != prop.pk:
            raise BadRequest("Unit does not belong to the specified property")
    if principal.user_type == UserType.TENANT:
        _check_tenant_lease(principal, prop, unit)
    return prop, unit


def _check_tenant_lease(principal: Principal, prop: Property, unit: Unit | None) -> None:
    if (
        principal.tenant_org_id is None
        or not Tenant.objects.unscoped().filter(pk=principal.tenant_org_id).exists()
    ):
        raise Forbidden("Tenant profile not found")
    active_units = tenant_active_unit_ids(principal.tenant_org_id)
    if unit is not None:
        if unit.pk not in active_units:
            raise Forbidden(
                "You do not have an active lease for this unit. You can only create tickets for units you are renting."
            )
        return
    if not active_units:
        raise Forbidden(
            "You do not have any active leases. You can only create tickets for properties you are renting."
        )
    if not Unit.objects.unscoped().filter(pk__in=active_units, property_id=prop.pk).exists():
        raise Forbidden(
            "You do not have an active lease for this property. You can only create tickets for properties you are renting."
        )


@atomic
def ticket_create(
    *,
    actor,
    property_id: UUID,
    title: str,
    description: str,
    category: str,
    unit_id: UUID | None = None,
    priority: str | None = None,
    notes: str = "",
    source: str = TicketSource.WEB,
    metadata: Any = None,
    files=(),
) -> tuple[MaintenanceTicket, list[Media]]:
    """Spec 07 section 3.1. Also the entry point of voice intake (a ``source="voice"`` ticket)."""
    principal = principal_of(actor)
    if not access.can(principal, access.CREATE, "MaintenanceTicket"):
        raise AccessDenied()
    files = list(files or [])
    check_files(files, TICKET_MEDIA_TYPES)
    prop, unit = _ticket_location(principal, property_id, unit_id)
    now = timezone.now()
    ticket = MaintenanceTicket.objects.unscoped().create(
        landlord_id=prop.landlord_id,
        property=prop,
        unit=unit,
        title=title,
        description=description,
        category=category,
        priority=priority or MaintenanceTicket._meta.get_field("priority").default,
        notes=notes or "",
        source=source or TicketSource.WEB,
        metadata=metadata,
        requested_by=actor,
        request_date=now,
        ticket_number=workflow.next_number("MT"),
    )
    from apps.maintenance import threads

    threads.ticket_thread_ensure(ticket=ticket, actor=actor)
    notify.ticket_created(ticket)
    media = store_files(
        files,
        owner_type="MaintenanceTicket",
        owner_id=ticket.pk,
        landlord_id=ticket.landlord_id,
        actor=actor,
        collection="ticket_images",
    )
    return ticket, media


# -- update ---------------------------------------------------------------------------------------
def _check_update_rights(principal: Principal, ticket: MaintenanceTicket, data: dict) -> None:
    if principal.user_type == UserType.TENANT:
        if ticket.requested_by_id != principal.user_id:
            raise Forbidden("You can only update your own tickets")
        refused = [name for name in data if name not in TENANT_FIELDS]
        if refused:
            raise Forbidden("Tenants cannot update fields: " + ", ".join(_wire(name) for name in refused))
    elif principal.user_type == UserType.CONTRACTOR:
        if (
            ticket.assigned_contractor_id is None
            or ticket.assigned_contractor_id != principal.contractor_org_id
        ):
            raise Forbidden("You can only update tickets assigned to you")
        refused = [name for name in data if name not in CONTRACTOR_FIELDS]
        if refused:
            raise Forbidden("Contractors cannot update fields: " + ", ".join(_wire(name) for name in refused))


def _wire(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@atomic
def ticket_update(*, ticket: MaintenanceTicket, actor, data: dict[str, Any]) -> MaintenanceTicket:
    """Spec 07 section 3.5."""
    if not data:
        raise BadRequest("Update data cannot be empty")
    principal = principal_of(actor)
    _check_update_rights(principal, ticket, data)
    data = dict(data)
    previous_status = ticket.status
    new_status = data.pop("status", None)
    if "property" in data or "unit" in data:
        prop_id = data.pop("property", ticket.property_id)
        unit_id = data.pop("unit", ticket.unit_id)
        prop = Property.objects.unscoped().filter(pk=prop_id, landlord_id=ticket.landlord_id).first()
        if prop is None:
            raise NotFound("Property not found")
        unit = None
        if unit_id is not None:
            unit = Unit.objects.unscoped().filter(pk=unit_id).first()
            if unit is None:
                raise NotFound("Unit not found")
            if unit.property_id != prop.pk:
                raise BadRequest("Unit does not belong to the specified property")
        ticket.property, ticket.unit = prop, unit
    if "assigned_contractor" in data:
        contractor_id = data.pop("assigned_contractor")
        ticket.assigned_contractor = _landlord_contractor(ticket, contractor_id) if contractor_id else None
    for name, value in data.items():
        setattr(ticket, name, "" if name == "notes" and value is None else value)
    if new_status is not None and new_status != previous_status:
        workflow.check_transition(previous_status, new_status)
        ticket.status = new_status
        if new_status == TicketStatus.DONE and ticket.completed_date is None:
            ticket.completed_date = timezone.now()
    ticket.version += 1
    ticket.save()
    if principal.user_type == UserType.TENANT:
        notify.ticket_updated_by_tenant(ticket, actor)
    if ticket.status != previous_status:
        if ticket.status == TicketStatus.IN_REVIEW and principal.user_type == UserType.LANDLORD:
            notify.ticket_in_review(ticket)
        if ticket.status == TicketStatus.CLOSED:
            invoices_confirm(ticket=ticket)
        cascade.after_ticket_status(ticket)
    return ticket


def _landlord_contractor(ticket: MaintenanceTicket, contractor_id) -> Contractor:
    """A contractor organization working for the ticket's landlord, else 404."""
    contractor = (
        Contractor.objects.unscoped().filter(pk=contractor_id, landlords__id=ticket.landlord_id).first()
    )
    if contractor is None:
        raise NotFound("Contractor not found")
    return contractor


def _save(ticket: MaintenanceTicket, *fields: str) -> None:
    ticket.version += 1
    ticket.save(update_fields=[*fields, "version"])


# -- workflow actions -----------------------------------------------------------------------------
@atomic
def ticket_assign(*, ticket: MaintenanceTicket, actor, contractor_id: UUID) -> MaintenanceTicket:
    if actor.user_type != UserType.LANDLORD:
        raise Forbidden("Only landlords can assign tickets")
    ticket.assigned_contractor = _landlord_contractor(ticket, contractor_id)
    ticket.assigned_by = actor
    ticket.assigned_date = timezone.now()
    ticket.status = TicketStatus.ASSIGNED
    _save(ticket, "assigned_contractor", "assigned_by", "assigned_date", "status")
    notify.ticket_assigned(ticket)
    cascade.after_ticket_status(ticket)
    return ticket


def _worker(ticket: MaintenanceTicket, actor, user_id: UUID):
    """The user who does the work: the caller, or a user of the assigned contractor or of the
    ticket's landlord. Anyone else does not exist for this ticket (404)."""
    users = get_user_model().objects.unscoped()
    worker = users.filter(pk=user_id).first()
    allowed_orgs = {ticket.landlord_id, ticket.assigned_contractor_id} - {None}
    if worker is None or (worker.pk != actor.pk and worker.organization_id not in allowed_orgs):
        raise NotFound("User not found")
    return worker


@atomic
def ticket_accept(*, ticket: MaintenanceTicket, actor, user_id: UUID) -> MaintenanceTicket:
    ticket.assigned_user = _worker(ticket, actor, user_id)
    ticket.status = TicketStatus.IN_PROGRESS
    _save(ticket, "assigned_user", "status")
    notify.ticket_accepted(ticket)
    from apps.maintenance import threads

    threads.ticket_thread_add_contractor(ticket=ticket)
    cascade.after_ticket_status(ticket)
    return ticket


@atomic
def ticket_refuse(*, ticket: MaintenanceTicket, actor, refuse_reason: str | None = None) -> MaintenanceTicket:
    ticket.status = TicketStatus.OPEN
    ticket.assigned_contractor = None
    ticket.assigned_date = None
    fields = ["status", "assigned_contractor", "assigned_date"]
    if refuse_reason:
        ticket.refuse_reason = refuse_reason
        fields.append("refuse_reason")
    _save(ticket, *fields)
    cascade.after_ticket_status(ticket)
    return ticket


@atomic
def ticket_mark_done(*, ticket: MaintenanceTicket, actor, files=()) -> tuple[MaintenanceTicket, list[Media]]:
    files = list(files or [])
    check_files(files, TICKET_MEDIA_TYPES)
    ticket.status = TicketStatus.DONE
    ticket.completed_date = timezone.now()
    _save(ticket, "status", "completed_date")
    if actor.user_type == UserType.CONTRACTOR and ticket.assigned_contractor_id is not None:
        notify.ticket_done_by_contractor(ticket, actor)
    cascade.after_ticket_status(ticket)
    media = store_files(
        files,
        owner_type="MaintenanceTicket",
        owner_id=ticket.pk,
        landlord_id=ticket.landlord_id,
        actor=actor,
        collection="work_proof",
    )
    return ticket, media


def invoices_confirm(*, ticket: MaintenanceTicket | None = None, sow=None) -> int:
    """Draft invoices of a closed ticket (or of exactly that scope of work) become Confirmed."""
    link = {"ticket": ticket} if ticket is not None else {"scope_of_work": sow}
    return (
        Invoice.objects.unscoped()
        .filter(status=InvoiceStatus.DRAFT, **link)
        .update(status=InvoiceStatus.CONFIRMED, updated_at=timezone.now())
    )


@atomic
def ticket_close(*, ticket: MaintenanceTicket, actor) -> MaintenanceTicket:
    ticket.status = TicketStatus.CLOSED
    _save(ticket, "status")
    invoices_confirm(ticket=ticket)
    notify.ticket_closed(ticket)
    return ticket


@atomic
def ticket_reopen(*, ticket: MaintenanceTicket, actor) -> MaintenanceTicket:
    from apps.maintenance.models import ScopeOfWork

    sow = ScopeOfWork.objects.unscoped().filter(pk=ticket.scope_of_work_id).first()
    if sow is not None and sow.status == TicketStatus.CLOSED:
        raise BadRequest("Cannot reopen ticket because its associated Scope of Work is closed")
    ticket.status = workflow.reopen_target(ticket.status)
    if ticket.status == TicketStatus.OPEN:
        ticket.assigned_contractor = None
        ticket.assigned_date = None
        ticket.assigned_user = None
        ticket.assigned_by = None
    ticket.completed_date = None
    _save(
        ticket,
        "status",
        "assigned_contractor",
        "assigned_date",
        "assigned_user",
        "assigned_by",
        "completed_date",
    )
    notify.ticket_reopened(ticket, contractor_still_assigned=ticket.assigned_contractor_id is not None)
    if sow is not None:
        from apps.maintenance import sow_services

        sow_services.sow_reopen_chain(sow=sow)
    return ticket


@atomic
def ticket_delete(*, ticket: MaintenanceTicket) -> None:
    """Hard delete, OPEN tickets only (spec 07 section 3.7); its files go with it."""
    if ticket.status != TicketStatus.OPEN:
        raise BadRequest("Only open tickets can be deleted")
    from apps.media.services import media_delete

    for items in media_for_owners("MaintenanceTicket", [ticket.pk]).values():
        for media in items:
            media_delete(media=media)
    MaintenanceTicket.objects.unscoped().filter(pk=ticket.pk).delete()


# -- comments -------------------------------------------------------------------------------------
@atomic
def comment_create(
    *, ticket: MaintenanceTicket, actor, content: str, files=()
) -> tuple[TicketComment, list[Media]]:
    files = list(files or [])
    check_files(files, COMMENT_MEDIA_TYPES)
    comment = TicketComment.objects.unscoped().create(ticket=ticket, author=actor, content=content)
    media = store_files(
        files,
        owner_type="TicketComment",
        owner_id=comment.pk,
        landlord_id=ticket.landlord_id,
        actor=actor,
        collection="comment_attachments",
    )
    return comment, media


@atomic
def comment_update(*, comment: TicketComment, actor, content: str) -> TicketComment:
    if comment.author_id != actor.pk:
        raise Forbidden("You can only update your own comments")
    comment.content = content
    comment.version += 1
    comment.save(update_fields=["content", "version"])
    return comment


@atomic
def comment_delete(*, comment: TicketComment, actor) -> None:
    if comment.author_id != actor.pk and not (
        actor.user_type == UserType.LANDLORD and actor.organization_id == comment.ticket.landlord_id
    ):
        raise Forbidden("You can only delete your own comments")
    from apps.media.services import media_delete

    for items in media_for_owners("TicketComment", [comment.pk]).values():
        for media in items:
            media_delete(media=media)
    TicketComment.objects.unscoped().filter(pk=comment.pk).delete()
