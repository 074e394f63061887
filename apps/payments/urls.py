"""Routes of payments, payment settings, Stripe configuration (spec 05 section 5.6) and revenues."""

from django.urls import path

from apps.payments import revenue_views, views

app_name = "payments"

urlpatterns = [
    path("payments/create-intent", views.CreateIntentView.as_view(), name="create-intent"),
    path(
        "payments/create-payment-intent", views.LeasePaymentIntentView.as_view(), name="create-payment-intent"
    ),
    path(
        "payments/online-payment-availability",
        views.OnlinePaymentAvailabilityView.as_view(),
        name="online-payment-availability",
    ),
    path("payments/webhook/<str:landlord_id>", views.WebhookView.as_view(), name="webhook"),
    path("payments/<str:pk>/client-secret", views.ClientSecretView.as_view(), name="client-secret"),
    path("payments/<str:pk>/status", views.PaymentStatusView.as_view(), name="status"),
    path("payments/<str:pk>/cancel", views.PaymentCancelView.as_view(), name="cancel"),
    path("payments/<str:pk>/confirm", views.PaymentConfirmView.as_view(), name="confirm"),
    path("landlords/payment-settings", views.PaymentSettingsView.as_view(), name="payment-settings"),
    path("stripe/config/status", views.StripeStatusView.as_view(), name="stripe-status"),
    path("stripe/config/save", views.StripeSaveView.as_view(), name="stripe-save"),
    path("stripe/config/disconnect", views.StripeDisconnectView.as_view(), name="stripe-disconnect"),
    path("stripe/config/publishable-key", views.PublishableKeyView.as_view(), name="stripe-publishable-key"),
    path("revenues", revenue_views.RevenueListView.as_view(), name="revenues"),
    path("revenues/summary", revenue_views.RevenueSummaryView.as_view(), name="revenue-summary"),
    path("revenues/<str:pk>", revenue_views.RevenueDetailView.as_view(), name="revenue-detail"),
]
