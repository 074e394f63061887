"""Factories and helpers for the people tests (invitations, tenants, contractors)."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from apps.accounts.models import Invitation, Landlord
from apps.accounts.sessions import hash_token
from apps.accounts.tests.factories import LandlordUserFactory

STRONG_PASSWORD = "Str0ngPass!"


def make_invitation(
    *,
    inviter=None,
    entity_type: str = Invitation.EntityType.TENANT,
    email: str | None = None,
    entity_data: dict | None = None,
    status: str = Invitation.Status.PENDING,
    expires_in: timedelta = timedelta(days=7),
) -> tuple[Invitation, str]:
    """A stored invitation and its raw token (the one the email link would carry)."""
    inviter = inviter or LandlordUserFactory()
    landlord = Landlord.objects.get(pk=inviter.organization_id)
    raw = secrets.token_hex(32)
    key = "organizationId" if entity_type == Invitation.EntityType.LANDLORD_STAFF else "landlordId"
    data = {key: str(landlord.pk), **(entity_data or {})}
    invitation = Invitation.objects.create(
        invited_by=inviter,
        landlord=landlord,
        entity_type=entity_type,
        email=email or f"invitee-{secrets.token_hex(3)}@example.com",
        entity_data=data,
        invitation_token=hash_token(raw),
        status=status,
        expires_at=timezone.now() + expires_in,
    )
    return invitation, raw


def token_from_outbox() -> str:
    """The raw token of the last invitation email sent."""
    body = mail.outbox[-1].body
    match = re.search(r"/invitation/([0-9a-f]{64})", body)
    assert match, body
    return match.group(1)
