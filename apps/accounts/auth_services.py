"""Sign-in, registration, password reset and email verification (spec 02 section 2).

Authentication reads users outside the tenancy filter (``unscoped()``): it is the step that decides
who the principal is. Nothing here returns another user's data.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db.models.deletion import Collector
from django.utils import timezone

from apps.accounts.emails import send_credential_email
from apps.accounts.login_lockout import LoginLockout
from apps.accounts.models import (
    Contractor,
    Landlord,
    PasswordReset,
    Session,
    Tenant,
    User,
    VerificationToken,
)
from apps.accounts.revocation import user_credentials_revoke, user_sockets_close
from apps.accounts.sessions import (
    find_live_session,
    hash_token,
    session_start,
)
from apps.core.authentication import issue_access_token
from apps.core.db import atomic, on_commit
from apps.core.exceptions import BadRequest, Conflict, NotFound, Unauthorized
from apps.core.http import client_ip
from apps.core.jobs import enqueue
from apps.core.scope import Role, UserType

PASSWORD_RESET_TTL = timedelta(hours=1)
VERIFICATION_TTL = timedelta(hours=24)


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


@functools.cache
def _dummy_hash() -> str:
    return make_password(secrets.token_urlsafe(16))


def _dummy_password_check(password: str) -> None:
    """The same password hashing an existing account costs, for emails that have none."""
    check_password(password, _dummy_hash())


def auth_login(*, email: str, password: str, request) -> SignIn:
    """Sign in. Known and unknown emails get the same answers in the same order, after the same
    work (lockout state, one password hash check): nothing tells which emails are registered.
    "Account is disabled" is said only to the holder of the right password."""
    email = normalize_email(email)
    lockout = LoginLockout(email=email, address=client_ip(request))
    lockout.ensure_open()
    user = users_all().filter(email=email).first()
    if user is None:
        _dummy_password_check(password)
        lockout.record_failure()
    if not user.check_password(password):
        lockout.record_failure()
    if user.is_disabled:
        raise Unauthorized("Account is disabled")
    lockout.clear()
    with atomic():
        access_token, refresh_token = session_start(user=user, request=request)
    return SignIn(user, access_token, refresh_token)


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


CREDENTIAL_RECORDS = (Session, PasswordReset, VerificationToken)


def _organization_model(user: User):
    return {
        UserType.LANDLORD: Landlord,
        UserType.TENANT: Tenant,
        UserType.CONTRACTOR: Contractor,
    }.get(user.user_type)


def _abandoned_signup(user: User) -> bool:
    """A never-verified registration that may be replaced by a new one with its email: older than
    ``REGISTRATION_GRACE_MINUTES``, and owning nothing but what registering made (its credential
    records and an organization nobody else uses and nothing refers to)."""
    if user.email_verified_at is not None:
        return False
    if user.created_at > timezone.now() - timedelta(minutes=settings.REGISTRATION_GRACE_MINUTES):
        return False
    if _has_dependents(user, ignore=CREDENTIAL_RECORDS):
        return False
    org_id = user.organization_id
    if org_id is None:
        return True
    if User.objects.including_deleted().filter(organization_id=org_id).exclude(pk=user.pk).exists():
        return False
    org_model = _organization_model(user)
    org = org_model.objects.including_deleted().filter(pk=org_id).first() if org_model else None
    return org is None or not _has_dependents(org)


def _refuse_taken_email(email: str) -> None:
    """Before a registration's transaction: an email of a verified account is a 400 (spec); one
    of an unverified account that is not an abandoned sign-up is a 409, and its owner gets a new
    verification email (committed on its own: the registration itself is refused)."""
    existing = User.objects.including_deleted().filter(email=email).first()
    if existing is None:
        return
    if existing.email_verified_at is not None:
        # Verified accounts, soft-deleted ones included, keep their email.
        raise BadRequest("Email is already registered")
    if _abandoned_signup(existing):
        return
    if not existing.deleted and not existing.is_disabled:
        with atomic():
            verification_send(user=existing)
    raise Conflict("Email is already registered and awaiting verification")


def _purge_unverified(email: str) -> None:
    """An abandoned, never-verified registration with this email is removed (spec 02 section 2),
    with its organization record (nothing else refers to either: see ``_abandoned_signup``).

    Unlike the original, an account that owns anything, or was made within the grace period, is
    never removed: a stranger registering the same email cannot lock its owner out.
    """
    existing = User.objects.including_deleted().filter(email=email).first()
    if existing is None:
        return
    if not _abandoned_signup(existing):
        # Changed since _refuse_taken_email looked (a concurrent request): refuse, remove nothing.
        raise Conflict("Email is already registered and awaiting verification")
    org_model = _organization_model(existing)
    org_id = existing.organization_id
    user_id = existing.pk
    for model in CREDENTIAL_RECORDS:
        model.objects.including_deleted().filter(user=existing).delete()
    existing.delete()
    on_commit(lambda: user_sockets_close(user_id))
    if org_model is not None and org_id is not None:
        org_model.objects.including_deleted().filter(pk=org_id).delete()


def _registration(function):
    """A registration service: the email check first (its 409 commits the owner's verification
    email), then the registration in one transaction."""
    body = atomic(function)

    @functools.wraps(function)
    def register(*, email: str, **kwargs):
        _refuse_taken_email(normalize_email(email))
        return body(email=email, **kwargs)

    return register


def _has_dependents(instance, ignore: tuple = ()) -> bool:
    """Whether deleting ``instance`` would delete (or cascade to) any other record than ``ignore``."""
    collector = Collector(using="default")
    collector.collect([instance])
    for model, rows in collector.data.items():
        if model is not type(instance) and model not in ignore and rows:
            return True
    for queryset in collector.fast_deletes:
        if queryset.model not in ignore and queryset.exists():
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


@_registration
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


@_registration
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


@_registration
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
FORGOT_PASSWORD_TASK = "apps.accounts.auth_services.password_forgot_job"


def password_forgot(*, email: str) -> None:
    """Queue the reset email job for *every* email: the request does the same work and gives the
    same answer whether the account exists or not (no enumeration, not even by timing). The job
    decides: known, enabled accounts get a reset link, other addresses nothing."""
    with atomic():
        enqueue(FORGOT_PASSWORD_TASK, queue="email", email=normalize_email(email))


def password_forgot_job(*, email: str) -> None:
    user = users_all().filter(email=email).first()
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
        user_credentials_revoke(user=user)


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
    """Logout everywhere: sessions, access tokens (this one included) and open sockets."""
    user_credentials_revoke(user=user)


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
