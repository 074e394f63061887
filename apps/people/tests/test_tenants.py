"""Tenant organization routes (spec 02 section 6)."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Tenant, User
from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.people.tests.factories import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

NEW_TENANT = {
    "name": "The Smiths",
    "username": "jsmith",
    "firstName": "Jane",
    "lastName": "Smith",
    "email": "Jane@Example.com",
    "password": STRONG_PASSWORD,
    "phone": "+15550100",
}


@pytest.fixture
def admin():
    return LandlordUserFactory()


@pytest.fixture
def linked(admin):
    """A tenant organization linked only to ``admin``'s landlord, with a primary user."""
    tenant = TenantOrgFactory(landlords=[admin.organization_id])
    TenantUserFactory(organization_id=tenant.pk)
    return tenant


# -- POST /tenants -------------------------------------------------------------------------------


def test_landlord_creates_a_linked_tenant(auth_client, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(admin).post("/tenants", NEW_TENANT, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {
        "_id",
        "name",
        "landlords",
        "invitationContext",
        "deleted",
        "createdAt",
        "updatedAt",
        "__v",
    } <= set(body)
    assert body["name"] == "The Smiths"
    assert body["landlords"] == [str(admin.organization_id)]
    tenant = Tenant.objects.unscoped().get(pk=body["_id"])
    user = User.objects.unscoped().get(organization_id=tenant.pk)
    assert (user.email, user.user_type, user.is_primary, user.role) == (
        "jane@example.com",
        "Tenant",
        True,
        "Tenant",
    )
    assert user.check_password(STRONG_PASSWORD)
    assert [m.to for m in mail.outbox] == [["jane@example.com"]]
    assert auth_client(admin).get(f"/tenants/{tenant.pk}").status_code == 200


def test_super_admin_creates_an_unlinked_tenant(auth_client):
    response = auth_client(AdminUserFactory()).post("/tenants", NEW_TENANT, format="json")
    assert response.status_code == 201
    assert response.json()["landlords"] == []


def test_create_validation(auth_client, admin):
    client = auth_client(admin)
    response = client.post("/tenants", {}, format="json")
    assert response.status_code == 400
    assert "name should not be empty" in response.json()["message"]
    response = client.post("/tenants", {**NEW_TENANT, "password": "alllowercase1"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == [
        "Password must contain at least one uppercase letter, one lowercase letter, and one number or "
        "special character"
    ]
    assert not Tenant.objects.unscoped().exists()


def test_create_duplicates_are_422(auth_client, admin):
    client = auth_client(admin)
    gone = TenantOrgFactory(name="The Smiths")
    gone.soft_delete()
    response = client.post("/tenants", {**NEW_TENANT, "name": "the smiths"}, format="json")
    assert response.status_code == 422
    assert (
        response.json()["message"]
        == "A tenant with the name 'the smiths' already exists in your organization"
    )
    TenantUserFactory(email="jane@example.com").soft_delete()
    response = client.post("/tenants", {**NEW_TENANT, "name": "Other"}, format="json")
    assert response.status_code == 422
    assert (
        response.json()["message"]
        == "The email 'jane@example.com' is already registered in your organization"
    )
    TenantUserFactory(username="JSmith")
    response = client.post(
        "/tenants", {**NEW_TENANT, "name": "Other", "email": "x@example.com"}, format="json"
    )
    assert response.status_code == 422
    assert response.json()["message"] == "The username 'jsmith' is already taken in your organization"
    assert not Tenant.objects.unscoped().filter(name="Other").exists()


def test_create_requires_auth_and_rights(api_client, auth_client):
    assert api_client.post("/tenants", NEW_TENANT, format="json").status_code == 401
    for user in (TenantUserFactory(), LandlordStaffFactory(), ContractorUserFactory()):
        response = auth_client(user).post("/tenants", {"bogus": 1}, format="json")
        assert response.status_code == 403
        assert response.json()["message"] == "Access denied"
    assert not Tenant.objects.unscoped().filter(name="The Smiths").exists()


# -- GET /tenants --------------------------------------------------------------------------------


def test_list_shows_linked_tenants_only(auth_client, admin, linked):
    TenantOrgFactory(landlords=[LandlordFactory()])
    TenantOrgFactory()
    response = auth_client(admin).get("/tenants")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert body["data"][0]["_id"] == str(linked.pk)
    assert {"page": 1, "limit": 10, "totalPages": 1}.items() <= body.items()


def test_list_hides_other_landlords_links(auth_client, admin, linked):
    other = LandlordFactory()
    linked.landlords.add(other)
    item = auth_client(admin).get("/tenants").json()["data"][0]
    assert item["landlords"] == [str(admin.organization_id)]
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).get("/tenants").json()["total"] == 1


def test_list_search_and_sort(auth_client, admin):
    names = ["Bravo", "Alpha", "Charlie"]
    for name in names:
        TenantOrgFactory(name=name, landlords=[admin.organization_id])
    client = auth_client(admin)
    assert [t["name"] for t in client.get("/tenants?search=rav").json()["data"]] == ["Bravo"]
    assert [t["name"] for t in client.get("/tenants?sortBy=name&sortOrder=asc").json()["data"]] == [
        "Alpha",
        "Bravo",
        "Charlie",
    ]
    assert [t["name"] for t in client.get("/tenants?sortBy=name&sortOrder=desc").json()["data"]] == [
        "Charlie",
        "Bravo",
        "Alpha",
    ]
    assert client.get("/tenants?sortBy=email").status_code == 400
    assert client.get("/tenants?limit=101").status_code == 400
    assert client.get("/tenants?propertyId=nope").status_code == 400


def test_list_with_stats(auth_client, admin, linked):
    TenantOrgFactory(name="Empty household", landlords=[admin.organization_id])
    primary = User.objects.unscoped().get(organization_id=linked.pk)
    client = auth_client(admin)
    response = client.get("/tenants?includeStats=true&sortBy=createdAt&sortOrder=asc")
    assert response.status_code == 200
    first, second = response.json()["data"]
    assert first["email"] == primary.email
    # no lease yet: the figures are real zeros
    assert first["activeLeasesCount"] == 0
    assert first["hasActiveLeases"] is False
    assert first["outstandingBalance"] == 0
    assert second["email"] is None
    by_email = client.get(f"/tenants?includeStats=true&search={primary.email}").json()["data"]
    assert [t["_id"] for t in by_email] == [str(linked.pk)]
    assert client.get("/tenants?hasActiveLeases=true").json()["total"] == 0
    assert client.get("/tenants?hasActiveLeases=false").json()["total"] == 2


@pytest.mark.parametrize("query", ["", "&includeStats=true"])
def test_list_query_count_is_constant(auth_client, admin, query):
    client = auth_client(admin)
    for _ in range(2):
        TenantUserFactory(organization_id=TenantOrgFactory(landlords=[admin.organization_id]).pk)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/tenants?limit=2" + query).status_code == 200
    for _ in range(5):
        TenantUserFactory(organization_id=TenantOrgFactory(landlords=[admin.organization_id]).pk)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/tenants?limit=7" + query).status_code == 200
    assert len(small) == len(large)


def test_list_refusals(api_client, auth_client):
    assert api_client.get("/tenants").status_code == 401
    response = auth_client(TenantUserFactory()).get("/tenants")
    assert response.status_code == 403
    assert response.json()["message"] == (
        "Tenant users cannot access the tenant list. Use /tenants/me to access your own profile."
    )
    assert auth_client(ContractorUserFactory()).get("/tenants").status_code == 403


# -- /tenants/me ---------------------------------------------------------------------------------


def test_me(auth_client, api_client, linked):
    user = User.objects.unscoped().get(organization_id=linked.pk)
    client = auth_client(user)
    response = client.get("/tenants/me")
    assert response.status_code == 200
    assert response.json()["_id"] == str(linked.pk)
    assert client.get("/tenants/me/neighbors").json() == []
    assert client.get("/tenants/me/properties").json() == []
    for suffix in ("", "/neighbors", "/properties"):
        response = auth_client(LandlordUserFactory()).get("/tenants/me" + suffix)
        assert response.status_code == 403
        assert response.json()["message"] == "Only tenant users can access this endpoint"
        response = auth_client(TenantUserFactory(organization_id=None)).get("/tenants/me" + suffix)
        assert response.status_code == 403
        assert response.json()["message"] == "No tenant profile associated with this user"
        assert api_client.get("/tenants/me" + suffix).status_code == 401
    linked.soft_delete()
    response = client.get("/tenants/me")
    assert response.status_code == 404
    assert response.json()["message"] == "Tenant profile not found"


# -- GET /tenants/:id and /stats -----------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "/stats"])
def test_detail_and_stats(auth_client, api_client, admin, linked, suffix):
    client = auth_client(admin)
    response = client.get(f"/tenants/{linked.pk}{suffix}")
    assert response.status_code == 200
    if suffix:
        # no lease yet: zero figures, no expiry
        assert response.json() == {
            "activeLeases": 0,
            "totalMonthlyRent": 0.0,
            "outstanding": 0.0,
            "nextExpiry": None,
        }
    else:
        assert response.json()["name"] == linked.name
    unlinked = TenantOrgFactory(landlords=[LandlordFactory()])
    response = client.get(f"/tenants/{unlinked.pk}{suffix}")
    assert response.status_code == 404
    assert response.json()["message"] == f"Tenant with ID {unlinked.pk} not found"
    assert client.get(f"/tenants/{uuid.uuid4()}{suffix}").status_code == 404
    response = client.get(f"/tenants/invalid-id{suffix}")
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid ID: invalid-id"
    assert api_client.get(f"/tenants/{linked.pk}{suffix}").status_code == 401
    response = auth_client(TenantUserFactory(organization_id=linked.pk)).get(f"/tenants/{linked.pk}{suffix}")
    assert response.status_code == 403
    assert response.json()["message"].startswith("Tenant users cannot access other tenant records.")
    assert auth_client(ContractorUserFactory()).get(f"/tenants/{linked.pk}{suffix}").status_code == 403


def test_super_admin_reads_any_tenant(auth_client):
    tenant = TenantOrgFactory(landlords=[LandlordFactory(), LandlordFactory()])
    response = auth_client(AdminUserFactory()).get(f"/tenants/{tenant.pk}")
    assert response.status_code == 200
    assert len(response.json()["landlords"]) == 2


# -- PATCH /tenants/:id --------------------------------------------------------------------------


def test_rename(auth_client, admin, linked):
    response = auth_client(admin).patch(f"/tenants/{linked.pk}", {"name": "Renamed"}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"
    linked.refresh_from_db()
    assert linked.name == "Renamed"


def test_rename_errors(api_client, auth_client, admin, linked):
    client = auth_client(admin)
    TenantOrgFactory(name="Taken")
    response = client.patch(f"/tenants/{linked.pk}", {"name": "taken"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "A tenant with the name 'taken' already exists in your organization"
    response = client.patch(f"/tenants/{linked.pk}", {"name": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == ["name must be longer than or equal to 2 characters"]
    unlinked = TenantOrgFactory(name="Theirs", landlords=[LandlordFactory()])
    assert client.patch(f"/tenants/{unlinked.pk}", {"name": "Hacked"}, format="json").status_code == 404
    assert api_client.patch(f"/tenants/{linked.pk}", {"name": "Hacked"}, format="json").status_code == 401
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert (
        auth_client(staff).patch(f"/tenants/{linked.pk}", {"name": "Hacked"}, format="json").status_code
        == 403
    )
    assert (
        auth_client(TenantUserFactory(organization_id=linked.pk))
        .patch(f"/tenants/{linked.pk}", {"name": "Hacked"}, format="json")
        .status_code
        == 403
    )
    linked.refresh_from_db()
    unlinked.refresh_from_db()
    assert "Hacked" not in (linked.name, unlinked.name)


def test_rename_of_a_shared_tenant_is_refused(auth_client, admin, linked):
    linked.landlords.add(LandlordFactory())
    response = auth_client(admin).patch(f"/tenants/{linked.pk}", {"name": "Mine now"}, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have permission to update this tenant"


# -- DELETE /tenants/:id and /remove-from-organization -------------------------------------------


def test_delete_sole_landlord_soft_deletes(auth_client, admin, linked):
    response = auth_client(admin).delete(f"/tenants/{linked.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert Tenant.objects.including_deleted().get(pk=linked.pk).deleted is True
    assert auth_client(admin).get(f"/tenants/{linked.pk}").status_code == 404


def test_delete_shared_tenant_only_unlinks(auth_client, admin, linked):
    other = LandlordFactory()
    linked.landlords.add(other)
    assert auth_client(admin).delete(f"/tenants/{linked.pk}").status_code == 204
    linked.refresh_from_db()
    assert linked.deleted is False
    assert list(linked.landlords.values_list("pk", flat=True)) == [other.pk]


def test_delete_refusals(api_client, auth_client, admin, linked):
    unlinked = TenantOrgFactory(landlords=[LandlordFactory()])
    assert auth_client(admin).delete(f"/tenants/{unlinked.pk}").status_code == 404
    assert auth_client(admin).delete("/tenants/bad").status_code == 400
    assert api_client.delete(f"/tenants/{linked.pk}").status_code == 401
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).delete(f"/tenants/{linked.pk}").status_code == 403
    assert Tenant.objects.unscoped().filter(pk__in=[linked.pk, unlinked.pk]).count() == 2


def test_remove_from_organization(auth_client, api_client, admin, linked):
    response = auth_client(admin).delete(f"/tenants/{linked.pk}/remove-from-organization")
    assert response.status_code == 200
    assert response.json() == {"message": "Tenant removed from your organization successfully"}
    assert not linked.landlords.exists()
    assert Tenant.objects.unscoped().filter(pk=linked.pk).exists()
    assert auth_client(admin).delete(f"/tenants/{linked.pk}/remove-from-organization").status_code == 404
    assert api_client.delete(f"/tenants/{linked.pk}/remove-from-organization").status_code == 401
    response = auth_client(AdminUserFactory()).delete(f"/tenants/{linked.pk}/remove-from-organization")
    assert response.status_code == 403
    assert response.json()["message"] == "User does not have an organization"


# -- /tenants/:id/users --------------------------------------------------------------------------

NEW_MEMBER = {
    "username": "member1",
    "firstName": "Max",
    "lastName": "Smith",
    "email": "max@example.com",
    "password": STRONG_PASSWORD,
}


def test_list_members(auth_client, api_client, admin, linked):
    second = TenantUserFactory(organization_id=linked.pk, is_primary=False, username="zed")
    TenantUserFactory()  # another household
    response = auth_client(admin).get(f"/tenants/{linked.pk}/users")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert all("password" not in item for item in body["data"])
    assert {item["organization_id"] for item in body["data"]} == {str(linked.pk)}
    found = auth_client(admin).get(f"/tenants/{linked.pk}/users?search=zed").json()["data"]
    assert [item["_id"] for item in found] == [str(second.pk)]
    own = auth_client(second).get(f"/tenants/{linked.pk}/users")
    assert own.status_code == 200 and own.json()["total"] == 2
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).get(f"/tenants/{linked.pk}/users").json()["total"] == 0
    assert auth_client(TenantUserFactory()).get(f"/tenants/{linked.pk}/users").status_code == 404
    assert auth_client(LandlordUserFactory()).get(f"/tenants/{linked.pk}/users").status_code == 404
    assert api_client.get(f"/tenants/{linked.pk}/users").status_code == 401
    assert auth_client(ContractorUserFactory()).get(f"/tenants/{linked.pk}/users").status_code == 403


def test_list_members_query_count_is_constant(auth_client, admin, linked):
    client = auth_client(admin)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/tenants/{linked.pk}/users?limit=1").status_code == 200
    for _ in range(4):
        TenantUserFactory(organization_id=linked.pk, is_primary=False)
    with CaptureQueriesContext(connection) as large:
        assert client.get(f"/tenants/{linked.pk}/users?limit=5").status_code == 200
    assert len(small) == len(large)


def test_add_member(auth_client, admin, linked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(admin).post(f"/tenants/{linked.pk}/users", NEW_MEMBER, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert "password" not in body
    assert body["user_type"] == "Tenant"
    assert body["organization_id"] == str(linked.pk)
    assert body["isPrimary"] is False
    assert body["role"] == "Tenant"
    assert User.objects.unscoped().get(pk=body["_id"]).check_password(STRONG_PASSWORD)
    assert len(mail.outbox) == 1


def test_add_member_errors(api_client, auth_client, admin, linked):
    client = auth_client(admin)
    response = client.post(f"/tenants/{linked.pk}/users", {**NEW_MEMBER, "email": "bad"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == ["email must be an email"]
    TenantUserFactory(username="member1")
    response = client.post(f"/tenants/{linked.pk}/users", NEW_MEMBER, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "Username 'member1' is already taken within this organization"
    unlinked = TenantOrgFactory(landlords=[LandlordFactory()])
    fresh = {**NEW_MEMBER, "username": "fresh"}
    assert client.post(f"/tenants/{unlinked.pk}/users", fresh, format="json").status_code == 404
    linked.landlords.add(LandlordFactory())
    response = client.post(f"/tenants/{linked.pk}/users", fresh, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have permission to manage users of this tenant"
    assert api_client.post(f"/tenants/{linked.pk}/users", fresh, format="json").status_code == 401
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).post(f"/tenants/{linked.pk}/users", fresh, format="json").status_code == 403
    assert not User.objects.unscoped().filter(username="fresh").exists()


def test_update_member(auth_client, admin, linked):
    member = User.objects.unscoped().get(organization_id=linked.pk)
    client = auth_client(admin)
    response = client.patch(
        f"/tenants/{linked.pk}/users/{member.pk}",
        {"firstName": "New", "password": "N3wPassword!"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["firstName"] == "New"
    assert "password" not in response.json()
    member.refresh_from_db()
    assert member.check_password("N3wPassword!")


def test_update_member_errors(api_client, auth_client, admin, linked):
    member = User.objects.unscoped().get(organization_id=linked.pk)
    client = auth_client(admin)
    response = client.patch(f"/tenants/{linked.pk}/users/{member.pk}", {"role": "SuperAdmin"}, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "You are not allowed to change user roles"
    other = TenantUserFactory(email="taken@example.com")
    response = client.patch(
        f"/tenants/{linked.pk}/users/{member.pk}", {"email": "taken@example.com"}, format="json"
    )
    assert response.status_code == 422
    response = client.patch(f"/tenants/{linked.pk}/users/{other.pk}", {"firstName": "X"}, format="json")
    assert response.status_code == 404
    assert response.json()["message"] == "User not found or does not belong to this tenant"
    assert client.patch(f"/tenants/{linked.pk}/users/bad", {}, format="json").status_code == 400
    assert api_client.patch(f"/tenants/{linked.pk}/users/{member.pk}", {}, format="json").status_code == 401
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert (
        auth_client(staff).patch(f"/tenants/{linked.pk}/users/{member.pk}", {}, format="json").status_code
        == 403
    )
    member.refresh_from_db()
    assert member.role == "Tenant" and member.email != "taken@example.com"


def test_delete_member(api_client, auth_client, admin, linked):
    member = User.objects.unscoped().get(organization_id=linked.pk)
    outsider = TenantUserFactory()
    client = auth_client(admin)
    assert client.delete(f"/tenants/{linked.pk}/users/{outsider.pk}").status_code == 404
    assert api_client.delete(f"/tenants/{linked.pk}/users/{member.pk}").status_code == 401
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).delete(f"/tenants/{linked.pk}/users/{member.pk}").status_code == 403
    assert client.delete(f"/tenants/{linked.pk}/users/{member.pk}").status_code == 204
    assert User.objects.including_deleted().get(pk=member.pk).deleted is True
    assert User.objects.unscoped().filter(pk=outsider.pk).exists()
