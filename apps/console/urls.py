"""Identity routes of the admin console (spec 02 section 9).

Domain-owned console routes (``/admin/properties``, ``/admin/chat/...``, ``/admin/notifications``)
are mounted by their own apps.
"""

from django.urls import path

from apps.console import views as console

app_name = "console"

urlpatterns = [
    path("admin/overview", console.OverviewView.as_view(), name="admin-overview"),
    path("admin/landlords-list", console.LandlordNamesView.as_view(), name="admin-landlords-list"),
    path("admin/users", console.UserListView.as_view(), name="admin-users"),
    path("admin/users/<str:id>", console.UserDetailView.as_view(), name="admin-user-detail"),
    path("admin/landlords", console.LandlordListView.as_view(), name="admin-landlords"),
    path("admin/landlords/<str:id>", console.LandlordDetailView.as_view(), name="admin-landlord-detail"),
    path("admin/tenants", console.TenantListView.as_view(), name="admin-tenants"),
    path("admin/tenants/<str:id>", console.TenantDetailView.as_view(), name="admin-tenant-detail"),
    path("admin/contractors", console.ContractorListView.as_view(), name="admin-contractors"),
    path(
        "admin/contractors/<str:id>",
        console.ContractorDetailView.as_view(),
        name="admin-contractor-detail",
    ),
    path("admin/audit-logs", console.AuditLogListView.as_view(), name="admin-audit-logs"),
    path("admin/audit-logs/<str:id>", console.AuditLogDetailView.as_view(), name="admin-audit-log-detail"),
]
