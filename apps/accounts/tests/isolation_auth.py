"""Isolation cases of auth, users and the identity admin console (see ``tests/isolation.py``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import Session, User
from tests.isolation import Case

OUTSIDERS = ("admin_b", "staff_b", "tenant_b", "contractor_b")
ZERO = "00000000-0000-0000-0000-000000000000"


def _staff_a_path(suffix: str = ""):
    return lambda w: f"/users/{w.staff_a.pk}{suffix}"


def _staff_a_unchanged(w, path):
    user = User.objects.unscoped().get(pk=w.staff_a.pk)
    assert user.username == w.staff_a.username
    assert user.email == w.staff_a.email
    assert user.allow_group_chat_invites is True
    assert not user.profile_picture


def _no_user_created(w, path):
    assert not User.objects.including_deleted().filter(email="intruder@example.com").exists()


def _session_of_a(w):
    session = Session.objects.create(
        user=w.admin_a,
        refresh_token_hash="isolation-" + "0" * 54,
        expires_at=timezone.now() + timedelta(days=1),
    )
    w.extra["session"] = session
    return f"/auth/sessions/{session.pk}/revoke"


def _session_unchanged(w, path):
    assert not Session.objects.get(pk=w.extra["session"].pk).revoked


USER_ROUTES = [
    Case("people:users-detail", "GET", _staff_a_path(), attackers=OUTSIDERS, expect=(403, 404)),
    Case(
        "people:users-detail",
        "PATCH",
        _staff_a_path(),
        body={"username": "hacked"},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_staff_a_unchanged,
    ),
    Case(
        "people:users-detail",
        "DELETE",
        _staff_a_path(),
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=lambda w, path: User.objects.unscoped().get(pk=w.staff_a.pk),
    ),
    Case(
        "people:users-profile-picture",
        "GET",
        _staff_a_path("/profile-picture"),
        attackers=OUTSIDERS,
        expect=(403, 404),
    ),
    Case(
        "people:users-profile-picture",
        "POST",
        _staff_a_path("/profile-picture"),
        body={},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_staff_a_unchanged,
    ),
    Case(
        "people:users-privacy-settings",
        "GET",
        _staff_a_path("/privacy-settings"),
        attackers=OUTSIDERS,
        expect=(403, 404),
    ),
    Case(
        "people:users-privacy-settings",
        "PATCH",
        _staff_a_path("/privacy-settings"),
        body={"allowGroupChatInvites": False},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_staff_a_unchanged,
    ),
    Case(
        "people:users-list",
        "POST",
        lambda w: "/users",
        body=lambda w: {
            "email": "intruder@example.com",
            "password": "Passw0rd!",
            "username": "intruder",
            "firstName": "I",
            "lastName": "N",
            "user_type": "Landlord",
            "organization_id": str(w.landlord_a.pk),
        },
        attackers=OUTSIDERS,
        expect=(403,),
        unchanged=_no_user_created,
    ),
    Case(
        "accounts:auth-session-revoke",
        "POST",
        _session_of_a,
        attackers=OUTSIDERS,
        unchanged=_session_unchanged,
    ),
]

ADMIN_ROUTES = [
    ("console:admin-overview", lambda w: "/admin/overview"),
    ("console:admin-landlords-list", lambda w: "/admin/landlords-list"),
    ("console:admin-users", lambda w: f"/admin/users?landlordId={w.landlord_a.pk}"),
    ("console:admin-user-detail", lambda w: f"/admin/users/{w.admin_a.pk}"),
    ("console:admin-landlords", lambda w: "/admin/landlords"),
    ("console:admin-landlord-detail", lambda w: f"/admin/landlords/{w.landlord_a.pk}"),
    ("console:admin-tenants", lambda w: "/admin/tenants"),
    ("console:admin-tenant-detail", lambda w: f"/admin/tenants/{w.tenant_org_a.pk}"),
    ("console:admin-contractors", lambda w: "/admin/contractors"),
    ("console:admin-contractor-detail", lambda w: f"/admin/contractors/{w.contractor_org_a.pk}"),
    ("console:admin-audit-logs", lambda w: "/admin/audit-logs"),
    ("console:admin-audit-log-detail", lambda w: f"/admin/audit-logs/{ZERO}"),
]

CASES = USER_ROUTES + [
    Case(
        name,
        "GET",
        build,
        attackers=("admin_a", "admin_b", "staff_b", "tenant_b", "contractor_b"),
        expect=(403,),
    )
    for name, build in ADMIN_ROUTES
]

_PUBLIC = "public: authenticates by credentials or a one-time token, returns only the caller's own identity"
_SELF = "acts on the authenticated caller only (no record id in the path or body)"
EXEMPT = {
    ("accounts:auth-login", "POST"): _PUBLIC,
    ("accounts:auth-register", "POST"): "public: creates a new organization and its first user",
    ("accounts:auth-register-landlord", "POST"): "public: creates a new organization and its first user",
    ("accounts:auth-register-tenant", "POST"): "public: creates a new organization and its first user",
    ("accounts:auth-register-contractor", "POST"): "public: creates a new organization and its first user",
    ("accounts:auth-refresh", "POST"): _PUBLIC,
    ("accounts:auth-logout", "POST"): "public: revokes only the session whose refresh token is presented",
    (
        "accounts:auth-forgot-password",
        "POST",
    ): "public: same answer for every email; the link goes to the owner",
    ("accounts:auth-reset-password", "POST"): _PUBLIC,
    ("accounts:auth-verify-email-confirm", "POST"): (
        "public with optional login: link tokens are secret; codes only match the signed-in owner "
        "(tested in test_auth_recovery)"
    ),
    ("accounts:auth-verify-email-request", "POST"): _SELF,
    ("accounts:auth-sessions", "GET"): _SELF,
    ("accounts:auth-sessions-revoke-all", "POST"): _SELF,
    ("accounts:auth-me", "GET"): _SELF,
    ("people:users-list", "GET"): (
        "list filtered by the read rules and forced to the caller's organization; cross-organization "
        "filters return nothing (tested in test_users)"
    ),
}
