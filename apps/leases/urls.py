"""Routes of leases, signing, rental periods, transactions and deposits (spec 05 sections 5.1-5.5)."""

from django.urls import path

from apps.leases import deposit_views, period_views, signing_views, transaction_views, views
from apps.leases.media_views import LEASE_MEDIA, TRANSACTION_MEDIA

app_name = "leases"


def media_routes(prefix: str, media: dict, name: str, collections: tuple[str, ...]) -> list:
    return [
        path(f"{prefix}/<str:pk>/media/upload", media["upload"].as_view(), name=f"{name}-media-upload"),
        path(f"{prefix}/<str:pk>/media/<str:media_id>/url", media["url"].as_view(), name=f"{name}-media-url"),
        path(
            f"{prefix}/<str:pk>/media/<str:media_id>", media["delete"].as_view(), name=f"{name}-media-delete"
        ),
        path(f"{prefix}/<str:pk>/media", media["list"].as_view(), name=f"{name}-media"),
        *(
            path(f"{prefix}/<str:pk>/{collection}", media[collection].as_view(), name=f"{name}-{collection}")
            for collection in collections
        ),
    ]


urlpatterns = [
    # public signing
    path("sign/<str:token>/preview-pdf", signing_views.SignPreviewView.as_view(), name="sign-preview"),
    path("sign/<str:token>", signing_views.SignView.as_view(), name="sign"),
    # leases
    path("leases", views.LeaseListView.as_view(), name="list"),
    path("leases/rent-roll", views.RentRollView.as_view(), name="rent-roll"),
    path("leases/<str:pk>/terminate", views.LeaseTerminateView.as_view(), name="terminate"),
    path("leases/<str:pk>/renew", views.LeaseRenewView.as_view(), name="renew"),
    path(
        "leases/<str:pk>/deposit-assessment", views.DepositAssessmentView.as_view(), name="deposit-assessment"
    ),
    path(
        "leases/<str:pk>/rental-periods/current",
        views.LeaseCurrentPeriodView.as_view(),
        name="current-period",
    ),
    path(
        "leases/<str:pk>/rental-periods/<str:rental_period_id>/payment",
        views.LeasePeriodPaymentView.as_view(),
        name="period-payment",
    ),
    path("leases/<str:pk>/rental-periods", views.LeasePeriodsView.as_view(), name="lease-periods"),
    path(
        "leases/<str:pk>/transactions/summary",
        views.LeaseTransactionSummaryView.as_view(),
        name="lease-transaction-summary",
    ),
    path("leases/<str:pk>/transactions", views.LeaseTransactionsView.as_view(), name="lease-transactions"),
    path(
        "leases/<str:pk>/send-for-signature",
        signing_views.SendForSignatureView.as_view(),
        name="send-for-signature",
    ),
    path("leases/<str:pk>/preview-pdf", signing_views.PreviewPdfView.as_view(), name="preview-pdf"),
    path(
        "leases/<str:pk>/signature-status",
        signing_views.SignatureStatusView.as_view(),
        name="signature-status",
    ),
    path("leases/<str:pk>/signed-pdf", signing_views.SignedPdfView.as_view(), name="signed-pdf"),
    *media_routes("leases", LEASE_MEDIA, "lease", ("documents", "contracts")),
    path("leases/<str:pk>", views.LeaseDetailView.as_view(), name="detail"),
    # rental periods
    path("rental-periods", period_views.PeriodListView.as_view(), name="periods"),
    path(
        "rental-periods/lease/<str:lease_id>/rent-history",
        period_views.RentHistoryView.as_view(),
        name="rent-history",
    ),
    path(
        "rental-periods/<str:pk>/renewal-chain", period_views.RenewalChainView.as_view(), name="renewal-chain"
    ),
    path("rental-periods/<str:pk>", period_views.PeriodDetailView.as_view(), name="period-detail"),
    # transactions
    path("transactions", transaction_views.TransactionListView.as_view(), name="transactions"),
    path(
        "transactions/<str:pk>/process",
        transaction_views.TransactionProcessView.as_view(),
        name="transaction-process",
    ),
    path("transactions/<str:pk>/mark-as-paid", transaction_views.MarkPaidView.as_view(), name="mark-as-paid"),
    path(
        "transactions/<str:pk>/mark-as-not-paid",
        transaction_views.MarkNotPaidView.as_view(),
        name="mark-as-not-paid",
    ),
    *media_routes("transactions", TRANSACTION_MEDIA, "transaction", ("receipts", "documents")),
    path(
        "transactions/<str:pk>", transaction_views.TransactionDetailView.as_view(), name="transaction-detail"
    ),
    # deposits
    path("deposits", deposit_views.DepositListView.as_view(), name="deposits"),
    path("deposits/summary", deposit_views.DepositSummaryView.as_view(), name="deposit-summary"),
    path("deposits/<str:pk>", deposit_views.DepositDetailView.as_view(), name="deposit-detail"),
]
