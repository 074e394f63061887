"""Writes and reads of users (spec 02 section 3).

Access (spec 01, corrected by README rule 1): users are managed only within the caller's own
organization (SuperAdmin: everywhere). Reads go through the scoped manager; creation is checked
against the rules on the record that would be created, so nobody creates users outside their
organization or of another user type.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.revocation import user_credentials_revoke
from apps.core import access
from apps.core.db import atomic
from apps.core.exceptions import AccessDenied, BadRequest, Forbidden, Unprocessable
from apps.core.pagination import search_filter
from apps.core.scope import Principal, Role, resolve_role
from apps.core.sniffing import sniff_mime_type
from apps.messaging.email import email_send

PROFILE_PICTURE_MAX_BYTES = 5 * 1024 * 1024
PROFILE_PICTURE_DIR = "profile-pictures"
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif")
IMAGE_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}


PERSON_FIELDS = ("username", "first_name", "last_name", "email", "phone", "password", "is_primary")


def person_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The user fields of a create body that also carries other things (organization name...)."""
    return {key: data[key] for key in PERSON_FIELDS if key in data}


def _all_users():
    """Uniqueness and primary checks look at every user (they are facts, not disclosures)."""
    return User.objects.unscoped()


def username_taken(username: str, *, exclude_pk=None, ignore_case: bool = False) -> bool:
    """Soft-deleted users keep their username (the unique index covers them)."""
    lookup = "username__iexact" if ignore_case else "username"
    queryset = User.objects.including_deleted().filter(**{lookup: username})
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def email_taken(email: str, *, exclude_pk=None) -> bool:
    queryset = User.objects.including_deleted().filter(email=(email or "").strip().lower())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def _username_conflict(username: str) -> Unprocessable:
    return Unprocessable(f"Username '{username}' is already taken within this organization")


def _email_conflict(email: str, *, organization_id=None) -> Unprocessable:
    """The spec's message when the address belongs to the same organization (the caller sees
    those users anyway); a neutral one otherwise, which names no other organization or account
    type (emails are unique platform-wide, so that the address is taken cannot be hidden)."""
    holder = User.objects.including_deleted().filter(email=email).values_list("organization_id", flat=True)
    if organization_id is not None and organization_id in list(holder[:1]):
        return Unprocessable(f"Email '{email}' is already registered within this organization")
    return Unprocessable(f"Email '{email}' is already in use")


def _check_unique(*, username: str, email: str, exclude_pk=None, organization_id=None) -> None:
    if username_taken(username, exclude_pk=exclude_pk):
        raise _username_conflict(username)
    if email_taken(email, exclude_pk=exclude_pk):
        raise _email_conflict(email, organization_id=organization_id)


def _save_unique(user: User, *, update_fields=None) -> None:
    """Save; a uniqueness race lost to a concurrent request is the pre-check's 422, not a 500."""
    try:
        with atomic():
            user.save(update_fields=update_fields)
    except IntegrityError:
        _check_unique(
            username=user.username, email=user.email, exclude_pk=user.pk, organization_id=user.organization_id
        )
        raise


def _primary_exists(*, organization_id, user_type: str, exclude=None) -> bool:
    queryset = _all_users().filter(organization_id=organization_id, user_type=user_type, is_primary=True)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.exists()


def _stored_role_is_super_admin(caller: User | None) -> bool:
    return caller is not None and caller.role == Role.SUPER_ADMIN


def welcome_email_send(user: User) -> None:
    email_send(to=user.email, template="welcome", context={"username": user.username})


@atomic
def user_create(
    *,
    data: dict[str, Any],
    principal: Principal | None = None,
    caller: User | None = None,
    check_access: bool = True,
    auto_primary: bool = True,
    email_verified: bool = False,
    send_welcome: bool = True,
) -> User:
    """The ``POST /users`` rules (spec 02 section 3); the one way every route creates a user.

    ``data``: ``username``, ``first_name``, ``last_name``, ``email``, ``password``, ``user_type``,
    optional ``phone``, ``organization_id`` (default: the caller's), ``is_primary``, ``role``
    (honoured only for a caller whose stored role is SuperAdmin).

    ``check_access``: the new record is checked against the caller's User rules (``POST /users``).
    Routes that authorized the organization themselves (tenant/contractor sub-users, invitation
    accept, registration) pass ``False``. ``auto_primary``: the first user of an organization
    becomes its primary user (off for invited staff).
    """
    username = data["username"].strip()
    email = data["email"].strip().lower()
    organization_id = data.get("organization_id") or (caller.organization_id if caller else None)
    user = User(
        username=username,
        first_name=data["first_name"].strip(),
        last_name=data["last_name"].strip(),
        email=email,
        phone=(data.get("phone") or "").strip(),
        user_type=data["user_type"],
        organization_id=organization_id,
        is_primary=bool(data.get("is_primary", False)),
        email_verified_at=timezone.now() if email_verified else None,
    )
    if check_access and principal is not None and not access.can_on(principal, access.CREATE, user):
        raise AccessDenied()
    _check_unique(username=username, email=email, organization_id=organization_id)
    if (
        auto_primary
        and organization_id
        and not _all_users().filter(organization_id=organization_id, user_type=user.user_type).exists()
    ):
        user.is_primary = True
    if (
        user.is_primary
        and organization_id
        and _primary_exists(organization_id=organization_id, user_type=user.user_type)
    ):
        raise Unprocessable(
            f"A primary user already exists for this {user.user_type.lower()}. "
            "Only one primary user is allowed per organization."
        )
    if data.get("role") and _stored_role_is_super_admin(caller):
        user.role = data["role"]
    else:
        user.role = resolve_role(stored_role=None, user_type=user.user_type, is_primary=user.is_primary)
    user.set_password(data["password"])
    _save_unique(user)
    if send_welcome:
        welcome_email_send(user)
    return user


@atomic
def user_update(*, principal: Principal, caller: User | None, user: User, data: dict[str, Any]) -> User:
    """The ``PATCH /users/:id`` rules (spec 02 section 3), also for tenant/contractor members."""
    if "role" in data and not _stored_role_is_super_admin(caller):
        raise Forbidden("You are not allowed to change user roles")
    if "is_primary" in data and principal.role == Role.LANDLORD_STAFF:
        raise Forbidden("Landlord staff cannot change primary user status")
    if "username" in data:
        username = data["username"].strip()
        if username != user.username and username_taken(username, exclude_pk=user.pk):
            raise _username_conflict(username)
        user.username = username
    if "email" in data:
        email = data["email"].strip().lower()
        if email != user.email and email_taken(email, exclude_pk=user.pk):
            raise _email_conflict(email, organization_id=user.organization_id)
        user.email = email
    for field in ("first_name", "last_name", "phone", "profile_picture"):
        if field in data:
            value = data[field]
            setattr(user, field, value.strip() if isinstance(value, str) else (value or ""))
    if "is_primary" in data:
        user.is_primary = bool(data["is_primary"])
        if user.is_primary and user.organization_id:
            _all_users().filter(
                organization_id=user.organization_id, user_type=user.user_type, is_primary=True
            ).exclude(pk=user.pk).update(is_primary=False, updated_at=timezone.now())
    if "role" in data:
        user.role = data["role"]
    else:
        user.role = resolve_role(stored_role=None, user_type=user.user_type, is_primary=user.is_primary)
    if data.get("password"):
        user.set_password(data["password"])
    _save_unique(user)
    return user


@atomic
def user_delete(*, user: User) -> None:
    """Soft-delete; the user's sessions, access tokens and open sockets end with it."""
    user.soft_delete()
    user_credentials_revoke(user=user)


def filter_users(queryset, filters: dict[str, Any]):
    """The ``GET /users`` filters other than the organization: type, role, primary, search."""
    if filters.get("user_type"):
        queryset = queryset.filter(user_type=filters["user_type"])
    if filters.get("role"):
        queryset = queryset.filter(role=filters["role"])
    if filters.get("is_primary") is not None:
        queryset = queryset.filter(is_primary=filters["is_primary"])
    clause = search_filter(filters.get("search"), "username", "email")
    if clause is not None:
        queryset = queryset.filter(clause)
    return queryset


def users_list_queryset(*, principal: Principal, caller: User, filters: dict[str, Any]):
    """Users the caller may read, narrowed by the list filters (spec 02 section 3)."""
    queryset = User.objects.all()
    if filters.get("organization_id") is not None:
        queryset = queryset.filter(organization_id=filters["organization_id"])
    elif caller.organization_id:
        queryset = queryset.filter(organization_id=caller.organization_id)
    else:
        queryset = queryset.filter(organization_id__isnull=True)
    return filter_users(queryset, filters)


def organization_members(*, organization_id, user_type: str, filters: dict[str, Any]):
    """``GET /users`` for one tenant/contractor organization (``/tenants/:id/users``...).

    The route authorized the organization; its members are read outside the User rules.
    """
    queryset = _all_users().filter(organization_id=organization_id, user_type=user_type)
    if filters.get("user_type") and filters["user_type"] != user_type:
        return queryset.none()
    if filters.get("organization_id") and filters["organization_id"] != organization_id:
        return queryset.none()
    return filter_users(queryset, filters)


def _public_url(name: str) -> str:
    url = default_storage.url(name)
    if url.startswith("/"):
        url = settings.APP_BASE_URL.rstrip("/") + url
    return url


def user_set_profile_picture(*, user: User, upload) -> User:
    if upload is None:
        raise BadRequest("No file provided")
    if upload.size > PROFILE_PICTURE_MAX_BYTES:
        raise BadRequest("File too large. Maximum size is 5MB")
    content_type = sniff_mime_type(upload)
    if content_type not in IMAGE_TYPES:
        raise BadRequest("Invalid file type. Allowed types: " + ", ".join(IMAGE_TYPES))
    name = f"{PROFILE_PICTURE_DIR}/{user.pk}/{uuid.uuid4().hex}.{IMAGE_EXTENSIONS[content_type]}"
    stored = default_storage.save(name, ContentFile(upload.read()))
    with atomic():
        user.profile_picture = _public_url(stored)
        user.save(update_fields=["profile_picture"])
    return user


@atomic
def user_set_privacy(*, user: User, data: dict[str, Any]) -> User:
    fields = [name for name in ("allow_neighbors_to_message", "allow_group_chat_invites") if name in data]
    for name in fields:
        setattr(user, name, bool(data[name]))
    if fields:
        user.save(update_fields=fields)
    return user
