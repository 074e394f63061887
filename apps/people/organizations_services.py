"""Writes shared by tenant and contractor organizations: delete, unlink, members (spec 02 §6, §7).

An organization may be linked to several landlords. A landlord acts on it only while linked
(the scoped managers make other organizations a 404), and changes what others rely on (its
name, its users' accounts, its existence) only while it is the sole landlord linked: otherwise
deleting just unlinks it, and renaming or managing its users is refused (spec README rule 1).

Members are created and updated by the ``POST /users`` / ``PATCH /users/:id`` services
(:mod:`apps.people.users_services`) with the organization fixed by the route.
"""

from __future__ import annotations

from typing import Any

from apps.accounts.models import Tenant, User
from apps.core.db import atomic
from apps.core.exceptions import Forbidden, NotFound
from apps.core.scope import Principal, UserType
from apps.people.shared_parties import shared_with_other_landlords
from apps.people.users_services import person_fields, user_create, user_delete, user_update


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


def _require_member_management(principal: Principal, org) -> None:
    _, word = org_kind(org)
    require_sole_landlord(
        principal=principal, org=org, message=f"You do not have permission to manage users of this {word}"
    )


def org_member(*, org, user_pk) -> User:
    user_type, word = org_kind(org)
    user = User.objects.unscoped().filter(pk=user_pk, organization_id=org.pk, user_type=user_type).first()
    if user is None:
        raise NotFound(f"User not found or does not belong to this {word}")
    return user


def org_user_create(*, org, data: dict[str, Any], **options) -> User:
    """A user of ``org`` by the ``POST /users`` rules: its type, this organization, no role override.

    The caller authorized the organization; ``options`` go to :func:`user_create`.
    """
    user_type, _ = org_kind(org)
    return user_create(
        data={**person_fields(data), "user_type": user_type, "organization_id": org.pk},
        check_access=False,
        **options,
    )


def link_caller_landlord(*, principal: Principal, org) -> None:
    """A landlord's new tenant/contractor is linked to it (spec 01 open question 2)."""
    if principal.landlord_id is not None:
        org.landlords.add(principal.landlord_id)


@atomic
def org_member_create(*, principal: Principal, org, data: dict[str, Any]) -> User:
    _require_member_management(principal, org)
    return org_user_create(org=org, data=data)


def org_member_update(*, principal: Principal, caller: User, org, user: User, data: dict[str, Any]) -> User:
    _require_member_management(principal, org)
    return user_update(principal=principal, caller=caller, user=user, data=dict(data))


@atomic
def org_member_delete(*, principal: Principal, org, user: User) -> None:
    _require_member_management(principal, org)
    user_delete(user=user)
