"""Writes shared by tenant and contractor organizations: delete, unlink, members (spec 02 §6, §7).

An organization may be linked to several landlords. A landlord acts on it only while linked
(the scoped managers make other organizations a 404), and changes what others rely on (its
name, its users' accounts, its existence) only while it is the sole landlord linked: otherwise
deleting just unlinks it, and renaming or managing its users is refused (spec README rule 1).
"""

from __future__ import annotations

from typing import Any

from apps.accounts.models import Tenant, User
from apps.accounts.people_common import (
    org_user_create,
    org_user_update,
    shared_with_other_landlords,
)
from apps.core.db import atomic
from apps.core.exceptions import Forbidden, NotFound
from apps.core.scope import Principal, UserType


def org_kind(org) -> tuple[str, str]:
    """``(user_type, lower-case word)`` of a tenant or contractor organization."""
    if isinstance(org, Tenant):
        return UserType.TENANT, "tenant"
    return UserType.CONTRACTOR, "contractor"


@atomic
def org_delete(*, principal: Principal, org) -> None:
    """Soft-delete the organization, or only unlink the caller's landlord while others rely on it."""
    if shared_with_other_landlords(org, principal):
        org.landlords.remove(principal.landlord_id)
        return
    org.soft_delete()


@atomic
def org_remove_from_landlord(*, principal: Principal, org) -> None:
    _, word = org_kind(org)
    if principal.user_type != UserType.LANDLORD:
        raise Forbidden(f"Only landlords can remove {word}s from their organization")
    org.landlords.remove(principal.landlord_id)


def require_sole_landlord(*, principal: Principal, org, message: str) -> None:
    if shared_with_other_landlords(org, principal):
        raise Forbidden(message)


def org_member(*, org, user_pk) -> User:
    user_type, word = org_kind(org)
    user = User.objects.unscoped().filter(pk=user_pk, organization_id=org.pk, user_type=user_type).first()
    if user is None:
        raise NotFound(f"User not found or does not belong to this {word}")
    return user


def org_member_create(*, principal: Principal, org, data: dict[str, Any]) -> User:
    user_type, word = org_kind(org)
    require_sole_landlord(
        principal=principal, org=org, message=f"You do not have permission to manage users of this {word}"
    )
    return org_user_create(
        user_type=user_type,
        organization_id=org.pk,
        username=data["username"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        password=data["password"],
        phone=data.get("phone") or "",
        is_primary=data.get("is_primary"),
    )


def org_member_update(*, principal: Principal, org, user: User, data: dict[str, Any]) -> User:
    _, word = org_kind(org)
    require_sole_landlord(
        principal=principal, org=org, message=f"You do not have permission to manage users of this {word}"
    )
    return org_user_update(user=user, data=dict(data), principal=principal)


@atomic
def org_member_delete(*, principal: Principal, org, user: User) -> None:
    _, word = org_kind(org)
    require_sole_landlord(
        principal=principal, org=org, message=f"You do not have permission to manage users of this {word}"
    )
    user.soft_delete()
