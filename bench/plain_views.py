"""Hand-written plain Django views doing the same database work as the API's views.

They are the baseline of ``bench/properties_load.py``: bearer-token authentication (decode + load
the user), the same queries (count, page, unit counts, media, the units' active leases;
select_related property; published units), JSON built by hand. No DRF, no access rules, no audit log, no camel-casing. Bench only.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict

import jwt
from django.conf import settings
from django.db.models import Count
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from apps.accounts.models import User
from apps.core.scope import SYSTEM, access_scope
from apps.media.models import Media
from apps.properties.models import Property, Unit


def _user(request):
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    try:
        claims = jwt.decode(header[7:], settings.SIMPLE_JWT["SIGNING_KEY"], algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    return User.objects.unscoped().filter(pk=claims.get("sub")).first()


def _iso(value):
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z" if value else None


def _address(row):
    return {
        "street": row.address_street,
        "city": row.address_city,
        "state": row.address_state,
        "postalCode": row.address_postal_code,
        "country": row.address_country,
        "countryCode": row.address_country_code,
        "latitude": row.address_latitude,
        "longitude": row.address_longitude,
    }


def _property(row):
    return {
        "_id": str(row.pk),
        "landlord": str(row.landlord_id),
        "name": row.name,
        "address": _address(row),
        "description": row.description,
        "deleted": row.deleted,
        "createdAt": _iso(row.created_at),
        "updatedAt": _iso(row.updated_at),
        "__v": row.version,
    }


def _unit(row, prop):
    return {
        "_id": str(row.pk),
        "landlord": str(row.landlord_id),
        "property": prop,
        "unitNumber": row.unit_number,
        "size": row.size,
        "type": row.type,
        "availabilityStatus": row.availability_status,
        "address": _address(row) if row.address_city is not None else None,
        "availableForRent": row.available_for_rent,
        "availableFrom": _iso(row.available_from),
        "publishToMarketplace": row.publish_to_marketplace,
        "marketRent": row.market_rent,
        "deleted": row.deleted,
        "createdAt": _iso(row.created_at),
        "updatedAt": _iso(row.updated_at),
        "__v": row.version,
    }


def _media(model_type, ids):
    grouped = defaultdict(list)
    for media in Media.objects.unscoped().filter(model_type=model_type, model_id__in=ids):
        grouped[media.model_id].append({"_id": str(media.pk), "name": media.name})
    return grouped


def _active_leases(unit_ids):
    """The units' ACTIVE leases with their tenant's name: the route's ``activeLease`` (one query)."""
    from apps.leases.models import Lease

    rows = (
        Lease.objects.unscoped()
        .filter(status="ACTIVE", unit_id__in=unit_ids)
        .order_by("created_at")
        .values(
            "pk", "unit_id", "rent_amount", "start_date", "end_date", "status", "tenant_id", "tenant__name"
        )
    )
    return {
        row["unit_id"]: {
            "_id": str(row["pk"]),
            "rentAmount": float(row["rent_amount"]),
            "startDate": _iso(row["start_date"]),
            "endDate": _iso(row["end_date"]),
            "status": row["status"],
            "tenant": {"_id": str(row["tenant_id"]), "name": row["tenant__name"]},
        }
        for row in rows
    }


def _page(request):
    page = max(int(request.GET.get("page", 1)), 1)
    limit = max(int(request.GET.get("limit", 10)), 1)
    return page, limit


def _envelope(items, total, page, limit):
    pages = math.ceil(total / limit)
    return {
        "data": items,
        "total": total,
        "page": page,
        "limit": limit,
        "totalPages": pages,
        "hasNextPage": page < pages,
        "hasPrevPage": page > 1,
    }


@csrf_exempt
def properties(request):
    user = _user(request)
    if user is None:
        return JsonResponse({"statusCode": 401}, status=401)
    with access_scope(SYSTEM):
        if request.method == "POST":
            return _create_property(request, user)
        page, limit = _page(request)
        queryset = Property.objects.unscoped().filter(landlord_id=user.organization_id)
        total = queryset.count()
        rows = list(queryset.order_by("-created_at", "-id")[(page - 1) * limit : page * limit])
        ids = [row.pk for row in rows]
        counts = defaultdict(lambda: [0, 0])
        for entry in (
            Unit.objects.unscoped()
            .filter(property_id__in=ids)
            .values("property_id", "availability_status")
            .annotate(n=Count("id"))
            .order_by()
        ):
            counts[entry["property_id"]][0] += entry["n"]
            if entry["availability_status"] == "OCCUPIED":
                counts[entry["property_id"]][1] += entry["n"]
        media = _media("Property", ids)
        items = []
        for row in rows:
            data = _property(row)
            total_units, occupied = counts[row.pk]
            data["unitCount"] = total_units
            data["occupancyRate"] = occupied / total_units * 100 if total_units else 0
            data["media"] = media.get(row.pk, [])
            items.append(data)
        return JsonResponse(_envelope(items, total, page, limit))


def _create_property(request, user):
    body = json.loads(request.body or b"{}")
    name = str(body.get("name", "")).strip()
    if not name or not all(body.get(key) for key in ("street", "city", "state", "country")):
        return JsonResponse({"statusCode": 400}, status=400)
    if Property.objects.unscoped().filter(landlord_id=user.organization_id, name=name).exists():
        return JsonResponse({"statusCode": 422}, status=422)
    prop = Property(landlord_id=user.organization_id, name=name, description=body.get("description", ""))
    prop.set_address(
        {
            key: body.get(camel)
            for key, camel in (
                ("street", "street"),
                ("city", "city"),
                ("state", "state"),
                ("postal_code", "postalCode"),
                ("country", "country"),
                ("country_code", "countryCode"),
            )
        }
    )
    prop.save()
    return JsonResponse(
        {"success": True, "data": {"property": _property(prop)}, "message": "Property created successfully"},
        status=201,
    )


def units(request):
    user = _user(request)
    if user is None:
        return JsonResponse({"statusCode": 401}, status=401)
    with access_scope(SYSTEM):
        page, limit = _page(request)
        queryset = Unit.objects.unscoped().select_related("property").filter(landlord_id=user.organization_id)
        total = queryset.count()
        rows = list(queryset.order_by("-created_at", "-id")[(page - 1) * limit : page * limit])
        media = _media("Unit", [row.pk for row in rows])
        leases = _active_leases([row.pk for row in rows])
        items = []
        for row in rows:
            data = _unit(row, _property(row.property))
            if row.pk in leases:
                data["activeLease"] = leases[row.pk]
            data["media"] = media.get(row.pk, [])
            items.append(data)
        return JsonResponse(_envelope(items, total, page, limit))


def marketplace(request):
    with access_scope(SYSTEM):
        rows = list(
            Unit.objects.unscoped()
            .select_related("property")
            .filter(publish_to_marketplace=True, property__deleted=False)
            .order_by("-created_at", "-id")
        )
        unit_media = _media("Unit", [row.pk for row in rows])
        property_media = _media("Property", list({row.property_id for row in rows}))
        items = []
        for row in rows:
            prop = _property(row.property)
            prop["media"] = property_media.get(row.property_id, [])
            data = _unit(row, prop)
            data.update(media=unit_media.get(row.pk, []), isFavorited=False, activeLease=[])
            items.append(data)
        return JsonResponse({"success": True, "data": items, "total": len(items)})
