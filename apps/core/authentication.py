"""Request authentication: a JWT access token from the header or the ``access_token`` cookie.

Only ``sub`` is trusted; the user is re-loaded on every request and a missing, soft-deleted or
disabled user is a 401 (spec 00 section 3.1, open question 2: disabled accounts stop at once), as
is a token older than the user's last password reset or logout-all (claim ``ver``).
"""

from __future__ import annotations

import uuid

from django.contrib.auth import get_user_model
from rest_framework import exceptions
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from apps.core.scope import Principal

ACCESS_COOKIE = "access_token"
#: the user's token version when the token was issued (see apps.accounts.revocation)
VERSION_CLAIM = "ver"


def issue_access_token(user) -> str:
    """A signed access token with the claims of spec 00 section 3.1."""
    principal = Principal.for_user(user)
    token = AccessToken.for_user(user)
    token["email"] = user.email
    token["user_type"] = user.user_type
    token["organization_id"] = str(user.organization_id) if user.organization_id else None
    token["role"] = principal.role
    token[VERSION_CLAIM] = getattr(user, "token_version", 0)
    return str(token)


def user_from_token(raw_token: str | bytes):
    """The active user a raw access token belongs to, or ``None`` (bad token, gone, disabled, or
    issued before the user's credentials were revoked)."""
    try:
        token = AccessToken(raw_token)
        user_id = uuid.UUID(str(token["sub"]))
        version = int(token.get(VERSION_CLAIM, 0))
    except (TokenError, KeyError, ValueError, TypeError):
        return None
    user = get_user_model().objects.unscoped().filter(pk=user_id).first()
    if not token_still_valid(user, version):
        return None
    return user


def token_still_valid(user, version: int) -> bool:
    """``user`` exists, is enabled and has not revoked tokens of ``version`` since."""
    return user is not None and not user.is_disabled and getattr(user, "token_version", 0) == version


class JWTCookieAuthentication(JWTAuthentication):
    """Bearer header first, then the ``access_token`` cookie.

    ``request.authenticated_by_cookie`` tells the CSRF check whether the request carried an
    ambient credential (cookies) or an explicit one (the header).
    """

    www_authenticate_realm = "api"

    def authenticate(self, request):
        header = self.get_header(request)
        raw_token = self.get_raw_token(header) if header is not None else None
        from_cookie = False
        if raw_token is None:
            raw_token = request.COOKIES.get(ACCESS_COOKIE) or None
            from_cookie = raw_token is not None
        if raw_token is None:
            return None
        user = user_from_token(raw_token)
        if user is None:
            raise exceptions.AuthenticationFailed("Unauthorized")
        request._request.authenticated_by_cookie = from_cookie
        return user, raw_token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
