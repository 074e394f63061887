"""The hand-written baseline of ``bench/maintenance_load.py``: ``GET /plain/maintenance/tickets``.

Plain Django function view doing the same database work as ``GET /maintenance/tickets`` for a
landlord: bearer token decoded and the user loaded, count, one page with ``select_related`` of the
populated references, the page's media in one query, JSON built by hand. No DRF, no access rules,
no audit log, no camel-casing. Bench only.
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.http import JsonResponse
from plain_views import _iso, _user

from apps.maintenance.models import MaintenanceTicket
from apps.media.models import Media


def _person(user, *fields):
    if user is None:
        return None
    return {"_id": str(user.pk), **{name: getattr(user, name) for name in fields}}


def tickets(request):
    user = _user(request)
    if user is None:
        return JsonResponse({"statusCode": 401, "message": "Unauthorized"}, status=401)
    page = max(int(request.GET.get("page", 1)), 1)
    limit = min(max(int(request.GET.get("limit", 10)), 1), 100)
    queryset = MaintenanceTicket.objects.unscoped().filter(landlord_id=user.organization_id)
    total = queryset.count()
    rows = list(
        queryset.select_related(
            "property", "unit", "assigned_contractor", "requested_by", "assigned_by", "assigned_user"
        ).order_by("-created_at", "-id")[(page - 1) * limit : page * limit]
    )
    media = defaultdict(list)
    for item in Media.objects.unscoped().filter(
        model_type="MaintenanceTicket", model_id__in=[r.pk for r in rows]
    ):
        media[item.model_id].append({"_id": str(item.pk), "name": item.name, "url": item.url})
    data = []
    for row in rows:
        data.append(
            {
                "_id": str(row.pk),
                "landlord": str(row.landlord_id),
                "property": {"_id": str(row.property_id), "name": row.property.name},
                "unit": {"_id": str(row.unit_id), "unitNumber": row.unit.unit_number, "type": row.unit.type}
                if row.unit_id
                else None,
                "assignedContractor": {
                    "_id": str(row.assigned_contractor_id),
                    "name": row.assigned_contractor.name,
                }
                if row.assigned_contractor_id
                else None,
                "title": row.title,
                "description": row.description,
                "category": row.category,
                "priority": row.priority,
                "status": row.status,
                "requestedBy": _person(row.requested_by, "username", "email"),
                "assignedBy": _person(row.assigned_by, "username", "email"),
                "assignedUser": _person(row.assigned_user, "username", "email", "first_name", "last_name"),
                "ticketNumber": row.ticket_number,
                "requestDate": _iso(row.request_date),
                "createdAt": _iso(row.created_at),
                "updatedAt": _iso(row.updated_at),
                "__v": row.version,
                "media": media.get(row.pk, []),
            }
        )
    pages = math.ceil(total / limit)
    return JsonResponse(
        {
            "data": data,
            "total": total,
            "page": page,
            "limit": limit,
            "totalPages": pages,
            "hasNextPage": page < pages,
            "hasPrevPage": page > 1,
        }
    )
