"""Sign-in sessions and the auth cookies (spec 00 section 3.3, spec 02 sections 0 and 1.6).

A session is a refresh-token record: the 96-hex-character token is handed to the client once and
only its SHA-256 hash is stored. Access tokens are stateless JWTs. ``apply_auth_cookies`` sets the
four cookies the web client expects; other apps (invitation accept) use these helpers too.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils import timezone

from apps.accounts.models import Session
from apps.core.authentication import ACCESS_COOKIE, issue_access_token
from apps.core.env import parse_cookie_max_age, parse_duration
from apps.core.http import recorded_ip
from apps.core.serializers import iso
from apps.core.views import CSRF_COOKIE

REFRESH_COOKIE = "refresh_token"
USER_DATA_COOKIE = "user-data"
CSRF_MAX_AGE = 7 * 24 * 3600
USER_DATA_MAX_AGE = 30 * 24 * 3600
DEFAULT_REFRESH_TTL = timedelta(days=30)


def hash_token(raw: str) -> str:
    """The stored form of a refresh, reset or verification token."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_refresh_token() -> str:
    return secrets.token_hex(48)


def refresh_ttl() -> timedelta:
    return parse_duration(settings.REFRESH_TOKEN_TTL, DEFAULT_REFRESH_TTL)


def auth_user_payload(user) -> dict[str, Any]:
    """The AuthUser of spec 02 section 0, with internal (snake_case) keys."""
    return {
        "_id": str(user.pk),
        "username": user.username,
        "email": user.email,
        "user_type": user.user_type,
        "organization_id": str(user.organization_id) if user.organization_id else None,
        "is_primary": bool(user.is_primary),
        "email_verified_at": iso(user.email_verified_at),
        "role": user.effective_role,
    }


def auth_user_wire(user) -> dict[str, Any]:
    """AuthUser with wire keys, for the ``user-data`` cookie (rendered bodies camelCase themselves)."""
    payload = auth_user_payload(user)
    return {
        "_id": payload["_id"],
        "username": payload["username"],
        "email": payload["email"],
        "user_type": payload["user_type"],
        "organization_id": payload["organization_id"],
        "isPrimary": payload["is_primary"],
        "emailVerifiedAt": payload["email_verified_at"],
        "role": payload["role"],
    }


def _user_agent(request) -> str:
    meta = getattr(request, "META", {})
    return (meta.get("HTTP_USER_AGENT") or "")[:500]


def session_start(*, user, request) -> tuple[str, str]:
    """Create a refresh session for ``user``; returns ``(access_token, refresh_token)``."""
    refresh_token = new_refresh_token()
    Session.objects.create(
        user=user,
        refresh_token_hash=hash_token(refresh_token),
        ip=recorded_ip(request)[:200],
        user_agent=_user_agent(request),
        expires_at=timezone.now() + refresh_ttl(),
    )
    return issue_access_token(user), refresh_token


def _cookie_kwargs(*, httponly: bool, samesite: str) -> dict[str, Any]:
    return {
        "path": "/",
        "domain": settings.AUTH_COOKIE_DOMAIN or None,
        "secure": bool(settings.AUTH_COOKIE_SECURE),
        "httponly": httponly,
        "samesite": samesite,
    }


def _encode_cookie_value(text: str) -> str:
    """Like the original (``encodeURIComponent``): JSON text survives any cookie parser."""
    return quote(text, safe="!~*'()")


def apply_auth_cookies(
    response,
    *,
    user,
    access_token: str,
    refresh_token: str,
    include_user_data: bool = True,
) -> None:
    """Set ``access_token``, ``refresh_token``, ``csrf_token`` and (unless refreshing) ``user-data``."""
    response.set_cookie(
        ACCESS_COOKIE,
        access_token,
        max_age=parse_cookie_max_age(settings.JWT_EXPIRATION),
        **_cookie_kwargs(httponly=True, samesite="Strict"),
    )
    response.set_cookie(
        REFRESH_COOKIE,
        refresh_token,
        max_age=parse_cookie_max_age(settings.REFRESH_TOKEN_TTL),
        **_cookie_kwargs(httponly=True, samesite="Lax"),
    )
    response.set_cookie(
        CSRF_COOKIE,
        secrets.token_hex(32),
        max_age=CSRF_MAX_AGE,
        **_cookie_kwargs(httponly=False, samesite="Strict"),
    )
    if include_user_data:
        response.set_cookie(
            USER_DATA_COOKIE,
            _encode_cookie_value(json.dumps(auth_user_wire(user), separators=(",", ":"))),
            max_age=USER_DATA_MAX_AGE,
            **_cookie_kwargs(httponly=False, samesite="Lax"),
        )


COOKIE_ATTRIBUTES = {
    ACCESS_COOKIE: (True, "Strict"),
    REFRESH_COOKIE: (True, "Lax"),
    CSRF_COOKIE: (False, "Strict"),
    USER_DATA_COOKIE: (False, "Lax"),
}


def clear_auth_cookies(response) -> None:
    """Expire the four auth cookies (empty value, Max-Age 0, same attributes)."""
    for name, (httponly, samesite) in COOKIE_ATTRIBUTES.items():
        response.set_cookie(
            name,
            "",
            max_age=0,
            expires="Thu, 01 Jan 1970 00:00:00 GMT",
            **_cookie_kwargs(httponly=httponly, samesite=samesite),
        )


def find_live_session(raw_refresh_token: str | None) -> Session | None:
    """The non-revoked session a refresh token belongs to (expired ones included)."""
    if not raw_refresh_token:
        return None
    return (
        Session.objects.select_related("user")
        .filter(refresh_token_hash=hash_token(raw_refresh_token), revoked=False)
        .first()
    )


def revoke_session(session: Session) -> None:
    if not session.revoked:
        session.revoked = True
        session.revoked_at = timezone.now()
        session.save(update_fields=["revoked", "revoked_at"])


def revoke_all_sessions(user) -> int:
    now = timezone.now()
    return Session.objects.filter(user=user, revoked=False).update(
        revoked=True, revoked_at=now, updated_at=now
    )
