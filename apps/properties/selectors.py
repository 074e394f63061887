"""Reads of properties and units: scoped, N+1-free (a fixed number of queries per list)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.core.pagination import envelope, search_filter
from apps.core.scope import Principal, UserType
from apps.media.services import media_for_owners
from apps.properties import parties
from apps.properties.models import Availability, AvailabilityStatus, Favorite, Property, Unit
from apps.properties.serializers import media_dicts, property_to_dict, unit_to_dict

PUBLIC_COLLECTIONS = ("property_photos", "unit_photos", "default")


# -- properties ---------------------------------------------------------------------------------
def property_list_queryset(*, principal: Principal, query: dict[str, Any]) -> QuerySet:
    queryset = Property.objects.all()
    if query.get("status") == "INACTIVE":
        return queryset.none()
    if principal.landlord_id is not None:
        queryset = queryset.filter(landlord_id=principal.landlord_id)
    elif query.get("landlord_id"):
        queryset = queryset.filter(landlord_id=query["landlord_id"])
    clause = search_filter(
        query.get("search"),
        "name",
        "description",
        "address_street",
        "address_city",
        "address_state",
        "address_postal_code",
    )
    if clause is not None:
        queryset = queryset.filter(clause)
    for key in ("city", "state"):
        value = (query.get("filters") or {}).get(key)
        if value:
            queryset = queryset.filter(**{f"address_{key}__iexact": value})
    return queryset


def unit_counts(property_ids: list[UUID]) -> dict[UUID, dict[str, int]]:
    """``{property_id: {"total": n, "occupied": m}}`` over live units, in one query."""
    counts: dict[UUID, dict[str, int]] = defaultdict(lambda: {"total": 0, "occupied": 0})
    if not property_ids:
        return counts
    rows = (
        Unit.objects.unscoped()
        .filter(property_id__in=property_ids)
        .values("property_id", "availability_status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        entry = counts[row["property_id"]]
        entry["total"] += row["n"]
        if row["availability_status"] == AvailabilityStatus.OCCUPIED:
            entry["occupied"] += row["n"]
    return counts


def present_properties(rows: list[Property], *, principal: Principal | None = None) -> list[dict[str, Any]]:
    """List items; a property the caller reads only through a favorite shows its photos only."""
    ids = [row.pk for row in rows]
    counts = unit_counts(ids)
    media = media_for_owners("Property", ids)
    private = parties.private_property_ids(principal, ids) if principal is not None and ids else None
    items = []
    for row in rows:
        data = property_to_dict(row)
        entry = counts[row.pk]
        data["unit_count"] = entry["total"]
        data["occupancy_rate"] = entry["occupied"] / entry["total"] * 100 if entry["total"] else 0
        files = media.get(row.pk, [])
        if private is not None and row.pk not in private:
            files = [item for item in files if item.collection_name in PUBLIC_COLLECTIONS]
        data["media"] = media_dicts(files)
        items.append(data)
    return items


def visible_collections(principal: Principal, owner) -> tuple[str, ...] | None:
    """Media collections the caller sees on ``owner``: all, or only the public photos."""
    return None if parties.sees_private_side(principal, owner) else PUBLIC_COLLECTIONS


def property_detail(prop: Property, *, principal: Principal) -> dict[str, Any]:
    data = property_to_dict(prop)
    collections = visible_collections(principal, prop)
    data["media"] = media_dicts(
        media_for_owners("Property", [prop.pk], collections=collections).get(prop.pk, [])
    )
    return data


def property_statistics(prop: Property) -> dict[str, Any]:
    units = list(Unit.objects.unscoped().filter(property_id=prop.pk).values_list("id", "availability_status"))
    stats = _occupancy(units)
    total, occupied = stats["total_units"], stats["occupied_units"]
    return {
        "property_id": str(prop.pk),
        "total_units": total,
        "occupied_units": occupied,
        "total_monthly_revenue": stats["total_monthly_revenue"],
        "occupancy_rate": round(occupied / total * 100) if total else 0,
    }


def _occupancy(units: list[tuple[UUID, str]]) -> dict[str, Any]:
    occupied_ids = [pk for pk, status in units if status == AvailabilityStatus.OCCUPIED]
    leases = parties.call("active_leases_for_units", occupied_ids) if occupied_ids else {}
    revenue = sum(float(lease.get("rent_amount") or 0) for lease in leases.values())
    return {
        "total_units": len(units),
        "occupied_units": len(occupied_ids),
        "available_units": sum(1 for _, status in units if status == AvailabilityStatus.VACANT),
        "total_monthly_revenue": revenue,
    }


def units_overview(*, principal: Principal) -> dict[str, Any]:
    """Occupancy of the caller's units: a landlord's portfolio, the units a tenant leases or a
    contractor works on (never the listings a tenant merely favorites)."""
    queryset = Unit.objects.all()
    private = parties.private_unit_ids(principal)
    if private is not None:
        queryset = queryset.filter(id__in=list(private))
    units = list(queryset.values_list("id", "availability_status"))
    stats = _occupancy(units)
    total = stats["total_units"]
    stats["occupancy_rate"] = round(stats["occupied_units"] / total * 100, 1) if total else 0
    return stats


def unit_statistics(unit: Unit) -> dict[str, Any]:
    payments = parties.call("unit_payment_stats", unit) or {}
    return {
        "unit_id": str(unit.pk),
        "ytd_revenue": payments.get("ytd_revenue", 0),
        "maintenance_requests_count": parties.call("maintenance_request_count", unit),
        "current_balance": payments.get("current_balance", 0),
        "last_payment_date": payments.get("last_payment_date"),
        "next_payment_due": payments.get("next_payment_due"),
    }


# -- units --------------------------------------------------------------------------------------
def unit_list_queryset(*, query: dict[str, Any], property_id: UUID | None = None) -> QuerySet:
    queryset = Unit.objects.select_related("property")
    property_id = property_id or query.get("property_id")
    if property_id:
        queryset = queryset.filter(property_id=property_id)
    clause = search_filter(query.get("search"), "unit_number")
    if clause is not None:
        queryset = queryset.filter(clause)
    for key in ("type", "availability_status", "publish_to_marketplace"):
        if query.get(key) is not None:
            queryset = queryset.filter(**{key: query[key]})
    if query.get("min_size") is not None:
        queryset = queryset.filter(size__gte=query["min_size"])
    if query.get("max_size") is not None:
        queryset = queryset.filter(size__lte=query["max_size"])
    return queryset


def present_units(
    rows: list[Unit],
    *,
    leases: dict | None = None,
    with_lease: bool = True,
    collections: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """Units with their property object, media and (landlord view) active lease."""
    ids = [row.pk for row in rows]
    media = media_for_owners("Unit", ids, collections=collections)
    if with_lease and leases is None:
        leases = parties.call("active_leases_for_units", ids) if ids else {}
    items = []
    for row in rows:
        prop = row.property if not row.property.deleted else None
        data = unit_to_dict(row, property_data=property_to_dict(prop) if prop else None)
        if prop is None:
            data.pop("property")
        if with_lease and leases and row.pk in leases:
            data["active_lease"] = leases[row.pk]
        data["media"] = media_dicts(media.get(row.pk, []))
        items.append(data)
    return items


def unit_detail(unit: Unit, *, principal: Principal) -> dict[str, Any]:
    """One unit; tenants see only their own lease, a favorite-only reader only the public side."""
    if principal.user_type in (UserType.TENANT, UserType.CONTRACTOR):
        private = parties.sees_private_side(principal, unit)
        leases = {}
        if private and principal.user_type == UserType.TENANT:
            leases = parties.call("tenant_active_leases_for_units", [unit.pk], principal.tenant_org_id)
        return present_units([unit], leases=leases, collections=None if private else PUBLIC_COLLECTIONS)[0]
    return present_units([unit])[0]


def flat_envelope(items: list[Any]) -> dict[str, Any]:
    """The non-paginated envelope of the tenant and contractor unit lists."""
    data = envelope(items, total=len(items), page=1, limit=max(len(items), 1))
    data["limit"] = len(items)
    return data


def party_units(*, principal: Principal, property_id: UUID | None = None) -> dict[str, Any]:
    """``GET /units`` for tenants (their leased units) and contractors (units of their tickets)."""
    if principal.user_type == UserType.TENANT:
        ids = set(parties.call("tenant_leased_unit_ids", principal.tenant_org_id))
    else:
        ids = parties.contractor_unit_ids(principal)
    queryset = Unit.objects.unscoped().select_related("property").filter(id__in=list(ids))
    if property_id:
        queryset = queryset.filter(property_id=property_id)
    rows = list(queryset.order_by("-created_at", "-id")) if ids else []
    if principal.user_type == UserType.TENANT:
        leases = (
            parties.call("tenant_active_leases_for_units", [row.pk for row in rows], principal.tenant_org_id)
            if rows
            else {}
        )
        items = present_units(rows, leases=leases)
    else:
        items = present_units(rows, with_lease=False)
    return flat_envelope(items)


# -- marketplace --------------------------------------------------------------------------------
def marketplace_queryset(query: dict[str, Any]) -> QuerySet:
    """Published, live units of live properties, minus units under an ACTIVE lease.

    Public: reads through ``unscoped()`` on purpose, narrowed to published units only.
    """
    queryset = (
        Unit.objects.unscoped()
        .select_related("property")
        .filter(publish_to_marketplace=True, property__deleted=False)
    )
    leased = parties.call("units_with_active_lease")
    if leased:
        queryset = queryset.exclude(id__in=leased)
    search = query.get("search")
    if search:
        queryset = queryset.filter(
            Q(unit_number__icontains=search)
            | Q(property__name__icontains=search)
            | Q(address_city__icontains=search)
        )
    if query.get("type"):
        queryset = queryset.filter(type=query["type"])
    if query.get("min_rent") is not None:
        queryset = queryset.filter(market_rent__gte=query["min_rent"])
    if query.get("max_rent") is not None:
        queryset = queryset.filter(market_rent__lte=query["max_rent"])
    if query.get("country_code"):
        queryset = queryset.filter(address_country_code=query["country_code"].strip().upper())
    elif query.get("country"):
        queryset = queryset.filter(address_country__icontains=query["country"])
    if query.get("city"):
        queryset = queryset.filter(address_city=query["city"])
    if query.get("recently_added"):
        queryset = queryset.filter(created_at__gte=timezone.now() - timedelta(days=30))
    if query.get("landlord"):
        queryset = queryset.filter(landlord_id=query["landlord"])
    if query.get("available_for_visits") is True:
        slotted = Availability.objects.unscoped().filter(is_active=True, unit__isnull=False).values("unit_id")
        queryset = queryset.filter(id__in=slotted)
    return queryset.order_by("-created_at", "-id")


def present_marketplace(rows: list[Unit], *, principal: Principal, with_slots: bool) -> list[dict[str, Any]]:
    """Public listing: photos only (documents stay private), no lease or tenant data."""
    unit_ids = [row.pk for row in rows]
    property_ids = list({row.property_id for row in rows})
    unit_media = media_for_owners("Unit", unit_ids, collections=PUBLIC_COLLECTIONS)
    property_media = media_for_owners("Property", property_ids, collections=PUBLIC_COLLECTIONS)
    favorites: set[UUID] = set()
    if principal.user_id is not None and unit_ids:
        favorites = set(
            Favorite.objects.unscoped()
            .filter(user_id=principal.user_id, unit_id__in=unit_ids)
            .values_list("unit_id", flat=True)
        )
    slots: dict[UUID, dict] = {}
    if with_slots and unit_ids:
        from apps.properties.availability import slot_to_public_dict

        for slot in (
            Availability.objects.unscoped()
            .filter(is_active=True, unit_id__in=unit_ids)
            .order_by("created_at", "id")
        ):
            slots.setdefault(slot.unit_id, slot_to_public_dict(slot))
    property_cache: dict[UUID, dict] = {}
    items = []
    for row in rows:
        if row.property_id not in property_cache:
            prop = property_to_dict(row.property)
            prop["media"] = media_dicts(property_media.get(row.property_id, []))
            property_cache[row.property_id] = prop
        data = unit_to_dict(row, property_data=property_cache[row.property_id])
        data["media"] = media_dicts(unit_media.get(row.pk, []))
        data["is_favorited"] = row.pk in favorites
        data["active_lease"] = []
        if with_slots:
            data["availability_slots"] = [slots[row.pk]] if row.pk in slots else []
        items.append(data)
    return items


def marketplace_cities(country_code: str | None) -> list[str]:
    queryset = (
        Unit.objects.unscoped()
        .filter(publish_to_marketplace=True, property__deleted=False, address_city__isnull=False)
        .exclude(address_city="")
    )
    if country_code:
        queryset = queryset.filter(address_country_code=country_code.strip().upper())
    cities = set(queryset.values_list("address_city", flat=True).distinct())
    return sorted(cities, key=lambda city: (city.casefold(), city))


# -- figures other apps show (onboarding, the admin console): scoped reads, one query each --------


def landlord_has_properties(landlord_id: UUID) -> bool:
    return Property.objects.filter(landlord_id=landlord_id).exists()


def landlord_has_units(landlord_id: UUID) -> bool:
    return Unit.objects.filter(landlord_id=landlord_id).exists()


def property_name(property_id: UUID) -> str | None:
    """The name of a property the caller may read; ``None`` for any other id."""
    return Property.objects.filter(pk=property_id).values_list("name", flat=True).first()


def unit_label(unit_id: UUID) -> str | None:
    """The unit number of a unit the caller may read; ``None`` for any other id."""
    return Unit.objects.filter(pk=unit_id).values_list("unit_number", flat=True).first() or None


def property_count(*, landlord_id: UUID | None = None, created_since=None) -> int:
    queryset = Property.objects.all()
    if landlord_id is not None:
        queryset = queryset.filter(landlord_id=landlord_id)
    if created_since is not None:
        queryset = queryset.filter(created_at__gte=created_since)
    return queryset.count()


def unit_count() -> int:
    return Unit.objects.count()


def property_counts_by_landlord(landlord_ids: list[UUID]) -> dict[UUID, int]:
    """``{landlord id: property count}`` in one grouped query."""
    if not landlord_ids:
        return {}
    rows = (
        Property.objects.filter(landlord_id__in=list(landlord_ids))
        .values("landlord_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {row["landlord_id"]: row["total"] for row in rows}
