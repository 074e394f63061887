"""Output shapes of users and organizations, and the password rules (spec 02 sections 0 and 1).

``UserRecordSerializer`` never emits the password hash (nor Django's internal permission fields).
Landlord records never emit Stripe secrets: :func:`mask_stripe_config` keeps the publishable key
and shows only the last four characters of secret values.
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework import serializers

from apps.accounts.models import Contractor, Landlord, Tenant, User
from apps.core.scope import UserType
from apps.core.serializers import RecordSerializer, iso, record_meta_fields

# The original's rule (searched, not anchored): an upper, a lower, and a digit or a non-word
# character after the match start, which must not be "." or a newline.
_STRONG = re.compile(r"((?=.*\d)|(?=.*\W+))(?![.\n])(?=.*[A-Z])(?=.*[a-z]).*$", re.ASCII)
WEAK_PASSWORD_SHORT = "Password is too weak"
WEAK_PASSWORD_LONG = (
    "Password must contain at least one uppercase letter, one lowercase letter, and one number "
    "or special character"
)


def is_strong_password(value: str) -> bool:
    return bool(_STRONG.search(value or ""))


class StrongPasswordField(serializers.CharField):
    """A password of at least 8 characters matching the strength rule, with the DTO's message."""

    #: the same rule for the OpenAPI document (ECMA syntax, ASCII classes as ``re.ASCII`` reads them)
    openapi_schema = {
        "pattern": r"(?:(?=.*[0-9])|(?=.*[^A-Za-z0-9_]))(?![.\n])(?=.*[A-Z])(?=.*[a-z]).*$",
        "description": "At least 8 characters with an uppercase letter, a lowercase letter, and a "
        "digit or a special character.",
    }

    def __init__(self, *, weak_message: str = WEAK_PASSWORD_SHORT, **kwargs):
        kwargs.setdefault("min_length", 8)
        kwargs.setdefault("trim_whitespace", False)
        self.weak_message = weak_message
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not is_strong_password(value):
            raise serializers.ValidationError(self.weak_message)
        return value


USER_RECORD_FIELDS = record_meta_fields(
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


class UserRecordSerializer(RecordSerializer):
    """UserRecord of spec 02 section 0: every stored field except the password."""

    organization_id = serializers.SerializerMethodField()
    profile_picture = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = USER_RECORD_FIELDS

    def get_organization_id(self, user: User) -> str | None:
        return str(user.organization_id) if user.organization_id else None

    def get_profile_picture(self, user: User) -> str | None:
        return user.profile_picture or None


def user_record(user: User) -> dict[str, Any]:
    return UserRecordSerializer(user).data


def user_records(users) -> list[dict[str, Any]]:
    return UserRecordSerializer(users, many=True).data


def mask_secret(value: Any) -> Any:
    if not value or not isinstance(value, str):
        return value
    return "****" + value[-4:] if len(value) > 8 else "****"


STRIPE_PUBLIC_KEYS = ("publishableKey", "publishable_key", "configuredAt", "configured_at")
STRIPE_SECRET_KEYS = ("secretKey", "secret_key", "webhookSecret", "webhook_secret")


def mask_stripe_config(config: dict | None) -> dict | None:
    """Stripe settings without secrets (an allow-list: unknown keys are dropped, not shown).

    Secret values become ``****`` plus their last 4 characters, so an admin can tell which key is
    configured.
    """
    if not config or not isinstance(config, dict):
        return None
    masked = {key: config[key] for key in STRIPE_PUBLIC_KEYS if key in config}
    for key in STRIPE_SECRET_KEYS:
        if key in config:
            masked[key] = mask_secret(config[key])
    return masked


class LandlordRecordSerializer(RecordSerializer):
    """A landlord organization; ``stripeConfig`` secrets masked."""

    stripe_config = serializers.SerializerMethodField()

    class Meta:
        model = Landlord
        fields = record_meta_fields("name", "stripe_config", "payment_settings")

    def get_stripe_config(self, landlord: Landlord) -> dict | None:
        return mask_stripe_config(landlord.stripe_config)


class LandlordPublicSerializer(RecordSerializer):
    """A landlord organization without its Stripe configuration at all (``/auth/me``)."""

    class Meta:
        model = Landlord
        fields = record_meta_fields("name", "payment_settings")


def landlord_links(model, org_ids) -> dict[Any, list]:
    """``{org id: [landlord ids]}`` of tenant/contractor organizations, in one query.

    (The models may not prefetch over the many-to-many: MongoDB portability, DESIGN section 4.)
    """
    through = model.landlords.through
    owner = f"{model._meta.model_name}_id"
    links: dict[Any, list] = {pk: [] for pk in org_ids}
    rows = through.objects.filter(**{f"{owner}__in": list(org_ids)}).values_list(owner, "landlord_id")
    for org_id, landlord_id in rows:
        links.setdefault(org_id, []).append(landlord_id)
    return links


def visible_landlord_ids(principal, landlord_ids) -> list[str]:
    """A landlord caller sees only its own link, never which other landlords an org works with.

    Without a principal (SuperAdmin console, the organization's own members) every link shows.
    """
    own = getattr(principal, "landlord_id", None)
    if own is not None:
        return [str(pk) for pk in landlord_ids if pk == own]
    return [str(pk) for pk in landlord_ids]


class _PartyRecordSerializer(RecordSerializer):
    """Tenant/contractor organizations; ``landlords`` as id strings.

    Context: ``links`` (``{org pk: [landlord ids]}`` from :func:`landlord_links`, one query for a
    whole page; without it each row reads its own links) and ``principal`` (a landlord caller sees
    only its own link).
    """

    landlords = serializers.SerializerMethodField()

    def get_landlords(self, org) -> list[str]:
        links = self.context.get("links")
        if links is None:
            links = landlord_links(type(org), [org.pk])
        return visible_landlord_ids(self.context.get("principal"), links.get(org.pk, []))


class TenantRecordSerializer(_PartyRecordSerializer):
    class Meta:
        model = Tenant
        fields = record_meta_fields("name", "invitation_context", "landlords")


class ContractorRecordSerializer(_PartyRecordSerializer):
    class Meta:
        model = Contractor
        fields = record_meta_fields("name", "category", "landlords")


def party_records(orgs, principal=None) -> list[dict[str, Any]]:
    """Tenant or contractor records of one model, with their links read in one query."""
    orgs = list(orgs)
    if not orgs:
        return []
    model = type(orgs[0])
    serializer = TenantRecordSerializer if model is Tenant else ContractorRecordSerializer
    links = landlord_links(model, [org.pk for org in orgs])
    return serializer(orgs, many=True, context={"links": links, "principal": principal}).data


def party_record(org, principal=None) -> dict[str, Any]:
    return party_records([org], principal)[0]


ORGANIZATION_MODELS = {
    UserType.LANDLORD: Landlord,
    UserType.TENANT: Tenant,
    UserType.CONTRACTOR: Contractor,
}


def organization_of(user: User):
    """The user's organization record (unscoped: it is the user's own), or ``None``."""
    model = ORGANIZATION_MODELS.get(user.user_type)
    if model is None or not user.organization_id:
        return None
    manager = model.objects
    queryset = manager.unscoped() if hasattr(manager, "unscoped") else manager.all()
    return queryset.filter(pk=user.organization_id).first()


def organization_public_record(org) -> dict[str, Any] | None:
    """An organization record for its own members: never any Stripe configuration."""
    if org is None:
        return None
    if isinstance(org, Landlord):
        return LandlordPublicSerializer(org).data
    return party_record(org)


__all__ = [
    "ContractorRecordSerializer",
    "LandlordRecordSerializer",
    "TenantRecordSerializer",
    "UserRecordSerializer",
    "iso",
    "is_strong_password",
    "landlord_links",
    "party_record",
    "party_records",
    "mask_stripe_config",
    "organization_of",
    "organization_public_record",
    "user_record",
    "user_records",
]
