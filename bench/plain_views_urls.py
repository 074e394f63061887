"""Bench-only URL conf: the property and media routes plus the baseline views under ``/plain/``.

Only the apps under test are mounted, so the benchmark does not depend on the rest of the URL conf.
"""

import pipeline_views
import plain_views
from django.urls import include, path

urlpatterns = [
    path("plain/properties", plain_views.properties, name="plain-properties"),
    path("plain/units", plain_views.units, name="plain-units"),
    path("plain/units/marketplace", plain_views.marketplace, name="plain-marketplace"),
    path("stage/<str:stage>/units", pipeline_views.units, name="stage-units"),
    path("", include("apps.properties.urls")),
    path("", include("apps.media.urls")),
    path("", include("apps.accounts.urls_auth")),
]
