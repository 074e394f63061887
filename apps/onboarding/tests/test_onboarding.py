"""Onboarding routes (spec 02 section 5)."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail

from apps.accounts.models import Invitation, Landlord
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
from myte.urls import handler404  # noqa: F401

pytestmark = pytest.mark.django_db

UNIT_BODY = {"unitNumber": "1A", "type": "APARTMENT", "size": 50}

PROPERTY_BODY = {
    "name": "Elm Court",
    "address": {
        "street": "1 Elm St",
        "city": "Springfield",
        "state": "IL",
        "country": "US",
        "postalCode": "62701",
        "latitude": 39.8,
        "longitude": -89.6,
    },
}


# -- POST /onboarding/org ------------------------------------------------------------------------


def test_landlord_renames_org(auth_client):
    admin = LandlordUserFactory()
    response = auth_client(admin).post("/onboarding/org", {"name": "  Acme Homes "}, format="json")
    assert response.status_code == 201
    assert response.json() == {"success": True}
    assert Landlord.objects.get(pk=admin.organization_id).name == "Acme Homes"


@pytest.mark.parametrize("factory", [TenantUserFactory, AdminUserFactory])
def test_non_landlord_is_refused_with_403(auth_client, factory):
    response = auth_client(factory()).post("/onboarding/org", {"name": "X"}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "statusCode": 403,
        "message": "Only landlords can update org info",
        "error": "FORBIDDEN",
    }
    assert not Landlord.objects.filter(name="X").exists()


def test_rename_to_a_taken_name_is_422(auth_client):
    taken = LandlordFactory(name="Taken")
    taken.soft_delete()
    admin = LandlordUserFactory()
    before = Landlord.objects.get(pk=admin.organization_id).name
    response = auth_client(admin).post("/onboarding/org", {"name": "Taken"}, format="json")
    assert response.status_code == 422
    assert response.json()["message"] == "A landlord with the name 'Taken' already exists"
    assert Landlord.objects.get(pk=admin.organization_id).name == before


def test_rename_needs_a_name(auth_client, api_client):
    response = auth_client(LandlordUserFactory()).post("/onboarding/org", {}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == ["name should not be empty"]
    assert api_client.post("/onboarding/org", {"name": "x"}, format="json").status_code == 401


# -- GET /onboarding/state -----------------------------------------------------------------------


def test_state_counts_only_own_landlord(auth_client):
    admin = LandlordUserFactory()
    client = auth_client(admin)
    empty = {
        "hasProperties": False,
        "hasUnits": False,
        "hasTenants": False,
        "hasContractors": False,
        "hasTickets": False,
    }
    TenantOrgFactory(landlords=[LandlordFactory()])  # another landlord's tenant
    assert client.get("/onboarding/state").json() == empty
    TenantOrgFactory(landlords=[admin.organization_id])
    ContractorOrgFactory(landlords=[admin.organization_id])
    response = client.get("/onboarding/state")
    assert response.status_code == 200
    assert response.json() == {**empty, "hasTenants": True, "hasContractors": True}


def test_state_for_non_landlords_and_anonymous(auth_client, api_client):
    body = auth_client(ContractorUserFactory()).get("/onboarding/state").json()
    assert set(body.values()) == {False}
    assert api_client.get("/onboarding/state").status_code == 401


# -- POST /onboarding/property, /onboarding/unit --------------------------------------------------


def test_property_is_created_by_the_properties_service(auth_client):
    from apps.properties.models import Property

    admin = LandlordUserFactory()
    response = auth_client(admin).post("/onboarding/property", PROPERTY_BODY, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["success"] is True and body["message"] == "Property created successfully"
    created = Property.objects.unscoped().get(name="Elm Court")
    assert body["data"]["property"]["_id"] == str(created.pk)
    assert created.landlord_id == admin.organization_id


def test_property_same_shape_as_post_properties(auth_client):
    client = auth_client(LandlordUserFactory())
    ours = client.post("/onboarding/property", PROPERTY_BODY, format="json").json()
    theirs = client.post("/properties", {**PROPERTY_BODY, "name": "Oak Court"}, format="json").json()
    assert set(ours) == set(theirs)
    assert set(ours["data"]["property"]) == set(theirs["data"]["property"])


def test_property_route_rules_apply(auth_client, api_client):
    from apps.properties.models import Property

    response = auth_client(TenantUserFactory()).post("/onboarding/property", {"name": "x"}, format="json")
    assert response.status_code == 403
    assert api_client.post("/onboarding/property", {"name": "x"}, format="json").status_code == 401
    client = auth_client(LandlordUserFactory())
    response = client.post("/onboarding/property", {"name": ["not", "a", "name"]}, format="json")
    assert response.status_code == 400
    response = client.post("/onboarding/property", {**PROPERTY_BODY, "bogus": 1}, format="json")
    assert response.status_code == 400
    assert "property bogus should not exist" in response.json()["message"]
    assert client.post("/onboarding/property", PROPERTY_BODY, format="json").status_code == 201
    assert client.post("/onboarding/property", PROPERTY_BODY, format="json").status_code == 422
    assert Property.objects.unscoped().filter(name="Elm Court").count() == 1


def test_unit_is_created_under_its_property(auth_client):
    from apps.properties.models import Unit

    client = auth_client(LandlordUserFactory())
    property_id = client.post("/onboarding/property", PROPERTY_BODY, format="json").json()["data"][
        "property"
    ]["_id"]
    response = client.post("/onboarding/unit", {"propertyId": property_id, **UNIT_BODY}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["success"] is True and body["message"] == "Unit created successfully"
    unit = Unit.objects.unscoped().get(pk=body["data"]["unit"]["_id"])
    assert str(unit.property_id) == property_id and unit.unit_number == "1A"


def test_unit_needs_a_valid_property_id(auth_client, api_client):
    client = auth_client(LandlordUserFactory())
    response = client.post("/onboarding/unit", UNIT_BODY, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "propertyId is required"
    response = client.post("/onboarding/unit", {"propertyId": "bad", **UNIT_BODY}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid ID: bad"
    response = client.post(
        "/onboarding/unit", {"propertyId": str(uuid.uuid4()), "size": "big"}, format="json"
    )
    assert response.status_code == 400
    assert api_client.post("/onboarding/unit", {}, format="json").status_code == 401
    assert auth_client(TenantUserFactory()).post("/onboarding/unit", {}, format="json").status_code == 403


# -- POST /onboarding/staff ----------------------------------------------------------------------


def test_staff_invitation(auth_client, django_capture_on_commit_callbacks):
    admin = LandlordUserFactory(first_name="Ann", last_name="Lee")
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client(admin).post(
            "/onboarding/staff", {"email": "helper@example.com"}, format="json"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["entityType"] == "landlord-staff"
    landlord = Landlord.objects.get(pk=admin.organization_id)
    assert body["entityData"] == {
        "organizationId": str(landlord.pk),
        "organizationName": landlord.name,
        "invitedByName": "Ann Lee",
        "source": "onboarding",
    }
    assert "invitationToken" not in body
    assert Invitation.objects.get().landlord == landlord
    assert "help manage the landlord workspace" in mail.outbox[0].body


def test_staff_invitation_errors(auth_client, api_client):
    response = auth_client(TenantUserFactory()).post(
        "/onboarding/staff", {"email": "a@example.com"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Only landlords can invite staff members"
    response = auth_client(LandlordUserFactory()).post("/onboarding/staff", {"email": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == ["email must be an email"]
    orphan = LandlordUserFactory(organization_id=None)
    response = auth_client(orphan).post("/onboarding/staff", {"email": "a@example.com"}, format="json")
    assert response.status_code == 400
    assert response.json()["message"] == "Organization context is required for staff invitations"
    assert api_client.post("/onboarding/staff", {"email": "a@example.com"}, format="json").status_code == 401
    assert not Invitation.objects.exists()


# -- POST /onboarding/tenant ---------------------------------------------------------------------


def test_tenant_invitation(auth_client):
    admin = LandlordUserFactory()
    property_id = uuid.uuid4()
    response = auth_client(admin).post(
        "/onboarding/tenant", {"email": "t@example.com", "propertyId": str(property_id)}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["entityType"] == "tenant"
    assert body["entityData"] == {
        "source": "onboarding",
        "propertyId": str(property_id),
        "landlordId": str(admin.organization_id),
    }


def test_staff_member_may_invite_tenants(auth_client):
    response = auth_client(LandlordStaffFactory()).post(
        "/onboarding/tenant", {"email": "t@example.com"}, format="json"
    )
    assert response.status_code == 201


def test_tenant_invitation_errors(auth_client, api_client):
    response = auth_client(ContractorUserFactory()).post(
        "/onboarding/tenant", {"email": "t@example.com"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Only landlords can invite tenants"
    response = auth_client(LandlordUserFactory()).post(
        "/onboarding/tenant", {"email": "t@example.com", "unitId": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == ["unitId must be a valid id"]
    assert api_client.post("/onboarding/tenant", {"email": "t@example.com"}, format="json").status_code == 401
    assert not Invitation.objects.exists()


# -- with the real properties routes -------------------------------------------------------------


def test_property_and_unit_through_the_properties_app(auth_client):
    from django.apps import apps

    admin = LandlordUserFactory()
    client = auth_client(admin)
    response = client.post("/onboarding/property", PROPERTY_BODY, format="json")
    assert response.status_code == 201, response.content
    property_model = apps.get_model("properties", "Property")
    created = property_model.objects.unscoped().get(name="Elm Court")
    assert created.landlord_id == admin.organization_id
    response = client.post(
        "/onboarding/unit",
        {"propertyId": str(created.pk), "unitNumber": "1A", "type": "APARTMENT", "size": 50},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert client.get("/onboarding/state").json()["hasUnits"] is True
    invitation = client.post(
        "/onboarding/tenant", {"email": "t@example.com", "propertyId": str(created.pk)}, format="json"
    ).json()
    assert invitation["entityData"]["propertyName"] == "Elm Court"


def test_unit_for_another_landlords_property_is_refused(auth_client):
    from django.apps import apps

    owner = auth_client(LandlordUserFactory())
    assert owner.post("/onboarding/property", PROPERTY_BODY, format="json").status_code == 201
    created = apps.get_model("properties", "Property").objects.unscoped().get(name="Elm Court")
    response = auth_client(LandlordUserFactory()).post(
        "/onboarding/unit",
        {"propertyId": str(created.pk), "unitNumber": "9Z", "type": "APARTMENT", "size": 10},
        format="json",
    )
    assert response.status_code in (404, 422)  # the properties spec answers 422 here
    assert not apps.get_model("properties", "Unit").objects.unscoped().filter(unit_number="9Z").exists()
