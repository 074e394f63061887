"""Routes of the KPI dashboards (spec 06 section 0)."""

from django.urls import path

from apps.kpi import views

app_name = "kpi"

urlpatterns = [
    path("kpi/financial", views.FinancialView.as_view(), name="financial"),
    path("kpi/maintenance", views.MaintenanceView.as_view(), name="maintenance"),
    path(
        "kpi/maintenance/ticket-work-volume", views.TicketWorkVolumeView.as_view(), name="ticket-work-volume"
    ),
    path("kpi/maintenance/cost-invoicing", views.CostInvoicingView.as_view(), name="cost-invoicing"),
    path(
        "kpi/maintenance/resolution-completion",
        views.ResolutionCompletionView.as_view(),
        name="resolution-completion",
    ),
    path("kpi/occupancy-leasing", views.OccupancyLeasingView.as_view(), name="occupancy-leasing"),
]
