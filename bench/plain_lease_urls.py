"""Bench-only URL conf of ``bench/leases_load.py``: the lease routes plus the baselines under ``/plain/``."""

import plain_lease_views
from django.urls import include, path

urlpatterns = [
    path("plain/leases", plain_lease_views.leases, name="plain-leases"),
    path("plain/transactions", plain_lease_views.transactions, name="plain-transactions"),
    path("plain/leases/rent-roll", plain_lease_views.rent_roll, name="plain-rent-roll"),
    path(
        "plain/transactions/<str:pk>/mark-as-paid", plain_lease_views.mark_as_paid, name="plain-mark-as-paid"
    ),
    path("", include("apps.leases.urls")),
]
