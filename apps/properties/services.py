"""Writes of properties and units (spec 03 section 2 and 3). Every multi-write is atomic."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import IntegrityError

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Conflict, Forbidden, Unprocessable
from apps.core.scope import Principal, UserType
from apps.media.models import Media
from apps.media.services import media_upload_many
from apps.properties import parties
from apps.properties.geocoding import geocode_maps_link
from apps.properties.models import ADDRESS_PARTS, AvailabilityStatus, Property, Unit, UnitType

SEED_TYPE_TO_UNIT_TYPE = {
    "APARTMENT": UnitType.APARTMENT,
    "HOUSE": UnitType.HOUSE,
    "CONDO": UnitType.APARTMENT,
    "COMMERCIAL": UnitType.OFFICE,
}


def landlord_context(principal: Principal) -> UUID:
    """The caller's landlord organization (spec 00 section 10), or 403."""
    if principal.user_type != UserType.LANDLORD:
        raise Forbidden("User is not a landlord")
    if principal.organization_id is None:
        raise Forbidden("User does not have an organization_id")
    return principal.organization_id


def _duplicate_name(name: str) -> Unprocessable:
    return Unprocessable(f"Property name '{name}' already exists in this organization")


def _taken(model, *, exclude: UUID | None = None, **values) -> bool:
    """Whether a live record (deleted ones free their values) already has ``values``."""
    queryset = model.objects.unscoped().filter(**values)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.exists()


def _name_taken(landlord_id: UUID, name: str, *, exclude: UUID | None = None) -> bool:
    return _taken(Property, landlord_id=landlord_id, name=name, exclude=exclude)


def _address_from(data: dict[str, Any]) -> dict[str, Any]:
    return {part: data.get(part) for part in ADDRESS_PARTS}


def property_create(
    *, principal: Principal, data: dict[str, Any], files: list | None = None
) -> tuple[Property, list[Media], list[Unit]]:
    landlord_id = landlord_context(principal)
    name = data["name"]
    if _name_taken(landlord_id, name):
        raise _duplicate_name(name)
    prop = Property(
        landlord_id=landlord_id,
        name=name,
        description=data.get("description") or "",
        property_type=data.get("type"),
    )
    prop.set_address(_address_from(data))
    units: list[Unit] = []
    media = _save_with_media(
        prop,
        principal=principal,
        files=files,
        collection="property_photos",
        duplicate=_duplicate_name(name),
        then=lambda: units.extend(_placeholder_units(prop, data.get("units") or 0)),
    )
    return prop, media, units


def _save_with_media(
    record: Property | Unit,
    *,
    principal: Principal,
    files: list | None,
    collection: str,
    duplicate: Exception,
    then=None,
) -> list[Media]:
    """Save a new property or unit and its uploaded files in one transaction.

    A unique constraint hit by a concurrent request ends in ``duplicate`` (422/400), never a 500.
    """
    try:
        with atomic():
            record.save()
            if then is not None:
                then()
            return media_upload_many(
                uploads=files or [],
                owner_type=type(record).__name__,
                owner_id=record.pk,
                landlord_id=record.landlord_id,
                uploaded_by_id=principal.user_id,
                collection_name=collection,
            )
    except IntegrityError:
        raise duplicate from None


def _placeholder_units(prop: Property, count: int) -> list[Unit]:
    """The seed document's ``"units": N``: N vacant units numbered 1..N, to be completed later."""
    unit_type = SEED_TYPE_TO_UNIT_TYPE.get(prop.property_type or "", UnitType.OTHER)
    units = [
        Unit(
            landlord_id=prop.landlord_id,
            property=prop,
            unit_number=str(number),
            size=0,
            type=unit_type,
        )
        for number in range(1, count + 1)
    ]
    if units:
        Unit.objects.unscoped().bulk_create(units)
    return units


def property_update(*, prop: Property, data: dict[str, Any]) -> Property:
    data = dict(data)
    link = data.pop("google_maps_link", None)
    if link:
        geocoded = geocode_maps_link(link)
        for part in ADDRESS_PARTS:
            if geocoded.get(part) not in (None, "") and part not in data:
                data[part] = geocoded[part]
    name = data.get("name")
    if name is not None and name != prop.name and _name_taken(prop.landlord_id, name, exclude=prop.pk):
        raise _duplicate_name(name)
    changed: list[str] = []
    for field in ("name", "description"):
        if field in data:
            setattr(prop, field, data[field] if data[field] is not None else "")
            changed.append(field)
    _set_address_parts(prop, data, changed)
    _save_changes(prop, changed, duplicate=_duplicate_name(name))
    return prop


def _set_address_parts(record: Property | Unit, data: dict[str, Any], changed: list[str]) -> None:
    """Apply the address parts present in ``data`` (a merge: absent parts are kept)."""
    for part in ADDRESS_PARTS:
        if part in data:
            setattr(record, f"address_{part}", data[part])
            changed.append(f"address_{part}")


def _save_changes(record: Property | Unit, changed: list[str], *, duplicate: Exception) -> None:
    """Save the ``changed`` fields and bump ``__v``; a unique clash is ``duplicate``, never a 500."""
    if not changed:
        return
    record.version += 1
    try:
        with atomic():
            record.save(update_fields=[*dict.fromkeys(changed), "version"])
    except IntegrityError:
        raise duplicate from None


def property_delete(*, prop: Property) -> None:
    active = Unit.objects.unscoped().filter(property_id=prop.pk).count()
    if active:
        raise Conflict(
            f"Cannot delete property. It has {active} active unit(s). Please delete all units first."
        )
    prop.soft_delete()


# -- units --------------------------------------------------------------------------------------
def _duplicate_unit(number: str) -> BadRequest:
    return BadRequest(f"Unit number '{number}' already exists in this property")


def _unit_number_taken(property_id: UUID, number: str, *, exclude: UUID | None = None) -> bool:
    return _taken(Unit, property_id=property_id, unit_number=number, exclude=exclude)


def _given_address(data: dict[str, Any]) -> bool:
    return any(data.get(part) not in (None, "") for part in ADDRESS_PARTS)


def unit_create(
    *, principal: Principal, property_id: UUID, data: dict[str, Any], files: list | None = None
) -> tuple[Unit, list[Media]]:
    landlord_id = landlord_context(principal)
    prop = Property.objects.filter(pk=property_id, landlord_id=landlord_id).first()
    if prop is None:
        raise Unprocessable(f"Property with ID {property_id} not found in your organization")
    number = data["unit_number"]
    if _unit_number_taken(prop.pk, number):
        raise _duplicate_unit(number)
    unit = Unit(
        landlord_id=landlord_id,
        property=prop,
        unit_number=number,
        size=data["size"],
        type=data["type"],
        availability_status=data.get("availability_status") or AvailabilityStatus.VACANT,
        available_for_rent=bool(data.get("available_for_rent")),
        available_from=data.get("available_from"),
        publish_to_marketplace=bool(data.get("publish_to_marketplace")),
        market_rent=data.get("market_rent"),
    )
    if data.get("use_property_address"):
        unit.set_address(prop.address)
    elif _given_address(data):
        unit.set_address(_address_from(data))
    media = _save_with_media(
        unit, principal=principal, files=files, collection="unit_photos", duplicate=_duplicate_unit(number)
    )
    return unit, media


UNIT_SCALARS = (
    "unit_number",
    "size",
    "type",
    "available_for_rent",
    "available_from",
    "publish_to_marketplace",
    "market_rent",
)


def unit_update(*, unit: Unit, data: dict[str, Any]) -> Unit:
    data = dict(data)
    data.pop("google_maps_link", None)
    number = data.get("unit_number")
    if (
        number is not None
        and number != unit.unit_number
        and _unit_number_taken(unit.property_id, number, exclude=unit.pk)
    ):
        raise _duplicate_unit(number)
    if data.get("available_from") is not None:
        lease = parties.call("active_leases_for_units", [unit.pk]).get(unit.pk)
        end = lease.get("end_date") if lease else None
        if end is not None and end > data["available_from"]:
            raise BadRequest(
                f"Cannot set availableFrom date to {data['available_from']:%Y-%m-%d} because the "
                f"unit has an active lease that ends on {end:%Y-%m-%d}. The availableFrom date "
                "must be on or after the lease end date."
            )
    changed: list[str] = []
    for field in UNIT_SCALARS:
        if field in data:
            setattr(unit, field, data[field])
            changed.append(field)
    if data.get("use_property_address"):
        unit.set_address(unit.property.address)
        changed.extend(f"address_{part}" for part in ADDRESS_PARTS)
    else:
        _set_address_parts(unit, data, changed)
    _save_changes(unit, changed, duplicate=_duplicate_unit(number))
    return unit


def unit_delete(*, unit: Unit) -> None:
    occupied = unit.availability_status == AvailabilityStatus.OCCUPIED or bool(
        parties.call("active_leases_for_units", [unit.pk])
    )
    if occupied:
        raise Conflict(
            "Cannot delete unit. Unit is currently occupied. Please ensure the unit is vacant "
            "before deletion."
        )
    unit.soft_delete()
