"""Invitation routes (spec 02 section 4)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Contractor, Invitation, Session, Tenant, User
from apps.accounts.sessions import hash_token
from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorOrgFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.notifications.models import Notification
from apps.people.tests.factories import STRONG_PASSWORD, make_invitation, token_from_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return LandlordUserFactory()


# -- POST /invitations ---------------------------------------------------------------------------


def test_landlord_creates_tenant_invitation(auth_client, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(admin).post(
            "/invitations",
            {"entityType": "tenant", "email": "New.Tenant@Example.com", "entityData": {"name": "Jo Doe"}},
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert {"_id", "entityType", "email", "entityData", "status", "expiresAt", "invitedBy"} <= set(body)
    assert "invitationToken" not in body
    assert body["status"] == "pending"
    assert body["email"] == "new.tenant@example.com"
    assert body["entityData"] == {"name": "Jo Doe", "landlordId": str(admin.organization_id)}
    invitation = Invitation.objects.get(pk=body["_id"])
    assert invitation.landlord_id == admin.organization_id
    assert invitation.invited_by == admin
    assert (
        timedelta(days=6, hours=23)
        < invitation.expires_at - invitation.created_at
        <= timedelta(days=7, seconds=5)
    )
    # The email carries the only copy of the raw token; the database keeps its hash.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.tenant@example.com"]
    raw = token_from_outbox()
    assert "http://localhost:5173/invitation/" + raw in mail.outbox[0].body
    assert invitation.invitation_token == hash_token(raw) != raw
    assert "property management features" in mail.outbox[0].body
    html = mail.outbox[0].alternatives[0][0]
    assert raw in html and "Accept invitation" in html


def test_client_cannot_choose_the_landlord(auth_client, admin):
    other = LandlordFactory()
    response = auth_client(admin).post(
        "/invitations",
        {"entityType": "contractor", "email": "c@example.com", "entityData": {"landlordId": str(other.pk)}},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["entityData"]["landlordId"] == str(admin.organization_id)
    assert Invitation.objects.get().landlord_id == admin.organization_id


def test_staff_invites_staff_with_organization(auth_client):
    staff = LandlordStaffFactory()
    response = auth_client(staff).post(
        "/invitations", {"entityType": "landlord-staff", "email": "s@example.com"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["entityData"] == {"organizationId": str(staff.organization_id)}


@pytest.mark.parametrize(
    "body, message",
    [
        ({"email": "a@example.com"}, "entityType should not be empty"),
        ({"entityType": "tenant", "email": "nope"}, "email must be an email"),
        (
            {"entityType": "boss", "email": "a@example.com"},
            "entityType must be one of the following values: tenant, contractor, landlord-staff",
        ),
        ({"entityType": "tenant", "email": "a@example.com", "x": 1}, "property x should not exist"),
    ],
)
def test_create_validation(auth_client, admin, body, message):
    response = auth_client(admin).post("/invitations", body, format="json")
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert not Invitation.objects.exists()


def test_same_email_twice_is_422(auth_client, admin):
    client = auth_client(admin)
    body = {"entityType": "tenant", "email": "twice@example.com"}
    assert client.post("/invitations", body, format="json").status_code == 201
    response = client.post("/invitations", body, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "A pending invitation already exists for twice@example.com as tenant"
    assert Invitation.objects.count() == 1


def test_another_landlords_pending_invitation_does_not_block(auth_client, admin):
    make_invitation(email="shared@example.com")
    response = auth_client(admin).post(
        "/invitations", {"entityType": "tenant", "email": "shared@example.com"}, format="json"
    )
    assert response.status_code == 201


def test_existing_account_rules(auth_client, admin):
    client = auth_client(admin)
    linked = TenantUserFactory(
        organization_id=TenantOrgFactory(landlords=[admin.organization_id]).pk, email="linked@example.com"
    )
    response = client.post("/invitations", {"entityType": "tenant", "email": linked.email}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "This tenant is already associated with your organization"

    LandlordStaffFactory(organization_id=admin.organization_id, email="boss@example.com")
    response = client.post(
        "/invitations", {"entityType": "landlord-staff", "email": "boss@example.com"}, format="json"
    )
    assert response.status_code == 422
    assert (
        response.json()["message"]
        == "The email 'boss@example.com' is already registered in your organization"
    )

    linked_contractor = ContractorUserFactory(
        organization_id=ContractorOrgFactory(landlords=[admin.organization_id]).pk
    )
    response = client.post(
        "/invitations", {"entityType": "contractor", "email": linked_contractor.email}, format="json"
    )
    assert response.status_code == 422
    assert response.json()["message"] == "This contractor is already associated with your organization"
    assert not Invitation.objects.exists()


def test_existing_tenant_of_another_landlord_is_invited_and_notified(auth_client, admin):
    existing = TenantUserFactory(email="known@example.com")
    response = auth_client(admin).post(
        "/invitations", {"entityType": "tenant", "email": "known@example.com"}, format="json"
    )
    assert response.status_code == 201
    notification = Notification.objects.unscoped().get(user=existing)
    assert notification.title == "New Tenant Invitation"
    assert notification.content == (
        f"{admin.username} has invited you to join their property as a tenant. "
        "Check your email to accept the invitation."
    )


def test_super_admin_must_name_the_landlord(auth_client):
    client = auth_client(AdminUserFactory())
    response = client.post("/invitations", {"entityType": "tenant", "email": "t@example.com"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "Landlord ID is required for tenant invitations"
    response = client.post(
        "/invitations", {"entityType": "landlord-staff", "email": "t@example.com"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Staff invitations must include an organizationId"
    landlord = LandlordFactory()
    response = client.post(
        "/invitations",
        {
            "entityType": "contractor",
            "email": "t@example.com",
            "entityData": {"landlordId": str(landlord.pk)},
        },
        format="json",
    )
    assert response.status_code == 201
    assert Invitation.objects.get().landlord == landlord


def test_create_requires_auth(api_client):
    response = api_client.post(
        "/invitations", {"entityType": "tenant", "email": "a@example.com"}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize("factory", [TenantUserFactory, ContractorUserFactory])
def test_tenants_and_contractors_cannot_invite(auth_client, factory):
    response = auth_client(factory()).post(
        "/invitations", {"entityType": "tenant", "email": "a@example.com"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have permission to create invitations"
    assert not Invitation.objects.exists()


# -- GET /invitations ----------------------------------------------------------------------------


def test_list_shows_only_own_landlords_invitations(auth_client, admin):
    mine, _ = make_invitation(inviter=admin, email="mine@example.com")
    make_invitation(email="theirs@example.com")
    response = auth_client(admin).get("/invitations")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert [item["_id"] for item in body["data"]] == [str(mine.pk)]
    assert "invitationToken" not in body["data"][0]
    assert {
        "page": 1,
        "limit": 10,
        "totalPages": 1,
        "hasNextPage": False,
        "hasPrevPage": False,
    }.items() <= body.items()


def test_staff_sees_own_landlords_invitations(auth_client, admin):
    make_invitation(inviter=admin)
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).get("/invitations").json()["total"] == 1


def test_list_filters_and_sorting(auth_client, admin):
    first, _ = make_invitation(inviter=admin, email="alpha@example.com", entity_data={"name": "Zed"})
    second, _ = make_invitation(
        inviter=admin, email="beta@example.com", entity_type="contractor", expires_in=timedelta(days=1)
    )
    third, _ = make_invitation(inviter=admin, email="gamma@example.com", status="revoked")
    client = auth_client(admin)

    def ids(query):
        response = client.get("/invitations" + query)
        assert response.status_code == 200, response.content
        return [item["_id"] for item in response.json()["data"]]

    assert ids("?search=alpha") == [str(first.pk)]
    assert ids("?search=zed") == [str(first.pk)]
    assert ids("?entityType=contractor") == [str(second.pk)]
    assert ids("?status=revoked") == [str(third.pk)]
    assert ids("?sortBy=expiresAt&sortOrder=asc")[0] == str(second.pk)
    assert ids("?sortBy=createdAt&sortOrder=desc") == [str(third.pk), str(second.pk), str(first.pk)]
    assert client.get("/invitations?entityType=boss").status_code == 400
    assert client.get("/invitations?foo=1").status_code == 400


def test_list_query_count_is_constant(auth_client, admin):
    client = auth_client(admin)
    for _ in range(2):
        make_invitation(inviter=admin)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/invitations?limit=2").status_code == 200
    for _ in range(6):
        make_invitation(inviter=admin)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/invitations?limit=8").status_code == 200
    assert len(small) == len(large)


def test_list_requires_auth_and_a_landlord_role(api_client, auth_client):
    assert api_client.get("/invitations").status_code == 401
    response = auth_client(TenantUserFactory()).get("/invitations")
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have permission to view invitations"


# -- GET /invitations/:token/validate ------------------------------------------------------------


def test_validate(api_client):
    invitation, raw = make_invitation(entity_data={"name": "Jo"})
    response = api_client.get(f"/invitations/{raw}/validate")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["invitation"]["entityType"] == "tenant"
    assert body["invitation"]["email"] == invitation.email
    assert body["invitation"]["entityData"]["name"] == "Jo"
    assert body["invitation"]["expiresAt"].endswith("Z")
    assert body["existingUser"] is False and body["requiresForm"] is True


def test_validate_existing_user(api_client):
    user = TenantUserFactory()
    _, raw = make_invitation(email=user.email)
    body = api_client.get(f"/invitations/{raw}/validate").json()
    assert body["existingUser"] is True and body["requiresForm"] is False


def test_validate_errors(api_client):
    assert api_client.get("/invitations/" + "0" * 64 + "/validate").status_code == 404
    _, revoked = make_invitation(status="revoked")
    response = api_client.get(f"/invitations/{revoked}/validate")
    assert response.status_code == 400
    assert response.json()["message"] == "Invitation is no longer available. Status: revoked"
    _, expired = make_invitation(expires_in=timedelta(seconds=-1))
    response = api_client.get(f"/invitations/{expired}/validate")
    assert response.status_code == 400
    assert response.json()["message"] == "Invitation has expired"
    deleted, raw = make_invitation()
    deleted.soft_delete()
    assert api_client.get(f"/invitations/{raw}/validate").status_code == 404


def test_the_stored_hash_is_not_a_token(api_client):
    invitation, _ = make_invitation()
    assert api_client.get(f"/invitations/{invitation.invitation_token}/validate").status_code == 404


# -- POST /invitations/:token/accept -------------------------------------------------------------

NEW_TENANT = {
    "name": "The Does",
    "firstName": "Jo",
    "lastName": "Doe",
    "username": "jodoe",
    "password": STRONG_PASSWORD,
    "phone": "+15550001",
}


def test_accept_new_tenant(api_client, django_capture_on_commit_callbacks):
    invitation, raw = make_invitation(entity_data={"propertyId": "p1"})
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(f"/invitations/{raw}/accept", NEW_TENANT, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["success"] is True
    assert body["entityType"] == "tenant"
    assert body["existingUser"] is False
    assert body["message"] == "tenant account created successfully"
    assert body["entity"]["name"] == "The Does"
    assert body["entity"]["landlords"] == [str(invitation.landlord_id)]
    tenant = Tenant.objects.unscoped().get(pk=body["entity"]["_id"])
    assert tenant.invitation_context["propertyId"] == "p1"
    user = User.objects.unscoped().get(email=invitation.email)
    assert (user.user_type, user.organization_id, user.is_primary, user.role) == (
        "Tenant",
        tenant.pk,
        True,
        "Tenant",
    )
    assert user.email_verified_at is not None
    assert user.check_password(STRONG_PASSWORD)
    assert "password" not in str(body)
    assert body["auth"]["user"]["_id"] == str(user.pk)
    assert body["auth"]["user"]["user_type"] == "Tenant"
    assert isinstance(body["auth"]["accessToken"], str)
    assert {"access_token", "refresh_token", "csrf_token", "user-data"} <= set(response.cookies)
    assert Session.objects.filter(user=user).count() == 1
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_at is not None
    assert [m.subject for m in mail.outbox] == [f"Welcome to MYTE, {user.username}!"]
    notification = Notification.objects.unscoped().get(user=invitation.invited_by)
    assert notification.title == "Tenant Invitation Accepted"
    assert notification.content.endswith("has accepted your invitation to join as a tenant.")
    # The session works.
    me = api_client.get("/tenants/me", HTTP_AUTHORIZATION=f"Bearer {body['auth']['accessToken']}")
    assert me.status_code == 200 and me.json()["_id"] == str(tenant.pk)


def test_accept_existing_tenant_links_landlord(api_client):
    user = TenantUserFactory()
    invitation, raw = make_invitation(email=user.email)
    response = api_client.post(f"/invitations/{raw}/accept", {}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["existingUser"] is True
    assert body["entity"] == {
        "_id": str(user.organization_id),
        "existingUser": True,
        "message": "Landlord added to existing tenant",
    }
    assert body["message"] == "Landlord added to your existing tenant account"
    assert body["auth"]["user"]["_id"] == str(user.pk)
    tenant = Tenant.objects.unscoped().get(pk=user.organization_id)
    assert list(tenant.landlords.values_list("pk", flat=True)) == [invitation.landlord_id]


def test_accept_new_contractor(api_client):
    invitation, raw = make_invitation(entity_type="contractor")
    body = {**NEW_TENANT, "name": "Pipes Inc"}
    response = api_client.post(f"/invitations/{raw}/accept", body, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Category is required for contractor invitations"
    response = api_client.post(f"/invitations/{raw}/accept", {**body, "category": "Plumbing"}, format="json")
    assert response.status_code == 201, response.content
    contractor = Contractor.objects.unscoped().get(name="Pipes Inc")
    assert contractor.category == "Plumbing"
    assert list(contractor.landlords.values_list("pk", flat=True)) == [invitation.landlord_id]
    assert User.objects.unscoped().get(email=invitation.email).role == "Contractor"


def test_accept_existing_contractor(api_client):
    user = ContractorUserFactory()
    invitation, raw = make_invitation(entity_type="contractor", email=user.email)
    response = api_client.post(f"/invitations/{raw}/accept", {}, format="json")
    assert response.status_code == 201
    assert response.json()["entity"]["message"] == "Landlord added to existing contractor"
    contractor = Contractor.objects.unscoped().get(pk=user.organization_id)
    assert contractor.landlords.filter(pk=invitation.landlord_id).exists()


def test_accept_staff(api_client):
    invitation, raw = make_invitation(entity_type="landlord-staff")
    body = {"firstName": "Sam", "lastName": "Staff", "username": "samstaff", "password": STRONG_PASSWORD}
    response = api_client.post(f"/invitations/{raw}/accept", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["entity"]["user_type"] == "Landlord"
    assert data["entity"]["role"] == "LandlordStaff"
    assert data["entity"]["organization_id"] == str(invitation.landlord_id)
    assert "password" not in data["entity"]
    user = User.objects.unscoped().get(email=invitation.email)
    assert user.is_primary is False and user.email_verified_at is not None


def test_accept_missing_fields_is_400(api_client):
    invitation, raw = make_invitation()
    response = api_client.post(f"/invitations/{raw}/accept", {"phone": "123"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["message"]) == {
        "name is required",
        "firstName is required",
        "lastName is required",
        "username is required",
        "password is required",
    }
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_accept_validation(api_client):
    _, raw = make_invitation()
    response = api_client.post(
        f"/invitations/{raw}/accept", {"name": "Te", "username": "te", "password": "pass"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["message"]) == {
        "username must be longer than or equal to 3 characters",
        "Password must contain at least one uppercase letter, one lowercase letter, and one number or "
        "special character",
    }


def test_accept_unknown_token_is_404(api_client):
    response = api_client.post("/invitations/" + "f" * 64 + "/accept", NEW_TENANT, format="json")
    assert response.status_code == 404
    assert response.json()["message"] == "Invitation token not found"


def test_accept_duplicate_names_are_422_and_roll_back(api_client):
    taken = TenantOrgFactory(name="The Does")
    taken.soft_delete()
    invitation, raw = make_invitation()
    response = api_client.post(
        f"/invitations/{raw}/accept", {**NEW_TENANT, "name": "the does"}, format="json"
    )
    assert response.status_code == 422
    assert (
        response.json()["message"] == "A tenant with the name 'the does' already exists in your organization"
    )
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not User.objects.unscoped().filter(email=invitation.email).exists()

    deleted_user = TenantUserFactory(username="jodoe")
    deleted_user.soft_delete()
    response = api_client.post(f"/invitations/{raw}/accept", {**NEW_TENANT, "name": "Fresh"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "The username 'jodoe' is already taken in your organization"
    assert not Tenant.objects.unscoped().filter(name="Fresh").exists()


def test_contractor_name_taken_is_422(api_client):
    ContractorOrgFactory(name="Pipes Inc")
    _, raw = make_invitation(entity_type="contractor")
    response = api_client.post(
        f"/invitations/{raw}/accept",
        {**NEW_TENANT, "name": "Pipes Inc", "category": "Plumbing"},
        format="json",
    )
    assert response.status_code == 422
    assert response.json()["message"] == "Contractor name 'Pipes Inc' already exists in this organization"


def test_accept_twice_is_400(api_client):
    _, raw = make_invitation()
    assert api_client.post(f"/invitations/{raw}/accept", NEW_TENANT, format="json").status_code == 201
    response = api_client.post(f"/invitations/{raw}/accept", NEW_TENANT, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Invitation is no longer available. Status: accepted"


def test_accept_expired_is_400(api_client):
    _, raw = make_invitation(expires_in=timedelta(seconds=-5))
    response = api_client.post(f"/invitations/{raw}/accept", NEW_TENANT, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Invitation has expired"


# -- PATCH /invitations/:id/revoke, DELETE /invitations/:id ---------------------------------------


def test_revoke(auth_client, admin):
    invitation, _ = make_invitation(inviter=admin)
    response = auth_client(admin).patch(f"/invitations/{invitation.pk}/revoke")
    assert response.status_code == 200
    assert response.json() == {"message": "Invitation revoked successfully"}
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    response = auth_client(admin).patch(f"/invitations/{invitation.pk}/revoke")
    assert response.status_code == 400
    assert response.json()["message"] == "Only pending invitations can be revoked"


def test_staff_revokes_own_landlords_invitation(auth_client, admin):
    invitation, _ = make_invitation(inviter=admin)
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).patch(f"/invitations/{invitation.pk}/revoke").status_code == 200


def test_revoke_errors(api_client, auth_client, admin):
    invitation, _ = make_invitation()
    client = auth_client(admin)
    response = client.patch(f"/invitations/{invitation.pk}/revoke")
    assert response.status_code == 404
    assert response.json()["message"] == f"Invitation with ID {invitation.pk} not found"
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    unknown = uuid.uuid4()
    assert (
        client.patch(f"/invitations/{unknown}/revoke").json()["message"]
        == f"Invitation with ID {unknown} not found"
    )
    assert client.patch("/invitations/invalid-id/revoke").status_code == 400
    assert api_client.patch(f"/invitations/{invitation.pk}/revoke").status_code == 401
    response = auth_client(TenantUserFactory()).patch(f"/invitations/{invitation.pk}/revoke")
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have permission to revoke invitations"


def test_delete(auth_client, admin):
    invitation, _ = make_invitation(inviter=admin, status="accepted")
    response = auth_client(admin).delete(f"/invitations/{invitation.pk}")
    assert response.status_code == 200
    assert response.json() == {"message": "Invitation deleted successfully"}
    assert Invitation.objects.unscoped().filter(pk=invitation.pk).count() == 0
    assert Invitation.objects.including_deleted().get(pk=invitation.pk).deleted is True
    assert auth_client(admin).delete(f"/invitations/{invitation.pk}").status_code == 404


def test_delete_errors(api_client, auth_client, admin):
    invitation, _ = make_invitation()
    assert auth_client(admin).delete(f"/invitations/{invitation.pk}").status_code == 404
    assert Invitation.objects.unscoped().filter(pk=invitation.pk).exists()
    assert auth_client(admin).delete("/invitations/nope").status_code == 400
    assert api_client.delete(f"/invitations/{invitation.pk}").status_code == 401
    response = auth_client(ContractorUserFactory()).delete(f"/invitations/{invitation.pk}")
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have permission to delete invitations"


def test_invitation_of_a_deleted_landlord_invites_to_nothing(api_client):
    invitation, raw = make_invitation()
    invitation.landlord.soft_delete()
    assert api_client.get(f"/invitations/{raw}/validate").status_code == 404
    body = {
        "name": "Ghost Household",
        "username": "ghosty",
        "firstName": "Gho",
        "lastName": "St",
        "password": STRONG_PASSWORD,
    }
    response = api_client.post(f"/invitations/{raw}/accept", body, format="json")
    assert response.status_code == 404
    assert response.json()["message"] == "Invitation token not found"
    assert not User.objects.unscoped().filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"
