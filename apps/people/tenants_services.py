"""Tenant organizations: create and rename (spec 02 section 6)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError

from apps.accounts.models import Tenant
from apps.core import access
from apps.core.db import atomic
from apps.core.exceptions import Forbidden, Unprocessable
from apps.core.scope import Principal
from apps.people.organizations_services import link_caller_landlord, org_user_create, require_sole_landlord
from apps.people.shared_parties import tenant_name_taken
from apps.people.users_services import email_taken, username_taken


def _name_taken_error(name: str) -> Unprocessable:
    return Unprocessable(f"A tenant with the name '{name}' already exists in your organization")


def _own_context(principal: Principal, context: Any) -> dict[str, Any]:
    """``invitationContext`` without organization ids other than the caller's landlord: a stray
    id of another landlord would be stored and shown back."""
    context = dict(context or {})
    for key in ("landlordId", "organizationId"):
        if key in context and str(context[key]) != str(principal.landlord_id):
            del context[key]
    return context


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
    if username_taken(username, ignore_case=True):
        raise Unprocessable(f"The username '{username}' is already taken in your organization")
    try:
        with atomic():
            tenant = Tenant.objects.create(
                name=name, invitation_context=_own_context(principal, data.get("invitation_context"))
            )
    except IntegrityError:
        raise _name_taken_error(name) from None
    link_caller_landlord(principal=principal, org=tenant)
    org_user_create(org=tenant, data=data)
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
