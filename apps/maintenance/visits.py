"""Visit requests (spec 07 section 7): writes, the time-conflict check and notifications.

Times are compared as real instants (``starts_at``/``ends_at``: the visit day at "HH:mm", UTC),
never as strings (open question 6: ``9:00`` and ``10:00`` order correctly). A tenant using the
marketplace is not recorded as a contractor (open question 7).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from django.db.models import Q
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound
from apps.core.scope import UserType
from apps.maintenance import notify
from apps.maintenance.models import (
    MaintenanceTicket,
    ScopeOfWork,
    VisitRequest,
    VisitSource,
    VisitStatus,
    VisitTarget,
)
from apps.maintenance.parties import unit_active_tenant_id
from apps.notifications.content import display_name
from apps.notifications.services import notify as send
from apps.notifications.types import NotificationType as N
from apps.properties.models import Availability

BUSY = (VisitStatus.PENDING, VisitStatus.APPROVED, VisitStatus.BOOKED, VisitStatus.AWAITING_RESCHEDULE)


def normalize_time(value: str) -> str:
    hours, minutes = value.split(":")
    return f"{int(hours):02d}:{minutes}"


def visit_window(day: date, start: str, end: str) -> tuple[datetime, datetime, str, str]:
    start, end = normalize_time(start), normalize_time(end)
    starts_at = datetime.combine(day, time(*map(int, start.split(":"))), tzinfo=UTC)
    ends_at = datetime.combine(day, time(*map(int, end.split(":"))), tzinfo=UTC)
    if ends_at <= starts_at:
        raise BadRequest(["endTime must be after startTime"])
    return starts_at, ends_at, start, end


def check_conflict(*, landlord_id, tenant_id, contractor_id, starts_at, ends_at, exclude_id=None) -> None:
    parties = Q(landlord_id=landlord_id)
    if tenant_id is not None:
        parties |= Q(tenant_id=tenant_id)
    if contractor_id is not None:
        parties |= Q(contractor_id=contractor_id)
    clash = (
        VisitRequest.objects.unscoped()
        .filter(parties, status__in=BUSY, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(pk=exclude_id)
        .order_by("starts_at")
        .first()
    )
    if clash is None:
        return
    if clash.landlord_id == landlord_id:
        party = "landlord"
    elif tenant_id is not None and clash.tenant_id == tenant_id:
        party = "tenant"
    else:
        party = "contractor"
    day = f"{starts_at:%Y-%m-%d}"
    raise BadRequest(
        f"Time conflict detected: The {party} already has a {clash.status} visit on "
        f"{clash.starts_at:%Y-%m-%d} ({clash.start_time} - {clash.end_time}). This overlaps with the "
        f"requested time {day} ({starts_at:%H:%M} - {ends_at:%H:%M})."
    )


# -- create ---------------------------------------------------------------------------------------
def _slot(slot_id) -> Availability:
    slot = (
        Availability.objects.unscoped().select_related("property").filter(pk=slot_id, is_active=True).first()
    )
    if slot is None:
        raise NotFound("Availability slot not found")
    return slot


@atomic
def visit_create(*, actor, data: dict[str, Any], marketplace: bool) -> VisitRequest:
    source = data["source_type"]
    is_contractor = actor is not None and actor.user_type == UserType.CONTRACTOR
    if source != VisitSource.MARKETPLACE and not is_contractor:
        raise Forbidden("Only contractors can create visit requests")
    ticket = sow = None
    if source == VisitSource.TICKET:
        if not data.get("ticket_id"):
            raise BadRequest("Ticket ID is required for ticket-based visit requests")
        ticket = (
            MaintenanceTicket.objects.filter(pk=data["ticket_id"]).select_related("property", "unit").first()
        )
        if ticket is None:
            raise NotFound("Ticket not found")
        if ticket.assigned_contractor_id != actor.organization_id:
            raise Forbidden("You are not assigned to this ticket")
        prop, unit, landlord_id = ticket.property, ticket.unit, ticket.landlord_id
        slot = _slot(data["availability_slot_id"])
    elif source == VisitSource.SCOPE_OF_WORK:
        if not data.get("scope_of_work_id"):
            raise BadRequest("Scope of Work ID is required for scope of work-based visit requests")
        sow = (
            ScopeOfWork.objects.filter(pk=data["scope_of_work_id"]).select_related("property", "unit").first()
        )
        if sow is None:
            raise NotFound("Scope of Work not found")
        if sow.assigned_contractor_id != actor.organization_id:
            raise Forbidden("You are not assigned to this Scope of Work")
        if sow.property_id is None:
            raise BadRequest("Scope of Work must have a property or unit")
        prop, unit, landlord_id = sow.property, sow.unit, sow.landlord_id
        slot = _slot(data["availability_slot_id"])
    else:
        if actor is None and not all(data.get(key) for key in ("full_name", "email", "phone_number")):
            raise BadRequest("Full name, email, and phone number are required for marketplace visit requests")
        slot = _slot(data["availability_slot_id"])
        if slot.property_id is None:
            raise BadRequest("Availability slot must have a property")
        prop, unit, landlord_id = slot.property, slot.unit, slot.landlord_id
    if slot.landlord_id != landlord_id or (slot.property_id != prop.pk):
        # a slot of another property (or landlord) is not a slot of this visit
        raise NotFound("Availability slot not found")
    starts_at, ends_at, start, end = visit_window(data["visit_date"], data["start_time"], data["end_time"])
    contractor_id = actor.organization_id if is_contractor else None
    tenant_id = unit_active_tenant_id(unit.pk) if unit is not None else None
    if (
        contractor_id
        and VisitRequest.objects.unscoped()
        .filter(
            contractor_id=contractor_id,
            availability_slot=slot,
            starts_at__date=starts_at.date(),
            status=VisitStatus.PENDING,
        )
        .exists()
    ):
        raise BadRequest("You already have a pending visit request for this time slot")
    check_conflict(
        landlord_id=landlord_id,
        tenant_id=tenant_id,
        contractor_id=contractor_id,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    visit = VisitRequest.objects.unscoped().create(
        landlord_id=landlord_id,
        contractor_id=contractor_id,
        requested_by=actor,
        full_name=data.get("full_name", "") or (display_name(actor) if actor else ""),
        email=data.get("email", "") or (actor.email if actor else ""),
        phone_number=data.get("phone_number", "") or (actor.phone if actor else ""),
        source_type=source,
        ticket=ticket,
        scope_of_work=sow,
        target_type=VisitTarget.UNIT if unit is not None else VisitTarget.PROPERTY,
        property=prop,
        unit=unit,
        tenant_id=tenant_id,
        availability_slot=slot,
        visit_date=datetime.combine(data["visit_date"], time(0), tzinfo=starts_at.tzinfo),
        start_time=start,
        end_time=end,
        starts_at=starts_at,
        ends_at=ends_at,
        message=data.get("message", ""),
    )
    requester = display_name(actor) if actor else visit.full_name
    recipient = (
        notify.landlord_user(landlord_id)
        if source == VisitSource.MARKETPLACE or tenant_id is None
        else _first(notify.organization_users(tenant_id, UserType.TENANT))
    )
    _notify(
        recipient,
        visit,
        N.VISIT_NEW_REQUEST,
        "New Visit Request",
        f"{requester} has requested a visit on {_when(visit)}",
        email=True,
    )
    return visit


def _first(users):
    return users[0] if users else None


def _when(visit: VisitRequest) -> str:
    return f"{visit.starts_at:%Y-%m-%d} ({visit.start_time} - {visit.end_time})"


def _notify(user, visit: VisitRequest, kind: str, title: str, content: str, *, email: bool = False) -> None:
    """Multi-channel through the dispatcher (preferences decide); a new request also carries the
    ``visit-request`` email."""
    if user is None:
        return
    extra = {}
    if email:
        extra = {
            "email_template": "visit-request",
            "email_context": {
                "propertyName": visit.property.name,
                "unitIdentifier": visit.unit.unit_number if visit.unit_id else "",
                "leadName": visit.full_name,
                "leadEmail": visit.email,
                "leadPhone": visit.phone_number,
                "preferredDate": _when(visit),
                "message": visit.message,
                "submittedAt": f"{visit.created_at:%Y-%m-%d %H:%M} UTC",
            },
        }
    notify._safe(
        send,
        user=user,
        type=kind,
        title=title,
        content=content,
        data={
            "visitRequestId": str(visit.pk),
            "date": f"{visit.starts_at:%Y-%m-%d}",
            "startTime": visit.start_time,
            "endTime": visit.end_time,
        },
        action_url=None,
        **extra,
    )


# -- state machine --------------------------------------------------------------------------------
def _is_unit_tenant(visit: VisitRequest, actor) -> bool:
    return (
        actor.user_type == UserType.TENANT
        and visit.tenant_id is not None
        and visit.tenant_id == actor.organization_id
    )


def _is_requester(visit: VisitRequest, actor) -> bool:
    return visit.requested_by_id is not None and visit.requested_by_id == actor.pk


def _is_landlord(visit: VisitRequest, actor) -> bool:
    return actor.user_type == UserType.LANDLORD and visit.landlord_id == actor.organization_id


def _is_contractor(visit: VisitRequest, actor) -> bool:
    return actor.user_type == UserType.CONTRACTOR and visit.contractor_id == actor.organization_id


def _contractor_side(visit: VisitRequest):
    """Who asked: a user of the contractor organization, or the marketplace requester."""
    if visit.contractor_id:
        return _first(notify.organization_users(visit.contractor_id, UserType.CONTRACTOR))
    return visit.requested_by


def _host_side(visit: VisitRequest):
    """Who hosts: the unit's tenant, else the landlord."""
    if visit.target_type == VisitTarget.UNIT and visit.tenant_id:
        return _first(notify.organization_users(visit.tenant_id, UserType.TENANT))
    return notify.landlord_user(visit.landlord_id)


@atomic
def visit_respond(*, visit: VisitRequest, actor, accept: bool, response_message: str = "") -> VisitRequest:
    if actor.user_type not in (UserType.TENANT, UserType.LANDLORD):
        raise Forbidden("Only tenants and landlords can respond to visit requests")
    suggested_to_requester = (
        visit.source_type == VisitSource.MARKETPLACE
        and visit.original_request_id
        and _is_requester(visit, actor)
    )
    if not (_is_unit_tenant(visit, actor) or _is_landlord(visit, actor) or suggested_to_requester):
        raise Forbidden("You do not have permission to respond to this visit request")
    if visit.status != VisitStatus.PENDING:
        raise BadRequest("Can only respond to pending visit requests")
    now = timezone.now()
    visit.status = VisitStatus.APPROVED if accept else VisitStatus.DECLINED
    visit.response_message = response_message or ""
    visit.responded_by = actor
    visit.responded_at = now
    visit.version += 1
    visit.save(update_fields=["status", "response_message", "responded_by", "responded_at", "version"])
    if visit.original_request_id:
        VisitRequest.objects.unscoped().filter(
            Q(pk=visit.original_request_id) | Q(original_request_id=visit.original_request_id),
            status=VisitStatus.AWAITING_RESCHEDULE,
        ).exclude(pk=visit.pk).update(
            status=VisitStatus.RESCHEDULED if accept else VisitStatus.DECLINED, updated_at=now
        )
    verb = "approved" if accept else "declined"
    _notify(
        _contractor_side(visit) if not suggested_to_requester else _host_side(visit),
        visit,
        N.VISIT_APPROVED if accept else N.VISIT_DECLINED,
        "Visit Request Approved" if accept else "Visit Request Declined",
        f"{display_name(actor)} has {verb} your visit request for {visit.starts_at:%Y-%m-%d}.",
    )
    return visit


@atomic
def visit_cancel(*, visit: VisitRequest, actor) -> VisitRequest:
    if actor.user_type == UserType.CONTRACTOR:
        if not _is_contractor(visit, actor):
            raise Forbidden("You can only cancel your own visit requests")
    elif actor.user_type == UserType.TENANT:
        if not (visit.source_type == VisitSource.MARKETPLACE and _is_requester(visit, actor)):
            raise Forbidden("You can only cancel marketplace visit requests you created")
    else:
        raise Forbidden("Only contractors and tenants can cancel visit requests")
    if visit.status != VisitStatus.PENDING:
        raise BadRequest("Can only cancel pending visit requests")
    visit.status = VisitStatus.CANCELLED
    visit.version += 1
    visit.save(update_fields=["status", "version"])
    _notify(
        _host_side(visit),
        visit,
        N.VISIT_DECLINED,
        "Visit Request Cancelled",
        f"{display_name(actor)} cancelled the visit request for {_when(visit)}.",
    )
    return visit


@atomic
def visit_suggest(*, visit: VisitRequest, actor, data: dict[str, Any]) -> VisitRequest:
    contractor, tenant, landlord = (
        _is_contractor(visit, actor),
        _is_unit_tenant(visit, actor) or (actor.user_type == UserType.TENANT and _is_requester(visit, actor)),
        _is_landlord(visit, actor),
    )
    if not (contractor or tenant or landlord):
        raise Forbidden("You do not have permission to suggest a time for this visit request")
    if visit.status != VisitStatus.PENDING:
        raise BadRequest("Can only suggest alternative times for pending visit requests")
    if (
        visit.next_suggestion_id
        and VisitRequest.objects.unscoped()
        .filter(pk=visit.next_suggestion_id, status=VisitStatus.PENDING)
        .exists()
    ):
        raise BadRequest(
            "There is already a pending suggestion for this visit request. Please wait for a response."
        )
    slot = visit.availability_slot
    if data.get("availability_slot_id"):
        slot = _slot(data["availability_slot_id"])
        if slot.landlord_id != visit.landlord_id or slot.property_id != visit.property_id:
            raise NotFound("Availability slot not found")
    starts_at, ends_at, start, end = visit_window(data["visit_date"], data["start_time"], data["end_time"])
    check_conflict(
        landlord_id=visit.landlord_id,
        tenant_id=visit.tenant_id,
        contractor_id=visit.contractor_id,
        starts_at=starts_at,
        ends_at=ends_at,
        exclude_id=visit.pk,
    )
    now = timezone.now()
    suggestion = VisitRequest.objects.unscoped().create(
        landlord_id=visit.landlord_id,
        contractor_id=visit.contractor_id,
        requested_by_id=visit.requested_by_id,
        full_name=visit.full_name,
        email=visit.email,
        phone_number=visit.phone_number,
        source_type=visit.source_type,
        ticket_id=visit.ticket_id,
        scope_of_work_id=visit.scope_of_work_id,
        target_type=visit.target_type,
        property_id=visit.property_id,
        unit_id=visit.unit_id,
        tenant_id=visit.tenant_id,
        availability_slot=slot,
        visit_date=datetime.combine(data["visit_date"], time(0), tzinfo=starts_at.tzinfo),
        start_time=start,
        end_time=end,
        starts_at=starts_at,
        ends_at=ends_at,
        message=visit.message,
        previous_suggestion=visit,
        original_request_id=visit.original_request_id or visit.pk,
        suggested_by=actor,
        suggested_at=now,
        reschedule_reason=data.get("reschedule_reason", ""),
    )
    visit.status = VisitStatus.AWAITING_RESCHEDULE
    visit.next_suggestion = suggestion
    visit.version += 1
    visit.save(update_fields=["status", "next_suggestion", "version"])
    if contractor:
        recipient = _host_side(visit)
    elif tenant:
        recipient = notify.landlord_user(visit.landlord_id)
    else:
        recipient = _host_side(visit) if visit.tenant_id else _contractor_side(visit)
    reason = f". Reason: {suggestion.reschedule_reason}" if suggestion.reschedule_reason else ""
    _notify(
        recipient,
        suggestion,
        N.VISIT_RESCHEDULED,
        "New Time Suggested",
        f"{display_name(actor)} suggested a new time: {_when(suggestion)}{reason}",
    )
    return suggestion


def visits_cancel_for_deleted_slot(slot, actor, side) -> None:
    """Installed for the properties module: a deleted slot cancels its pending visits."""
    pending = list(VisitRequest.objects.unscoped().filter(availability_slot=slot, status=VisitStatus.PENDING))
    VisitRequest.objects.unscoped().filter(pk__in=[v.pk for v in pending]).update(
        status=VisitStatus.CANCELLED, updated_at=timezone.now()
    )
    for visit in pending:
        _notify(
            _contractor_side(visit),
            visit,
            N.VISIT_DECLINED,
            "Visit Request Cancelled",
            f"The availability slot for your visit on {_when(visit)} was removed.",
        )


def contractor_slot_ids(contractor_org_id) -> list:
    """Slots of the properties where the contractor has assigned work (it books visits there)."""
    property_ids = (
        MaintenanceTicket.objects.unscoped()
        .filter(assigned_contractor_id=contractor_org_id)
        .values("property_id")
    )
    return list(
        Availability.objects.unscoped().filter(property_id__in=property_ids).values_list("id", flat=True)
    )
