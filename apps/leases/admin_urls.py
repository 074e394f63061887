"""The admin console's lease and transaction routes (spec 02 section 9), mounted by myte/urls.py."""

from django.urls import path

from apps.leases import admin_views

app_name = "leases-admin"

urlpatterns = [
    path("admin/leases", admin_views.AdminLeasesView.as_view(), name="admin-leases"),
    path("admin/leases/<str:pk>", admin_views.AdminLeaseDetailView.as_view(), name="admin-lease-detail"),
    path("admin/transactions", admin_views.AdminTransactionsView.as_view(), name="admin-transactions"),
    path(
        "admin/transactions/<str:pk>",
        admin_views.AdminTransactionDetailView.as_view(),
        name="admin-transaction-detail",
    ),
]
