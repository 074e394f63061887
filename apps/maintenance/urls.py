from django.urls import path

from apps.maintenance import invoice_views, views

app_name = "maintenance"

T = "maintenance/tickets"

urlpatterns = [
    path(T, views.TicketListView.as_view(), name="tickets"),
    path(f"{T}/<str:pk>", views.TicketDetailView.as_view(), name="ticket"),
    path(f"{T}/<str:pk>/assign", views.TicketAssignView.as_view(), name="ticket-assign"),
    path(f"{T}/<str:pk>/accept", views.TicketAcceptView.as_view(), name="ticket-accept"),
    path(f"{T}/<str:pk>/refuse", views.TicketRefuseView.as_view(), name="ticket-refuse"),
    path(f"{T}/<str:pk>/mark-as-done", views.TicketMarkDoneView.as_view(), name="ticket-mark-done"),
    path(f"{T}/<str:pk>/close", views.TicketCloseView.as_view(), name="ticket-close"),
    path(f"{T}/<str:pk>/reopen", views.TicketReopenView.as_view(), name="ticket-reopen"),
    path(f"{T}/<str:pk>/media", views.TicketMediaView.as_view(), name="ticket-media"),
    path(f"{T}/<str:ticket_id>/comments", views.CommentListView.as_view(), name="comments"),
    path(f"{T}/<str:ticket_id>/comments/<str:comment_id>", views.CommentDetailView.as_view(), name="comment"),
    path(
        f"{T}/<str:ticket_id>/comments/<str:comment_id>/media",
        views.CommentMediaView.as_view(),
        name="comment-media",
    ),
    path(f"{T}/<str:pk>/invoices", invoice_views.InvoiceListView.as_view(), name="ticket-invoices"),
    path(
        f"{T}/<str:pk>/invoices/<str:invoice_id>",
        invoice_views.InvoiceDetailView.as_view(),
        name="ticket-invoice",
    ),
]
