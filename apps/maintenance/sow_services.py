"""Writes of scopes of work (spec 07 section 5): grouping tickets, workflow actions, cascade.

A scope of work (SOW) groups tickets of one landlord, possibly across properties and units, in a
tree: a parent, a child per property, a grandchild per unit plus a "Property Wide" one. Every
action is atomic; the SOW actions touch the SOW and its directly attached tickets, then the
ancestors are re-judged (:mod:`apps.maintenance.cascade`).
"""

from __future__ import annotations

from collections import OrderedDict
from uuid import UUID

from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, NotFound
from apps.maintenance import cascade, notify, threads, workflow
from apps.maintenance.models import MaintenanceTicket, ScopeOfWork, TicketStatus
from apps.maintenance.services import _landlord_contractor, _worker, invoices_confirm

GROUPABLE = (TicketStatus.OPEN, TicketStatus.IN_REVIEW)


def sow_reopen_chain(*, sow: ScopeOfWork) -> None:
    """A ticket of ``sow`` was reopened: the SOW and every ancestor go back to IN_PROGRESS."""
    ids = [sow.pk, *cascade.ancestor_ids(sow)]
    closed = list(ScopeOfWork.objects.unscoped().filter(pk__in=ids, status=TicketStatus.CLOSED))
    ScopeOfWork.objects.unscoped().filter(pk__in=ids).update(
        status=TicketStatus.IN_PROGRESS, completed_date=None, updated_at=timezone.now()
    )
    for reopened in closed:
        notify.sow_discussion(reopened, title="Discussion Reopened", verb="reopened")


# -- create ---------------------------------------------------------------------------------------
def _numbers(label: str | None = None) -> str:
    number = workflow.next_number("SOW")
    return f"{label} Scope: {number}" if label else number


def _child(parent: ScopeOfWork, *, title: str, label: str, prop, unit=None) -> ScopeOfWork:
    return ScopeOfWork.objects.unscoped().create(
        landlord_id=parent.landlord_id,
        parent_sow=parent,
        property=prop,
        unit=unit,
        title=title[:200],
        description=parent.description,
        sow_number=_numbers(label),
    )


def _needs_split(tickets: list[MaintenanceTicket]) -> bool:
    return len({ticket.unit_id for ticket in tickets}) > 1


def _split_by_unit(node: ScopeOfWork, tickets: list[MaintenanceTicket], *, title: str, prop) -> None:
    by_unit: OrderedDict = OrderedDict()
    for ticket in tickets:
        by_unit.setdefault(ticket.unit_id, []).append(ticket)
    for unit_id, group in by_unit.items():
        if unit_id is None:
            continue
        unit = group[0].unit
        _attach(
            _child(node, title=f"{title} - {unit.unit_number}", label=unit.unit_number, prop=prop, unit=unit),
            group,
        )
    if None in by_unit:
        wide = _child(node, title=f"{title} - Property Wide", label="Property Wide", prop=prop)
        _attach(wide, by_unit[None])


def _attach(sow: ScopeOfWork, tickets: list[MaintenanceTicket]) -> None:
    MaintenanceTicket.objects.unscoped().filter(pk__in=[t.pk for t in tickets]).update(
        scope_of_work=sow, updated_at=timezone.now()
    )
    for ticket in tickets:
        ticket.scope_of_work = sow


@atomic
def sow_create(*, actor, title: str, description: str = "", ticket_ids: list[UUID]) -> ScopeOfWork:
    """Section 5.1: group tickets (of the caller's scope) into a tree of scopes of work."""
    wanted = list(dict.fromkeys(ticket_ids))
    tickets = list(
        MaintenanceTicket.objects.filter(pk__in=wanted)
        .select_related("property", "unit", "requested_by")
        .order_by("created_at", "id")
    )
    if len(tickets) != len(wanted):
        raise BadRequest("One or more tickets not found")
    invalid = [t.ticket_number for t in tickets if t.status not in GROUPABLE]
    if invalid:
        raise BadRequest(f"Tickets must have status OPEN or IN_REVIEW. Invalid tickets: {', '.join(invalid)}")
    grouped = [t.ticket_number for t in tickets if t.scope_of_work_id is not None]
    if grouped:
        raise BadRequest(
            "Tickets must not be already assigned to other scopes of work. "
            f"Already assigned tickets: {', '.join(grouped)}"
        )
    if len({t.landlord_id for t in tickets}) != 1:
        raise BadRequest("Tickets must belong to the same landlord")
    by_property: OrderedDict = OrderedDict()
    for ticket in tickets:
        by_property.setdefault(ticket.property_id, []).append(ticket)
    units = {t.unit_id for t in tickets}
    single_property = len(by_property) == 1
    parent = ScopeOfWork.objects.unscoped().create(
        landlord_id=tickets[0].landlord_id,
        property=tickets[0].property if single_property else None,
        unit=tickets[0].unit if single_property and len(units) == 1 and None not in units else None,
        title=title,
        description=description or "",
        sow_number=_numbers(),
    )
    if not single_property:
        for group in by_property.values():
            prop = group[0].property
            child = _child(parent, title=f"{title} - {prop.name}", label=prop.name, prop=prop)
            if _needs_split(group):
                _split_by_unit(child, group, title=title, prop=prop)
            else:
                _attach(child, group)
    elif _needs_split(tickets):
        _split_by_unit(parent, tickets, title=title, prop=tickets[0].property)
    else:
        _attach(parent, tickets)
    for ticket in tickets:
        notify.ticket_grouped(ticket, parent)
    threads.sow_threads_create(sow=parent, unit_ids=[u for u in units if u is not None], actor=actor)
    return parent


# -- delete ---------------------------------------------------------------------------------------
@atomic
def sow_delete(*, sow: ScopeOfWork) -> None:
    """Children and tickets move up to the deleted SOW's parent (or stand alone); hard delete."""
    now = timezone.now()
    ScopeOfWork.objects.unscoped().filter(parent_sow=sow).update(
        parent_sow_id=sow.parent_sow_id, updated_at=now
    )
    MaintenanceTicket.objects.unscoped().filter(scope_of_work=sow).update(
        scope_of_work_id=sow.parent_sow_id, updated_at=now
    )
    ScopeOfWork.objects.unscoped().filter(pk=sow.pk).delete()


# -- actions --------------------------------------------------------------------------------------
def _save(sow: ScopeOfWork, *fields: str) -> None:
    sow.version += 1
    sow.save(update_fields=[*fields, "version"])


def _direct(sow: ScopeOfWork):
    return MaintenanceTicket.objects.unscoped().filter(scope_of_work=sow)


@atomic
def sow_assign(*, sow: ScopeOfWork, actor, contractor_id: UUID) -> ScopeOfWork:
    contractor = _landlord_contractor(sow, contractor_id)
    now = timezone.now()
    sow.assigned_contractor = contractor
    sow.assigned_date = now
    sow.status = TicketStatus.ASSIGNED
    _save(sow, "assigned_contractor", "assigned_date", "status")
    _direct(sow).update(
        status=TicketStatus.ASSIGNED,
        assigned_contractor=contractor,
        assigned_by=actor,
        assigned_date=now,
        updated_at=now,
    )
    cascade.after_sow_action(sow)
    return sow


@atomic
def sow_ticket_add(*, sow: ScopeOfWork, actor, ticket_id: UUID) -> ScopeOfWork:
    ticket = (
        MaintenanceTicket.objects.filter(pk=ticket_id, landlord_id=sow.landlord_id)
        .select_related("requested_by")
        .first()
    )
    if ticket is None:
        raise NotFound("Ticket not found")
    if ticket.status not in GROUPABLE:
        raise BadRequest(f"Ticket must have status OPEN or IN_REVIEW. Current status: {ticket.status}")
    if ticket.scope_of_work_id is not None:
        raise BadRequest("Ticket is already assigned to another scope of work")
    existing = list(_direct(sow).values_list("property_id", "unit_id")[:50])
    if existing:
        unit_level = any(unit for _, unit in existing)
        prop_id, unit_id = existing[0][0], next((unit for _, unit in existing if unit), None)
        if not unit_level:
            if ticket.unit_id is not None:
                raise BadRequest(
                    "Cannot add unit-level ticket to a scope of work with property-level tickets"
                )
            if ticket.property_id != prop_id:
                raise BadRequest("Ticket must be associated with the same property as the scope of work")
        else:
            if ticket.unit_id is None:
                raise BadRequest(
                    "Cannot add property-level ticket to a scope of work with unit-level tickets"
                )
            if ticket.unit_id != unit_id:
                raise BadRequest("Ticket must be associated with the same unit as the scope of work")
    ticket.scope_of_work = sow
    fields = ["scope_of_work"]
    if sow.assigned_contractor_id:
        ticket.assigned_contractor_id = sow.assigned_contractor_id
        ticket.assigned_by = actor
        ticket.assigned_date = timezone.now()
        fields += ["assigned_contractor", "assigned_by", "assigned_date"]
    if sow.assigned_user_id:
        ticket.assigned_user_id = sow.assigned_user_id
        fields.append("assigned_user")
    ticket.version += 1
    ticket.save(update_fields=[*fields, "version"])
    notify.ticket_grouped(ticket, sow)
    return sow


@atomic
def sow_ticket_remove(*, sow: ScopeOfWork, ticket_id: UUID) -> ScopeOfWork:
    ticket = MaintenanceTicket.objects.filter(pk=ticket_id, landlord_id=sow.landlord_id).first()
    if ticket is None:
        raise NotFound("Ticket not found")
    if ticket.scope_of_work_id != sow.pk:
        raise BadRequest("Ticket is not part of this scope of work")
    ticket.scope_of_work = None
    ticket.version += 1
    ticket.save(update_fields=["scope_of_work", "version"])
    return sow


@atomic
def sow_accept(*, sow: ScopeOfWork, actor, user_id: UUID) -> ScopeOfWork:
    worker = _worker(sow, actor, user_id)
    sow.status = TicketStatus.IN_PROGRESS
    sow.assigned_user = worker
    _save(sow, "status", "assigned_user")
    _direct(sow).update(status=TicketStatus.IN_PROGRESS, assigned_user=worker, updated_at=timezone.now())
    if sow.assigned_contractor_id:
        unit_ids = [u for u in _direct(sow).values_list("unit_id", flat=True) if u]
        threads.sow_threads_add_contractor(sow=sow, actor=actor, direct_unit_ids=unit_ids)
    cascade.after_sow_action(sow)
    return sow


@atomic
def sow_refuse(*, sow: ScopeOfWork, refuse_reason: str | None = None) -> ScopeOfWork:
    sow.status = TicketStatus.OPEN
    sow.assigned_contractor = None
    sow.assigned_date = None
    sow.refuse_reason = refuse_reason or None
    _save(sow, "status", "assigned_contractor", "assigned_date", "refuse_reason")
    _direct(sow).update(
        status=TicketStatus.OPEN,
        assigned_contractor=None,
        assigned_date=None,
        refuse_reason=refuse_reason or None,
        updated_at=timezone.now(),
    )
    cascade.after_sow_action(sow)
    return sow


@atomic
def sow_mark_in_review(*, sow: ScopeOfWork) -> ScopeOfWork:
    children = list(ScopeOfWork.objects.unscoped().filter(parent_sow=sow).values_list("status", flat=True))
    if children:
        if not _direct(sow).exists():
            raise BadRequest("Cannot mark parent SOW as in review. Please update the sub SOWs instead.")
        if any(status != TicketStatus.IN_REVIEW for status in children):
            raise BadRequest("Cannot mark parent SOW as in review. All sub SOWs must be in review first.")
    sow.status = TicketStatus.IN_REVIEW
    _save(sow, "status")
    _direct(sow).update(status=TicketStatus.IN_REVIEW, updated_at=timezone.now())
    cascade.after_sow_action(sow)
    return sow


@atomic
def sow_close(*, sow: ScopeOfWork) -> ScopeOfWork:
    if sow.parent_sow_id is not None:
        raise BadRequest("Cannot close a sub-SOW directly. Please close the parent SOW instead.")
    below = cascade.descendant_ids(sow.pk)
    if ScopeOfWork.objects.unscoped().filter(pk__in=below).exclude(status=TicketStatus.DONE).exists():
        raise BadRequest("Cannot close SOW: not all child SOWs are done")
    tickets = MaintenanceTicket.objects.unscoped().filter(scope_of_work_id__in=[sow.pk, *below])
    if tickets.exclude(status=TicketStatus.DONE).exists():
        raise BadRequest("Cannot close SOW: not all tickets are done")
    now = timezone.now()
    sow.status = TicketStatus.CLOSED
    _save(sow, "status")
    ScopeOfWork.objects.unscoped().filter(pk__in=below).update(status=TicketStatus.CLOSED, updated_at=now)
    tickets.update(status=TicketStatus.CLOSED, updated_at=now)
    invoices_confirm(sow=sow)
    notify.sow_discussion(sow, title="Discussion Closed", verb="closed")
    return sow
