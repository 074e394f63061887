from django.urls import path

from apps.maintenance import visit_views as views

app_name = "visits"

V = "visit-requests"

urlpatterns = [
    path(V, views.VisitListView.as_view(), name="list"),
    path(f"{V}/marketplace", views.MarketplaceVisitView.as_view(), name="marketplace"),
    path(f"{V}/ticket/<str:pk>", views.VisitsOfTicketView.as_view(), name="of-ticket"),
    path(f"{V}/scope-of-work/<str:pk>", views.VisitsOfSowView.as_view(), name="of-sow"),
    path(f"{V}/<str:pk>", views.VisitDetailView.as_view(), name="detail"),
    path(f"{V}/<str:pk>/respond", views.VisitRespondView.as_view(), name="respond"),
    path(f"{V}/<str:pk>/cancel", views.VisitCancelView.as_view(), name="cancel"),
    path(f"{V}/<str:pk>/suggest-time", views.VisitSuggestView.as_view(), name="suggest-time"),
    path(f"{V}/<str:pk>/suggestion-chain", views.VisitChainView.as_view(), name="suggestion-chain"),
]
