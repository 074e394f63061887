"""Invitations: create, validate, accept, revoke, delete (spec 02 section 4).

The raw invitation token (32 random bytes, hex) exists only in the invitee's email link; the
database keeps its SHA-256 hash in ``invitation_token`` and no response carries it. An invitation
belongs to the landlord organization it was sent for (``landlord``): landlords see and manage only
their own, and the landlord an accepted tenant/contractor is linked to is that one, never a value
taken from the request body.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from apps.accounts.emails import send_credential_email
from apps.accounts.models import Contractor, Invitation, Landlord, Tenant, User
from apps.accounts.sessions import hash_token
from apps.accounts.users_serializers import party_record, user_record
from apps.core import access
from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Forbidden, NotFound, Unauthorized, Unprocessable
from apps.core.scope import Principal, Role, UserType
from apps.core.serializers import iso
from apps.people.shared_parties import contractor_name_taken, tenant_name_taken
from apps.people.users_services import email_taken, person_fields, user_create, username_taken

logger = logging.getLogger("myte.invitations")

INVITATION_TTL = timedelta(days=7)
TENANT, CONTRACTOR, STAFF = (
    Invitation.EntityType.TENANT,
    Invitation.EntityType.CONTRACTOR,
    Invitation.EntityType.LANDLORD_STAFF,
)
ACCESS_LINES = {
    TENANT: "You will have access to property management features",
    CONTRACTOR: "You will have access to maintenance and service features",
    STAFF: "You have been invited to help manage the landlord workspace.",
}
ROLE_WORDS = {TENANT: "tenant", CONTRACTOR: "contractor", STAFF: "staff member"}


def invitation_link(raw_token: str) -> str:
    return f"{settings.CLIENT_BASE_URL.rstrip('/')}/invitation/{raw_token}"


def _landlord_from_body(value: Any) -> Landlord | None:
    """A SuperAdmin names the landlord in ``entityData``; anything unusable counts as missing."""
    try:
        pk = uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None
    return Landlord.objects.filter(pk=pk).first()


def _existing_account_checks(*, entity_type: str, email: str, landlord: Landlord) -> User | None:
    """Spec 02 section 4 step 5; returns the existing tenant/contractor user, if any.

    Only what the inviting landlord already knows is refused here: its own staff, or a tenant or
    contractor already linked to it. An email registered elsewhere (another landlord's staff, an
    account of another type) is invited like any other address: the answer must not tell
    landlord A who is registered at landlord B (the original said "already registered as a
    Landlord"). The invitee, who owns the address, learns of the conflict when accepting.
    """
    users = User.objects.unscoped().filter(email=email)
    if entity_type == STAFF:
        if users.filter(user_type=UserType.LANDLORD, organization_id=landlord.pk).exists():
            raise Unprocessable(f"The email '{email}' is already registered in your organization")
        return None
    kind = UserType.TENANT if entity_type == TENANT else UserType.CONTRACTOR
    org_model = Tenant if entity_type == TENANT else Contractor
    member = users.filter(user_type=kind, organization_id__isnull=False).first()
    if member is not None:
        org = org_model.objects.unscoped().filter(pk=member.organization_id).first()
        if org is not None and org.landlords.filter(pk=landlord.pk).exists():
            raise Unprocessable(f"This {entity_type} is already associated with your organization")
        return member
    return None


def notify_user(*, user_id, title: str, content: str, action_url: str) -> None:
    """An in-app notification (subject to the recipient's preferences); failures never affect
    the invitation (spec 02 section 4)."""
    try:
        from apps.notifications.services import notify
    except ImportError:  # pragma: no cover - the notifications app is part of the project
        return
    try:
        with atomic():
            notify(
                user=user_id,
                type="message_new_direct",
                title=title,
                content=content,
                action_url=action_url,
                channels=("in_app",),
            )
    except DatabaseError:
        logger.exception("Could not record the invitation notification for %s", user_id)


@atomic
def invitation_create(
    *,
    inviter: User,
    principal: Principal,
    entity_type: str,
    email: str,
    entity_data: dict[str, Any] | None = None,
) -> tuple[Invitation, str]:
    """Record a pending invitation and queue its email; returns ``(invitation, raw token)``."""
    if not access.can(principal, access.CREATE, "Invitation"):
        raise Forbidden("You do not have permission to create invitations")
    data = dict(entity_data or {})
    landlord: Landlord | None = None
    key = "organizationId" if entity_type == STAFF else "landlordId"
    if principal.landlord_id is not None:
        # A landlord always invites for its own organization (spec 02 open question 4).
        landlord = Landlord.objects.filter(pk=principal.landlord_id).first()
    elif principal.role == Role.SUPER_ADMIN:
        landlord = _landlord_from_body(data.get(key))
    # The other organization key is never ours to keep: a client-sent id of another landlord
    # would be stored and shown back (and copied into the tenant's invitationContext on accept).
    data.pop("landlordId" if entity_type == STAFF else "organizationId", None)
    if landlord is not None:
        data[key] = str(landlord.pk)
    else:
        data.pop(key, None)
        if entity_type == STAFF:
            raise BadRequest("Staff invitations must include an organizationId")
        raise Unprocessable(f"Landlord ID is required for {entity_type} invitations")

    normalized = email.strip().lower()
    if (
        Invitation.objects.unscoped()
        .filter(
            landlord=landlord, email=normalized, entity_type=entity_type, status=Invitation.Status.PENDING
        )
        .exists()
    ):
        raise Unprocessable(f"A pending invitation already exists for {email} as {entity_type}")
    existing = _existing_account_checks(entity_type=entity_type, email=normalized, landlord=landlord)

    raw_token = secrets.token_hex(32)
    invitation = Invitation.objects.create(
        invited_by=inviter,
        landlord=landlord,
        entity_type=entity_type,
        email=normalized,
        entity_data=data,
        invitation_token=hash_token(raw_token),
        expires_at=timezone.now() + INVITATION_TTL,
    )
    send_credential_email(
        sensitive_keys=("invitation_url",),
        to=normalized,
        template="invitation",
        context={
            "invitation_url": invitation_link(raw_token),
            "entity_type": entity_type,
            "role_word": ROLE_WORDS[entity_type],
            "access_line": ACCESS_LINES[entity_type],
            "organization_name": landlord.name,
            "inviter_name": f"{inviter.first_name} {inviter.last_name}".strip() or inviter.username,
            "expires_in_days": INVITATION_TTL.days,
            "metadata": data,
        },
    )
    if existing is not None and entity_type in (TENANT, CONTRACTOR):
        word = "Tenant" if entity_type == TENANT else "Contractor"
        notify_user(
            user_id=existing.pk,
            title=f"New {word} Invitation",
            content=(
                f"{inviter.username or 'A landlord'} has invited you to join their property as a "
                f"{entity_type}. Check your email to accept the invitation."
            ),
            action_url="/invitations/accept",
        )
    return invitation, raw_token


def invitation_by_token(raw_token: str) -> Invitation:
    """A usable (pending, unexpired) invitation by its raw token, else 404/400 per spec."""
    invitation = (
        Invitation.objects.unscoped()
        .select_related("landlord", "invited_by")
        .filter(invitation_token=hash_token(raw_token or ""))
        .first()
    )
    # An invitation of a landlord organization that no longer exists invites to nothing.
    if invitation is None or (invitation.landlord is not None and invitation.landlord.deleted):
        raise NotFound("Invitation token not found")
    if invitation.status != Invitation.Status.PENDING:
        raise BadRequest(f"Invitation is no longer available. Status: {invitation.status}")
    if invitation.expires_at <= timezone.now():
        raise BadRequest("Invitation has expired")
    return invitation


def _existing_member(invitation: Invitation) -> User | None:
    if invitation.entity_type == STAFF:
        return None
    kind = UserType.TENANT if invitation.entity_type == TENANT else UserType.CONTRACTOR
    return (
        User.objects.unscoped()
        .filter(email=invitation.email, user_type=kind, organization_id__isnull=False)
        .first()
    )


def invitation_validate(raw_token: str) -> dict[str, Any]:
    invitation = invitation_by_token(raw_token)
    existing = _existing_member(invitation) is not None
    return {
        "valid": True,
        "invitation": {
            "entity_type": invitation.entity_type,
            "email": invitation.email,
            "entity_data": invitation.entity_data,
            "expires_at": iso(invitation.expires_at),
        },
        "existing_user": existing,
        "requires_form": not existing,
    }


def _require(data: dict[str, Any], *fields: str) -> None:
    wire = {"first_name": "firstName", "last_name": "lastName"}
    missing = [f"{wire.get(field, field)} is required" for field in fields if not data.get(field)]
    if missing:
        raise BadRequest(missing)


def _new_account(
    invitation: Invitation, data: dict[str, Any], *, user_type: str, organization_id, staff=False
):
    """The invitee's user: ``POST /users`` rules, verified email (it came through the link).

    Staff join as non-primary ``LandlordStaff``; a new household's or company's first user is its
    primary user.
    """
    fields = {**person_fields(data), "email": invitation.email, "is_primary": False}
    return user_create(
        data={**fields, "user_type": user_type, "organization_id": organization_id},
        check_access=False,
        auto_primary=not staff,
        email_verified=True,
    )


def _link_existing(invitation: Invitation, member: User, model) -> tuple[dict[str, Any], User, bool]:
    """The invitee already has a tenant/contractor account: link its organization to the landlord."""
    org = model.objects.unscoped().filter(pk=member.organization_id).first()
    if org is None:
        raise NotFound(f"{model.__name__} with ID {member.organization_id} not found")
    org.landlords.add(invitation.landlord)
    entity = {
        "_id": str(org.pk),
        "existing_user": True,
        "message": f"Landlord added to existing {model.__name__.lower()}",
    }
    return entity, member, True


def _accept_tenant(invitation: Invitation, data: dict[str, Any]) -> tuple[Any, User, bool]:
    landlord = invitation.landlord
    member = _existing_member(invitation)
    if member is not None:
        return _link_existing(invitation, member, Tenant)
    _require(data, "name", "first_name", "last_name", "username", "password")
    if tenant_name_taken(data["name"]):
        raise Unprocessable(f"A tenant with the name '{data['name']}' already exists in your organization")
    if email_taken(invitation.email):
        raise Unprocessable(f"The email '{invitation.email}' is already registered in your organization")
    if username_taken(data["username"]):
        raise Unprocessable(f"The username '{data['username']}' is already taken in your organization")
    tenant = Tenant.objects.create(name=data["name"].strip(), invitation_context=invitation.entity_data)
    tenant.landlords.add(landlord)
    user = _new_account(invitation, data, user_type=UserType.TENANT, organization_id=tenant.pk)
    return tenant, user, False


def _accept_contractor(invitation: Invitation, data: dict[str, Any]) -> tuple[Any, User, bool]:
    landlord = invitation.landlord
    member = _existing_member(invitation)
    if member is not None:
        return _link_existing(invitation, member, Contractor)
    if not data.get("category"):
        raise BadRequest("Category is required for contractor invitations")
    _require(data, "name", "first_name", "last_name", "username", "password")
    if username_taken(data["username"]):
        raise Unprocessable(f"The username '{data['username']}' is already taken")
    if contractor_name_taken(data["name"]):
        raise Unprocessable(f"Contractor name '{data['name']}' already exists in this organization")
    if email_taken(invitation.email):
        raise Unprocessable(f"The email '{invitation.email}' is already registered in your organization")
    contractor = Contractor.objects.create(name=data["name"].strip(), category=data["category"])
    contractor.landlords.add(landlord)
    user = _new_account(invitation, data, user_type=UserType.CONTRACTOR, organization_id=contractor.pk)
    return contractor, user, False


def _accept_staff(invitation: Invitation, data: dict[str, Any]) -> tuple[Any, User, bool]:
    if invitation.landlord is None:
        raise BadRequest("Invitation is missing organization context")
    _require(data, "first_name", "last_name", "username", "password")
    if username_taken(data["username"]):
        raise Unprocessable(f"The username '{data['username']}' is already taken")
    if email_taken(invitation.email):
        raise Unprocessable(f"The email '{invitation.email}' is already registered in your organization")
    user = _new_account(
        invitation, data, user_type=UserType.LANDLORD, organization_id=invitation.landlord_id, staff=True
    )
    return user, user, False


@atomic
def invitation_accept(
    *, raw_token: str, data: dict[str, Any], request
) -> tuple[dict[str, Any], User, str, str]:
    """Accept in one transaction; returns ``(body, user, access token, refresh token)``.

    The invitation is claimed first by a conditional update, so two concurrent accepts of one
    token cannot both create accounts.
    """
    from apps.accounts.sessions import auth_user_payload, session_start

    invitation = invitation_by_token(raw_token)
    if invitation.landlord is None:
        raise BadRequest("Invitation is missing organization context")
    now = timezone.now()
    claimed = (
        Invitation.objects.unscoped()
        .filter(pk=invitation.pk, status=Invitation.Status.PENDING)
        .update(status=Invitation.Status.ACCEPTED, accepted_at=now, updated_at=now)
    )
    if not claimed:
        raise BadRequest("Invitation is no longer available. Status: accepted")

    handler = {TENANT: _accept_tenant, CONTRACTOR: _accept_contractor, STAFF: _accept_staff}
    entity, user, existing = handler[invitation.entity_type](invitation, data)
    if not existing:
        if isinstance(entity, (Tenant, Contractor)):
            entity = party_record(entity)
        else:
            entity = user_record(entity)
    if user.is_disabled:
        # Accepting signs the invitee in; a disabled account gets no session (nothing is kept).
        raise Unauthorized("Account is disabled")
    if user.email_verified_at is None:
        user.email_verified_at = now
        user.save(update_fields=["email_verified_at"])
    access_token, refresh_token = session_start(user=user, request=request)

    if invitation.entity_type in (TENANT, CONTRACTOR):
        who = invitation.entity_data.get("name") or invitation.email.split("@")[0] or "Someone"
        notify_user(
            user_id=invitation.invited_by_id,
            title=f"{invitation.entity_type.capitalize()} Invitation Accepted",
            content=f"{who} has accepted your invitation to join as a {invitation.entity_type}.",
            action_url="/dashboard/landlord/users-management",
        )
    message = (
        f"Landlord added to your existing {invitation.entity_type} account"
        if existing
        else f"{invitation.entity_type} account created successfully"
    )
    body = {
        "success": True,
        "entity_type": invitation.entity_type,
        "entity": entity,
        "existing_user": existing,
        "message": message,
        "auth": {"user": auth_user_payload(user), "accessToken": access_token},
    }
    return body, user, access_token, refresh_token


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.status != Invitation.Status.PENDING:
        raise BadRequest("Only pending invitations can be revoked")
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status"])


def invitation_delete(*, invitation: Invitation) -> None:
    invitation.soft_delete()
