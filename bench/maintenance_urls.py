"""Bench-only URL conf of ``bench/maintenance_load.py``: the maintenance routes and the baseline."""

import maintenance_plain
from django.urls import include, path

urlpatterns = [
    path("plain/maintenance/tickets", maintenance_plain.tickets, name="plain-tickets"),
    path("", include("apps.maintenance.urls")),
]
