"""Gaps found by the identity/realtime test audit (onboarding; docs/testing/coverage-identity-realtime.md).

Each test fills a cell of the route x {happy, validation, 401, 403, cross-tenant} table that the
existing suites left empty or covered only by a status code. The tests at the end guarded bugs the audit found,
since fixed (listed in the audit report).
"""

from __future__ import annotations

import pytest
from django.core import mail

from apps.accounts.models import Invitation, Landlord
from apps.accounts.tests.factories import (
    LandlordStaffFactory,
    LandlordUserFactory,
)

pytestmark = pytest.mark.django_db


# == onboarding ======================================================================================


class TestOnboardingGaps:
    def test_tenant_invitation_records_property_and_unit_labels(
        self, auth_client, django_capture_on_commit_callbacks
    ):
        from apps.properties.tests.factories import UnitFactory

        admin = LandlordUserFactory()
        unit = UnitFactory(
            property__landlord=Landlord.objects.get(pk=admin.organization_id), unit_number="7C"
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(admin).post(
                "/onboarding/tenant",
                {"email": "t@example.com", "propertyId": str(unit.property_id), "unitId": str(unit.pk)},
                format="json",
            )
        assert response.status_code == 201, response.content
        data = response.json()["entityData"]
        assert data["propertyName"] == unit.property.name and data["unitLabel"] == "7C"
        invitation = Invitation.objects.get(pk=response.json()["_id"])
        assert invitation.landlord_id == admin.organization_id and invitation.status == "pending"
        assert [m.to for m in mail.outbox] == [["t@example.com"]]

    def test_tenant_invitation_does_not_reveal_another_landlords_property_name(self, auth_client):
        from apps.properties.tests.factories import PropertyFactory, UnitFactory

        theirs = PropertyFactory(name="Secret Towers")
        their_unit = UnitFactory(property=theirs, unit_number="S-1")
        response = auth_client(LandlordUserFactory()).post(
            "/onboarding/tenant",
            {"email": "t@example.com", "propertyId": str(theirs.pk), "unitId": str(their_unit.pk)},
            format="json",
        )
        assert response.status_code == 201, response.content
        data = response.json()["entityData"]
        assert "propertyName" not in data and "unitLabel" not in data
        assert "Secret Towers" not in response.content.decode()
        invitation = Invitation.objects.get(pk=response.json()["_id"])
        assert "Secret Towers" not in str(invitation.entity_data)

    def test_staff_tenant_invitation_is_stored_for_its_landlord(self, auth_client):
        staff = LandlordStaffFactory()
        response = auth_client(staff).post("/onboarding/tenant", {"email": "t@example.com"}, format="json")
        assert response.status_code == 201
        invitation = Invitation.objects.get(pk=response.json()["_id"])
        assert invitation.landlord_id == staff.organization_id
        assert invitation.entity_data["landlordId"] == str(staff.organization_id)

    def test_state_reports_the_callers_properties(self, auth_client):
        from apps.properties.tests.factories import PropertyFactory, UnitFactory

        admin = LandlordUserFactory()
        UnitFactory()  # another landlord's property and unit
        client = auth_client(admin)
        body = client.get("/onboarding/state").json()
        assert (body["hasProperties"], body["hasUnits"]) == (False, False)
        PropertyFactory(landlord=Landlord.objects.get(pk=admin.organization_id))
        response = client.get("/onboarding/state")
        assert response.status_code == 200
        assert (response.json()["hasProperties"], response.json()["hasUnits"]) == (True, False)

    def test_unit_validation_message_list(self, auth_client):
        from apps.properties.tests.factories import PropertyFactory

        admin = LandlordUserFactory()
        prop = PropertyFactory(landlord=Landlord.objects.get(pk=admin.organization_id))
        response = auth_client(admin).post(
            "/onboarding/unit", {"propertyId": str(prop.pk), "size": "big"}, format="json"
        )
        assert response.status_code == 400
        assert isinstance(response.json()["message"], list) and response.json()["message"]
