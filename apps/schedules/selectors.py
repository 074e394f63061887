"""Reads of collection schedules, narrowed by the access scope (landlord or resident tenant)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.core.exceptions import Forbidden, NotFound
from apps.core.ids import parse_id
from apps.core.pagination import search_filter
from apps.core.scope import Principal, UserType
from apps.schedules.models import Schedule

RELATED = ("property", "unit", "created_by")


def schedule_list_queryset(*, principal: Principal, query: dict[str, Any]) -> QuerySet:
    """Landlord users see their landlord's schedules, tenants those of their homes (policies);
    anyone else an empty list (spec 07 section 9)."""
    if principal.user_type not in (UserType.LANDLORD, UserType.TENANT):
        return Schedule.objects.none()
    filters = Q()
    for wire, field in (("property", "property_id"), ("unit", "unit_id"), ("type", "type")):
        if query.get(wire):
            filters &= Q(**{field: query[wire]})
    if query.get("recurrence_frequency"):
        filters &= Q(recurrence_frequency=query["recurrence_frequency"], has_recurrence=True)
    if query.get("start_date"):
        filters &= Q(scheduled_date__gte=query["start_date"])
    if query.get("end_date"):
        filters &= Q(scheduled_date__lte=query["end_date"])
    if query.get("upcoming_only"):
        filters &= Q(scheduled_date__gte=timezone.now())
    text = search_filter(query.get("search"), "description")
    if text is not None:
        filters &= text
    return Schedule.objects.filter(filters).select_related(*RELATED)


def schedule_get(*, principal: Principal, raw_id: Any) -> Schedule:
    """A schedule the caller may read; anything else does not exist for it (404). Users that
    are neither landlord users nor tenants have no schedules (403, spec 07 section 9)."""
    pk = parse_id(raw_id)
    if principal.user_type not in (UserType.LANDLORD, UserType.TENANT):
        raise Forbidden("You do not have access to this schedule")
    schedule = Schedule.objects.select_related(*RELATED).filter(pk=pk).first()
    if schedule is None:
        raise NotFound("Schedule not found")
    return schedule
