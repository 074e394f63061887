"""Request shapes (input serializers) and response shapes (presenters) of properties and units.

Presenters build plain dicts with snake_case keys; the renderer camel-cases them. They never query:
callers hand in what they fetched in bulk (property objects, media lists, leases).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.pagination import MAX_LIMIT, MAX_PAGE, ListQuery
from apps.core.schema import documented
from apps.core.serializers import InputSerializer, iso
from apps.media.services import media_to_dict
from apps.properties.models import ADDRESS_PARTS, AvailabilityStatus, Property, Unit, UnitType

MAX_PAGE_SIZE = 1000
SEED_PROPERTY_TYPES = ("APARTMENT", "HOUSE", "CONDO", "COMMERCIAL")


@extend_schema_field(OpenApiTypes.BOOL)
class LooseBooleanField(serializers.Field):
    """Multipart-friendly boolean: ``true`` / ``"true"`` (any case) is true, anything else false."""

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        return isinstance(data, str) and data.strip().lower() == "true"

    def to_representation(self, value):
        return bool(value)


@extend_schema_field(OpenApiTypes.BOOL)
class QueryBooleanField(serializers.Field):
    """A query-string boolean: ``true`` or ``false`` (case-insensitive)."""

    default_error_messages = {"invalid": "must be a boolean value"}

    def to_internal_value(self, data):
        text = str(data).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        self.fail("invalid")

    def to_representation(self, value):
        return value


def trimmed(**kwargs) -> serializers.CharField:
    return serializers.CharField(trim_whitespace=True, **kwargs)


class AddressPartsMixin(serializers.Serializer):
    street = trimmed(required=False, max_length=256)
    city = trimmed(required=False, max_length=128)
    state = trimmed(required=False, max_length=128)
    postal_code = trimmed(required=False, allow_blank=True, max_length=32)
    country = trimmed(required=False, max_length=128)
    country_code = trimmed(required=False, allow_blank=True, max_length=8)
    latitude = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180)
    google_maps_link = serializers.CharField(required=False, allow_blank=True, max_length=2048)


class CoordinatesInput(InputSerializer):
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lng = serializers.FloatField(min_value=-180, max_value=180)


class SeedAddressInput(InputSerializer):
    """The nested address of the seed document's example (``zipCode`` is the postal code)."""

    street = trimmed(max_length=256)
    city = trimmed(max_length=128)
    state = trimmed(max_length=128)
    zip_code = trimmed(required=False, allow_blank=True, max_length=32)
    postal_code = trimmed(required=False, allow_blank=True, max_length=32)
    country = trimmed(required=False, allow_blank=True, max_length=128)
    country_code = trimmed(required=False, allow_blank=True, max_length=8)
    latitude = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180)
    coordinates = CoordinatesInput(required=False)


class SeedAddressPatchInput(SeedAddressInput):
    def get_fields(self):
        fields = super().get_fields()
        for name in ("street", "city", "state"):
            fields[name].required = False
        return fields


def _clean_country_code(value: str | None) -> str | None:
    return value.strip().upper() or None if isinstance(value, str) else None


def merge_seed_address(attrs: dict, nested: dict) -> dict:
    """Flatten the seed document's nested ``address`` into the spec's flat fields (flat wins)."""
    coordinates = nested.get("coordinates") or {}
    flat = {
        "street": nested.get("street"),
        "city": nested.get("city"),
        "state": nested.get("state"),
        "country": nested.get("country"),
        "postal_code": nested.get("postal_code") or nested.get("zip_code"),
        "country_code": nested.get("country_code"),
        "latitude": nested.get("latitude", coordinates.get("lat")),
        "longitude": nested.get("longitude", coordinates.get("lng")),
    }
    for part, value in flat.items():
        if value is not None:
            attrs.setdefault(part, value)
    return attrs


class PropertyCreateInput(AddressPartsMixin, InputSerializer):
    #: the flat address parts, or the seed document's nested ``address``
    openapi_schema = {
        "anyOf": [{"required": ["street", "city", "state", "country"]}, {"required": ["address"]}]
    }

    name = trimmed(max_length=128)
    description = trimmed(required=False, allow_blank=True, max_length=1024)
    address = SeedAddressInput(required=False)
    type = serializers.ChoiceField(choices=SEED_PROPERTY_TYPES, required=False)
    units = serializers.IntegerField(required=False, min_value=0, max_value=500)

    def validate(self, attrs):
        nested = attrs.pop("address", None)
        if nested is not None:
            merge_seed_address(attrs, nested)
            attrs.setdefault("country", "")
        else:
            missing = [part for part in ("street", "city", "state", "country") if not attrs.get(part)]
            if missing:
                raise serializers.ValidationError({part: ["should not be empty"] for part in missing})
        attrs["country_code"] = _clean_country_code(attrs.get("country_code"))
        return attrs


class PropertyUpdateInput(AddressPartsMixin, InputSerializer):
    name = trimmed(required=False, max_length=128)
    description = trimmed(required=False, allow_blank=True, max_length=1024)
    address = SeedAddressPatchInput(required=False)

    def validate(self, attrs):
        nested = attrs.pop("address", None)
        if nested is not None:
            merge_seed_address(attrs, nested)
        if "country_code" in attrs:
            attrs["country_code"] = _clean_country_code(attrs["country_code"])
        return attrs


class ExtractAddressInput(serializers.Serializer):
    """Not whitelisted in the original: other keys are ignored."""

    google_maps_link = serializers.CharField(required=False, allow_blank=True)


class UnitWriteInput(AddressPartsMixin, InputSerializer):
    unit_number = trimmed(max_length=32)
    size = serializers.FloatField(min_value=0)
    type = serializers.ChoiceField(choices=UnitType.values)
    availability_status = serializers.ChoiceField(choices=AvailabilityStatus.values, required=False)
    property_id = serializers.CharField(required=False, allow_blank=True)
    use_property_address = LooseBooleanField(required=False)
    available_for_rent = LooseBooleanField(required=False)
    available_from = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Required when availableForRent is true."
    )
    publish_to_marketplace = LooseBooleanField(required=False)
    market_rent = serializers.FloatField(
        required=False, allow_null=True, min_value=0, help_text="Required when publishToMarketplace is true."
    )

    def validate(self, attrs):
        attrs.pop("property_id", None)
        if attrs.get("available_for_rent") and not attrs.get("available_from"):
            raise serializers.ValidationError("availableFrom is required when availableForRent is true")
        if attrs.get("publish_to_marketplace") and attrs.get("market_rent") is None:
            raise serializers.ValidationError("marketRent is required when publishToMarketplace is true")
        if "country_code" in attrs:
            attrs["country_code"] = _clean_country_code(attrs["country_code"])
        return attrs


class UnitUpdateInput(UnitWriteInput):
    """Partial; ``availabilityStatus`` is driven by leases, not by this route."""

    openapi_schema = {"minProperties": 1}  # "Update data cannot be empty"

    def get_fields(self):
        fields = super().get_fields()
        fields.pop("availability_status")
        fields.pop("property_id")
        for name in ("unit_number", "size", "type"):
            fields[name].required = False
        return fields


def _limit(value: int) -> int:
    return min(value, MAX_PAGE_SIZE)


class PropertyListQuery(ListQuery):
    limit = serializers.IntegerField(required=False, default=10, min_value=1)
    landlord_id = serializers.UUIDField(required=False)
    #: the seed document's ``status`` filter: listed properties are ACTIVE, deleted ones never listed
    status = serializers.ChoiceField(choices=["ACTIVE", "INACTIVE"], required=False)
    sort_order = documented(
        serializers.CharField(required=False, default="desc", max_length=8),
        enum=["asc", "desc", "ASC", "DESC"],
    )
    sortable = {
        "name": "name",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "address.city": "address_city",
        "address.state": "address_state",
    }

    def validate_limit(self, value):
        return _limit(value)

    def validate_sort_order(self, value):
        if value.lower() not in ("asc", "desc"):
            raise serializers.ValidationError("must be one of the following values: asc, desc")
        return value.lower()


class UnitListQuery(PropertyListQuery):
    type = serializers.ChoiceField(choices=UnitType.values, required=False)
    availability_status = serializers.ChoiceField(choices=AvailabilityStatus.values, required=False)
    property_id = serializers.UUIDField(required=False)
    publish_to_marketplace = QueryBooleanField(required=False)
    min_size = serializers.FloatField(required=False, min_value=0)
    max_size = serializers.FloatField(required=False, min_value=0)
    sortable = {
        "unitNumber": "unit_number",
        "size": "size",
        "type": "type",
        "availabilityStatus": "availability_status",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
    }

    def get_fields(self):
        fields = super().get_fields()
        fields.pop("landlord_id")
        fields.pop("status")
        return fields


#: units per marketplace page unless ``limit`` says otherwise
MARKETPLACE_LIMIT = 20


class MarketplaceQuery(InputSerializer):
    """The public listing's filters, and its pages (the original returned every unit at once)."""

    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE)
    limit = serializers.IntegerField(
        required=False, default=MARKETPLACE_LIMIT, min_value=1, max_value=MAX_LIMIT
    )
    search = serializers.CharField(required=False, allow_blank=True, max_length=200)
    type = serializers.ChoiceField(choices=UnitType.values, required=False)
    min_rent = serializers.FloatField(required=False, min_value=0)
    max_rent = serializers.FloatField(required=False, min_value=0)
    country_code = serializers.CharField(required=False, allow_blank=True, max_length=8)
    country = serializers.CharField(required=False, allow_blank=True, max_length=128)
    city = serializers.CharField(required=False, allow_blank=True, max_length=128)
    available_for_visits = QueryBooleanField(required=False)
    recently_added = QueryBooleanField(required=False)
    landlord = serializers.UUIDField(required=False)


class CitiesQuery(InputSerializer):
    country_code = serializers.CharField(required=False, allow_blank=True, max_length=8)


class MediaListQuery(InputSerializer):
    media_type = serializers.ChoiceField(
        choices=["image", "document", "video", "audio", "other"], required=False
    )
    collection_name = serializers.CharField(required=False, max_length=64)


class MediaUploadInput(InputSerializer):
    file = serializers.FileField(required=False, allow_empty_file=True)
    media_type = serializers.CharField(required=False, allow_blank=True)
    name = serializers.CharField(required=False, allow_blank=True)
    collection_name = serializers.RegexField(
        r"^[A-Za-z0-9_-]*$",
        required=False,
        allow_blank=True,
        max_length=64,
        error_messages={"invalid": "must contain only letters, digits, '-' and '_'"},
    )


# -- presenters ---------------------------------------------------------------------------------
def property_to_dict(prop: Property) -> dict[str, Any]:
    data: dict[str, Any] = {
        "_id": str(prop.pk),
        "landlord": str(prop.landlord_id),
        "name": prop.name,
        "address": prop.address or dict.fromkeys(ADDRESS_PARTS),
        "description": prop.description,
    }
    if prop.property_type:
        data["type"] = prop.property_type
    data.update(
        {
            "deleted": prop.deleted,
            "created_at": iso(prop.created_at),
            "updated_at": iso(prop.updated_at),
            "__v": prop.version,
        }
    )
    return data


def unit_to_dict(unit: Unit, *, property_data: Any = None) -> dict[str, Any]:
    return {
        "_id": str(unit.pk),
        "landlord": str(unit.landlord_id),
        "property": property_data if property_data is not None else str(unit.property_id),
        "unit_number": unit.unit_number,
        "size": unit.size,
        "type": unit.type,
        "availability_status": unit.availability_status,
        "address": unit.address,
        "available_for_rent": unit.available_for_rent,
        "available_from": iso(unit.available_from),
        "publish_to_marketplace": unit.publish_to_marketplace,
        "market_rent": unit.market_rent,
        "deleted": unit.deleted,
        "created_at": iso(unit.created_at),
        "updated_at": iso(unit.updated_at),
        "__v": unit.version,
    }


def media_dicts(items, *, with_url: bool = True) -> list[dict[str, Any]]:
    return [media_to_dict(item, with_url=with_url) for item in items]
