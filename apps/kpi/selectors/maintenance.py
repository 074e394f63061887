"""The four maintenance dashboards (spec 06 section 4).

Ticket set T, the main and sub scopes of work M and U, and the closed sets are filters; each
route asks for both periods at once with conditional aggregates. Decisions
(docs/compatibility/kpi.md):

* every average resolution time is the mean over the tickets that have a completion date
  (open question 4; the contractor figure used ``ticketsCompleted`` as the denominator while
  summing over tickets with a completion date);
* ``tenantId`` is a tenant organization (any of its users requested the ticket) or a user id
  (open question 5), and ``creator`` narrows the set further instead of replacing it;
* units are named by their unit number in ``propertyShare`` (open question 9).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum

from apps.core.scope import UserType
from apps.kpi.figures import growth, mean_hours, percent, round2
from apps.kpi.selectors.common import elapsed, month_label, month_of, spanning, within
from apps.kpi.serializers import PORTFOLIO, PROPERTY, UNIT
from apps.maintenance.models import Invoice, InvoiceStatus, MaintenanceTicket, ScopeOfWork, TicketStatus

IN_PROGRESS = (TicketStatus.IN_PROGRESS, TicketStatus.ASSIGNED)
TREND_IN_PROGRESS = (TicketStatus.IN_PROGRESS, TicketStatus.ASSIGNED, TicketStatus.IN_REVIEW)
COMPLETED = (TicketStatus.DONE, TicketStatus.CLOSED)
STILL_OPEN = (TicketStatus.OPEN, TicketStatus.IN_REVIEW, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)
CREATOR_TYPES = {"tenant": UserType.TENANT, "landlord": UserType.LANDLORD}
RESOLVED = Q(completed_date__isnull=False, request_date__isnull=False)
RESOLUTION = elapsed("completed_date", "request_date")


def _place(prefix: str, scope: str, property_id, unit_id) -> Q:
    """The scope condition; through a relation, the related record must be live too."""
    condition = Q(**{f"{prefix}deleted": False}) if prefix else Q()
    if scope == PORTFOLIO:
        return condition & Q(**{f"{prefix}property__deleted": False})
    if scope == PROPERTY and property_id:
        return condition & Q(**{f"{prefix}property_id": property_id})
    if scope == UNIT and unit_id:
        return condition & Q(**{f"{prefix}unit_id": unit_id})
    return condition


def ticket_filter(query: dict[str, Any], prefix: str = "") -> Q:
    """T without its date condition, optionally seen through a relation (``ticket__``)."""
    condition = _place(prefix, query["scope"], query.get("property_id"), query.get("unit_id"))
    if query.get("tenant_id"):
        tenant = query["tenant_id"]
        condition &= Q(**{f"{prefix}requested_by_id": tenant}) | Q(
            **{
                f"{prefix}requested_by__organization_id": tenant,
                f"{prefix}requested_by__user_type": UserType.TENANT,
            }
        )
    if query.get("creator") in CREATOR_TYPES:
        condition &= Q(**{f"{prefix}requested_by__user_type": CREATOR_TYPES[query["creator"]]})
    if query.get("categories"):
        condition &= Q(**{f"{prefix}category__in": query["categories"]})
    if query.get("statuses"):
        condition &= Q(**{f"{prefix}status__in": query["statuses"]})
    if query.get("contractor_id"):
        condition &= Q(**{f"{prefix}assigned_contractor_id": query["contractor_id"]})
    return condition


def sow_filter(query: dict[str, Any], prefix: str = "") -> Q:
    condition = _place(prefix, query["scope"], query.get("property_id"), query.get("unit_id"))
    if query.get("contractor_id"):
        condition &= Q(**{f"{prefix}assigned_contractor_id": query["contractor_id"]})
    return condition


def _windows(query) -> list[tuple[str, Any]]:
    windows = [("current", query["window"])]
    if query.get("previous_window") is not None:
        windows.append(("previous", query["previous_window"]))
    return windows


def _tickets(landlord_id, query) -> Any:
    return MaintenanceTicket.objects.filter(ticket_filter(query), landlord_id=landlord_id)


def _sows(landlord_id, query) -> Any:
    return ScopeOfWork.objects.filter(sow_filter(query), landlord_id=landlord_id)


def _aggregate(queryset, field: str, query, measures: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``measures`` (name -> aggregate factory taking the period's filter) for every period."""
    windows = _windows(query)
    expressions = {
        f"{name}__{period}": factory(within(field, window))
        for period, window in windows
        for name, factory in measures.items()
    }
    values = queryset.filter(spanning(field, *(window for _, window in windows))).aggregate(**expressions)
    return {period: {name: values[f"{name}__{period}"] for name in measures} for period, _ in windows}


def _count(condition: Q | None = None):
    return lambda period: Count("id", filter=period if condition is None else period & condition)


def _hours(condition: Q | None = None):
    condition = RESOLVED if condition is None else RESOLVED & condition
    return lambda period: Sum(RESOLUTION, filter=period & condition)


# -- GET /kpi/maintenance ---------------------------------------------------------------------------
def maintenance_overview(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    tickets = _tickets(landlord_id, query)
    current_window = query["window"]
    periods = _aggregate(
        tickets,
        "request_date",
        query,
        {
            "total": _count(),
            "open": _count(Q(status=TicketStatus.OPEN)),
            "in_progress": _count(Q(status__in=IN_PROGRESS)),
            "closed": _count(Q(status=TicketStatus.CLOSED)),
            "resolved": _count(RESOLVED),
            "hours": _hours(),
        },
    )
    body: dict[str, Any] = {}
    for period, values in periods.items():
        body[period] = {
            "total_tickets": values["total"],
            "open_tickets": values["open"],
            "in_progress_tickets": values["in_progress"],
            "closed_tickets": values["closed"],
            "avg_resolution_time": mean_hours(values["hours"], values["resolved"]),
        }
    if "previous" in periods:
        body["current"]["ticket_growth_rate"] = growth(
            periods["current"]["total"], periods["previous"]["total"]
        )

    in_window = tickets.filter(within("request_date", current_window))
    total = periods["current"]["total"]
    body["category_breakdown"] = [
        {
            "category": row["category"],
            "count": row["count"],
            "percentage": percent(row["count"], total),
            "avg_resolution_time": mean_hours(row["hours"], row["resolved"]),
        }
        for row in in_window.values("category")
        .annotate(
            count=Count("id"), resolved=Count("id", filter=RESOLVED), hours=Sum(RESOLUTION, filter=RESOLVED)
        )
        .order_by("-count", "category")
    ]
    body["status_breakdown"] = [
        {"status": row["status"], "count": row["count"], "percentage": percent(row["count"], total)}
        for row in in_window.values("status").annotate(count=Count("id")).order_by("-count", "status")
    ]
    body["contractor_performance"] = [
        {
            "contractor_id": str(row["assigned_contractor_id"]),
            "contractor_name": row["assigned_contractor__name"] or "Unknown",
            "tickets_assigned": row["assigned"],
            "tickets_completed": row["completed"],
            "avg_resolution_time": mean_hours(row["hours"], row["resolved"]),
            "completion_rate": percent(row["completed"], row["assigned"]),
        }
        for row in in_window.filter(assigned_contractor__isnull=False)
        .values("assigned_contractor_id", "assigned_contractor__name")
        .annotate(
            assigned=Count("id"),
            completed=Count("id", filter=Q(status__in=COMPLETED)),
            resolved=Count("id", filter=RESOLVED),
            hours=Sum(RESOLUTION, filter=RESOLVED),
        )
        .order_by("-assigned", "assigned_contractor__name")
    ]
    body["monthly_trend"] = [
        {
            "month": month_label(row["month"]),
            "opened": row["opened"],
            "closed": row["closed"],
            "in_progress": row["in_progress"],
        }
        for row in in_window.annotate(month=month_of("request_date"))
        .values("month")
        .annotate(
            opened=Count("id"),
            closed=Count("id", filter=Q(status=TicketStatus.CLOSED)),
            in_progress=Count("id", filter=Q(status__in=TREND_IN_PROGRESS)),
        )
        .order_by("month")
    ]
    body["property_share"] = _property_share(in_window, query["scope"], total)
    return body


def _property_share(in_window, scope: str, total: int) -> list[dict[str, Any]]:
    if scope == UNIT:
        return []
    if scope == PORTFOLIO:
        rows = in_window.values("property_id", "property__name").annotate(count=Count("id"))
        key, name, entity_type, unknown = "property_id", "property__name", "property", "Unknown Property"
    else:
        rows = (
            in_window.filter(unit__isnull=False)
            .values("unit_id", "unit__unit_number")
            .annotate(count=Count("id"))
        )
        key, name, entity_type, unknown = "unit_id", "unit__unit_number", "unit", "Unknown Unit"
    return [
        {
            "entity_id": str(row[key]),
            "entity_name": row[name] or unknown,
            "entity_type": entity_type,
            "ticket_count": row["count"],
            "percentage": percent(row["count"], total),
        }
        for row in rows.order_by("-count", name)
    ]


# -- GET /kpi/maintenance/ticket-work-volume ---------------------------------------------------------
def _sow_counts(landlord_id, query) -> dict[str, dict[str, Any]]:
    main, sub = Q(parent_sow__isnull=True), Q(parent_sow__isnull=False)
    sows = _sows(landlord_id, query)
    windows = _windows(query)
    expressions = {}
    for period, window in windows:
        created = within("created_at", window)
        closed = Q(status=TicketStatus.CLOSED) & within("completed_date", window)
        expressions[f"sows__{period}"] = Count("id", filter=created & main)
        expressions[f"closed_sows__{period}"] = Count("id", filter=created & main & closed)
        expressions[f"sub_sows__{period}"] = Count("id", filter=created & sub)
        expressions[f"closed_sub_sows__{period}"] = Count("id", filter=created & sub & closed)
    values = sows.filter(spanning("created_at", *(window for _, window in windows))).aggregate(**expressions)
    names = ("sows", "closed_sows", "sub_sows", "closed_sub_sows")
    return {period: {name: values[f"{name}__{period}"] for name in names} for period, _ in windows}


def ticket_work_volume(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    tickets = _aggregate(
        _tickets(landlord_id, query),
        "request_date",
        query,
        {
            "total": _count(),
            "tenant": _count(Q(requested_by__user_type=UserType.TENANT)),
            "landlord": _count(Q(requested_by__user_type=UserType.LANDLORD)),
            "standalone": _count(Q(scope_of_work__isnull=True)),
            "property_wide": _count(Q(unit__isnull=True)),
        },
    )
    sows = _sow_counts(landlord_id, query)
    body = {}
    for period, values in tickets.items():
        total, counts = values["total"], sows[period]
        body[period] = {
            "total_tickets": total,
            "tickets_by_creator": {
                "tenant_count": values["tenant"],
                "landlord_count": values["landlord"],
                "total": total,
                "tenant_percentage": percent(values["tenant"], total),
                "landlord_percentage": percent(values["landlord"], total),
                "graphical_data": [
                    {"label": "Tenant Created", "value": values["tenant"]},
                    {"label": "Landlord Created", "value": values["landlord"]},
                ],
            },
            "standalone_tickets_count": values["standalone"],
            "standalone_tickets_percentage": percent(values["standalone"], total),
            "property_wide_tickets_count": values["property_wide"],
            "property_wide_tickets_percentage": percent(values["property_wide"], total),
            "total_sows": counts["sows"],
            "closed_sows": counts["closed_sows"],
            "total_sub_sows": counts["sub_sows"],
            "closed_sub_sows": counts["closed_sub_sows"],
            "sub_sows_per_sow": round2(counts["sub_sows"] / counts["sows"]) if counts["sows"] else round2(0),
        }
    return body


# -- GET /kpi/maintenance/cost-invoicing --------------------------------------------------------------
def cost_invoicing(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    closed_tickets = _aggregate(
        _tickets(landlord_id, query),
        "request_date",
        query,
        {
            "closed": lambda period: Count(
                "id", filter=period & Q(status=TicketStatus.CLOSED) & _completed_in(period)
            )
        },
    )
    sows = _sow_counts(landlord_id, query)
    invoices = Invoice.objects.filter(landlord_id=landlord_id)
    ticket_t, sow_m = ticket_filter(query, "ticket__"), sow_filter(query, "scope_of_work__")
    property_wide = Q(ticket__isnull=False, ticket__unit__isnull=True) | Q(
        ticket__isnull=True, scope_of_work__unit__isnull=True
    )
    linked = _linked_place(query)
    sums, counts = {}, {}
    for period, window in _windows(query):
        closed_ticket = within("ticket__request_date", window) & within("ticket__completed_date", window)
        closed_sow = within("scope_of_work__created_at", window) & within(
            "scope_of_work__completed_date", window
        )
        costed = Q(status=InvoiceStatus.CONFIRMED) & (
            (ticket_t & closed_ticket & Q(ticket__status=TicketStatus.CLOSED))
            | (Q(ticket__isnull=True) & sow_m & closed_sow & Q(scope_of_work__status=TicketStatus.CLOSED))
        )
        sums[f"cost__{period}"] = Sum("amount", filter=costed)
        sums[f"property_wide__{period}"] = Sum("amount", filter=costed & property_wide)
        created = within("created_at", window) & linked
        counts[f"draft__{period}"] = Count("id", filter=created & Q(status=InvoiceStatus.DRAFT))
        counts[f"confirmed__{period}"] = Count("id", filter=created & Q(status=InvoiceStatus.CONFIRMED))
    costs = invoices.filter(Q(ticket__isnull=False) | Q(scope_of_work__isnull=False)).aggregate(**sums)
    invoice_counts = invoices.aggregate(**counts)
    body = {}
    for period, _ in _windows(query):
        total = costs[f"cost__{period}"] or 0
        jobs = (
            closed_tickets[period]["closed"] + sows[period]["closed_sows"] + sows[period]["closed_sub_sows"]
        )
        wide = costs[f"property_wide__{period}"] or 0
        body[period] = {
            "total_maintenance_cost": round2(total),
            "closed_jobs_count": jobs,
            "average_cost_per_job": round2(total / jobs) if jobs else round2(0),
            "invoices_pending_confirmation": invoice_counts[f"draft__{period}"],
            "confirmed_invoices": invoice_counts[f"confirmed__{period}"],
            "property_wide_cost_amount": round2(wide),
            "property_wide_cost_share_percentage": percent(wide, total),
        }
    return body


def _linked_place(query) -> Q:
    """Invoices counted by the property/unit of their linked ticket or scope of work; the
    portfolio scope counts every invoice of the landlord (spec 06 section 4.4)."""
    scope, property_id, unit_id = query["scope"], query.get("property_id"), query.get("unit_id")
    if scope == PROPERTY and property_id:
        return Q(ticket__property_id=property_id) | Q(
            ticket__isnull=True, scope_of_work__property_id=property_id
        )
    if scope == UNIT and unit_id:
        return Q(ticket__unit_id=unit_id) | Q(ticket__isnull=True, scope_of_work__unit_id=unit_id)
    return Q()


# -- GET /kpi/maintenance/resolution-completion -------------------------------------------------------
def resolution_completion(*, landlord_id, query: dict[str, Any]) -> dict[str, Any]:
    tickets = _aggregate(
        _tickets(landlord_id, query),
        "request_date",
        query,
        {
            "total": _count(),
            "closed": lambda period: Count(
                "id", filter=period & Q(status__in=COMPLETED) & _completed_in(period)
            ),
            "reopened": _count(Q(completed_date__isnull=False, status__in=STILL_OPEN)),
        },
    )
    sows = _sow_counts(landlord_id, query)
    body = {}
    for period, values in tickets.items():
        counts = sows[period]
        body[period] = {
            "closed_tickets": values["closed"],
            "reopened_tickets_count": values["reopened"],
            "total_tickets_count": values["total"],
            "reopened_tickets_percentage": percent(values["reopened"], values["total"]),
            "sow_completion_rate": percent(counts["closed_sows"], counts["sows"]),
            "closed_sows_count": counts["closed_sows"],
            "total_sows_count": counts["sows"],
            "sub_sow_completion_rate": percent(counts["closed_sub_sows"], counts["sub_sows"]),
            "closed_sub_sows_count": counts["closed_sub_sows"],
            "total_sub_sows_count": counts["sub_sows"],
        }
    return body


def _completed_in(period_filter: Q) -> Q:
    """The period's request-date range, applied to the completion date."""
    lookups = dict(period_filter.children)
    return Q(
        completed_date__gte=lookups["request_date__gte"], completed_date__lte=lookups["request_date__lte"]
    )
