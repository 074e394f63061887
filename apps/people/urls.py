"""People routes: users, invitations, tenants, contractors (spec 02 sections 3, 4, 6 and 7)."""

from django.urls import path

from apps.people import contractors_views as contractors
from apps.people import invitations_views as invitations
from apps.people import tenants_views as tenants
from apps.people import users_views

app_name = "people"

urlpatterns = [
    # users
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
    # invitations
    path("invitations", invitations.InvitationsView.as_view(), name="invitations-list"),
    path(
        "invitations/<str:token>/validate",
        invitations.InvitationValidateView.as_view(),
        name="invitations-validate",
    ),
    path(
        "invitations/<str:token>/accept",
        invitations.InvitationAcceptView.as_view(),
        name="invitations-accept",
    ),
    path(
        "invitations/<str:pk>/revoke",
        invitations.InvitationRevokeView.as_view(),
        name="invitations-revoke",
    ),
    path("invitations/<str:pk>", invitations.InvitationDetailView.as_view(), name="invitations-detail"),
    # tenants
    path("tenants", tenants.TenantsView.as_view(), name="tenants-list"),
    path("tenants/me", tenants.TenantMeView.as_view(), name="tenants-me"),
    path("tenants/me/neighbors", tenants.TenantMeNeighborsView.as_view(), name="tenants-me-neighbors"),
    path(
        "tenants/me/properties",
        tenants.TenantMePropertiesView.as_view(),
        name="tenants-me-properties",
    ),
    path("tenants/<str:pk>", tenants.TenantDetailView.as_view(), name="tenants-detail"),
    path("tenants/<str:pk>/stats", tenants.TenantStatsView.as_view(), name="tenants-stats"),
    path(
        "tenants/<str:pk>/remove-from-organization",
        tenants.TenantRemoveFromOrganizationView.as_view(),
        name="tenants-remove-from-organization",
    ),
    path("tenants/<str:pk>/users", tenants.TenantUsersView.as_view(), name="tenants-users"),
    path(
        "tenants/<str:pk>/users/<str:userId>",
        tenants.TenantUserDetailView.as_view(),
        name="tenants-user-detail",
    ),
    # contractors
    path("contractors", contractors.ContractorsView.as_view(), name="contractors-list"),
    path("contractors/me", contractors.ContractorMeView.as_view(), name="contractors-me"),
    path(
        "contractors/me/properties",
        contractors.ContractorMePropertiesView.as_view(),
        name="contractors-me-properties",
    ),
    path("contractors/<str:pk>", contractors.ContractorDetailView.as_view(), name="contractors-detail"),
    path(
        "contractors/<str:pk>/remove-from-organization",
        contractors.ContractorRemoveFromOrganizationView.as_view(),
        name="contractors-remove-from-organization",
    ),
    path(
        "contractors/<str:pk>/users",
        contractors.ContractorUsersView.as_view(),
        name="contractors-users",
    ),
    path(
        "contractors/<str:pk>/users/<str:userId>",
        contractors.ContractorUserDetailView.as_view(),
        name="contractors-user-detail",
    ),
]
