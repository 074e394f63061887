"""Sign-in, registration, password reset and email verification (spec 02 section 2).

Authentication reads users outside the tenancy filter (``unscoped()``): it is the step that decides
who the principal is. Nothing here returns another user's data.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import F
from django.db.models.deletion import Collector
from django.utils import timezone

from apps.accounts.emails import send_credential_email
from apps.accounts.models import (
    Contractor,
    Landlord,
    PasswordReset,
    Session,
    Tenant,
    User,
    VerificationToken,
)
from apps.accounts.sessions import (
    find_live_session,
    hash_token,
    revoke_all_sessions,
    session_start,
)
from apps.core.authentication import issue_access_token
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, NotFound, Unauthorized
from apps.core.scope import Role, UserType

PASSWORD_RESET_TTL = timedelta(hours=1)
VERIFICATION_TTL = timedelta(hours=24)
LOCK_STEP_MINUTES = 5
LOCK_MAX_STEPS = 6


# -- helpers --------------------------------------------------------------------------------------
def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def users_all():
    """Every non-deleted user, outside the tenancy filter (authentication only)."""
    return User.objects.unscoped()


def hash_code(code: str) -> str:
    """6-digit codes are keyed with the secret: a leaked table does not reveal them by brute force."""
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def client_link(path: str) -> str:
    return settings.CLIENT_BASE_URL.rstrip("/") + path


# -- login -----------------------------------------------------------------------------------------
@dataclass
class SignIn:
    user: User
    access_token: str
    refresh_token: str


def lock_minutes(attempts: int) -> int:
    """5, 5, 10, 10, 15 ... up to 30 minutes for the 5th, 6th, 7th ... failure."""
    return LOCK_STEP_MINUTES * min(LOCK_MAX_STEPS, (attempts - settings.LOGIN_MAX_ATTEMPTS) // 2 + 1)


def _minutes_word(count: int) -> str:
    return "minute" if count == 1 else "minutes"


def auth_login(*, email: str, password: str, request) -> SignIn:
    user = users_all().filter(email=normalize_email(email)).first()
    if user is None:
        # Hash anyway: an unknown email takes as long as a wrong password (no timing oracle).
        User().set_password(password)
        raise Unauthorized("Invalid credentials")
    if user.is_disabled:
        raise Unauthorized("Account is disabled")
    now = timezone.now()
    if user.lockout_expires_at and user.lockout_expires_at > now:
        remaining = max(1, math.ceil((user.lockout_expires_at - now).total_seconds() / 60))
        raise Unauthorized(
            f"Too many failed attempts. Please try again in {remaining} {_minutes_word(remaining)}."
        )
    if not user.check_password(password):
        _record_failed_login(user)
    with atomic():
        if user.failed_login_attempts or user.lockout_expires_at is not None:
            users_all().filter(pk=user.pk).update(failed_login_attempts=0, lockout_expires_at=None)
            user.failed_login_attempts, user.lockout_expires_at = 0, None
        access_token, refresh_token = session_start(user=user, request=request)
    return SignIn(user, access_token, refresh_token)


def _record_failed_login(user: User) -> None:
    """Count the failure (an atomic increment: no lost updates under concurrency), lock when due.

    Counter and lock are written in one transaction; the 401 is raised after it committed.
    """
    with atomic():
        users_all().filter(pk=user.pk).update(
            failed_login_attempts=F("failed_login_attempts") + 1, updated_at=timezone.now()
        )
        attempts = users_all().filter(pk=user.pk).values_list("failed_login_attempts", flat=True).first() or 0
        locked = attempts >= settings.LOGIN_MAX_ATTEMPTS
        if locked:
            users_all().filter(pk=user.pk).update(
                lockout_expires_at=timezone.now() + timedelta(minutes=lock_minutes(attempts))
            )
    if locked:
        raise Unauthorized("Too many failed attempts. Account temporarily locked.")
    raise Unauthorized("Invalid credentials")


# -- refresh and logout ------------------------------------------------------------------------------
def auth_refresh(*, refresh_token: str | None, request) -> SignIn:
    if not refresh_token:
        raise Unauthorized("Missing refresh token")
    session = find_live_session(refresh_token)
    if session is None or session.expires_at <= timezone.now():
        raise Unauthorized("Invalid session")
    user = session.user
    if user is None or user.deleted:
        raise Unauthorized("Invalid session")
    if user.is_disabled:
        raise Unauthorized("Account is disabled")
    with atomic():
        now = timezone.now()
        # Conditional update: of two concurrent refreshes with one token, only one rotates.
        rotated = Session.objects.filter(pk=session.pk, revoked=False).update(
            revoked=True, revoked_at=now, updated_at=now
        )
        if not rotated:
            raise Unauthorized("Invalid session")
        access_token, new_refresh = session_start(user=user, request=request)
    return SignIn(user, access_token, new_refresh)


def auth_logout(*, refresh_token: str | None) -> None:
    session = find_live_session(refresh_token)
    if session is not None:
        now = timezone.now()
        Session.objects.filter(pk=session.pk, revoked=False).update(
            revoked=True, revoked_at=now, updated_at=now
        )


# -- registration ---------------------------------------------------------------------------------
@dataclass
class Registration:
    user: User
    organization: Any
    access_token: str
    refresh_token: str


def _taken_username(username: str) -> bool:
    return User.objects.including_deleted().filter(username=username).exists()


def _free_username(base: str) -> str:
    """``base``, or ``base2``, ``base3``... (the original gave a 500 on a collision)."""
    base = (base or "user")[:60]
    candidate, counter = base, 1
    while _taken_username(candidate):
        counter += 1
        candidate = f"{base}{counter}"
    return candidate


def _free_landlord_name(name: str) -> str:
    candidate, counter = name, 1
    while Landlord.objects.including_deleted().filter(name=candidate).exists():
        counter += 1
        candidate = f"{name} ({counter})"
    return candidate


def _purge_unverified(email: str) -> None:
    """An earlier, never-verified registration with this email is removed (spec 02 section 2).

    Unlike the original, the organization record is removed only when nothing else refers to it
    (no other user, no linked or dependent record): a registration never destroys shared data.
    """
    existing = User.objects.including_deleted().filter(email=email).first()
    if existing is None:
        return
    if existing.email_verified_at is not None and not existing.deleted:
        raise BadRequest("Email is already registered")
    if existing.email_verified_at is not None:
        # A verified, soft-deleted account keeps its email (its history stays attributable).
        raise BadRequest("Email is already registered")
    org_model = {
        UserType.LANDLORD: Landlord,
        UserType.TENANT: Tenant,
        UserType.CONTRACTOR: Contractor,
    }.get(existing.user_type)
    org_id = existing.organization_id
    Session.objects.including_deleted().filter(user=existing).delete()
    PasswordReset.objects.including_deleted().filter(user=existing).delete()
    VerificationToken.objects.including_deleted().filter(user=existing).delete()
    existing.delete()
    if org_model is None or org_id is None:
        return
    if User.objects.including_deleted().filter(organization_id=org_id).exists():
        return
    org = org_model.objects.including_deleted().filter(pk=org_id).first()
    if org is not None and not _has_dependents(org):
        org.delete()


def _has_dependents(instance) -> bool:
    collector = Collector(using="default")
    collector.collect([instance])
    for model, rows in collector.data.items():
        if model is not type(instance) and rows:
            return True
    for queryset in collector.fast_deletes:
        if queryset.exists():
            return True
    return False


def _new_user(**fields) -> User:
    password = fields.pop("password")
    user = User(**fields)
    user.set_password(password)
    user.save()
    return user


def _finish_registration(user: User, organization, request) -> Registration:
    verification_send(user=user)
    access_token, refresh_token = session_start(user=user, request=request)
    return Registration(user, organization, access_token, refresh_token)


@atomic
def register_landlord(
    *,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    organization_name: str | None = None,
    request,
) -> Registration:
    email = normalize_email(email)
    _purge_unverified(email)
    name = (organization_name or "").strip() or f"{first_name} {last_name}".strip() or "Landlord"
    landlord = Landlord.objects.create(name=_free_landlord_name(name))
    user = _new_user(
        username=_free_username(email.split("@")[0].lower()),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        password=password,
        user_type=UserType.LANDLORD,
        organization_id=landlord.pk,
        is_primary=True,
        role=Role.LANDLORD_ADMIN,
    )
    return _finish_registration(user, landlord, request)


def _check_username(username: str) -> str:
    username = username.strip().lower()
    if _taken_username(username):
        raise BadRequest("Username is already taken")
    return username


def _register_party(
    *,
    model,
    user_type: str,
    name_lookup: dict[str, Any],
    name_message: str,
    organization_fields: dict[str, Any],
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    phone: str,
    request,
) -> Registration:
    """A tenant or contractor organization and its primary user (checks in the spec's order)."""
    email = normalize_email(email)
    _purge_unverified(email)
    username = _check_username(username)
    if model.objects.including_deleted().filter(**name_lookup).exists():
        raise BadRequest(name_message)
    organization = model.objects.create(**organization_fields)
    user = _new_user(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=(phone or "").strip(),
        password=password,
        user_type=user_type,
        organization_id=organization.pk,
        is_primary=True,
        role=user_type,  # the Tenant and Contractor roles are named like the user types
    )
    return _finish_registration(user, organization, request)


@atomic
def register_tenant(*, name: str, phone: str = "", request, **person) -> Registration:
    name = name.strip()
    return _register_party(
        model=Tenant,
        user_type=UserType.TENANT,
        name_lookup={"name__iexact": name},
        name_message="A tenant with this name already exists",
        organization_fields={"name": name},
        phone=phone,
        request=request,
        **person,
    )


@atomic
def register_contractor(*, name: str, category: str, phone: str = "", request, **person) -> Registration:
    name = name.strip()
    return _register_party(
        model=Contractor,
        user_type=UserType.CONTRACTOR,
        name_lookup={"name": name},
        name_message="A contractor with this name already exists",
        organization_fields={"name": name, "category": category.strip()},
        phone=phone,
        request=request,
        **person,
    )


# -- password reset --------------------------------------------------------------------------------
def password_forgot(*, email: str) -> None:
    """Send a reset link. Unknown emails get the same answer and no email (no enumeration)."""
    user = users_all().filter(email=normalize_email(email)).first()
    if user is None or user.is_disabled:
        return
    token = secrets.token_hex(32)
    with atomic():
        PasswordReset.objects.create(
            user=user, token_hash=hash_token(token), expires_at=timezone.now() + PASSWORD_RESET_TTL
        )
        send_credential_email(
            sensitive_keys=("reset_url",),
            to=user.email,
            template="password-reset",
            context={
                "username": user.username,
                "first_name": user.first_name,
                "reset_url": client_link(f"/reset-password/{token}"),
                "expires_hours": 1,
            },
        )


def _claim_once(model, record, *, now, message: str) -> None:
    """Mark a one-time token used; of two concurrent uses of one token only one gets through."""
    claimed = model.objects.filter(pk=record.pk, used=False).update(used=True, used_at=now, updated_at=now)
    if not claimed:
        raise Unauthorized(message)


def password_reset(*, token: str, password: str) -> None:
    now = timezone.now()
    reset = (
        PasswordReset.objects.select_related("user")
        .filter(token_hash=hash_token(token), used=False, expires_at__gt=now)
        .first()
    )
    if reset is None:
        raise Unauthorized("Invalid or expired token")
    user = reset.user
    if user is None or user.deleted:
        raise Unauthorized("Invalid token")
    with atomic():
        _claim_once(PasswordReset, reset, now=now, message="Invalid or expired token")
        user.set_password(password)
        user.save(update_fields=["password"])
        revoke_all_sessions(user)


# -- email verification ---------------------------------------------------------------------------
def verification_send(*, user: User) -> None:
    """Create a link token and a 6-digit code (24 h) and email both."""
    token = secrets.token_hex(32)
    code = f"{secrets.randbelow(1_000_000):06d}"
    VerificationToken.objects.create(
        user=user,
        token_hash=hash_token(token),
        code_hash=hash_code(code),
        expires_at=timezone.now() + VERIFICATION_TTL,
    )
    send_credential_email(
        sensitive_keys=("verify_url", "code"),
        to=user.email,
        template="verify-email",
        context={
            "username": user.username,
            "first_name": user.first_name,
            "verify_url": client_link(f"/verify-email?token={token}"),
            "code": code,
            "expires_hours": 24,
        },
    )


def verification_request(*, user: User) -> None:
    """Send a new verification email, unless the address is already verified."""
    if user.email_verified_at is not None:
        return
    with atomic():
        verification_send(user=user)


def verification_confirm(
    *, token: str | None, code: str | None, current_user: User | None, request
) -> SignIn:
    """Verify by link token (anyone holding it) or by code (only for the signed-in owner).

    A code alone is 1 in a million: it is looked up among the signed-in caller's own records only,
    never across users (the original matched any user's code, an account-takeover path).
    """
    if not token and not code:
        raise BadRequest("Verification token or code is required")
    now = timezone.now()
    live = VerificationToken.objects.select_related("user").filter(used=False, expires_at__gt=now)
    record = None
    if token:
        record = live.filter(token_hash=hash_token(token)).first()
    if record is None and code:
        if current_user is None:
            raise Unauthorized("Invalid or expired verification")
        record = live.filter(user=current_user, code_hash=hash_code(code)).first()
    if record is None:
        raise Unauthorized("Invalid or expired verification")
    owner = record.user
    if owner is None or owner.deleted:
        raise Unauthorized("Invalid verification")
    if owner.is_disabled:
        raise Unauthorized("Account is disabled")
    if current_user is not None and current_user.pk != owner.pk:
        raise Unauthorized("Invalid verification")
    with atomic():
        _claim_once(VerificationToken, record, now=now, message="Invalid or expired verification")
        if owner.email_verified_at is None:
            owner.email_verified_at = now
            owner.save(update_fields=["email_verified_at"])
        access_token, refresh_token = session_start(user=owner, request=request)
    return SignIn(owner, access_token, refresh_token)


# -- sessions and me ----------------------------------------------------------------------------------
def sessions_of(user: User):
    return Session.objects.filter(user=user, revoked=False).order_by("-created_at", "-id")


def session_revoke(*, user: User, session_id) -> None:
    session = Session.objects.filter(pk=session_id, user=user).first()
    if session is None:
        raise NotFound("Session not found")
    now = timezone.now()
    Session.objects.filter(pk=session.pk, revoked=False).update(revoked=True, revoked_at=now, updated_at=now)


def sessions_revoke_all(*, user: User) -> None:
    revoke_all_sessions(user)


def current_user_reload(user: User) -> User:
    fresh = users_all().filter(pk=user.pk).first()
    if fresh is None:
        raise NotFound("User not found")
    return fresh


__all__ = [
    "auth_login",
    "auth_logout",
    "auth_refresh",
    "issue_access_token",
    "password_forgot",
    "password_reset",
    "register_contractor",
    "register_landlord",
    "register_tenant",
    "verification_confirm",
    "verification_request",
]
