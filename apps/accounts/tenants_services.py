"""Tenant organizations: create and rename (spec 02 section 6)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError

from apps.accounts.models import Landlord, Tenant, User
from apps.accounts.people_common import email_taken, org_user_create, tenant_name_taken
from apps.accounts.people_services import require_sole_landlord
from apps.core import access
from apps.core.db import atomic
from apps.core.exceptions import Forbidden, Unprocessable
from apps.core.scope import Principal, Role, UserType


def _name_taken_error(name: str) -> Unprocessable:
    return Unprocessable(f"A tenant with the name '{name}' already exists in your organization")


@atomic
def tenant_create(*, principal: Principal, data: dict[str, Any]) -> Tenant:
    """A tenant organization and its primary user.

    A landlord's new tenant is linked to that landlord (spec 01 open question 2), otherwise the
    landlord could not see what it just created.
    """
    if not access.can(principal, access.CREATE, "Tenant"):
        raise Forbidden("You do not have permission to create tenants")
    name = data["name"].strip()
    if tenant_name_taken(name):
        raise _name_taken_error(name)
    email = data["email"].strip().lower()
    if email_taken(email):
        raise Unprocessable(f"The email '{email}' is already registered in your organization")
    username = data["username"]
    if User.objects.including_deleted().filter(username__iexact=username).exists():
        raise Unprocessable(f"The username '{username}' is already taken in your organization")
    try:
        with atomic():
            tenant = Tenant.objects.create(name=name, invitation_context=data.get("invitation_context") or {})
    except IntegrityError:
        raise _name_taken_error(name) from None
    if principal.landlord_id is not None:
        tenant.landlords.add(Landlord.objects.get(pk=principal.landlord_id))
    org_user_create(
        user_type=UserType.TENANT,
        organization_id=tenant.pk,
        username=username,
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=email,
        password=data["password"],
        phone=data.get("phone") or "",
        role=Role.TENANT,
    )
    return tenant


@atomic
def tenant_update(*, principal: Principal, tenant: Tenant, data: dict[str, Any]) -> Tenant:
    name = data.get("name")
    if name is None:
        return tenant
    require_sole_landlord(
        principal=principal, org=tenant, message="You do not have permission to update this tenant"
    )
    name = name.strip()
    if name != tenant.name:
        if tenant_name_taken(name, exclude_pk=tenant.pk):
            raise _name_taken_error(name)
        tenant.name = name
        try:
            with atomic():
                tenant.save(update_fields=["name"])
        except IntegrityError:
            raise _name_taken_error(name) from None
    return tenant
