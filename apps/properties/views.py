"""Property and unit routes (spec 03 sections 2 and 3). Views parse, call, serialize."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core import access
from apps.core.exceptions import AccessDenied, BadRequest, Forbidden, NotFound
from apps.core.pagination import paginate
from apps.core.schema import doc
from apps.core.scope import UserType
from apps.core.sniffing import PHOTO_AND_DOCUMENT_TYPES
from apps.core.views import ApiView, parse_id
from apps.media import storage
from apps.media.models import Media
from apps.media.services import media_delete, media_for_owners, media_to_dict, media_upload
from apps.properties import parties, selectors, services
from apps.properties.geocoding import geocode_maps_link
from apps.properties.models import Property, Unit
from apps.properties.serializers import (
    CitiesQuery,
    ExtractAddressInput,
    MarketplaceQuery,
    MediaListQuery,
    MediaUploadInput,
    PropertyCreateInput,
    PropertyListQuery,
    PropertyUpdateInput,
    UnitListQuery,
    UnitUpdateInput,
    UnitWriteInput,
    media_dicts,
    property_to_dict,
    unit_to_dict,
)

FILTER_KEYS = ("filters[city]", "filters[state]")


def request_body(request) -> tuple[dict, list]:
    """The body as a plain dict (last value of each form key) and the uploaded ``media_files``."""
    data = request.data
    files = []
    if hasattr(request, "FILES") and request.FILES:
        files = request.FILES.getlist("media_files")
    if hasattr(data, "lists"):
        plain = {key: values[-1] for key, values in data.lists() if key != "media_files"}
    elif isinstance(data, dict):
        plain = {key: value for key, value in data.items() if key != "media_files"}
    else:
        plain = {}
    return plain, files


class BodyMixin:
    """Validation of a body already split from its files (JSON or multipart)."""

    def parse_plain_body(self, serializer_class, data: dict):
        serializer = serializer_class(data=data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _query(view: ApiView, serializer_class):
    """Query parameters as a dict; ``filters[city]``/``filters[state]`` become ``filters``."""
    params = view.request.query_params.dict()
    filters = {key[8:-1]: params.pop(key) for key in FILTER_KEYS if key in params}
    serializer = serializer_class(data=params)
    serializer.is_valid(raise_exception=True)
    return serializer, {**serializer.validated_data, "filters": filters}


class PropertyMixin:
    def get_property(self, pk, action: str | None = None) -> Property:
        return self.load(Property, pk, action=action, not_found=f"Property with ID {pk} not found")

    def get_unit(self, pk, action: str | None = None) -> Unit:
        return self.load(
            Unit.objects.select_related("property"),
            pk,
            action=action,
            not_found=f"Unit with ID {pk} not found",
        )


# -- properties ---------------------------------------------------------------------------------
class ExtractAddressView(ApiView):
    policies = {"POST": [("create", "Property")]}
    audit_controller = "PropertiesController"
    audit_handlers = {"POST": "extractAddressFromMaps"}

    @doc("properties", "Address from a Google Maps link", request=ExtractAddressInput, status=201)
    def post(self, request):
        serializer = ExtractAddressInput(data=request.data if isinstance(request.data, dict) else {})
        serializer.is_valid(raise_exception=True)
        address = geocode_maps_link(serializer.validated_data.get("google_maps_link"))
        return Response(address, status=201)


class PropertyListView(BodyMixin, ApiView):
    policies = {"GET": [("read", "Property")], "POST": [("create", "Property")]}
    audit_controller = "PropertiesController"

    @doc("properties", "List properties", query=PropertyListQuery)
    def get(self, request):
        serializer, query = _query(self, PropertyListQuery)
        queryset = selectors.property_list_queryset(principal=self.principal, query=query)
        return Response(
            paginate(
                queryset.order_by(*serializer.ordering()),
                page=query["page"],
                limit=query["limit"],
                serialize=lambda rows: selectors.present_properties(rows, principal=self.principal),
                search=bool(query.get("search")),
            )
        )

    @doc("properties", "Create a property", request=PropertyCreateInput, status=201, multipart=True)
    def post(self, request):
        data, files = request_body(request)
        validated = self.parse_plain_body(PropertyCreateInput, data)
        prop, media, units = services.property_create(principal=self.principal, data=validated, files=files)
        payload = {"property": property_to_dict(prop)}
        message = "Property created successfully"
        if media:
            payload["media"] = media_dicts(media, with_url=False)
            message = f"Property created successfully with {len(media)} media file(s)"
        if units:
            payload["units"] = [unit_to_dict(unit) for unit in units]
        return Response({"success": True, "data": payload, "message": message}, status=201)


class PropertyDetailView(PropertyMixin, ApiView):
    policies = {
        "GET": [("read", "Property")],
        "PATCH": [("update", "Property")],
        "DELETE": [("delete", "Property")],
    }
    audit_controller = "PropertiesController"
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @doc("properties", "Get a property", path=("pk",))
    def get(self, request, pk):
        return Response(selectors.property_detail(self.get_property(pk), principal=self.principal))

    @doc("properties", "Update a property", request=PropertyUpdateInput, path=("pk",))
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(PropertyUpdateInput)
        prop = self.get_property(pk, action="update")
        prop = services.property_update(prop=prop, data=data)
        return Response(property_to_dict(prop))

    @doc("properties", "Delete a property (soft)", status=204, path=("pk",))
    def delete(self, request, pk):
        services.property_delete(prop=self.get_property(pk, action="delete"))
        return Response(status=204)


def _require_party_profile(principal) -> None:
    if principal.user_type == UserType.TENANT and principal.organization_id is None:
        raise Forbidden("No tenant profile associated with this user")
    if principal.user_type == UserType.CONTRACTOR and principal.organization_id is None:
        raise Forbidden("No contractor profile associated with this user")


def _unit_page(view: ApiView, *, property_id=None):
    principal = view.principal
    _require_party_profile(principal)
    serializer, query = _query(view, UnitListQuery)
    if principal.user_type in (UserType.TENANT, UserType.CONTRACTOR):
        return selectors.party_units(principal=principal, property_id=property_id or query.get("property_id"))
    queryset = selectors.unit_list_queryset(query=query, property_id=property_id)
    return paginate(
        queryset.order_by(*serializer.ordering()),
        page=query["page"],
        limit=query["limit"],
        serialize=selectors.present_units,
        search=bool(query.get("search")),
    )


class PropertyUnitsView(BodyMixin, ApiView):
    policies = {
        "GET": [("read", "Property"), ("read", "Unit")],
        "POST": [("create", "Unit")],
    }
    audit_controller = "PropertiesController"
    audit_handlers = {"GET": "getPropertyUnits", "POST": "createUnit"}

    @doc("properties", "List the units of a property", query=UnitListQuery, path=("pk",))
    def get(self, request, pk):
        return Response(_unit_page(self, property_id=parse_id(pk)))

    @doc(
        "properties",
        "Create a unit in a property",
        request=UnitWriteInput,
        status=201,
        path=("pk",),
        multipart=True,
    )
    def post(self, request, pk):
        property_id = parse_id(pk)
        data, files = request_body(request)
        validated = self.parse_plain_body(UnitWriteInput, data)
        unit, media = services.unit_create(
            principal=self.principal, property_id=property_id, data=validated, files=files
        )
        payload = {"unit": unit_to_dict(unit)}
        message = "Unit created successfully"
        if media:
            payload["media"] = media_dicts(media, with_url=False)
            message = f"Unit created successfully with {len(media)} media file(s)"
        return Response({"success": True, "data": payload, "message": message}, status=201)


class PropertyStatisticsView(PropertyMixin, ApiView):
    policies = {"GET": [("read", "Property"), ("read", "Unit")]}
    audit_controller = "PropertiesController"
    audit_handlers = {"GET": "getPropertyStatistics"}

    @doc("properties", "Occupancy and revenue of a property", path=("pk",))
    def get(self, request, pk):
        prop = self.get_property(pk)
        if not parties.sees_private_side(self.principal, prop):
            # read only through a marketplace favorite: occupancy and revenue stay the landlord's
            raise AccessDenied()
        return Response({"success": True, "data": selectors.property_statistics(prop)})


# -- media of a property or a unit --------------------------------------------------------------
class OwnerMediaMixin(PropertyMixin):
    owner_type = "Property"
    default_collection = "property_photos"

    def get_owner(self, pk):
        return self.get_property(pk) if self.owner_type == "Property" else self.get_unit(pk)

    def get_owner_media(self, owner, media_id) -> Media:
        pk = parse_id(media_id)
        media = Media.objects.unscoped().filter(pk=pk, model_type=self.owner_type, model_id=owner.pk).first()
        visible = selectors.visible_collections(self.principal, owner)
        if media is None or (visible is not None and media.collection_name not in visible):
            raise NotFound("Media not found")
        return media


class OwnerMediaListView(OwnerMediaMixin, ApiView):
    @doc("media", "List the media of a property or unit", query=MediaListQuery, path=("pk",))
    def get(self, request, pk):
        owner = self.get_owner(pk)
        query = self.parse_query(MediaListQuery).validated_data
        collections = selectors.visible_collections(self.principal, owner)
        if query.get("collection_name"):
            wanted = query["collection_name"]
            collections = [wanted] if collections is None or wanted in collections else []
        items = media_for_owners(self.owner_type, [owner.pk], collections=collections).get(owner.pk, [])
        if query.get("media_type"):
            items = [item for item in items if item.type == query["media_type"]]
        return Response({"success": True, "data": media_dicts(items)})


class OwnerMediaUploadView(OwnerMediaMixin, ApiView):
    @doc(
        "media",
        "Upload a file to a property or unit",
        request=MediaUploadInput,
        status=201,
        path=("pk",),
        multipart=True,
    )
    def post(self, request, pk):
        owner = self.get_owner(pk)
        if not parties.sees_private_side(self.principal, owner):
            # A unit read only as a marketplace favorite is someone else's listing: no uploads.
            raise Forbidden("You do not have permission to upload media")
        data = self.parse_body(MediaUploadInput)
        media = media_upload(
            upload=data.get("file"),
            owner_type=self.owner_type,
            owner_id=owner.pk,
            landlord_id=owner.landlord_id,
            uploaded_by_id=self.principal.user_id,
            collection_name=data.get("collection_name") or self.default_collection,
            allowed_types=PHOTO_AND_DOCUMENT_TYPES,
        )
        return Response(
            {
                "success": True,
                "data": media_to_dict(media, with_url=False),
                "message": "Media uploaded successfully",
            },
            status=201,
        )


class OwnerMediaDeleteView(OwnerMediaMixin, ApiView):
    @doc("media", "Delete a media file of a property or unit", path=("pk", "media_id"))
    def delete(self, request, pk, media_id):
        owner = self.get_owner(pk)
        media = self.get_owner_media(owner, media_id)
        if not access.can_on(self.principal, "delete", media):
            raise AccessDenied()
        media_delete(media=media)
        return Response({"success": True, "message": "Media deleted successfully"})


class OwnerMediaUrlView(OwnerMediaMixin, ApiView):
    @doc("media", "Expiring URL of a media file", path=("pk", "media_id"))
    def get(self, request, pk, media_id):
        owner = self.get_owner(pk)
        media = self.get_owner_media(owner, media_id)
        return Response({"success": True, "data": {"url": storage.public_url(media)}})


def _owner_view(base, *, owner_type, collection, controller, handler, policies):
    return type(
        f"{owner_type}{base.__name__}",
        (base,),
        {
            "owner_type": owner_type,
            "default_collection": collection,
            "audit_controller": controller,
            "audit_handlers": handler,
            "policies": policies,
        },
    )


def _media_views(owner_type: str, collection: str, controller: str, subject: str):
    return {
        "list": _owner_view(
            OwnerMediaListView,
            owner_type=owner_type,
            collection=collection,
            controller=controller,
            handler={"GET": "getMedia"},
            policies={"GET": [("read", subject), ("read", "Media")]},
        ),
        "upload": _owner_view(
            OwnerMediaUploadView,
            owner_type=owner_type,
            collection=collection,
            controller=controller,
            handler={"POST": "uploadMedia"},
            policies={"POST": [("create", "Media")]},
        ),
        "delete": _owner_view(
            OwnerMediaDeleteView,
            owner_type=owner_type,
            collection=collection,
            controller=controller,
            handler={"DELETE": "deleteMedia"},
            policies={"DELETE": [("delete", "Media")]},
        ),
        "url": _owner_view(
            OwnerMediaUrlView,
            owner_type=owner_type,
            collection=collection,
            controller=controller,
            handler={"GET": "getMediaUrl"},
            policies={"GET": [("read", subject), ("read", "Media")]},
        ),
    }


PROPERTY_MEDIA = _media_views("Property", "property_photos", "PropertiesController", "Property")
UNIT_MEDIA = _media_views("Unit", "unit_photos", "UnitsController", "Unit")


# -- units --------------------------------------------------------------------------------------
class MarketplaceView(ApiView):
    public = True
    audit_controller = "UnitsController"
    audit_handlers = {"GET": "getMarketplaceUnits"}

    @doc("marketplace", "Published units (public)", query=MarketplaceQuery)
    def get(self, request):
        query = self.parse_query(MarketplaceQuery).validated_data
        with_slots = query.get("available_for_visits") is True
        page = paginate(
            selectors.marketplace_queryset(query),
            page=query["page"],
            limit=query["limit"],
            serialize=lambda rows: selectors.present_marketplace(
                rows, principal=self.principal, with_slots=with_slots
            ),
            search=bool(query.get("search")),
        )
        return Response({"success": True, **page})


class MarketplaceCitiesView(ApiView):
    public = True
    audit_controller = "UnitsController"
    audit_handlers = {"GET": "getMarketplaceCities"}

    @doc("marketplace", "Cities of published units (public)", query=CitiesQuery)
    def get(self, request):
        query = self.parse_query(CitiesQuery).validated_data
        return Response({"success": True, "data": selectors.marketplace_cities(query.get("country_code"))})


class UnitListView(ApiView):
    policies = {"GET": [("read", "Unit")]}
    audit_controller = "UnitsController"

    @doc("units", "List units", query=UnitListQuery)
    def get(self, request):
        return Response(_unit_page(self))


class UnitsOverviewView(ApiView):
    policies = {"GET": [("read", "Unit")]}
    audit_controller = "UnitsController"
    audit_handlers = {"GET": "getOverviewStats"}

    @doc("units", "Occupancy overview of the caller's units")
    def get(self, request):
        return Response({"success": True, "data": selectors.units_overview(principal=self.principal)})


class UnitDetailView(PropertyMixin, ApiView):
    policies = {
        "GET": [("read", "Unit")],
        "PATCH": [("update", "Unit")],
        "DELETE": [("delete", "Unit")],
    }
    audit_controller = "UnitsController"
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @doc("units", "Get a unit", path=("pk",))
    def get(self, request, pk):
        return Response(selectors.unit_detail(self.get_unit(pk), principal=self.principal))

    @doc("units", "Update a unit", request=UnitUpdateInput, path=("pk",))
    def patch(self, request, pk):
        parse_id(pk)
        if not request.data:
            raise BadRequest("Update data cannot be empty")
        data = self.parse_body(UnitUpdateInput)
        if not data:
            raise BadRequest("Update data cannot be empty")
        unit = services.unit_update(unit=self.get_unit(pk, action="update"), data=data)
        return Response(unit_to_dict(unit))

    @doc("units", "Delete a unit (soft)", status=204, path=("pk",))
    def delete(self, request, pk):
        services.unit_delete(unit=self.get_unit(pk, action="delete"))
        return Response(status=204)


class UnitStatsView(PropertyMixin, ApiView):
    policies = {"GET": [("read", "Unit")]}
    audit_controller = "UnitsController"
    audit_handlers = {"GET": "getUnitStats"}

    @doc("units", "Payment and maintenance figures of a unit", path=("pk",))
    def get(self, request, pk):
        unit = self.get_unit(pk)
        if not parties.sees_private_side(self.principal, unit):
            # a favorite-only reader must not see the payments of the unit's current tenant
            raise Forbidden("You do not have permission to view this unit")
        return Response({"success": True, "data": selectors.unit_statistics(unit)})
