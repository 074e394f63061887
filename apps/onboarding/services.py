"""First-run onboarding of a landlord workspace (spec 02 section 5)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError

from apps.accounts.models import Contractor, Invitation, Landlord, Tenant, User
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, Unprocessable
from apps.core.scope import Principal, UserType
from apps.people.figures import landlord_has_tickets
from apps.people.invitations_services import invitation_create
from apps.properties.selectors import landlord_has_properties, landlord_has_units, property_name, unit_label

STATE_KEYS = ("has_properties", "has_units", "has_tenants", "has_contractors", "has_tickets")


def onboarding_state(*, principal: Principal) -> dict[str, bool | None]:
    """What the landlord has set up. Every flag counts the caller's own landlord only.

    ``has_tickets`` is ``None`` (absent) while the maintenance domain is not installed.
    """
    landlord_id = principal.landlord_id
    if landlord_id is None:
        return dict.fromkeys(STATE_KEYS, False)
    return {
        "has_properties": landlord_has_properties(landlord_id),
        "has_units": landlord_has_units(landlord_id),
        "has_tenants": Tenant.objects.unscoped().filter(landlords=landlord_id).exists(),
        "has_contractors": Contractor.objects.unscoped().filter(landlords=landlord_id).exists(),
        "has_tickets": landlord_has_tickets(landlord_id),
    }


def landlord_rename(*, principal: Principal, name: Any) -> dict[str, Any]:
    if principal.user_type != UserType.LANDLORD:
        # The original answered 201 {success: false}: a refused write is a 403, for every caller.
        raise Forbidden("Only landlords can update org info")
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(["name should not be empty"])
    name = name.strip()
    if len(name) > 200:
        raise BadRequest(["name must be shorter than or equal to 200 characters"])
    landlord = Landlord.objects.filter(pk=principal.organization_id).first()
    if landlord is None:
        raise Forbidden("User does not have an organization_id")
    taken = Landlord.objects.including_deleted().filter(name=name).exclude(pk=landlord.pk).exists()
    if taken:
        raise Unprocessable(f"A landlord with the name '{name}' already exists")
    landlord.name = name
    try:
        with atomic():
            landlord.save(update_fields=["name"])
    except IntegrityError:
        raise Unprocessable(f"A landlord with the name '{name}' already exists") from None
    return {"success": True}


def onboarding_invite_staff(*, inviter: User, principal: Principal, email: str) -> Invitation:
    if principal.user_type != UserType.LANDLORD:
        raise Forbidden("Only landlords can invite staff members")
    if principal.organization_id is None:
        raise BadRequest("Organization context is required for staff invitations")
    landlord = Landlord.objects.filter(pk=principal.organization_id).first()
    entity_data = {
        "organizationId": str(principal.organization_id),
        "organizationName": landlord.name if landlord else None,
        "invitedByName": f"{inviter.first_name} {inviter.last_name}",
        "source": "onboarding",
    }
    invitation, _ = invitation_create(
        inviter=inviter,
        principal=principal,
        entity_type=Invitation.EntityType.LANDLORD_STAFF,
        email=email,
        entity_data=entity_data,
    )
    return invitation


def onboarding_invite_tenant(
    *, inviter: User, principal: Principal, email: str, property_id=None, unit_id=None
) -> Invitation:
    if principal.user_type != UserType.LANDLORD:
        raise Forbidden("Only landlords can invite tenants")
    entity_data: dict[str, Any] = {"source": "onboarding"}
    if property_id is not None:
        entity_data["propertyId"] = str(property_id)
        name = property_name(property_id)
        if name:
            entity_data["propertyName"] = name
    if unit_id is not None:
        entity_data["unitId"] = str(unit_id)
        label = unit_label(unit_id)
        if label:
            entity_data["unitLabel"] = label
    invitation, _ = invitation_create(
        inviter=inviter,
        principal=principal,
        entity_type=Invitation.EntityType.TENANT,
        email=email,
        entity_data=entity_data,
    )
    return invitation
