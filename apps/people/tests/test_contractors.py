"""Contractor organization routes (spec 02 section 7)."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Contractor, User
from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorOrgFactory,
    ContractorUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantUserFactory,
)
from apps.people.tests.factories import STRONG_PASSWORD

pytestmark = pytest.mark.django_db

NEW_CONTRACTOR = {
    "name": "Test Contractor",
    "username": "pipes",
    "firstName": "Pat",
    "lastName": "Pipe",
    "email": "pat@example.com",
    "category": "Plumbing",
    "password": STRONG_PASSWORD,
}
VIEW_KEYS = {
    "_id",
    "name",
    "category",
    "username",
    "firstName",
    "lastName",
    "email",
    "phone",
    "userId",
    "createdAt",
    "updatedAt",
    "activeTicketsCount",
    "completedTicketsCount",
}


@pytest.fixture
def admin():
    return LandlordUserFactory()


@pytest.fixture
def linked(admin):
    contractor = ContractorOrgFactory(landlords=[admin.organization_id])
    ContractorUserFactory(organization_id=contractor.pk)
    return contractor


# -- POST /contractors ---------------------------------------------------------------------------


def test_landlord_creates_a_linked_contractor(auth_client, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(admin).post("/contractors", NEW_CONTRACTOR, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Test Contractor"
    assert body["category"] == "Plumbing"
    assert body["landlords"] == [str(admin.organization_id)]
    user = User.objects.unscoped().get(organization_id=body["_id"])
    assert (user.user_type, user.is_primary, user.role) == ("Contractor", True, "Contractor")
    assert mail.outbox == []
    detail = auth_client(admin).get(f"/contractors/{body['_id']}")
    assert detail.status_code == 200
    assert detail.json()["email"] == "pat@example.com"


def test_create_validation_and_duplicates(auth_client, admin):
    client = auth_client(admin)
    response = client.post("/contractors", {}, format="json")
    assert response.status_code == 400
    assert "category should not be empty" in response.json()["message"]
    ContractorOrgFactory(name="Test Contractor").soft_delete()
    response = client.post("/contractors", NEW_CONTRACTOR, format="json")
    assert response.status_code == 422
    assert (
        response.json()["message"] == "Contractor name 'Test Contractor' already exists in this organization"
    )
    ContractorUserFactory(username="pipes")
    response = client.post("/contractors", {**NEW_CONTRACTOR, "name": "Other"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "The username 'pipes' is already taken"
    assert not Contractor.objects.unscoped().filter(name="Other").exists()


def test_create_refusals(api_client, auth_client):
    assert api_client.post("/contractors", NEW_CONTRACTOR, format="json").status_code == 401
    for user in (TenantUserFactory(), LandlordStaffFactory(), ContractorUserFactory()):
        response = auth_client(user).post("/contractors", {}, format="json")
        assert response.status_code == 403
    assert not Contractor.objects.unscoped().filter(name="Test Contractor").exists()


# -- GET /contractors ----------------------------------------------------------------------------


def test_list(auth_client, admin, linked):
    ContractorOrgFactory(landlords=[LandlordFactory()])
    response = auth_client(admin).get("/contractors")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    item = body["data"][0]
    assert set(item) == VIEW_KEYS
    assert item["_id"] == str(linked.pk)
    # no maintenance domain yet: the ticket counts are absent (null), not a made-up 0
    assert item["activeTicketsCount"] == 0 and item["completedTicketsCount"] == 0
    member = User.objects.unscoped().get(organization_id=linked.pk)
    assert item["userId"] == str(member.pk) and item["email"] == member.email


def test_list_without_user_account_has_empty_contact(auth_client, admin):
    ContractorOrgFactory(landlords=[admin.organization_id])
    item = auth_client(admin).get("/contractors").json()["data"][0]
    assert item["userId"] is None and item["email"] is None


def test_list_search_and_sort(auth_client, admin):
    for name in ("Bravo", "Alpha", "Charlie"):
        ContractorOrgFactory(name=name, landlords=[admin.organization_id])
    client = auth_client(admin)
    assert [c["name"] for c in client.get("/contractors?search=lph").json()["data"]] == ["Alpha"]
    assert [c["name"] for c in client.get("/contractors?sortBy=name&sortOrder=asc").json()["data"]] == [
        "Alpha",
        "Bravo",
        "Charlie",
    ]
    assert [c["name"] for c in client.get("/contractors?sortBy=name").json()["data"]] == [
        "Charlie",
        "Bravo",
        "Alpha",
    ]
    assert client.get("/contractors?page=0").status_code == 400


def test_list_query_count_is_constant(auth_client, admin):
    client = auth_client(admin)
    for _ in range(2):
        ContractorUserFactory(organization_id=ContractorOrgFactory(landlords=[admin.organization_id]).pk)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/contractors?limit=2").status_code == 200
    for _ in range(5):
        ContractorUserFactory(organization_id=ContractorOrgFactory(landlords=[admin.organization_id]).pk)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/contractors?limit=7").status_code == 200
    assert len(small) == len(large)


def test_list_refusals(api_client, auth_client, admin, linked):
    assert api_client.get("/contractors").status_code == 401
    member = User.objects.unscoped().get(organization_id=linked.pk)
    response = auth_client(member).get("/contractors")
    assert response.status_code == 403
    assert response.json()["message"].startswith("Contractor users cannot access the contractor list.")
    assert auth_client(TenantUserFactory()).get("/contractors").status_code == 403
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).get("/contractors").json()["total"] == 1


# -- /contractors/me -----------------------------------------------------------------------------


def test_me(auth_client, api_client, linked):
    member = User.objects.unscoped().get(organization_id=linked.pk)
    client = auth_client(member)
    response = client.get("/contractors/me")
    assert response.status_code == 200
    assert set(response.json()) == VIEW_KEYS
    assert client.get("/contractors/me/properties").json() == []
    for suffix in ("", "/properties"):
        response = auth_client(LandlordUserFactory()).get("/contractors/me" + suffix)
        assert response.status_code == 403
        assert response.json()["message"] == "Only contractor users can access this endpoint"
        response = auth_client(ContractorUserFactory(organization_id=None)).get("/contractors/me" + suffix)
        assert response.json()["message"] == "No contractor profile associated with this user"
        assert api_client.get("/contractors/me" + suffix).status_code == 401
    linked.soft_delete()
    response = client.get("/contractors/me")
    assert response.status_code == 404
    assert response.json()["message"] == "Contractor profile not found"


# -- GET/PATCH/DELETE /contractors/:id -----------------------------------------------------------


def test_detail(auth_client, api_client, admin, linked):
    client = auth_client(admin)
    response = client.get(f"/contractors/{linked.pk}")
    assert response.status_code == 200 and response.json()["name"] == linked.name
    unlinked = ContractorOrgFactory(landlords=[LandlordFactory()])
    response = client.get(f"/contractors/{unlinked.pk}")
    assert response.status_code == 404
    assert response.json()["message"] == f"Contractor with ID {unlinked.pk} not found"
    assert client.get(f"/contractors/{uuid.uuid4()}").status_code == 404
    assert client.get("/contractors/invalid-id").status_code == 400
    assert api_client.get(f"/contractors/{linked.pk}").status_code == 401
    assert auth_client(TenantUserFactory()).get(f"/contractors/{linked.pk}").status_code == 403
    member = User.objects.unscoped().get(organization_id=linked.pk)
    response = auth_client(member).get(f"/contractors/{linked.pk}")
    assert response.status_code == 403
    assert response.json()["message"].startswith("Contractor users cannot access other contractor records.")


def test_update(auth_client, admin, linked):
    response = auth_client(admin).patch(
        f"/contractors/{linked.pk}", {"name": "New Name", "category": "HVAC"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["category"]) == ("New Name", "HVAC")
    assert set(body) >= {"_id", "landlords", "deleted", "createdAt", "updatedAt", "__v"}
    linked.refresh_from_db()
    assert linked.name == "New Name"


def test_update_errors(api_client, auth_client, admin, linked):
    client = auth_client(admin)
    ContractorOrgFactory(name="Taken")
    response = client.patch(f"/contractors/{linked.pk}", {"name": "Taken"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "Contractor name 'Taken' already exists in this organization"
    assert client.patch(f"/contractors/{linked.pk}", {"bogus": 1}, format="json").status_code == 400
    unlinked = ContractorOrgFactory(name="Theirs", landlords=[LandlordFactory()])
    assert client.patch(f"/contractors/{unlinked.pk}", {"name": "Hacked"}, format="json").status_code == 404
    assert api_client.patch(f"/contractors/{linked.pk}", {"name": "Hacked"}, format="json").status_code == 401
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert (
        auth_client(staff).patch(f"/contractors/{linked.pk}", {"name": "Hacked"}, format="json").status_code
        == 403
    )
    linked.landlords.add(LandlordFactory())
    response = client.patch(f"/contractors/{linked.pk}", {"name": "Hacked"}, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "You do not have permission to update this contractor"
    linked.refresh_from_db()
    unlinked.refresh_from_db()
    assert "Hacked" not in (linked.name, unlinked.name)


def test_delete(auth_client, api_client, admin, linked):
    unlinked = ContractorOrgFactory(landlords=[LandlordFactory()])
    client = auth_client(admin)
    assert client.delete(f"/contractors/{unlinked.pk}").status_code == 404
    assert api_client.delete(f"/contractors/{linked.pk}").status_code == 401
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).delete(f"/contractors/{linked.pk}").status_code == 403
    assert client.delete(f"/contractors/{linked.pk}").status_code == 204
    assert client.get(f"/contractors/{linked.pk}").status_code == 404
    assert Contractor.objects.including_deleted().get(pk=linked.pk).deleted is True
    assert Contractor.objects.unscoped().filter(pk=unlinked.pk).exists()


def test_delete_shared_only_unlinks(auth_client, admin, linked):
    other = LandlordFactory()
    linked.landlords.add(other)
    assert auth_client(admin).delete(f"/contractors/{linked.pk}").status_code == 204
    linked.refresh_from_db()
    assert not linked.deleted
    assert list(linked.landlords.values_list("pk", flat=True)) == [other.pk]


def test_remove_from_organization(auth_client, api_client, admin, linked):
    response = auth_client(admin).delete(f"/contractors/{linked.pk}/remove-from-organization")
    assert response.status_code == 200
    assert response.json() == {"message": "Contractor removed from your organization successfully"}
    assert not linked.landlords.exists()
    assert auth_client(admin).delete(f"/contractors/{linked.pk}/remove-from-organization").status_code == 404
    assert api_client.delete(f"/contractors/{linked.pk}/remove-from-organization").status_code == 401
    assert (
        auth_client(TenantUserFactory())
        .delete(f"/contractors/{linked.pk}/remove-from-organization")
        .status_code
        == 403
    )


# -- /contractors/:id/users ----------------------------------------------------------------------

NEW_MEMBER = {
    "username": "crew1",
    "firstName": "Cy",
    "lastName": "Crew",
    "email": "cy@example.com",
    "password": STRONG_PASSWORD,
}


def test_members(auth_client, api_client, admin, linked):
    client = auth_client(admin)
    response = client.get(f"/contractors/{linked.pk}/users")
    assert response.status_code == 200 and response.json()["total"] == 1
    created = client.post(f"/contractors/{linked.pk}/users", NEW_MEMBER, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["user_type"] == "Contractor" and "password" not in created.json()
    user_id = created.json()["_id"]
    updated = client.patch(f"/contractors/{linked.pk}/users/{user_id}", {"lastName": "Boss"}, format="json")
    assert updated.status_code == 200 and updated.json()["lastName"] == "Boss"
    assert client.delete(f"/contractors/{linked.pk}/users/{user_id}").status_code == 204
    assert User.objects.including_deleted().get(pk=user_id).deleted is True
    member = User.objects.unscoped().get(organization_id=linked.pk)
    assert auth_client(member).get(f"/contractors/{linked.pk}/users").json()["total"] == 1


def test_members_refusals(api_client, auth_client, admin, linked):
    client = auth_client(admin)
    outsider = ContractorUserFactory()
    response = client.patch(f"/contractors/{linked.pk}/users/{outsider.pk}", {"lastName": "X"}, format="json")
    assert response.status_code == 404
    assert response.json()["message"] == "User not found or does not belong to this contractor"
    assert client.delete(f"/contractors/{linked.pk}/users/{outsider.pk}").status_code == 404
    other = ContractorOrgFactory(landlords=[LandlordFactory()])
    assert client.get(f"/contractors/{other.pk}/users").status_code == 404
    assert client.post(f"/contractors/{other.pk}/users", NEW_MEMBER, format="json").status_code == 404
    assert auth_client(outsider).get(f"/contractors/{linked.pk}/users").status_code == 404
    assert api_client.get(f"/contractors/{linked.pk}/users").status_code == 401
    assert auth_client(TenantUserFactory()).get(f"/contractors/{linked.pk}/users").status_code == 403
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    assert auth_client(staff).get(f"/contractors/{linked.pk}/users").json()["total"] == 0
    assert (
        auth_client(staff).post(f"/contractors/{linked.pk}/users", NEW_MEMBER, format="json").status_code
        == 403
    )
    response = client.post(
        f"/contractors/{linked.pk}/users", {**NEW_MEMBER, "password": "weak"}, format="json"
    )
    assert response.status_code == 400
    assert not User.objects.unscoped().filter(username="crew1").exists()
    outsider.refresh_from_db()
    assert outsider.last_name != "X" and not outsider.deleted


def test_members_query_count_is_constant(auth_client, admin, linked):
    client = auth_client(admin)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/contractors/{linked.pk}/users?limit=1").status_code == 200
    for _ in range(4):
        ContractorUserFactory(organization_id=linked.pk, is_primary=False)
    with CaptureQueriesContext(connection) as large:
        assert client.get(f"/contractors/{linked.pk}/users?limit=5").status_code == 200
    assert len(small) == len(large)


def test_super_admin_manages_any_contractor(auth_client):
    contractor = ContractorOrgFactory(landlords=[LandlordFactory(), LandlordFactory()])
    client = auth_client(AdminUserFactory())
    assert client.get(f"/contractors/{contractor.pk}").status_code == 200
    response = client.patch(f"/contractors/{contractor.pk}", {"category": "HVAC"}, format="json")
    assert response.status_code == 200
    assert len(response.json()["landlords"]) == 2
