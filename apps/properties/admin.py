from django.contrib import admin

from apps.core.admin import UnscopedAdmin
from apps.properties.models import Availability, Favorite, Property, Unit


@admin.register(Property)
class PropertyAdmin(UnscopedAdmin):
    list_display = ("name", "landlord", "address_city", "address_country", "deleted", "created_at")
    list_filter = ("deleted", "address_country_code")
    search_fields = ("name", "address_city", "address_street")
    list_select_related = ("landlord",)
    raw_id_fields = ("landlord",)
    ordering = ("-created_at",)


@admin.register(Unit)
class UnitAdmin(UnscopedAdmin):
    list_display = (
        "unit_number",
        "property",
        "type",
        "availability_status",
        "publish_to_marketplace",
        "market_rent",
        "deleted",
    )
    list_filter = ("type", "availability_status", "publish_to_marketplace", "deleted")
    search_fields = ("unit_number", "property__name")
    list_select_related = ("property",)
    raw_id_fields = ("landlord", "property")
    ordering = ("-created_at",)


@admin.register(Availability)
class AvailabilityAdmin(UnscopedAdmin):
    list_display = (
        "property",
        "unit",
        "created_by",
        "availability_type",
        "date",
        "day_of_week",
        "start_time",
        "end_time",
        "is_active",
    )
    list_filter = ("created_by", "availability_type", "is_active")
    list_select_related = ("property", "unit")
    raw_id_fields = ("landlord", "tenant", "property", "unit")
    ordering = ("-created_at",)


@admin.register(Favorite)
class FavoriteAdmin(UnscopedAdmin):
    list_display = ("user", "unit", "created_at")
    list_select_related = ("user", "unit")
    raw_id_fields = ("user", "unit")
    ordering = ("-created_at",)
