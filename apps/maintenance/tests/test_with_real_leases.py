"""Maintenance with the real leases app behind its lease seam (no fake lease provider).

The rest of the maintenance suite stands in for leases (``conftest.FakeLeases``); these tests
build real ACTIVE leases, so the providers the leases app installs are the ones answering.
"""

from __future__ import annotations

import pytest

from apps.leases.tests.factories import active_lease
from apps.maintenance.models import MaintenanceTicket, VisitRequest
from apps.maintenance.tests.conftest import make_world
from apps.maintenance.tests.factories import TicketFactory
from apps.notifications.models import Notification
from apps.properties.tests.factories import AvailabilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_world():
    return make_world(leases=None)


def _ticket_body(w, unit):
    return {
        "property": str(w.property_a.pk),
        "unit": str(unit.pk),
        "title": "Leaking tap",
        "description": "Water everywhere",
        "category": "PLUMBING",
    }


def test_a_resident_reports_on_its_own_unit_only(real_world, auth_client):
    w = real_world
    response = auth_client(w.tenant_a).post("/maintenance/tickets", _ticket_body(w, w.unit_a), format="json")
    assert response.status_code in (403, 404)  # no lease yet: not the tenant's unit
    assert not MaintenanceTicket.objects.unscoped().exists()

    active_lease(unit=w.unit_a, tenant=w.tenant_org_a)
    response = auth_client(w.tenant_a).post("/maintenance/tickets", _ticket_body(w, w.unit_a), format="json")
    assert response.status_code == 201, response.content
    ticket_id = response.json()["data"]["ticket"]["_id"]
    listed = auth_client(w.tenant_a).get("/maintenance/tickets").json()["data"]
    assert ticket_id in {row["_id"] for row in listed}
    response = auth_client(w.tenant_a).post("/maintenance/tickets", _ticket_body(w, w.unit2_a), format="json")
    assert response.status_code in (403, 404)  # the neighbour's unit


def test_activating_a_lease_cancels_the_units_open_visits(real_world, auth_client):
    w = real_world
    ticket = TicketFactory(
        property=w.property_a, unit=w.unit_a, requested_by=w.admin_a, assigned_contractor=w.contractor_org_a
    )
    slot = AvailabilityFactory(property=w.property_a, unit=w.unit_a)
    body = {
        "sourceType": "TICKET",
        "ticketId": str(ticket.pk),
        "availabilitySlotId": str(slot.pk),
        "visitDate": "2026-06-01",
        "startTime": "09:00",
        "endTime": "10:00",
    }
    response = auth_client(w.contractor_a).post("/visit-requests", body, format="json")
    assert response.status_code == 201, response.content

    active_lease(unit=w.unit_a, tenant=w.tenant_org_a)

    visit = VisitRequest.objects.unscoped().get(pk=response.json()["_id"])
    assert visit.status == "CANCELLED"
    assert visit.response_message == "The unit has been leased and is no longer available for visits"
    note = Notification.objects.get(user_id=w.contractor_a.pk, title="Visit Request Cancelled - Unit Leased")
    assert "cancelled because the unit has been leased" in note.content
    assert note.action_url == "/dashboard/contractor/visit-requests"
