"""The lease and ticket figures seam (apps/people/figures.py): absent today, passed through once present.

The leases and maintenance domains are installed: the first test builds real leases and tickets
and reads the figures through the routes; the others stand in for a domain's answer (by replacing
the seam functions where the routes use them) and check that the routes present exactly that.
"""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import (
    ContractorOrgFactory,
    ContractorUserFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.people import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return LandlordUserFactory()


@pytest.fixture
def tenant(admin):
    org = TenantOrgFactory(landlords=[admin.organization_id])
    TenantUserFactory(organization_id=org.pk)
    return org


@pytest.fixture
def contractor(admin):
    org = ContractorOrgFactory(landlords=[admin.organization_id])
    ContractorUserFactory(organization_id=org.pk)
    return org


def test_real_lease_and_ticket_figures_reach_the_people_routes(auth_client, admin, tenant, contractor):
    """Both domains are installed: the routes show what their selectors compute from real rows."""
    from decimal import Decimal

    from apps.leases.tests.factories import active_lease
    from apps.maintenance.tests.factories import TicketFactory
    from apps.properties.tests.factories import PropertyFactory, UnitFactory

    assert figures.LEASES_INSTALLED and figures.MAINTENANCE_INSTALLED
    building = PropertyFactory(landlord_id=admin.organization_id, name="Elm Court")
    unit = UnitFactory(property=building, unit_number="7")
    active_lease(unit=unit, tenant=tenant, rent_amount=Decimal("1250.00"))
    TicketFactory(property=building, unit=unit, assigned_contractor=contractor, status="DONE")
    TicketFactory(property=building, unit=unit, assigned_contractor=contractor, status="IN_PROGRESS")
    client = auth_client(admin)

    stats = client.get(f"/tenants/{tenant.pk}/stats").json()
    assert stats["activeLeases"] == 1 and stats["totalMonthlyRent"] == 1250
    listed = client.get("/tenants?includeStats=true").json()["data"]
    assert [(row["activeLeasesCount"], row["hasActiveLeases"]) for row in listed] == [(1, True)]
    assert client.get("/tenants?hasActiveLeases=true").json()["total"] == 1

    row = client.get("/contractors").json()["data"][0]
    assert (row["activeTicketsCount"], row["completedTicketsCount"]) == (2, 1)
    assert figures.contractor_properties(contractor.pk) == [
        {
            "_id": str(building.pk),
            "name": "Elm Court",
            "address": building.address,
            "description": building.description,
            "units": [{"_id": str(unit.pk), "unit_number": "7", "size": unit.size, "type": unit.type}],
        }
    ]
    assert figures.landlord_has_tickets(admin.organization_id) is True


def test_present_lease_figures_are_shown_as_given(auth_client, admin, tenant, monkeypatch):
    other = TenantOrgFactory(landlords=[admin.organization_id])
    monkeypatch.setattr(
        "apps.people.tenants_views.tenant_lease_figures",
        lambda ids: {pk: {"active_leases_count": 2, "outstanding_balance": 150.5} for pk in ids},
    )
    monkeypatch.setattr("apps.people.tenants_views.tenants_with_active_lease", lambda **where: {tenant.pk})
    stats = {"active_leases": 2, "total_monthly_rent": 2400, "outstanding": 150.5, "next_expiry": None}
    monkeypatch.setattr("apps.people.tenants_views.tenant_stats", lambda pk: stats)
    client = auth_client(admin)

    rows = client.get("/tenants?includeStats=true").json()["data"]
    assert {row["_id"]: (row["activeLeasesCount"], row["hasActiveLeases"]) for row in rows} == {
        str(tenant.pk): (2, True),
        str(other.pk): (2, True),
    }
    assert [row["_id"] for row in client.get("/tenants?hasActiveLeases=true").json()["data"]] == [
        str(tenant.pk)
    ]
    assert [row["_id"] for row in client.get("/tenants?hasActiveLeases=false").json()["data"]] == [
        str(other.pk)
    ]
    assert client.get(f"/tenants/{tenant.pk}/stats").json() == {
        "activeLeases": 2,
        "totalMonthlyRent": 2400,
        "outstanding": 150.5,
        "nextExpiry": None,
    }


def test_present_ticket_counts_are_shown_as_given(auth_client, admin, contractor, monkeypatch):
    seen = {}

    def counts(ids, *, landlord_id=None):
        seen["landlord_id"] = landlord_id
        return {pk: {"active": 3, "completed": 1} for pk in ids}

    monkeypatch.setattr("apps.people.contractors_services.contractor_ticket_counts", counts)
    item = auth_client(admin).get("/contractors").json()["data"][0]
    assert (item["activeTicketsCount"], item["completedTicketsCount"]) == (3, 1)
    assert seen["landlord_id"] == admin.organization_id  # a landlord counts its own tickets only


def test_onboarding_shows_present_ticket_flag(auth_client, admin, monkeypatch):
    monkeypatch.setattr("apps.onboarding.services.landlord_has_tickets", lambda landlord_id: True)
    assert auth_client(admin).get("/onboarding/state").json()["hasTickets"] is True
