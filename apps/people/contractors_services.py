"""Contractor organizations: create, update, and the ContractorView shape (spec 02 section 7)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError

from apps.accounts.models import Contractor, User
from apps.core import access
from apps.core.db import atomic
from apps.core.exceptions import Forbidden, Unprocessable
from apps.core.scope import Principal, UserType
from apps.core.serializers import iso
from apps.people.figures import contractor_ticket_counts
from apps.people.organizations_services import link_caller_landlord, org_user_create, require_sole_landlord
from apps.people.shared_parties import contractor_name_taken
from apps.people.users_services import email_taken, username_taken


def _name_taken_error(name: str) -> Unprocessable:
    return Unprocessable(f"Contractor name '{name}' already exists in this organization")


@atomic
def contractor_create(*, principal: Principal, data: dict[str, Any]) -> Contractor:
    """The contractor with its category, and its primary user (spec 02 open question 2).

    A landlord's new contractor is linked to that landlord (spec 01 open question 2).
    """
    if not access.can(principal, access.CREATE, "Contractor"):
        raise Forbidden("You do not have permission to create contractors")
    name = data["name"].strip()
    if contractor_name_taken(name):
        raise _name_taken_error(name)
    email = data["email"].strip().lower()
    if email_taken(email):
        raise Unprocessable(f"The email '{email}' is already registered in your organization")
    if username_taken(data["username"]):
        raise Unprocessable(f"The username '{data['username']}' is already taken")
    try:
        with atomic():
            contractor = Contractor.objects.create(name=name, category=data["category"])
    except IntegrityError:
        raise _name_taken_error(name) from None
    link_caller_landlord(principal=principal, org=contractor)
    org_user_create(org=contractor, data=data, send_welcome=False)
    return contractor


@atomic
def contractor_update(*, principal: Principal, contractor: Contractor, data: dict[str, Any]) -> Contractor:
    if not data:
        return contractor
    require_sole_landlord(
        principal=principal,
        org=contractor,
        message="You do not have permission to update this contractor",
    )
    name = data.get("name")
    if name is not None:
        name = name.strip()
        if name != contractor.name and contractor_name_taken(name, exclude_pk=contractor.pk):
            raise _name_taken_error(name)
        contractor.name = name
    if "category" in data:
        contractor.category = data["category"]
    try:
        with atomic():
            contractor.save(update_fields=["name", "category"])
    except IntegrityError:
        raise _name_taken_error(name or contractor.name) from None
    return contractor


#: ticket counts while the maintenance domain is absent (:mod:`apps.people.figures`): unknown
ABSENT_TICKET_COUNTS = {"active": None, "completed": None}


def contractor_views(contractors: list[Contractor], principal: Principal) -> list[dict[str, Any]]:
    """ContractorView items: contact fields of the first contractor user, and ticket counts.

    Three queries for any number of contractors. A contractor with no user gets empty contact
    fields (the original failed the whole request with a 404).
    """
    ids = [contractor.pk for contractor in contractors]
    first_users: dict = {}
    for user in (
        User.objects.unscoped()
        .filter(organization_id__in=ids, user_type=UserType.CONTRACTOR)
        .order_by("created_at")
    ):
        first_users.setdefault(user.organization_id, user)
    counts = contractor_ticket_counts(ids, landlord_id=principal.landlord_id) or {}
    items = []
    for contractor in contractors:
        user = first_users.get(contractor.pk)
        numbers = counts.get(contractor.pk, ABSENT_TICKET_COUNTS)
        items.append(
            {
                "_id": str(contractor.pk),
                "name": contractor.name,
                "category": contractor.category,
                "username": user.username if user else None,
                "first_name": user.first_name if user else None,
                "last_name": user.last_name if user else None,
                "email": user.email if user else None,
                "phone": user.phone if user else None,
                "user_id": str(user.pk) if user else None,
                "created_at": iso(contractor.created_at),
                "updated_at": iso(contractor.updated_at),
                "active_tickets_count": numbers["active"],
                "completed_tickets_count": numbers["completed"],
            }
        )
    return items
