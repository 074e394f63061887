"""``/users`` (spec 02 section 3, e2e 11.2), scoped to the caller's own organization."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantUserFactory,
    UserFactory,
)
from apps.core.scope import Role, UserType

pytestmark = pytest.mark.django_db

SECRET_KEYS = {"password"}


def new_user_body(**overrides):
    body = {
        "email": "test-user-1@example.com",
        "password": "Passw0rd!",
        "username": "test-user-1",
        "firstName": "Test",
        "lastName": "User",
        "user_type": "Landlord",
    }
    body.update(overrides)
    return body


def assert_no_secrets(payload):
    text = str(payload)
    assert "password" not in text
    assert "md5$" not in text and "argon2" not in text


@pytest.fixture
def landlord():
    return LandlordUserFactory()


class TestCreate:
    def test_landlord_creates_staff_in_own_org(
        self, auth_client, landlord, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(landlord).post("/users", new_user_body(phone=" 555 "), format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["email"] == "test-user-1@example.com" and body["username"] == "test-user-1"
        assert body["user_type"] == "Landlord" and body["organization_id"] == str(landlord.organization_id)
        assert body["isPrimary"] is False and body["role"] == "LandlordStaff"
        assert body["_id"] and body["__v"] == 0 and body["createdAt"].endswith("Z")
        assert_no_secrets(body)
        created = User.objects.get(pk=body["_id"])
        assert created.check_password("Passw0rd!") and created.phone == "555"
        assert created.email_verified_at is None
        assert [message.to for message in mailoutbox] == [["test-user-1@example.com"]]
        assert mailoutbox[0].subject.startswith("Welcome")

    def test_first_user_of_an_org_becomes_primary(self, auth_client):
        admin = AdminUserFactory()
        org = LandlordUserFactory().organization_id
        User.objects.filter(organization_id=org).delete()
        response = auth_client(admin).post("/users", new_user_body(organization_id=str(org)), format="json")
        assert response.status_code == 201
        assert response.json()["isPrimary"] is True and response.json()["role"] == "LandlordAdmin"

    def test_second_primary_is_refused(self, auth_client, landlord):
        response = auth_client(landlord).post("/users", new_user_body(isPrimary=True), format="json")
        assert response.status_code == 422
        assert response.json()["message"] == (
            "A primary user already exists for this landlord. Only one primary user is allowed per organization."
        )

    def test_role_is_honoured_only_for_super_admin(self, auth_client, landlord):
        response = auth_client(landlord).post("/users", new_user_body(role="SuperAdmin"), format="json")
        assert response.status_code == 201
        assert response.json()["role"] == "LandlordStaff"
        admin = AdminUserFactory()
        response = auth_client(admin).post(
            "/users",
            new_user_body(
                email="b@example.com",
                username="b",
                role="LandlordAdmin",
                organization_id=str(landlord.organization_id),
            ),
            format="json",
        )
        assert response.json()["role"] == "LandlordAdmin"

    def test_landlord_cannot_create_users_of_other_types_or_orgs(self, auth_client, landlord):
        other_org = LandlordUserFactory().organization_id
        client = auth_client(landlord)
        assert client.post("/users", new_user_body(user_type="Tenant"), format="json").status_code == 403
        response = client.post("/users", new_user_body(organization_id=str(other_org)), format="json")
        assert response.status_code == 403
        assert response.json()["message"] == "Access denied"
        assert client.post("/users", new_user_body(user_type="Admin"), format="json").status_code == 403
        assert not User.objects.filter(email="test-user-1@example.com").exists()

    def test_tenant_creates_users_of_its_own_household_only(self, auth_client):
        tenant = TenantUserFactory()
        client = auth_client(tenant)
        response = client.post("/users", new_user_body(user_type="Tenant"), format="json")
        assert response.status_code == 201
        assert response.json()["organization_id"] == str(tenant.organization_id)
        assert response.json()["role"] == "Tenant"
        response = client.post(
            "/users", new_user_body(email="x@y.zz", username="x", user_type="Landlord"), format="json"
        )
        assert response.status_code == 403

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"email": "a@b.co"}, "username should not be empty"),
            (new_user_body(email="invalid"), "email must be an email"),
            (new_user_body(password="weakpassword"), "Password is too weak"),
            (
                new_user_body(user_type="Boss"),
                "user_type must be one of the following values: Landlord, Tenant, Contractor, Admin",
            ),
            (new_user_body(organization_id="nope"), "organization_id must be a valid id"),
            (new_user_body(unknown=1), "property unknown should not exist"),
        ],
    )
    def test_validation(self, auth_client, landlord, body, message):
        response = auth_client(landlord).post("/users", body, format="json")
        assert response.status_code == 400
        assert message in response.json()["message"]

    def test_duplicates(self, auth_client, landlord):
        client = auth_client(landlord)
        assert client.post("/users", new_user_body(), format="json").status_code == 201
        response = client.post("/users", new_user_body(username="other"), format="json")
        assert response.status_code == 422
        assert (
            response.json()["message"]
            == "Email 'test-user-1@example.com' is already registered within this organization"
        )
        response = client.post("/users", new_user_body(email="z@z.zz"), format="json")
        assert response.status_code == 422
        assert (
            response.json()["message"] == "Username 'test-user-1' is already taken within this organization"
        )

    def test_duplicate_of_soft_deleted_user_is_422_not_500(self, auth_client, landlord):
        gone = UserFactory(email="test-user-1@example.com")
        gone.soft_delete()
        response = auth_client(landlord).post("/users", new_user_body(), format="json")
        assert response.status_code == 422

    def test_unauthenticated(self, api_client):
        assert api_client.post("/users", new_user_body(), format="json").status_code == 401

    @pytest.mark.parametrize(
        "factory", [LandlordStaffFactory, lambda: TenantUserFactory(organization_id=None)]
    )
    def test_forbidden_roles_get_403_before_validation(self, auth_client, factory):
        response = auth_client(factory()).post("/users", {"email": "bad"}, format="json")
        assert response.status_code == 403
        assert response.json()["message"] == "Access denied"


class TestList:
    def test_lists_own_org_users(self, auth_client, landlord):
        for index in range(4):
            LandlordStaffFactory(
                organization_id=landlord.organization_id, email=f"test-user-{index}@example.com"
            )
        LandlordUserFactory()  # another landlord
        TenantUserFactory()
        response = auth_client(landlord).get("/users")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"data", "total", "page", "limit", "totalPages", "hasNextPage", "hasPrevPage"}
        assert body["total"] == 5 and body["page"] == 1 and body["limit"] == 10
        assert {row["organization_id"] for row in body["data"]} == {str(landlord.organization_id)}
        assert_no_secrets(body)

    def test_filters_and_sorting(self, auth_client, landlord):
        for index in range(3):
            LandlordStaffFactory(
                organization_id=landlord.organization_id,
                email=f"test-user-{index}@example.com",
                username=f"test-user-{index}",
            )
        client = auth_client(landlord)
        body = client.get("/users", {"search": "test-user-1@example.com"}).json()
        assert body["data"][0]["email"] == "test-user-1@example.com" and body["total"] == 1
        body = client.get("/users", {"role": "LandlordStaff"}).json()
        assert body["total"] == 3
        body = client.get("/users", {"isPrimary": "true"}).json()
        assert [row["_id"] for row in body["data"]] == [str(landlord.pk)]
        body = client.get("/users", {"user_type": "Landlord", "sortBy": "email", "sortOrder": "asc"}).json()
        emails = [row["email"] for row in body["data"]]
        assert emails == sorted(emails) and len(emails) == 4
        body = client.get("/users", {"sortBy": "email", "sortOrder": "desc"}).json()
        assert [row["email"] for row in body["data"]] == sorted(emails, reverse=True)
        body = client.get("/users", {"user_type": "Tenant"}).json()
        assert body["total"] == 0

    def test_other_organization_filter_shows_nothing(self, auth_client, landlord):
        other = LandlordUserFactory()
        body = auth_client(landlord).get("/users", {"organization_id": str(other.organization_id)}).json()
        assert body["total"] == 0

    def test_super_admin_reads_any_organization(self, auth_client):
        other = LandlordUserFactory()
        body = (
            auth_client(AdminUserFactory())
            .get("/users", {"organization_id": str(other.organization_id)})
            .json()
        )
        assert body["total"] == 1

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"foo": "1"}, "property foo should not exist"),
            ({"page": "0"}, "page must not be less than 1"),
            (
                {"user_type": "X"},
                "user_type must be one of the following values: Landlord, Tenant, Contractor, Admin",
            ),
            ({"organization_id": "bad"}, "organization_id must be a valid id"),
        ],
    )
    def test_query_validation(self, auth_client, landlord, params, message):
        response = auth_client(landlord).get("/users", params)
        assert response.status_code == 400
        assert message in response.json()["message"]

    def test_unauthenticated_and_forbidden(self, api_client, auth_client):
        assert api_client.get("/users").status_code == 401
        assert auth_client(LandlordStaffFactory()).get("/users").status_code == 403
        assert auth_client(TenantUserFactory(organization_id=None)).get("/users").status_code == 403

    def test_tenant_sees_its_household(self, auth_client):
        tenant = TenantUserFactory()
        TenantUserFactory(organization_id=tenant.organization_id, is_primary=False)
        TenantUserFactory()
        body = auth_client(tenant).get("/users").json()
        assert body["total"] == 2

    def test_query_count_is_constant_in_page_size(self, auth_client, landlord):
        for index in range(12):
            LandlordStaffFactory(organization_id=landlord.organization_id, username=f"s{index}")
        client = auth_client(landlord)
        counts = []
        for limit in (2, 12):
            with CaptureQueriesContext(connection) as context:
                response = client.get("/users", {"limit": limit})
            assert len(response.json()["data"]) == limit
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1]


class TestDetail:
    def test_get_own_and_org_user(self, auth_client, landlord):
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        client = auth_client(landlord)
        response = client.get(f"/users/{landlord.pk}")
        assert response.status_code == 200 and response.json()["_id"] == str(landlord.pk)
        assert_no_secrets(response.json())
        assert client.get(f"/users/{staff.pk}").status_code == 200

    def test_unknown_invalid_unauth_forbidden(self, api_client, auth_client, landlord):
        client = auth_client(landlord)
        missing = "00000000-0000-0000-0000-000000000000"
        response = client.get(f"/users/{missing}")
        assert response.status_code == 404
        assert response.json()["message"] == f"User with ID {missing} not found"
        response = client.get("/users/invalid-id")
        assert response.status_code == 400 and response.json()["message"] == "Invalid ID: invalid-id"
        assert api_client.get(f"/users/{landlord.pk}").status_code == 401
        assert (
            auth_client(TenantUserFactory(organization_id=None)).get(f"/users/{landlord.pk}").status_code
            == 403
        )
        assert (
            auth_client(LandlordStaffFactory(organization_id=landlord.organization_id))
            .get(f"/users/{landlord.pk}")
            .status_code
            == 403
        )

    def test_other_landlords_user_is_404(self, auth_client, landlord):
        other = LandlordUserFactory()
        assert auth_client(landlord).get(f"/users/{other.pk}").status_code == 404
        assert auth_client(TenantUserFactory()).get(f"/users/{other.pk}").status_code == 404


class TestUpdate:
    def test_update_username_and_password(self, auth_client, landlord):
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        client = auth_client(landlord)
        response = client.patch(f"/users/{landlord.pk}", {"username": "renamed"}, format="json")
        assert response.status_code == 200
        assert response.json()["username"] == "renamed" and response.json()["email"] == landlord.email
        response = client.patch(
            f"/users/{staff.pk}", {"username": "staff-renamed", "password": "N3wPassword"}, format="json"
        )
        assert response.status_code == 200
        assert_no_secrets(response.json())
        staff.refresh_from_db()
        assert staff.username == "staff-renamed" and staff.check_password("N3wPassword")

    def test_promoting_a_primary(self, auth_client, landlord):
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        response = auth_client(landlord).patch(f"/users/{staff.pk}", {"isPrimary": True}, format="json")
        assert response.status_code == 200
        assert response.json()["isPrimary"] is True and response.json()["role"] == "LandlordAdmin"
        landlord.refresh_from_db()
        assert landlord.is_primary is False and landlord.role == Role.LANDLORD_ADMIN

    def test_role_change_needs_super_admin(self, auth_client, landlord):
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        response = auth_client(landlord).patch(f"/users/{staff.pk}", {"role": "LandlordAdmin"}, format="json")
        assert response.status_code == 403
        assert response.json()["message"] == "You are not allowed to change user roles"
        response = auth_client(AdminUserFactory()).patch(
            f"/users/{staff.pk}", {"role": "LandlordAdmin"}, format="json"
        )
        assert response.status_code == 200 and response.json()["role"] == "LandlordAdmin"

    def test_conflicts_and_validation(self, auth_client, landlord):
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        client = auth_client(landlord)
        response = client.patch(f"/users/{staff.pk}", {"email": landlord.email}, format="json")
        assert response.status_code == 422
        response = client.patch(f"/users/{staff.pk}", {"username": landlord.username}, format="json")
        assert response.status_code == 422
        response = client.patch(f"/users/{staff.pk}", {"password": "weak"}, format="json")
        assert response.status_code == 400
        response = client.patch(f"/users/{staff.pk}", {"user_type": "Admin"}, format="json")
        assert response.status_code == 400
        staff.refresh_from_db()
        assert staff.user_type == UserType.LANDLORD

    def test_unknown_unauth_forbidden_cross_tenant(self, api_client, auth_client, landlord):
        other = LandlordUserFactory()
        client = auth_client(landlord)
        assert (
            client.patch(
                "/users/00000000-0000-0000-0000-000000000000", {"username": "x"}, format="json"
            ).status_code
            == 404
        )
        assert api_client.patch(f"/users/{landlord.pk}", {"username": "x"}, format="json").status_code == 401
        assert (
            auth_client(TenantUserFactory(organization_id=None))
            .patch(f"/users/{landlord.pk}", {"username": "x"}, format="json")
            .status_code
            == 403
        )
        response = client.patch(f"/users/{other.pk}", {"username": "hacked"}, format="json")
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.username != "hacked"


class TestDelete:
    def test_soft_delete(self, auth_client, landlord):
        staff = LandlordStaffFactory(organization_id=landlord.organization_id)
        client = auth_client(landlord)
        response = client.delete(f"/users/{staff.pk}")
        assert response.status_code == 204 and response.content == b""
        assert client.get(f"/users/{staff.pk}").status_code == 404
        assert User.objects.including_deleted().get(pk=staff.pk).deleted

    def test_errors(self, api_client, auth_client, landlord):
        other = LandlordUserFactory()
        client = auth_client(landlord)
        assert client.delete("/users/00000000-0000-0000-0000-000000000000").status_code == 404
        assert client.delete("/users/invalid-id").status_code == 400
        assert api_client.delete(f"/users/{landlord.pk}").status_code == 401
        assert (
            auth_client(TenantUserFactory(organization_id=None)).delete(f"/users/{landlord.pk}").status_code
            == 403
        )
        assert client.delete(f"/users/{other.pk}").status_code == 404
        assert User.objects.filter(pk=other.pk).exists()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


class TestProfilePicture:
    def upload(self, client, user, content, name="pic.png", content_type="image/png"):
        return client.post(
            f"/users/{user.pk}/profile-picture",
            {"file": SimpleUploadedFile(name, content, content_type=content_type)},
            format="multipart",
        )

    def test_upload_and_read(self, auth_client, landlord, media_root):
        client = auth_client(landlord)
        response = self.upload(client, landlord, PNG)
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["success"] is True
        url = body["data"]["profilePicture"]
        assert "/uploads/profile-pictures/" in url and url.endswith(".png")
        stored = url.split("/uploads/")[1]
        assert default_storage.exists(stored)
        response = client.get(f"/users/{landlord.pk}/profile-picture")
        assert response.json() == {"success": True, "data": {"profilePicture": url}}

    def test_type_is_sniffed_not_trusted(self, auth_client, landlord, media_root):
        response = self.upload(auth_client(landlord), landlord, b"<html>not an image</html>", name="x.png")
        assert response.status_code == 400
        assert response.json()["message"].startswith("Invalid file type")
        response = self.upload(auth_client(landlord), landlord, JPEG, name="x.txt", content_type="text/plain")
        assert response.status_code == 201
        assert response.json()["data"]["profilePicture"].endswith(".jpg")

    def test_size_limit_and_missing_file(self, auth_client, landlord, media_root):
        big = PNG + b"\x00" * (5 * 1024 * 1024)
        response = self.upload(auth_client(landlord), landlord, big)
        assert response.status_code == 400
        assert response.json()["message"] == "File too large. Maximum size is 5MB"
        response = auth_client(landlord).post(f"/users/{landlord.pk}/profile-picture", {}, format="multipart")
        assert response.status_code == 400 and response.json()["message"] == "No file provided"

    def test_without_picture(self, auth_client, landlord):
        response = auth_client(landlord).get(f"/users/{landlord.pk}/profile-picture")
        assert response.json() == {"success": True, "data": {"profilePicture": None}}

    def test_access(self, api_client, auth_client, landlord, media_root):
        other = LandlordUserFactory()
        assert self.upload(api_client, landlord, PNG).status_code == 401
        assert self.upload(auth_client(LandlordStaffFactory()), landlord, PNG).status_code == 403
        assert self.upload(auth_client(landlord), other, PNG).status_code == 404
        assert auth_client(landlord).get(f"/users/{other.pk}/profile-picture").status_code == 404
        other.refresh_from_db()
        assert other.profile_picture == ""


class TestPrivacy:
    def test_get_and_update(self, auth_client, landlord):
        client = auth_client(landlord)
        response = client.get(f"/users/{landlord.pk}/privacy-settings")
        assert response.json() == {
            "success": True,
            "data": {"allowNeighborsToMessage": True, "allowGroupChatInvites": True},
        }
        response = client.patch(
            f"/users/{landlord.pk}/privacy-settings", {"allowGroupChatInvites": False}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["data"]["allowGroupChatInvites"] is False
        assert response.json()["data"]["allowNeighborsToMessage"] is True
        landlord.refresh_from_db()
        assert landlord.allow_group_chat_invites is False

    def test_validation_and_access(self, api_client, auth_client, landlord):
        other = ContractorUserFactory()
        client = auth_client(landlord)
        response = client.patch(
            f"/users/{landlord.pk}/privacy-settings", {"allowGroupChatInvites": "maybe"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["message"] == ["allowGroupChatInvites must be a boolean value"]
        assert api_client.get(f"/users/{landlord.pk}/privacy-settings").status_code == 401
        assert (
            auth_client(LandlordStaffFactory()).get(f"/users/{landlord.pk}/privacy-settings").status_code
            == 403
        )
        response = client.patch(
            f"/users/{other.pk}/privacy-settings", {"allowGroupChatInvites": False}, format="json"
        )
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.allow_group_chat_invites is True
