"""URL configuration: every API route at the root, without a trailing slash (spec 00 section 1)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView

from apps.core.health import DatabaseHealthView, HealthView, RedisHealthView

admin.site.site_header = "Myte Estates administration"
admin.site.site_title = "Myte Estates"

urlpatterns = [
    path("health", HealthView.as_view(), name="health"),
    path("health/db", DatabaseHealthView.as_view(), name="health-db"),
    path("health/redis", RedisHealthView.as_view(), name="health-redis"),
    path("api-json", SpectacularJSONAPIView.as_view(), name="openapi-json"),
    path("api", SpectacularSwaggerView.as_view(url_name="openapi-json"), name="swagger-ui"),
    path("", include("apps.accounts.urls")),
    path("", include("apps.properties.urls")),
    path("", include("apps.media.urls")),
    path("", include("apps.chat.urls")),
    path("", include("apps.ai.urls")),  # /chat and /chat/stream beside the chat app's /chat/...
    path("", include("apps.notifications.urls")),
    path("", include("apps.messaging.urls")),
    path("", include("apps.tasks.urls")),
    path("", include("apps.schedules.urls")),
    path("", include("apps.people.urls")),
    path("", include("apps.onboarding.urls")),
    path("", include("apps.console.urls")),
    path("", include("apps.marketing.urls")),
    path("", include("apps.leases.urls")),
    path("", include("apps.leases.admin_urls")),
    path("", include("apps.maintenance.urls")),
    path("", include("apps.maintenance.visit_urls")),
    # admin console routes of maintenance (kept apart: the console is moving to apps/console)
    path("", include("apps.maintenance.admin_urls")),
    path("", include("apps.payments.urls")),
    path("", include("apps.expenses.urls")),
    path("", include("apps.kpi.urls")),
    path("django-admin/", admin.site.urls),
    path("django-rq/", include("django_rq.urls")),
    re_path(
        r"^uploads/(?P<path>.*)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
        name="uploads",
    ),
]

handler400 = "apps.core.exceptions.handler400"
handler403 = "apps.core.exceptions.handler403"
handler404 = "apps.core.exceptions.handler404"
handler500 = "apps.core.exceptions.handler500"
