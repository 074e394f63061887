"""Shared pieces of the people routes: organization users, duplicate checks, output shapes.

Tenant and contractor organizations are shared parties (spec 00 section 10): one household or
company may be linked to several landlords. Spec README rule 1 shapes what a landlord may do with
one: it sees only organizations linked to it (the scoped managers do that), and it may change the
organization's credentials or identity (users, name) only while no *other* landlord is linked,
since a password a landlord knows would otherwise open another landlord's records.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.db import IntegrityError
from django.utils import timezone
from rest_framework import serializers

from apps.accounts.models import Contractor, Tenant, User
from apps.core.db import atomic
from apps.core.exceptions import Forbidden, Unprocessable
from apps.core.pagination import ListQuery
from apps.core.scope import Principal, Role, UserType, resolve_role
from apps.core.serializers import InputSerializer, RecordSerializer, record_meta_fields

LONG_PASSWORD_MESSAGE = (
    "Password must contain at least one uppercase letter, one lowercase letter, and one number or "
    "special character"
)
SHORT_PASSWORD_MESSAGE = "Password is too weak"


def sha256_hex(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


# The original's unanchored pattern: a match may start after a leading "." (which then does not
# count as the special character).
STRONG_PASSWORD = re.compile(r"((?=.*\d)|(?=.*\W+))(?![.\n])(?=.*[A-Z])(?=.*[a-z]).*$")


def is_strong_password(value: str) -> bool:
    """Spec 02 section 0: 8+ chars, an upper, a lower, and a digit or a non-word character."""
    return len(value) >= 8 and STRONG_PASSWORD.search(value) is not None


class StrongPasswordField(serializers.CharField):
    def __init__(self, *, message: str = LONG_PASSWORD_MESSAGE, **kwargs):
        self.weak_message = message
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and not is_strong_password(value):
            raise serializers.ValidationError(self.weak_message)
        return value


# -- output shapes -------------------------------------------------------------------------------

USER_RECORD_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "phone",
    "user_type",
    "organization_id",
    "is_primary",
    "email_verified_at",
    "role",
    "failed_login_attempts",
    "lockout_expires_at",
    "is_disabled",
    "disabled_at",
    "profile_picture",
    "allow_neighbors_to_message",
    "allow_group_chat_invites",
    "blocked_users",
    "muted_threads",
)


class PeopleUserRecord(RecordSerializer):
    """UserRecord of spec 02 section 0: every stored field but the password hash."""

    organization_id = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = record_meta_fields(*USER_RECORD_FIELDS)

    def get_organization_id(self, user) -> str | None:
        return str(user.organization_id) if user.organization_id else None


def visible_landlord_ids(principal: Principal, landlord_ids: list) -> list[str]:
    """A landlord caller sees only its own link, never which other landlords an org works with."""
    if principal.landlord_id is not None:
        return [str(pk) for pk in landlord_ids if pk == principal.landlord_id]
    return [str(pk) for pk in landlord_ids]


def landlord_links(model, org_ids: list) -> dict[Any, list]:
    """``{org id: [landlord ids]}`` in one query (no prefetch over the many-to-many)."""
    through = model.landlords.through
    owner = "tenant_id" if model is Tenant else "contractor_id"
    links: dict[Any, list] = {pk: [] for pk in org_ids}
    for org_id, landlord_id in through.objects.filter(**{f"{owner}__in": org_ids}).values_list(
        owner, "landlord_id"
    ):
        links.setdefault(org_id, []).append(landlord_id)
    return links


class TenantRecord(RecordSerializer):
    landlords = serializers.SerializerMethodField()

    class Meta:
        model = Tenant
        fields = record_meta_fields("name", "landlords", "invitation_context")

    def get_landlords(self, tenant) -> list[str]:
        links = self.context.get("links")
        ids = (
            links.get(tenant.pk, [])
            if links is not None
            else list(tenant.landlords.values_list("pk", flat=True))
        )
        return visible_landlord_ids(self.context["principal"], ids)


class ContractorRecord(RecordSerializer):
    landlords = serializers.SerializerMethodField()

    class Meta:
        model = Contractor
        fields = record_meta_fields("name", "category", "landlords")

    def get_landlords(self, contractor) -> list[str]:
        links = self.context.get("links")
        ids = (
            links.get(contractor.pk, [])
            if links is not None
            else list(contractor.landlords.values_list("pk", flat=True))
        )
        return visible_landlord_ids(self.context["principal"], ids)


def tenant_records(tenants: list[Tenant], principal: Principal) -> list[dict]:
    links = landlord_links(Tenant, [tenant.pk for tenant in tenants])
    return TenantRecord(tenants, many=True, context={"links": links, "principal": principal}).data


def tenant_record(tenant: Tenant, principal: Principal) -> dict:
    return tenant_records([tenant], principal)[0]


def contractor_record(contractor: Contractor, principal: Principal) -> dict:
    links = landlord_links(Contractor, [contractor.pk])
    return ContractorRecord(contractor, context={"links": links, "principal": principal}).data


# -- duplicate checks (soft-deleted rows still hold their unique values) -------------------------


def username_taken(username: str, *, exclude_pk=None) -> bool:
    queryset = User.objects.including_deleted().filter(username=username)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def email_taken(email: str, *, exclude_pk=None) -> bool:
    queryset = User.objects.including_deleted().filter(email=email.strip().lower())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def tenant_name_taken(name: str, *, exclude_pk=None) -> bool:
    """Case-insensitive, across every landlord and soft-deleted rows (names are global)."""
    queryset = Tenant.objects.including_deleted().filter(name__iexact=name.strip())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def contractor_name_taken(name: str, *, exclude_pk=None) -> bool:
    """Exact-case like the original, plus the rows the database would reject (soft-deleted)."""
    queryset = Contractor.objects.including_deleted().filter(name=name.strip())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


# -- organization users (the POST /users and PATCH /users rules, spec 02 section 3) --------------


class OrgUserCreateInput(InputSerializer):
    username = serializers.CharField(max_length=64)
    first_name = serializers.CharField(max_length=50)
    last_name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    phone = serializers.CharField(required=False, allow_blank=True)
    password = StrongPasswordField(message=LONG_PASSWORD_MESSAGE)
    is_primary = serializers.BooleanField(required=False)


class OrgUserUpdateInput(InputSerializer):
    username = serializers.CharField(required=False, max_length=64)
    first_name = serializers.CharField(required=False, max_length=50)
    last_name = serializers.CharField(required=False, max_length=50)
    email = serializers.EmailField(required=False)
    phone = serializers.CharField(required=False, allow_blank=True)
    password = StrongPasswordField(required=False, message=SHORT_PASSWORD_MESSAGE)
    is_primary = serializers.BooleanField(required=False)
    role = serializers.ChoiceField(choices=Role.ALL, required=False)
    profile_picture = serializers.CharField(required=False, allow_blank=True)


def _primary_exists(*, organization_id, user_type: str, exclude_pk=None) -> bool:
    queryset = User.objects.unscoped().filter(
        organization_id=organization_id, user_type=user_type, is_primary=True
    )
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def check_new_user_unique(*, username: str, email: str) -> None:
    if username_taken(username):
        raise Unprocessable(f"Username '{username}' is already taken within this organization")
    if email_taken(email):
        raise Unprocessable(f"Email '{email}' is already registered within this organization")


def save_new_user(user: User) -> User:
    """Insert, turning a lost uniqueness race into the same 422 as the pre-check."""
    try:
        with atomic():
            user.save()
    except IntegrityError:
        check_new_user_unique(username=user.username, email=user.email)
        raise
    return user


@atomic
def org_user_create(
    *,
    user_type: str,
    organization_id,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    phone: str = "",
    is_primary: bool | None = None,
    role: str | None = None,
    email_verified: bool = False,
    send_welcome: bool = True,
    auto_primary: bool = True,
) -> User:
    """A user of an organization with the POST /users rules (spec 02 section 3).

    The first user of an organization becomes its primary user (unless ``auto_primary`` is off,
    as for invited staff); a second primary is refused.
    """
    email = email.strip().lower()
    check_new_user_unique(username=username, email=email)
    has_members = (
        User.objects.unscoped().filter(organization_id=organization_id, user_type=user_type).exists()
    )
    primary = bool(is_primary) or (auto_primary and not has_members)
    if primary and _primary_exists(organization_id=organization_id, user_type=user_type):
        raise Unprocessable(
            f"A primary user already exists for this {user_type.lower()}. "
            "Only one primary user is allowed per organization."
        )
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone or "",
        user_type=user_type,
        organization_id=organization_id,
        is_primary=primary,
        role=role or resolve_role(stored_role=None, user_type=user_type, is_primary=primary),
        email_verified_at=timezone.now() if email_verified else None,
    )
    user.set_password(password)
    save_new_user(user)
    if send_welcome:
        welcome_email_send(user)
    return user


def welcome_email_send(user: User) -> None:
    from apps.messaging.email import email_send

    email_send(to=user.email, template="welcome", context={"username": user.username})


@atomic
def org_user_update(*, user: User, data: dict[str, Any], principal: Principal) -> User:
    """The PATCH /users rules (spec 02 section 3) for a member of a tenant/contractor org.

    Only SuperAdmin may set ``role``; without ``role`` it is re-derived from type and primary flag.
    """
    if "role" in data and principal.role != Role.SUPER_ADMIN:
        raise Forbidden("You are not allowed to change user roles")
    if "is_primary" in data and principal.role == Role.LANDLORD_STAFF:
        raise Forbidden("Landlord staff cannot change primary user status")
    username = data.get("username")
    if username is not None and username != user.username and username_taken(username, exclude_pk=user.pk):
        raise Unprocessable(f"Username '{username}' is already taken within this organization")
    email = data.get("email")
    if email is not None:
        email = email.strip().lower()
        if email != user.email and email_taken(email, exclude_pk=user.pk):
            raise Unprocessable(f"Email '{email}' is already registered within this organization")
        data["email"] = email
    for field in ("username", "first_name", "last_name", "email", "phone", "profile_picture"):
        if field in data:
            setattr(user, field, data[field])
    if "is_primary" in data:
        user.is_primary = data["is_primary"]
        if user.is_primary and user.organization_id:
            User.objects.unscoped().filter(
                organization_id=user.organization_id, user_type=user.user_type, is_primary=True
            ).exclude(pk=user.pk).update(is_primary=False, updated_at=timezone.now())
    if "role" in data:
        user.role = data["role"]
    else:
        user.role = resolve_role(stored_role=None, user_type=user.user_type, is_primary=user.is_primary)
    if data.get("password"):
        user.set_password(data["password"])
    try:
        with atomic():
            user.save()
    except IntegrityError:
        raise Unprocessable("Username or email is already in use") from None
    return user


class OrgUsersQuery(ListQuery):
    """The GET /users query (spec 02 section 3), applied to one organization's members."""

    user_type = serializers.ChoiceField(choices=UserType.ALL, required=False)
    role = serializers.ChoiceField(choices=Role.ALL, required=False)
    organization_id = serializers.UUIDField(required=False)
    is_primary = serializers.BooleanField(required=False)

    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "username": "username",
        "email": "email",
        "firstName": "first_name",
        "lastName": "last_name",
    }


def org_members(*, organization_id, user_type: str, query: dict[str, Any]):
    """Members of one organization, narrowed by the list query's filters."""
    from apps.core.pagination import search_filter

    queryset = User.objects.unscoped().filter(organization_id=organization_id, user_type=user_type)
    if query.get("user_type") and query["user_type"] != user_type:
        return queryset.none()
    if query.get("organization_id") and query["organization_id"] != organization_id:
        return queryset.none()
    if query.get("role"):
        queryset = queryset.filter(role=query["role"])
    if "is_primary" in query:
        queryset = queryset.filter(is_primary=query["is_primary"])
    clause = search_filter(query.get("search"), "username", "email")
    if clause is not None:
        queryset = queryset.filter(clause)
    return queryset


# -- organization identity -----------------------------------------------------------------------


def linked_landlord_ids(org) -> list:
    return list(
        type(org)
        .landlords.through.objects.filter(
            **{("tenant_id" if isinstance(org, Tenant) else "contractor_id"): org.pk}
        )
        .values_list("landlord_id", flat=True)
    )


def shared_with_other_landlords(org, principal: Principal) -> bool:
    """True when a landlord caller is not the only landlord linked to ``org``."""
    if principal.landlord_id is None:
        return False
    return any(pk != principal.landlord_id for pk in linked_landlord_ids(org))

