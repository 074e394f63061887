"""Admin console routes over maintenance (SuperAdmin, read-only)."""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.maintenance.tests.factories import SowFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superadmin():
    return UserFactory(user_type="Admin", role="SuperAdmin")


def test_ticket_list_and_detail(world, auth_client, superadmin):
    ticket = TicketFactory(
        property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a, title="Boiler"
    )
    TicketFactory(property=world.property_b, requested_by=world.tenant_b)
    client = auth_client(superadmin)
    page = client.get(f"/admin/tickets?landlordId={world.landlord_a.pk}&search=boil").json()
    assert page["total"] == 1
    item = page["data"][0]
    assert (
        item["landlordName"] == world.landlord_a.name
        and item["propertyName"] == "Elm A"
        and item["unitNumber"] == "A-1"
    )
    detail = client.get(f"/admin/tickets/{ticket.pk}").json()["data"]
    assert detail["requestedBy"]["email"] == world.tenant_a.email and detail["unit"]["unitNumber"] == "A-1"
    assert (
        client.get("/admin/tickets/00000000-0000-0000-0000-000000000000").json()["message"]
        == "Ticket not found"
    )
    assert auth_client(world.admin_a).get("/admin/tickets").status_code == 403


def test_sow_list_total_honours_landlord(world, auth_client, superadmin):
    SowFactory(property=world.property_a, landlord=world.landlord_a)
    SowFactory(property=world.property_b, landlord=world.landlord_b)
    client = auth_client(superadmin)
    assert client.get("/admin/sows").json()["total"] == 2
    page = client.get(f"/admin/sows?landlordId={world.landlord_a.pk}").json()
    assert page["total"] == 1 and page["data"][0]["landlordName"] == world.landlord_a.name
