"""Favorites routes: a user's saved units (spec 03 section 8)."""

from __future__ import annotations

from django.db import IntegrityError
from rest_framework import serializers
from rest_framework.response import Response

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Conflict, NotFound, Unprocessable
from apps.core.pagination import ListQuery
from apps.core.schema import doc
from apps.core.serializers import InputSerializer, iso
from apps.core.views import ApiView, parse_id
from apps.properties.models import Favorite, Unit
from apps.properties.serializers import unit_to_dict


class FavoriteInput(InputSerializer):
    unit_id = serializers.CharField(required=False, allow_blank=True)


class FavoriteListQuery(ListQuery):
    limit = serializers.IntegerField(required=False, default=10, min_value=1)

    def get_fields(self):
        fields = super().get_fields()
        fields.pop("search")
        return fields

    def validate_limit(self, value):
        return min(value, 1000)


def favorite_to_dict(favorite: Favorite, *, with_unit: bool = False) -> dict:
    data = {
        "_id": str(favorite.pk),
        "user": str(favorite.user_id),
        "unit": str(favorite.unit_id),
        "created_at": iso(favorite.created_at),
        "updated_at": iso(favorite.updated_at),
        "__v": favorite.version,
    }
    if with_unit:
        unit = favorite.unit
        if unit.deleted:
            data["unit"] = None
        else:
            prop = unit.property
            data["unit"] = unit_to_dict(
                unit,
                property_data={"_id": str(prop.pk), "name": prop.name, "address": prop.address},
            )
    return data


class FavoriteListView(ApiView):
    audit_controller = "FavoritesController"

    @doc("favorites", "List the caller's favorites", query=FavoriteListQuery)
    def get(self, request):
        query = self.parse_query(FavoriteListQuery)
        queryset = Favorite.objects.filter(user_id=self.principal.user_id).select_related(
            "unit", "unit__property"
        )
        return Response(
            query.page_of(
                queryset,
                serialize=lambda rows: [favorite_to_dict(row, with_unit=True) for row in rows],
            )
        )

    @doc("favorites", "Add a marketplace unit to the favorites", request=FavoriteInput, status=201)
    def post(self, request):
        data = self.parse_body(FavoriteInput)
        unit_id = parse_id(data.get("unit_id"), label="unitId")
        unit = Unit.objects.unscoped().filter(pk=unit_id, property__deleted=False).first()
        if unit is None:
            raise Unprocessable(f"Unit with ID {unit_id} not found")
        if not unit.publish_to_marketplace:
            if not Unit.objects.filter(pk=unit_id).exists():
                # another landlord's unlisted unit: answer as for a missing one (no existence probe)
                raise Unprocessable(f"Unit with ID {unit_id} not found")
            raise Unprocessable("This unit is not available in the marketplace")
        mine = Favorite.objects.filter(user_id=self.principal.user_id)
        if mine.filter(unit_id=unit_id).exists():
            raise Conflict("Unit is already in favorites")
        try:
            with atomic():
                favorite = Favorite.objects.unscoped().create(user_id=self.principal.user_id, unit=unit)
        except IntegrityError:
            raise Conflict("Unit is already in favorites") from None
        return Response(
            {
                "success": True,
                "data": {"favorite": favorite_to_dict(favorite)},
                "message": "Unit added to favorites",
            },
            status=201,
        )


class FavoriteCheckView(ApiView):
    audit_controller = "FavoritesController"
    audit_handlers = {"GET": "checkMultiple"}

    @doc("favorites", "Which of the given units are favorites (unitIds, repeatable)")
    def get(self, request):
        params = request.query_params
        unknown = [key for key in params if key not in ("unit_ids", "unit_ids[]")]
        if unknown:
            raise BadRequest([f"property {key} should not exist" for key in unknown])
        raw = [*params.getlist("unit_ids"), *params.getlist("unit_ids[]")]
        raw = [part.strip() for value in raw for part in value.split(",") if part.strip()]
        ids = [parse_id(value) for value in raw]
        found = (
            set(
                Favorite.objects.filter(user_id=self.principal.user_id, unit_id__in=ids).values_list(
                    "unit_id", flat=True
                )
            )
            if ids
            else set()
        )
        data = {str(pk): pk in found for pk in ids}
        return Response({"success": True, "data": data})


class FavoriteCheckOneView(ApiView):
    audit_controller = "FavoritesController"
    audit_handlers = {"GET": "checkFavorite"}

    @doc("favorites", "Is this unit a favorite", path=("unit_id",))
    def get(self, request, unit_id):
        pk = parse_id(unit_id)
        exists = Favorite.objects.filter(user_id=self.principal.user_id, unit_id=pk).exists()
        return Response({"success": True, "data": {"is_favorited": exists}})


class FavoriteUnitView(ApiView):
    audit_controller = "FavoritesController"
    audit_handlers = {"DELETE": "remove"}

    @doc("favorites", "Remove a unit from the favorites", path=("unit_id",))
    def delete(self, request, unit_id):
        pk = parse_id(unit_id)
        deleted, _ = Favorite.objects.filter(user_id=self.principal.user_id, unit_id=pk).delete()
        if not deleted:
            raise NotFound("Favorite not found")
        return Response({"success": True, "message": "Unit removed from favorites"})
