"""Isolation cases of auth and sessions (see ``tests/isolation.py``)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import Session
from tests.isolation import Case

OUTSIDERS = ("admin_b", "staff_b", "tenant_b", "contractor_b")


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


CASES = [
    Case(
        "accounts:auth-session-revoke",
        "POST",
        _session_of_a,
        attackers=OUTSIDERS,
        unchanged=_session_unchanged,
    ),
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
}
