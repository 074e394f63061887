"""Invitations and profile edits do not reveal other landlords' users (issue 8, security item 5)."""

from __future__ import annotations

import pytest

from apps.accounts.models import Invitation, User
from apps.accounts.tests.factories import (
    ContractorUserFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantUserFactory,
)
from apps.people.tests.factories import STRONG_PASSWORD, make_invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord_a():
    return LandlordUserFactory()


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATE_LIMIT_ENABLED = False


def invite(client, entity_type, email):
    return client.post("/invitations", {"entityType": entity_type, "email": email}, format="json")


@pytest.mark.parametrize("entity_type", ["tenant", "contractor", "landlord-staff"])
@pytest.mark.parametrize(
    "someone_elsewhere",
    [LandlordUserFactory, LandlordStaffFactory, ContractorUserFactory, TenantUserFactory],
    ids=["landlord-b", "staff-of-b", "contractor", "tenant"],
)
def test_inviting_an_address_registered_elsewhere_answers_like_a_new_address(
    auth_client, landlord_a, entity_type, someone_elsewhere
):
    taken = someone_elsewhere(email=f"taken-{entity_type}@example.com").email
    client = auth_client(landlord_a)
    registered = invite(client, entity_type, taken)
    fresh = invite(client, entity_type, f"fresh-{entity_type}@example.com")
    assert (registered.status_code, fresh.status_code) == (201, 201)
    assert set(registered.json()) == set(fresh.json())
    assert "already registered" not in registered.content.decode()
    assert Invitation.objects.unscoped().filter(email=taken).count() == 1


def test_the_invitee_who_owns_the_address_learns_the_conflict_when_accepting(api_client, landlord_a):
    owner = LandlordUserFactory(email="owner@example.com")
    invitation, raw = make_invitation(inviter=landlord_a, entity_type="landlord-staff", email=owner.email)
    body = {"firstName": "Own", "lastName": "Er", "username": "owner2", "password": STRONG_PASSWORD}
    response = api_client.post(f"/invitations/{raw}/accept", body, format="json")
    assert response.status_code == 422
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    assert User.objects.unscoped().get(email=owner.email).organization_id == owner.organization_id


def test_own_staff_is_still_refused_by_name(auth_client, landlord_a):
    staff = LandlordStaffFactory(organization_id=landlord_a.organization_id)
    response = invite(auth_client(landlord_a), "landlord-staff", staff.email)
    assert response.status_code == 422
    assert (
        response.json()["message"] == f"The email '{staff.email}' is already registered in your organization"
    )


def test_profile_edit_to_an_address_of_another_landlord_names_no_one(auth_client, landlord_a):
    staff = LandlordStaffFactory(organization_id=landlord_a.organization_id)
    elsewhere = TenantUserFactory(email="someone@example.com")
    response = auth_client(landlord_a).patch(f"/users/{staff.pk}", {"email": elsewhere.email}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "Email 'someone@example.com' is already in use"
    staff.refresh_from_db()
    assert staff.email != elsewhere.email


def test_profile_edit_to_an_address_in_the_same_organization_keeps_the_spec_message(auth_client, landlord_a):
    staff = LandlordStaffFactory(organization_id=landlord_a.organization_id)
    response = auth_client(landlord_a).patch(f"/users/{staff.pk}", {"email": landlord_a.email}, format="json")
    assert response.status_code == 422
    assert (
        response.json()["message"]
        == f"Email '{landlord_a.email}' is already registered within this organization"
    )
