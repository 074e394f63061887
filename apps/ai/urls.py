from django.urls import path

from apps.ai import views

app_name = "ai"

urlpatterns = [
    path(
        "ai-extraction/extract-invoice-data",
        views.InvoiceExtractionView.as_view(),
        name="extract-invoice-data",
    ),
    path("chat", views.ChatView.as_view(), name="chat"),
    path("chat/stream", views.ChatStreamView.as_view(), name="chat-stream"),
    path("marketing-chat", views.MarketingChatView.as_view(), name="marketing-chat"),
    # Before the maintenance app's ``maintenance/tickets/<pk>`` (myte/urls.py includes ai first).
    path("maintenance/tickets/voice", views.VoiceTicketView.as_view(), name="voice-ticket"),
]
