"""The admin console's maintenance routes, mounted on their own in ``myte/urls.py``."""

from django.urls import path

from apps.maintenance import admin_views

app_name = "maintenance-admin"

urlpatterns = [
    path("admin/tickets", admin_views.AdminTicketsView.as_view(), name="tickets"),
    path("admin/tickets/<str:pk>", admin_views.AdminTicketDetailView.as_view(), name="ticket"),
    path("admin/sows", admin_views.AdminSowsView.as_view(), name="sows"),
    path("admin/sows/<str:pk>", admin_views.AdminSowDetailView.as_view(), name="sow"),
    path("admin/visit-requests", admin_views.AdminVisitsView.as_view(), name="visits"),
    path("admin/visit-requests/<str:pk>", admin_views.AdminVisitDetailView.as_view(), name="visit"),
]
