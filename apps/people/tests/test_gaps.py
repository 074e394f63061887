"""Gaps found by the identity/realtime test audit (users, invitations, tenants, contractors; docs/testing/coverage-identity-realtime.md).

Each test fills a cell of the route x {happy, validation, 401, 403, cross-tenant} table that the
existing suites left empty or covered only by a status code. The tests at the end guarded bugs the audit found,
since fixed (listed in the audit report).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.accounts.models import Invitation, Session, Tenant, User
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


def _session(user, raw: str | None = None, **extra) -> tuple[Session, str]:
    raw = raw or uuid.uuid4().hex * 2
    session = Session.objects.create(
        user=user,
        refresh_token_hash=hash_token(raw),
        expires_at=extra.pop("expires_at", timezone.now() + timedelta(days=1)),
        **extra,
    )
    return session, raw


# == users ===========================================================================================


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class TestUsersGaps:
    def test_profile_picture_read_needs_auth_and_a_user_right(self, api_client, auth_client):
        landlord = LandlordUserFactory()
        assert api_client.get(f"/users/{landlord.pk}/profile-picture").status_code == 401
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        response = auth_client(staff).get(f"/users/{landlord.pk}/profile-picture")
        assert response.status_code == 403
        assert response.json()["message"] == "Access denied"

    def test_profile_picture_upload_by_staff_changes_nothing(self, auth_client):
        landlord = LandlordUserFactory()
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        response = auth_client(staff).post(
            f"/users/{landlord.pk}/profile-picture",
            {"file": SimpleUploadedFile("p.png", PNG, content_type="image/png")},
            format="multipart",
        )
        assert response.status_code == 403
        landlord.refresh_from_db()
        assert not landlord.profile_picture

    def test_privacy_update_needs_auth_and_a_user_right(self, api_client, auth_client):
        landlord = LandlordUserFactory()
        body = {"allowNeighborsToMessage": False}
        assert (
            api_client.patch(f"/users/{landlord.pk}/privacy-settings", body, format="json").status_code == 401
        )
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        response = auth_client(staff).patch(f"/users/{landlord.pk}/privacy-settings", body, format="json")
        assert response.status_code == 403
        landlord.refresh_from_db()
        assert landlord.allow_neighbors_to_message is True

    def test_privacy_update_of_a_household_member_by_a_tenant(self, auth_client):
        tenant = TenantUserFactory()
        member = TenantUserFactory(organization_id=tenant.organization_id, is_primary=False)
        response = auth_client(tenant).patch(
            f"/users/{member.pk}/privacy-settings", {"allowNeighborsToMessage": False}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["data"]["allowNeighborsToMessage"] is False
        member.refresh_from_db()
        assert member.allow_neighbors_to_message is False and member.allow_group_chat_invites is True

    def test_delete_revokes_the_users_sessions(self, auth_client):
        landlord = LandlordUserFactory()
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        session, raw = _session(staff)
        response = auth_client(landlord).delete(f"/users/{staff.pk}")
        assert response.status_code == 204
        session.refresh_from_db()
        assert session.revoked

    def test_update_conflict_messages_and_no_change(self, auth_client):
        landlord = LandlordUserFactory()
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        client = auth_client(landlord)
        response = client.patch(f"/users/{staff.pk}", {"email": landlord.email}, format="json")
        assert response.status_code == 422
        assert response.json()["message"] == (
            f"Email '{landlord.email}' is already registered within this organization"
        )
        response = client.patch(f"/users/{staff.pk}", {"username": landlord.username}, format="json")
        assert response.json()["message"] == (
            f"Username '{landlord.username}' is already taken within this organization"
        )
        response = client.patch(f"/users/{staff.pk}", {"password": "weak"}, format="json")
        assert response.json()["message"] == ["Password is too weak"]
        before = (staff.email, staff.username, staff.password)
        staff.refresh_from_db()
        assert (staff.email, staff.username, staff.password) == before

    def test_tenant_updates_own_household_member_only(self, auth_client):
        tenant = TenantUserFactory()
        member = TenantUserFactory(organization_id=tenant.organization_id, is_primary=False)
        stranger = TenantUserFactory()
        client = auth_client(tenant)
        response = client.patch(f"/users/{member.pk}", {"firstName": "Kid"}, format="json")
        assert response.status_code == 200 and response.json()["firstName"] == "Kid"
        member.refresh_from_db()
        assert member.first_name == "Kid"
        response = client.patch(f"/users/{stranger.pk}", {"firstName": "Hacked"}, format="json")
        assert response.status_code == 404
        stranger.refresh_from_db()
        assert stranger.first_name != "Hacked"

    def test_cross_household_user_list_filter_returns_nothing(self, auth_client):
        victim = TenantUserFactory()
        attacker = TenantUserFactory()
        contractor = ContractorUserFactory()
        for user in (attacker, contractor, LandlordUserFactory()):
            body = auth_client(user).get("/users", {"organization_id": str(victim.organization_id)}).json()
            assert body["total"] == 0 and body["data"] == []


# == invitations =====================================================================================


class TestInvitationGaps:
    def test_contractor_invitation_email_and_existing_contractor_notified(
        self, auth_client, django_capture_on_commit_callbacks
    ):
        admin = LandlordUserFactory()
        existing = ContractorUserFactory(email="crew@example.com")
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(admin).post(
                "/invitations", {"entityType": "contractor", "email": "crew@example.com"}, format="json"
            )
        assert response.status_code == 201
        invitation = Invitation.objects.get(pk=response.json()["_id"])
        assert (invitation.entity_type, invitation.landlord_id) == ("contractor", admin.organization_id)
        assert "maintenance and service features" in mail.outbox[0].body
        note = Notification.objects.unscoped().get(user=existing)
        assert note.title == "New Contractor Invitation"
        assert note.content.startswith(
            f"{admin.username} has invited you to join their property as a contractor."
        )
        assert "token" not in (note.action_url or "")

    def test_staff_invitation_through_post_invitations(self, auth_client, django_capture_on_commit_callbacks):
        staff = LandlordStaffFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(staff).post(
                "/invitations", {"entityType": "landlord-staff", "email": "s@example.com"}, format="json"
            )
        assert response.status_code == 201
        invitation = Invitation.objects.get(pk=response.json()["_id"])
        assert invitation.landlord_id == staff.organization_id and invitation.invited_by == staff
        assert [m.to for m in mail.outbox] == [["s@example.com"]]
        assert "help manage the landlord workspace" in mail.outbox[0].body
        assert not Notification.objects.unscoped().exists()

    def test_contractor_cannot_list_invitations(self, auth_client):
        response = auth_client(ContractorUserFactory()).get("/invitations")
        assert response.status_code == 403
        assert response.json()["message"] == "You do not have permission to view invitations"

    def test_accept_new_tenant_whose_email_was_taken_meanwhile(self, api_client):
        invitation, raw = make_invitation(email="late@example.com")
        LandlordUserFactory(email="late@example.com")
        body = {
            "name": "Late Family",
            "firstName": "La",
            "lastName": "Te",
            "username": "lateuser",
            "password": STRONG_PASSWORD,
        }
        response = api_client.post(f"/invitations/{raw}/accept", body, format="json")
        assert response.status_code == 422
        assert (
            response.json()["message"]
            == "The email 'late@example.com' is already registered in your organization"
        )
        invitation.refresh_from_db()
        assert invitation.status == "pending"
        assert not Tenant.objects.unscoped().filter(name="Late Family").exists()

    def test_accept_staff_missing_fields_is_400_without_name(self, api_client):
        invitation, raw = make_invitation(entity_type="landlord-staff")
        response = api_client.post(f"/invitations/{raw}/accept", {}, format="json")
        assert response.status_code == 400
        assert set(response.json()["message"]) == {
            "firstName is required",
            "lastName is required",
            "username is required",
            "password is required",
        }
        invitation.refresh_from_db()
        assert invitation.status == "pending"

    def test_token_from_the_email_accepts(self, auth_client, api_client, django_capture_on_commit_callbacks):
        admin = LandlordUserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            auth_client(admin).post(
                "/invitations", {"entityType": "landlord-staff", "email": "joiner@example.com"}, format="json"
            )
        raw = token_from_outbox()
        body = {"firstName": "Jo", "lastName": "In", "username": "joiner", "password": STRONG_PASSWORD}
        response = api_client.post(f"/invitations/{raw}/accept", body, format="json")
        assert response.status_code == 201, response.content
        user = User.objects.unscoped().get(email="joiner@example.com")
        assert (user.organization_id, user.role) == (admin.organization_id, "LandlordStaff")

    def test_staff_revoke_changes_the_status(self, auth_client):
        admin = LandlordUserFactory()
        invitation, _ = make_invitation(inviter=admin)
        staff = LandlordStaffFactory(organization_id=admin.organization_id)
        response = auth_client(staff).patch(f"/invitations/{invitation.pk}/revoke")
        assert response.status_code == 200
        invitation.refresh_from_db()
        assert invitation.status == "revoked"


# == tenants and contractors =========================================================================


@pytest.fixture
def admin():
    return LandlordUserFactory()


class TestTenantGaps:
    def test_contractors_get_the_tenant_list_403_message(self, auth_client):
        response = auth_client(ContractorUserFactory()).get("/tenants")
        assert response.status_code == 403
        assert response.json()["message"] == "Access denied"

    def test_super_admin_rename_is_applied(self, auth_client):
        tenant = TenantOrgFactory(name="Before")
        response = auth_client(AdminUserFactory()).patch(
            f"/tenants/{tenant.pk}", {"name": "After"}, format="json"
        )
        assert response.status_code == 200 and response.json()["name"] == "After"
        tenant.refresh_from_db()
        assert tenant.name == "After"

    def test_member_update_and_delete_of_a_shared_household_are_refused(self, auth_client, admin):
        tenant = TenantOrgFactory(landlords=[admin.organization_id, LandlordFactory().pk])
        member = TenantUserFactory(organization_id=tenant.pk, first_name="Orig")
        client = auth_client(admin)
        response = client.patch(
            f"/tenants/{tenant.pk}/users/{member.pk}", {"firstName": "Changed"}, format="json"
        )
        assert response.status_code == 403
        assert response.json()["message"] == "You do not have permission to manage users of this tenant"
        assert client.delete(f"/tenants/{tenant.pk}/users/{member.pk}").status_code == 403
        member.refresh_from_db()
        assert member.first_name == "Orig" and not member.deleted

    def test_member_update_validation(self, auth_client, admin):
        tenant = TenantOrgFactory(landlords=[admin.organization_id])
        member = TenantUserFactory(organization_id=tenant.pk)
        response = auth_client(admin).patch(
            f"/tenants/{tenant.pk}/users/{member.pk}", {"email": "bad"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["message"] == ["email must be an email"]
        response = auth_client(admin).patch(
            f"/tenants/{tenant.pk}/users/{member.pk}", {"bogus": 1}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["message"] == ["property bogus should not exist"]
        before = member.email
        member.refresh_from_db()
        assert member.email == before

    def test_member_delete_of_another_landlords_tenant_via_own_path(self, auth_client, admin):
        mine = TenantOrgFactory(landlords=[admin.organization_id])
        theirs = TenantOrgFactory(landlords=[LandlordFactory()])
        victim = TenantUserFactory(organization_id=theirs.pk)
        response = auth_client(admin).delete(f"/tenants/{mine.pk}/users/{victim.pk}")
        assert response.status_code == 404
        victim.refresh_from_db()
        assert not victim.deleted

    def test_tenant_cannot_read_users_of_an_unrelated_household(self, auth_client):
        victim = TenantUserFactory()
        attacker = TenantUserFactory()
        response = auth_client(attacker).get(f"/tenants/{victim.organization_id}/users")
        assert response.status_code in (403, 404)
        assert str(victim.pk) not in response.content.decode()


class TestContractorGaps:
    @pytest.fixture
    def linked(self, admin):
        contractor = ContractorOrgFactory(landlords=[admin.organization_id])
        ContractorUserFactory(organization_id=contractor.pk, first_name="Orig")
        return contractor

    def test_member_routes_need_authentication(self, api_client, linked):
        member = User.objects.unscoped().get(organization_id=linked.pk)
        base = f"/contractors/{linked.pk}/users"
        assert api_client.post(base, {"username": "x"}, format="json").status_code == 401
        assert api_client.patch(f"{base}/{member.pk}", {"firstName": "X"}, format="json").status_code == 401
        assert api_client.delete(f"{base}/{member.pk}").status_code == 401
        member.refresh_from_db()
        assert member.first_name == "Orig" and not member.deleted

    @pytest.mark.parametrize("kind", ["staff", "tenant"])
    def test_member_update_and_delete_forbidden_roles(self, auth_client, admin, linked, kind):
        member = User.objects.unscoped().get(organization_id=linked.pk)
        user = (
            LandlordStaffFactory(organization_id=admin.organization_id)
            if kind == "staff"
            else TenantUserFactory()
        )
        client = auth_client(user)
        path = f"/contractors/{linked.pk}/users/{member.pk}"
        response = client.patch(path, {"firstName": "Hacked"}, format="json")
        assert response.status_code == 403 and response.json()["message"] == "Access denied"
        assert client.delete(path).status_code == 403
        member.refresh_from_db()
        assert member.first_name == "Orig" and not member.deleted

    def test_member_update_validation(self, auth_client, admin, linked):
        member = User.objects.unscoped().get(organization_id=linked.pk)
        response = auth_client(admin).patch(
            f"/contractors/{linked.pk}/users/{member.pk}", {"password": "weak"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["message"] == ["Password is too weak"]

    def test_member_create_sends_the_welcome_email(
        self, auth_client, admin, linked, django_capture_on_commit_callbacks
    ):
        body = {
            "username": "crew2",
            "firstName": "Cy",
            "lastName": "Crew",
            "email": "cy2@example.com",
            "password": STRONG_PASSWORD,
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(admin).post(f"/contractors/{linked.pk}/users", body, format="json")
        assert response.status_code == 201
        created = User.objects.unscoped().get(pk=response.json()["_id"])
        assert (created.organization_id, created.user_type, created.is_primary) == (
            linked.pk,
            "Contractor",
            False,
        )
        assert [m.to for m in mail.outbox] == [["cy2@example.com"]]

    def test_super_admin_patch_is_stored(self, auth_client):
        contractor = ContractorOrgFactory(category="Plumbing")
        response = auth_client(AdminUserFactory()).patch(
            f"/contractors/{contractor.pk}", {"category": "HVAC"}, format="json"
        )
        assert response.status_code == 200
        contractor.refresh_from_db()
        assert contractor.category == "HVAC"

    def test_contractor_reads_only_its_own_member_list(self, auth_client, linked):
        outsider = ContractorUserFactory()
        response = auth_client(outsider).get(f"/contractors/{linked.pk}/users")
        assert response.status_code in (403, 404)
        assert "Orig" not in response.content.decode()
