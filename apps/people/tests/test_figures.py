"""The lease and ticket figures seam (apps/people/figures.py): absent today, passed through once present.

The leases and maintenance domains are not installed, so each figure is absent and the routes show
``null``. The second half stands in for a domain that provides the figures (by replacing the seam
functions where the routes use them) and checks that the routes present exactly what it answers.
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


def test_every_seam_function_answers_absent_while_its_domain_is_missing():
    assert not figures.LEASES_INSTALLED and not figures.MAINTENANCE_INSTALLED
    some_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
    assert figures.tenant_stats(some_id) is None
    assert figures.tenants_with_active_lease() is None
    assert figures.tenant_lease_figures([some_id]) is None
    assert figures.tenant_properties(some_id) is None
    assert figures.tenant_neighbors(some_id) is None
    assert figures.are_neighbors(some_id, some_id) is None
    assert figures.contractor_ticket_counts([some_id]) is None
    assert figures.contractor_properties(some_id) is None
    assert figures.landlord_has_tickets(some_id) is None


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
