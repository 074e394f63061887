from django.urls import path

from apps.maintenance import invoice_views, seed_views, sow_views, thread_views, views

app_name = "maintenance"

T = "maintenance/tickets"
S = "maintenance/scope-of-work"

TICKET_THREADS = {
    "list": thread_views.ThreadListView,
    "detail": thread_views.ThreadDetailView,
    "participants": thread_views.ThreadParticipantsView,
    "accept": thread_views.ThreadAcceptView,
    "decline": thread_views.ThreadDeclineView,
    "messages": thread_views.ThreadMessagesView,
}


def thread_routes(prefix: str, name: str, views_by_kind: dict) -> list:
    base = f"{prefix}/<str:pk>/threads"
    one = f"{base}/<str:thread_id>"
    return [
        path(base, views_by_kind["list"].as_view(), name=f"{name}-threads"),
        path(one, views_by_kind["detail"].as_view(), name=f"{name}-thread"),
        path(
            f"{one}/participants", views_by_kind["participants"].as_view(), name=f"{name}-thread-participants"
        ),
        path(f"{one}/accept", views_by_kind["accept"].as_view(), name=f"{name}-thread-accept"),
        path(f"{one}/decline", views_by_kind["decline"].as_view(), name=f"{name}-thread-decline"),
        path(f"{one}/messages", views_by_kind["messages"].as_view(), name=f"{name}-thread-messages"),
    ]


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
    path(S, sow_views.SowListView.as_view(), name="sows"),
    path(f"{S}/<str:pk>", sow_views.SowDetailView.as_view(), name="sow"),
    path(f"{S}/<str:pk>/assign", sow_views.SowAssignView.as_view(), name="sow-assign"),
    path(f"{S}/<str:pk>/tickets/add", sow_views.SowTicketAddView.as_view(), name="sow-ticket-add"),
    path(f"{S}/<str:pk>/tickets/remove", sow_views.SowTicketRemoveView.as_view(), name="sow-ticket-remove"),
    path(f"{S}/<str:pk>/accept", sow_views.SowAcceptView.as_view(), name="sow-accept"),
    path(f"{S}/<str:pk>/refuse", sow_views.SowRefuseView.as_view(), name="sow-refuse"),
    path(f"{S}/<str:pk>/close", sow_views.SowCloseView.as_view(), name="sow-close"),
    path(f"{S}/<str:pk>/mark-in-review", sow_views.SowMarkInReviewView.as_view(), name="sow-mark-in-review"),
    path(f"{S}/<str:pk>/invoices", invoice_views.SowInvoiceListView.as_view(), name="sow-invoices"),
    path(
        f"{S}/<str:pk>/invoices/<str:invoice_id>",
        invoice_views.SowInvoiceDetailView.as_view(),
        name="sow-invoice",
    ),
    *thread_routes(T, "ticket", TICKET_THREADS),
    *thread_routes(S, "sow", thread_views.SOW_VIEWS),
    # the seed document's short forms (after the longer paths above)
    path("maintenance", seed_views.SeedTicketCreateView.as_view(), name="seed-create"),
    path("maintenance/<str:pk>/assign", seed_views.SeedTicketAssignView.as_view(), name="seed-assign"),
    path("maintenance/<str:pk>/threads", seed_views.SeedTicketThreadView.as_view(), name="seed-threads"),
    path("maintenance/<str:pk>", seed_views.SeedTicketDetailView.as_view(), name="seed-detail"),
]
