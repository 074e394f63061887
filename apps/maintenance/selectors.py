"""Reads of tickets, comments, scopes of work and invoices; N+1-free.

Lists fetch their page's related rows in a fixed number of queries whatever the page size.
Also the functions other modules read maintenance through: the people routes
(:func:`contractor_ticket_counts`, :func:`contractor_properties`) and the expenses view
(:func:`invoice_expense_rows`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from apps.core.pagination import search_filter
from apps.core.scope import Principal, UserType
from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork, TicketComment, TicketStatus
from apps.maintenance.serializers import comment_to_dict, invoice_to_dict, ticket_populated
from apps.media.services import media_for_owners

TICKET_RELATED = ("property", "unit", "assigned_contractor", "requested_by", "assigned_by", "assigned_user")


# -- tickets --------------------------------------------------------------------------------------
def ticket_list_queryset(*, principal: Principal, query: dict[str, Any]) -> QuerySet[MaintenanceTicket]:
    """The scoped manager applies the role's rows; the filters of spec 07 section 3.3 follow."""
    queryset = MaintenanceTicket.objects.all()
    if principal.user_type == UserType.CONTRACTOR:
        # grouped tickets are seen through their job, unless the job is a parent with sub-jobs
        has_children = ScopeOfWork.objects.unscoped().filter(parent_sow_id=OuterRef("scope_of_work_id"))
        queryset = queryset.filter(
            Q(scope_of_work__isnull=True) | Q(Exists(has_children), scope_of_work__parent_sow__isnull=True)
        )
    clause = search_filter(query.get("search"), "title", "description", "ticket_number")
    if clause is not None:
        queryset = queryset.filter(clause)
    for key, lookup in (
        ("status", "status"),
        ("category", "category"),
        ("priority", "priority"),
        ("property_id", "property_id"),
        ("unit_id", "unit_id"),
        ("contractor_id", "assigned_contractor_id"),
    ):
        if query.get(key) is not None:
            queryset = queryset.filter(**{lookup: query[key]})
    if query.get("tenant_id") is not None:
        requesters = (
            get_user_model()
            .objects.unscoped()
            .filter(user_type=UserType.TENANT, organization_id=query["tenant_id"])
        )
        queryset = queryset.filter(requested_by__in=requesters.values("pk"))
    if query.get("start_date") is not None:
        queryset = queryset.filter(created_at__gte=query["start_date"])
    if query.get("end_date") is not None:
        queryset = queryset.filter(created_at__lte=query["end_date"])
    return queryset.select_related(*TICKET_RELATED)


def present_tickets(rows: list[MaintenanceTicket]) -> list[dict[str, Any]]:
    """Page items with their media: one query for the media of the whole page."""
    media = media_for_owners("MaintenanceTicket", [row.pk for row in rows])
    return [ticket_populated(row, media.get(row.pk, [])) for row in rows]


def ticket_detail(ticket: MaintenanceTicket) -> dict[str, Any]:
    from apps.maintenance.serializers import sow_to_dict

    data = present_tickets([ticket])[0]
    sow = ScopeOfWork.objects.unscoped().filter(pk=ticket.scope_of_work_id).first()
    if sow is None:
        data["scope_of_work"] = None
    else:
        data["scope_of_work"] = {
            **sow_to_dict(sow),
            "sub_sows": [sow_to_dict(child) for child in sow.sub_sows.order_by("created_at")],
        }
    return data


def ticket_media(ticket: MaintenanceTicket, *, media_type=None, collection_name=None) -> list:
    collections = [collection_name] if collection_name else None
    items = media_for_owners("MaintenanceTicket", [ticket.pk], collections=collections).get(ticket.pk, [])
    return [item for item in items if media_type is None or item.type == media_type]


# -- comments -------------------------------------------------------------------------------------
def comment_list(ticket: MaintenanceTicket) -> list[dict[str, Any]]:
    comments = list(
        TicketComment.objects.unscoped()
        .filter(ticket=ticket)
        .select_related("author")
        .order_by("created_at", "id")
    )
    media = media_for_owners("TicketComment", [comment.pk for comment in comments])
    return [comment_to_dict(comment, media=media.get(comment.pk, [])) for comment in comments]


# -- invoices -------------------------------------------------------------------------------------
def invoice_files(invoices: Iterable[Invoice]) -> dict[UUID, Any]:
    grouped = media_for_owners("Invoice", [invoice.pk for invoice in invoices], collections=["invoice_files"])
    return {owner: items[0] for owner, items in grouped.items() if items}


def invoice_list(**link) -> list[dict[str, Any]]:
    invoices = list(
        Invoice.objects.unscoped().filter(**link).select_related("created_by").order_by("-created_at", "-id")
    )
    files = invoice_files(invoices)
    return [invoice_to_dict(invoice, file=files.get(invoice.pk)) for invoice in invoices]


def invoice_expense_rows(
    *,
    landlord_id: UUID,
    property_id: UUID | None = None,
    unit_id: UUID | None = None,
    status: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> QuerySet:
    """The invoice side of the expenses view (spec 05 section 5.7), one landlord's, as rows:

    ``id``, ``amount`` (Decimal), ``currency``, ``description``, ``status``, ``issuer``,
    ``created_at``, ``source`` (``TICKET`` / ``SCOPE_OF_WORK``), ``entity_id``, ``entity_number``
    (ticket or SOW number), ``entity_title``, ``property_id``, ``unit_id`` and
    ``contractor_id``. A lazy queryset of dicts, so the caller orders, counts and pages it in the
    database. Property and unit come from the ticket, or from the SOW for SOW invoices.
    """
    queryset = Invoice.objects.unscoped().filter(landlord_id=landlord_id)
    if status:
        queryset = queryset.filter(status=status)
    if start is not None:
        queryset = queryset.filter(created_at__gte=start)
    if end is not None:
        queryset = queryset.filter(created_at__lte=end)
    queryset = queryset.annotate(
        source=F("linked_entity_type"),
        entity_id=Coalesce(F("ticket_id"), F("scope_of_work_id")),
        entity_number=Coalesce(F("ticket__ticket_number"), F("scope_of_work__sow_number"), Value("")),
        entity_title=Coalesce(F("ticket__title"), F("scope_of_work__title"), Value("")),
        property_id=Coalesce(F("ticket__property_id"), F("scope_of_work__property_id")),
        unit_id=Coalesce(F("ticket__unit_id"), F("scope_of_work__unit_id")),
        contractor_id=Coalesce(
            F("ticket__assigned_contractor_id"), F("scope_of_work__assigned_contractor_id")
        ),
    )
    if property_id is not None:
        queryset = queryset.filter(property_id=property_id)
    if unit_id is not None:
        queryset = queryset.filter(unit_id=unit_id)
    return queryset.values(
        "id",
        "amount",
        "currency",
        "description",
        "status",
        "issuer",
        "created_at",
        "source",
        "entity_id",
        "entity_number",
        "entity_title",
        "contractor_id",
        "property_id",
        "unit_id",
    )


# -- for the people routes ------------------------------------------------------------------------
def contractor_ticket_counts(
    contractor_ids: Iterable[UUID], *, landlord_id: UUID | None = None
) -> dict[UUID, dict[str, int]]:
    """``{contractor_id: {"active", "completed", "total"}}`` of the tickets assigned to each
    contractor organization (only one landlord's when ``landlord_id`` is given), in one query.

    The semantics of the people routes: ``active`` counts tickets not CLOSED, ``completed`` those
    DONE or CLOSED (a DONE ticket is both: done, awaiting the landlord's close).
    """
    ids = list(contractor_ids)
    counts = {pk: {"active": 0, "completed": 0, "total": 0} for pk in ids}
    if not ids:
        return counts
    queryset = MaintenanceTicket.objects.unscoped().filter(assigned_contractor_id__in=ids)
    if landlord_id is not None:
        queryset = queryset.filter(landlord_id=landlord_id)
    rows = (
        queryset.values("assigned_contractor_id")
        .annotate(
            total=Count("pk"),
            active=Count("pk", filter=~Q(status=TicketStatus.CLOSED)),
            completed=Count("pk", filter=Q(status__in=[TicketStatus.DONE, TicketStatus.CLOSED])),
        )
        .order_by()
    )
    for row in rows:
        counts[row["assigned_contractor_id"]] = {
            "active": row["active"],
            "completed": row["completed"],
            "total": row["total"],
        }
    return counts


def contractor_properties(contractor_id: UUID, *, landlord_id: UUID | None = None) -> QuerySet:
    """The units the contractor organization has (or had) tickets on, with their property
    (``select_related``), oldest first: the people routes group them by property. With
    ``landlord_id``, only that landlord's (a landlord caller never sees another's buildings)."""
    from apps.properties.models import Unit

    tickets = MaintenanceTicket.objects.unscoped().filter(
        assigned_contractor_id=contractor_id, unit__isnull=False
    )
    if landlord_id is not None:
        tickets = tickets.filter(landlord_id=landlord_id)
    return (
        Unit.objects.unscoped()
        .filter(pk__in=tickets.values("unit_id"))
        .select_related("property")
        .order_by("created_at")
    )


# -- scopes of work -------------------------------------------------------------------------------
def sow_list_queryset(*, query: dict[str, Any]) -> QuerySet[ScopeOfWork]:
    queryset = ScopeOfWork.objects.all()
    clause = search_filter(query.get("search"), "sow_number", "title")
    if clause is not None:
        queryset = queryset.filter(clause)
    for key, lookup in (
        ("status", "status"),
        ("contractor_id", "assigned_contractor_id"),
        ("user_id", "assigned_user_id"),
        ("parent_sow_id", "parent_sow_id"),
    ):
        if query.get(key) is not None:
            queryset = queryset.filter(**{lookup: query[key]})
    if query.get("start_date") is not None:
        queryset = queryset.filter(created_at__gte=query["start_date"])
    if query.get("end_date") is not None:
        queryset = queryset.filter(created_at__lte=query["end_date"])
    view = query.get("view_type")
    if view == "parent":
        queryset = queryset.filter(parent_sow__isnull=True)
    elif view == "property":
        queryset = queryset.filter(property__isnull=False)
    elif view == "property_wide":
        queryset = queryset.filter(property__isnull=False, unit__isnull=True)
    elif view == "unit":
        queryset = queryset.filter(property__isnull=False, unit__isnull=False)
    return queryset.select_related("assigned_contractor", "assigned_user", "parent_sow", "property", "unit")


def _sow_forest(roots: list[ScopeOfWork]) -> tuple[dict, dict]:
    """Children of every SOW below ``roots`` (one query per tree level) and their tickets (one
    query): ``({sow_id: [child SOWs]}, {sow_id: [direct tickets]})``."""
    children: dict[UUID, list[ScopeOfWork]] = {}
    frontier = [root.pk for root in roots]
    seen = set(frontier)
    while frontier:
        rows = list(
            ScopeOfWork.objects.unscoped()
            .filter(parent_sow_id__in=frontier)
            .select_related("assigned_contractor", "assigned_user", "property", "unit")
            .order_by("created_at", "id")
        )
        frontier = []
        for row in rows:
            if row.pk in seen:
                continue
            seen.add(row.pk)
            children.setdefault(row.parent_sow_id, []).append(row)
            frontier.append(row.pk)
    tickets: dict[UUID, list[MaintenanceTicket]] = {}
    for ticket in (
        MaintenanceTicket.objects.unscoped()
        .filter(scope_of_work_id__in=seen)
        .select_related("scope_of_work", "assigned_contractor", "assigned_user", "property", "unit")
        .order_by("created_at", "id")
    ):
        tickets.setdefault(ticket.scope_of_work_id, []).append(ticket)
    return children, tickets


def _subtree_tickets(sow_id, children, tickets) -> list[MaintenanceTicket]:
    found = list(tickets.get(sow_id, []))
    for child in children.get(sow_id, []):
        found.extend(_subtree_tickets(child.pk, children, tickets))
    return found


def _org(org) -> dict[str, Any] | None:
    return None if org is None else {"_id": str(org.pk), "name": org.name}


def _sow_ticket(ticket: MaintenanceTicket) -> dict[str, Any]:
    from apps.maintenance.serializers import person_brief, ticket_to_dict

    data = ticket_to_dict(ticket)
    sow = ticket.scope_of_work
    data["scope_of_work"] = (
        {"_id": str(sow.pk), "sow_number": sow.sow_number, "title": sow.title, "status": sow.status}
        if sow
        else None
    )
    data["assigned_contractor"] = _org(ticket.assigned_contractor)
    data["assigned_user"] = person_brief(ticket.assigned_user, "username", "email", "first_name", "last_name")
    return data


def _contractors(tickets: list[MaintenanceTicket]) -> list[dict[str, Any]]:
    seen: dict = {}
    for ticket in tickets:
        if ticket.assigned_contractor_id and ticket.assigned_contractor_id not in seen:
            seen[ticket.assigned_contractor_id] = _org(ticket.assigned_contractor)
    return list(seen.values())


def _sow_base(sow: ScopeOfWork) -> dict[str, Any]:
    from apps.maintenance.serializers import person_brief, sow_to_dict

    data = sow_to_dict(sow)
    data["assigned_contractor"] = _org(sow.assigned_contractor)
    data["assigned_user"] = person_brief(sow.assigned_user, "username", "email", "first_name", "last_name")
    return data


def present_sows(rows: list[ScopeOfWork]) -> list[dict[str, Any]]:
    from apps.maintenance.serializers import sow_to_dict

    children, tickets = _sow_forest(rows)
    items = []
    for sow in rows:
        subtree = _subtree_tickets(sow.pk, children, tickets)
        data = _sow_base(sow)
        data["parent_sow"] = sow_to_dict(sow.parent_sow) if sow.parent_sow_id else None
        data["tickets"] = [_sow_ticket(ticket) for ticket in subtree]
        data["contractors"] = _contractors(subtree)
        items.append(data)
    return items


def sow_detail(sow: ScopeOfWork) -> dict[str, Any]:
    from apps.maintenance.serializers import sow_to_dict

    children, tickets = _sow_forest([sow])

    def node(item: ScopeOfWork) -> dict[str, Any]:
        data = _sow_base(item)
        data["property"] = (
            {"_id": str(item.property.pk), "name": item.property.name, "address": item.property.address}
            if item.property_id
            else None
        )
        data["unit"] = (
            {"_id": str(item.unit.pk), "unit_number": item.unit.unit_number} if item.unit_id else None
        )
        subtree = _subtree_tickets(item.pk, children, tickets)
        data["tickets"] = [_sow_ticket(ticket) for ticket in subtree]
        data["sub_sows"] = [node(child) for child in children.get(item.pk, [])]
        if children.get(item.pk):
            data["contractors"] = _contractors(subtree)
        return data

    data = node(sow)
    data["parent_sow"] = sow_to_dict(sow.parent_sow) if sow.parent_sow_id else None
    return data


# -- figures for the people routes, onboarding and the admin console --------------------------------
def landlord_has_tickets(landlord_id) -> bool:
    return MaintenanceTicket.objects.unscoped().filter(landlord_id=landlord_id).exists()


def open_ticket_count() -> int:
    """Tickets neither DONE nor CLOSED, as the caller may read them (the console: all)."""
    return MaintenanceTicket.objects.exclude(status__in=[TicketStatus.DONE, TicketStatus.CLOSED]).count()


def ticket_count(*, created_since) -> int:
    return MaintenanceTicket.objects.filter(created_at__gte=created_since).count()
