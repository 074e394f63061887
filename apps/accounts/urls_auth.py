"""Routes of auth (spec 02 section 2), users (section 3) and the identity admin console (section 9)."""

from django.urls import path

from apps.accounts import admin_console_views as console
from apps.accounts import auth_views, users_views

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
    path("users", users_views.UserListView.as_view(), name="users-list"),
    path("users/<str:id>", users_views.UserDetailView.as_view(), name="users-detail"),
    path(
        "users/<str:id>/profile-picture",
        users_views.UserProfilePictureView.as_view(),
        name="users-profile-picture",
    ),
    path(
        "users/<str:id>/privacy-settings",
        users_views.UserPrivacySettingsView.as_view(),
        name="users-privacy-settings",
    ),
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
