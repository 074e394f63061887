"""The units list built up one pipeline stage at a time, to see what each stage costs. Bench only.

``GET /stage/<stage>/units?page=&limit=&landlord=`` where ``stage`` is one of :data:`STAGES`, each
adding one thing to the previous:

* ``plain``: the landlord id from the query string, the same queries as the route (count, page ids
  from the covering index, rows by primary key with their property, media, the units' active
  leases), JSON by hand;
* ``auth``: + the bearer token decoded and the user loaded (the landlord comes from the user);
* ``scope``: + the request's access scope entered and the scoped manager (access rules) used;
* ``audit``: + the read audited the way the route audits it (``apps.core.audit``, its writer);
* ``renderer``: + the route's presenter (``selectors.present_units``) and JSON renderer
  (camel-cased keys, DRF's encoder) instead of the hand-built dicts.

The full route (``GET /units``) adds DRF's request handling, throttling, content negotiation, the
route policy check and query validation on top of ``renderer``.
"""

from __future__ import annotations

import time

from django.http import HttpResponse, JsonResponse

from apps.core.pagination import paginate
from apps.core.scope import SYSTEM, Principal, access_scope, enter_scope, leave_scope
from apps.properties import selectors
from apps.properties.models import Unit

STAGES = ("plain", "auth", "scope", "audit", "renderer")


class _View:
    """Just enough of a view for ``audit_http``."""

    kwargs: dict = {}

    @staticmethod
    def audit_action(request) -> str:
        return "UnitsController.findAll"


class _Response:
    status_code = 200

    def __init__(self, data):
        self.data = data


def units(request, stage: str):
    import plain_views

    if stage not in STAGES:
        return JsonResponse({"statusCode": 404}, status=404)
    level = STAGES.index(stage)
    started = time.monotonic()
    page, limit = plain_views._page(request)
    if level == 0:
        landlord_id = request.GET["landlord"]
        user = None
    else:
        user = plain_views._user(request)
        if user is None:
            return JsonResponse({"statusCode": 401}, status=401)
        landlord_id = user.organization_id
    if level >= 2:
        token = enter_scope(Principal.for_user(user))
        try:
            return _scoped(request, user, level, page, limit, started)
        finally:
            leave_scope(token)
    with access_scope(SYSTEM):
        queryset = Unit.objects.unscoped().select_related("property").filter(landlord_id=landlord_id)
        envelope = paginate(
            queryset.order_by("-created_at", "-id"), page=page, limit=limit, serialize=_hand_built
        )
    return JsonResponse(envelope)


def _hand_built(rows):
    import plain_views

    media = plain_views._media("Unit", [row.pk for row in rows])
    leases = plain_views._active_leases([row.pk for row in rows])
    items = []
    for row in rows:
        data = plain_views._unit(row, plain_views._property(row.property))
        if row.pk in leases:
            data["activeLease"] = leases[row.pk]
        data["media"] = media.get(row.pk, [])
        items.append(data)
    return items


def _scoped(request, user, level, page, limit, started):
    queryset = selectors.unit_list_queryset(query={}).order_by("-created_at", "-id")
    serialize = selectors.present_units if level >= 4 else _hand_built
    envelope = paginate(queryset, page=page, limit=limit, serialize=serialize)
    if level >= 3:
        from apps.core.audit import audit_http

        request.user = user
        request.query_params = request.GET
        audit_http(request=request, view=_View(), response=_Response(envelope), started=started)
    if level >= 4:
        from apps.core.renderers import ApiJSONRenderer

        return HttpResponse(ApiJSONRenderer().render(envelope), content_type="application/json")
    return JsonResponse(envelope)
