"""Stray foreign ids are dropped, not stored (issue 8, security item 6)."""

from __future__ import annotations

import pytest

from apps.accounts.models import Invitation, Tenant
from apps.accounts.tests.factories import AdminUserFactory, LandlordFactory, LandlordUserFactory
from apps.people.tests.factories import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

NEW_TENANT = {
    "name": "The Strays",
    "username": "stray",
    "firstName": "Sam",
    "lastName": "Stray",
    "email": "stray@example.com",
    "password": STRONG_PASSWORD,
}


@pytest.fixture
def landlord_a():
    return LandlordUserFactory()


@pytest.fixture
def landlord_b_id():
    return str(LandlordFactory().pk)


def test_tenant_invitation_drops_another_landlords_organization_id(auth_client, landlord_a, landlord_b_id):
    body = {
        "entityType": "tenant",
        "email": "t@example.com",
        "entityData": {"organizationId": landlord_b_id, "landlordId": landlord_b_id, "name": "Tess"},
    }
    response = auth_client(landlord_a).post("/invitations", body, format="json")
    assert response.status_code == 201
    own = str(landlord_a.organization_id)
    assert response.json()["entityData"] == {"landlordId": own, "name": "Tess"}
    stored = Invitation.objects.unscoped().get(email="t@example.com")
    assert stored.entity_data == {"landlordId": own, "name": "Tess"}
    assert landlord_b_id not in str(stored.entity_data)


def test_staff_invitation_drops_another_landlords_landlord_id(auth_client, landlord_a, landlord_b_id):
    body = {
        "entityType": "landlord-staff",
        "email": "s@example.com",
        "entityData": {"landlordId": landlord_b_id, "organizationId": landlord_b_id},
    }
    response = auth_client(landlord_a).post("/invitations", body, format="json")
    assert response.status_code == 201
    assert response.json()["entityData"] == {"organizationId": str(landlord_a.organization_id)}
    assert landlord_b_id not in str(Invitation.objects.unscoped().get(email="s@example.com").entity_data)


def test_post_tenants_drops_another_landlords_id_from_the_invitation_context(
    auth_client, landlord_a, landlord_b_id
):
    context = {"landlordId": landlord_b_id, "organizationId": landlord_b_id, "source": "import"}
    response = auth_client(landlord_a).post(
        "/tenants", {**NEW_TENANT, "invitationContext": context}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["invitationContext"] == {"source": "import"}
    assert Tenant.objects.unscoped().get(name="The Strays").invitation_context == {"source": "import"}


def test_post_tenants_keeps_the_callers_own_landlord_id(auth_client, landlord_a):
    own = str(landlord_a.organization_id)
    response = auth_client(landlord_a).post(
        "/tenants", {**NEW_TENANT, "invitationContext": {"landlordId": own}}, format="json"
    )
    assert response.json()["invitationContext"] == {"landlordId": own}


def test_super_admin_tenant_keeps_no_landlord_id(auth_client, landlord_b_id):
    response = auth_client(AdminUserFactory()).post(
        "/tenants", {**NEW_TENANT, "invitationContext": {"landlordId": landlord_b_id}}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["invitationContext"] == {}
