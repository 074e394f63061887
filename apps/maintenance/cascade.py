"""Status cascade between tickets and their scopes of work (spec 07 section 5.3)."""

from __future__ import annotations

from uuid import UUID

from django.utils import timezone

from apps.maintenance.models import MaintenanceTicket, ScopeOfWork, TicketStatus


def descendant_ids(sow_id: UUID) -> list[UUID]:
    """Every scope of work below ``sow_id`` (one query per level)."""
    found: list[UUID] = []
    frontier = [sow_id]
    while frontier:
        frontier = list(
            ScopeOfWork.objects.unscoped().filter(parent_sow_id__in=frontier).values_list("id", flat=True)
        )
        found.extend(frontier)
    return found


def ancestor_ids(sow: ScopeOfWork) -> list[UUID]:
    found: list[UUID] = []
    parent_id = sow.parent_sow_id
    while parent_id is not None and parent_id not in found:
        found.append(parent_id)
        parent_id = (
            ScopeOfWork.objects.unscoped()
            .filter(pk=parent_id)
            .values_list("parent_sow_id", flat=True)
            .first()
        )
    return found


def tree_ticket_statuses(sow_id: UUID) -> set[str]:
    ids = [sow_id, *descendant_ids(sow_id)]
    return set(
        MaintenanceTicket.objects.unscoped().filter(scope_of_work_id__in=ids).values_list("status", flat=True)
    )


def _apply(sow: ScopeOfWork, status: str) -> None:
    now = timezone.now()
    sow.status = status
    fields = ["status"]
    if status == TicketStatus.ASSIGNED:
        sow.assigned_date = now
        fields.append("assigned_date")
    if status == TicketStatus.DONE:
        sow.completed_date = now
        fields.append("completed_date")
    sow.save(update_fields=fields)


def reevaluate_from(sow_id: UUID | None, status: str) -> None:
    """Ticket -> SOW: while every ticket of a SOW's tree has ``status``, the SOW takes it too;
    then its parent is judged the same way, up to the first that does not match."""
    seen: set[UUID] = set()
    while sow_id is not None and sow_id not in seen:
        seen.add(sow_id)
        sow = ScopeOfWork.objects.unscoped().filter(pk=sow_id).first()
        if sow is None or tree_ticket_statuses(sow_id) != {status}:
            return
        if sow.status != status:
            _apply(sow, status)
        sow_id = sow.parent_sow_id


def after_ticket_status(ticket: MaintenanceTicket) -> None:
    if ticket.scope_of_work_id is not None:
        reevaluate_from(ticket.scope_of_work_id, ticket.status)


def after_sow_action(sow: ScopeOfWork) -> None:
    """SOW actions touch the SOW and its direct tickets, then re-judge the ancestors."""
    reevaluate_from(sow.parent_sow_id, sow.status)
