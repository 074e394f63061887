"""Routes of auth (spec 02 section 2)."""

from django.urls import path

from apps.accounts import auth_views

urlpatterns = [
    path("auth/login", auth_views.LoginView.as_view(), name="auth-login"),
    path("auth/register", auth_views.RegisterView.as_view(), name="auth-register"),
    path("auth/register/landlord", auth_views.RegisterLandlordView.as_view(), name="auth-register-landlord"),
    path("auth/register/tenant", auth_views.RegisterTenantView.as_view(), name="auth-register-tenant"),
    path(
        "auth/register/contractor",
        auth_views.RegisterContractorView.as_view(),
        name="auth-register-contractor",
    ),
    path("auth/refresh", auth_views.RefreshView.as_view(), name="auth-refresh"),
    path("auth/logout", auth_views.LogoutView.as_view(), name="auth-logout"),
    path("auth/forgot-password", auth_views.ForgotPasswordView.as_view(), name="auth-forgot-password"),
    path("auth/reset-password", auth_views.ResetPasswordView.as_view(), name="auth-reset-password"),
    path(
        "auth/verify-email/request",
        auth_views.VerifyEmailRequestView.as_view(),
        name="auth-verify-email-request",
    ),
    path(
        "auth/verify-email/confirm",
        auth_views.VerifyEmailConfirmView.as_view(),
        name="auth-verify-email-confirm",
    ),
    path("auth/sessions", auth_views.SessionListView.as_view(), name="auth-sessions"),
    path(
        "auth/sessions/revoke-all",
        auth_views.SessionRevokeAllView.as_view(),
        name="auth-sessions-revoke-all",
    ),
    path("auth/sessions/<str:id>/revoke", auth_views.SessionRevokeView.as_view(), name="auth-session-revoke"),
    path("auth/me", auth_views.MeView.as_view(), name="auth-me"),
]
