from django.urls import path

from apps.properties import admin_views, availability_views, favorites_views, views

app_name = "properties"


def media_routes(prefix: str, media_views: dict, name_prefix: str) -> list:
    """The four media routes of a property or a unit (most specific first)."""
    return [
        path(
            f"{prefix}/<str:pk>/media/upload",
            media_views["upload"].as_view(),
            name=f"{name_prefix}media-upload",
        ),
        path(
            f"{prefix}/<str:pk>/media/<str:media_id>/url",
            media_views["url"].as_view(),
            name=f"{name_prefix}media-url",
        ),
        path(
            f"{prefix}/<str:pk>/media/<str:media_id>",
            media_views["delete"].as_view(),
            name=f"{name_prefix}media-delete",
        ),
        path(f"{prefix}/<str:pk>/media", media_views["list"].as_view(), name=f"{name_prefix}media"),
    ]


urlpatterns = [
    # properties
    path("properties/extract-address-from-maps", views.ExtractAddressView.as_view(), name="extract-address"),
    path("properties", views.PropertyListView.as_view(), name="list"),
    path("properties/<str:pk>/units", views.PropertyUnitsView.as_view(), name="units"),
    path("properties/<str:pk>/statistics", views.PropertyStatisticsView.as_view(), name="statistics"),
    *media_routes("properties", views.PROPERTY_MEDIA, ""),
    path("properties/<str:pk>", views.PropertyDetailView.as_view(), name="detail"),
    # units
    path("units/marketplace/cities", views.MarketplaceCitiesView.as_view(), name="marketplace-cities"),
    path("units/marketplace", views.MarketplaceView.as_view(), name="marketplace"),
    path("units/stats/overview", views.UnitsOverviewView.as_view(), name="units-overview"),
    path("units", views.UnitListView.as_view(), name="unit-list"),
    path("units/<str:pk>/stats", views.UnitStatsView.as_view(), name="unit-stats"),
    *media_routes("units", views.UNIT_MEDIA, "unit-"),
    path("units/<str:pk>", views.UnitDetailView.as_view(), name="unit-detail"),
    # availability
    path("availability", availability_views.AvailabilityListView.as_view(), name="availability-list"),
    path(
        "availability/weekly-schedule",
        availability_views.WeeklyScheduleView.as_view(),
        name="availability-weekly",
    ),
    path(
        "availability/date/<str:day>", availability_views.SlotsByDateView.as_view(), name="availability-date"
    ),
    path(
        "availability/visit-request/<str:day>",
        availability_views.VisitRequestSlotsView.as_view(),
        name="availability-visit-request",
    ),
    path("availability/unit/<str:pk>", availability_views.UnitSlotsView.as_view(), name="availability-unit"),
    path(
        "availability/property/<str:pk>",
        availability_views.PropertySlotsView.as_view(),
        name="availability-property",
    ),
    path(
        "availability/<str:pk>",
        availability_views.AvailabilityDetailView.as_view(),
        name="availability-detail",
    ),
    # favorites
    path("favorites", favorites_views.FavoriteListView.as_view(), name="favorite-list"),
    path("favorites/check", favorites_views.FavoriteCheckView.as_view(), name="favorite-check"),
    path(
        "favorites/check/<str:unit_id>",
        favorites_views.FavoriteCheckOneView.as_view(),
        name="favorite-check-one",
    ),
    path("favorites/<str:unit_id>", favorites_views.FavoriteUnitView.as_view(), name="favorite-detail"),
    # admin console
    path("admin/properties", admin_views.AdminPropertyListView.as_view(), name="admin-properties"),
    path(
        "admin/properties/<str:pk>",
        admin_views.AdminPropertyDetailView.as_view(),
        name="admin-property",
    ),
    path("admin/units", admin_views.AdminUnitListView.as_view(), name="admin-units"),
    path("admin/units/<str:pk>", admin_views.AdminUnitDetailView.as_view(), name="admin-unit"),
]
