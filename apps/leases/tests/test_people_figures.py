"""The lease figures the people routes show (selectors for apps/people), scoped and N+1-free."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import TenantOrgFactory
from apps.core.scope import Principal, access_scope
from apps.leases import selectors
from apps.leases.models import Transaction
from apps.leases.tests.factories import LeaseFactory, active_lease, day
from apps.properties.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(prop, tenant_org, landlord):
    with time_machine.travel("2026-01-01T09:00:00Z", tick=False):
        mine = active_lease(
            unit=UnitFactory(property=prop),
            tenant=tenant_org,
            start_date=day("2026-01-01"),
            end_date=day("2026-12-31"),
        )
        neighbour_org = TenantOrgFactory(landlords=[landlord], name="The Joneses")
        neighbour = active_lease(
            unit=UnitFactory(property=prop),
            tenant=neighbour_org,
            start_date=day("2026-01-01"),
            end_date=day("2026-06-30"),
        )
        LeaseFactory(unit=UnitFactory(property=prop), tenant=tenant_org)  # a draft: not counted
    Transaction.objects.filter(lease=mine, due_date=day("2026-01-01")).update(status="OVERDUE")
    return mine, neighbour, neighbour_org


@time_machine.travel("2026-03-10T12:00:00Z", tick=False)
def test_tenant_stats_and_figures(setup, tenant_org, admin):
    mine, _neighbour, neighbour_org = setup
    with access_scope(Principal.for_user(admin)):
        stats = selectors.tenant_stats(tenant_org.pk)
        assert stats == {
            "active_leases": 1,
            "total_monthly_rent": Decimal("1000.00"),
            "outstanding": Decimal("3000.00"),
            "next_expiry": "2026-12-31T00:00:00.000Z",
        }
        with CaptureQueriesContext(connection) as queries:
            figures = selectors.tenant_lease_figures([tenant_org.pk, neighbour_org.pk])
        assert len(queries.captured_queries) == 2
        assert figures[tenant_org.pk] == {"active_leases_count": 1, "outstanding_balance": Decimal("1000.00")}
        assert figures[neighbour_org.pk]["outstanding_balance"] == Decimal("0")
        assert selectors.tenants_with_active_lease(property_id=mine.unit.property_id) == {
            tenant_org.pk,
            neighbour_org.pk,
        }
        assert selectors.tenants_with_active_lease(unit_id=mine.unit_id) == {tenant_org.pk}
        [prop] = selectors.tenant_properties(tenant_org.pk)
        assert prop["name"] == "Elm Court" and len(prop["units"]) == 1


def test_neighbours(setup, tenant_org):
    _mine, neighbour, neighbour_org = setup
    rows = selectors.tenant_neighbors(tenant_org.pk)
    assert [row["active_lease"]["_id"] for row in rows] == [str(neighbour.pk)]
    assert "rent_amount" not in rows[0]["active_lease"]
    assert selectors.are_neighbors(tenant_org.pk, neighbour_org.pk) is True
    assert selectors.are_neighbors(tenant_org.pk, TenantOrgFactory().pk) is False


def test_figures_never_cross_landlords(setup, tenant_org):
    from apps.accounts.tests.factories import LandlordUserFactory

    stranger = LandlordUserFactory()
    with access_scope(Principal.for_user(stranger)):
        assert selectors.tenant_stats(tenant_org.pk)["active_leases"] == 0
        assert selectors.tenant_lease_figures([tenant_org.pk])[tenant_org.pk]["active_leases_count"] == 0
        assert selectors.tenant_properties(tenant_org.pk) == []


@time_machine.travel("2026-03-10T12:00:00Z", tick=False)
def test_party_providers_for_the_properties_app(setup, auth_client, tenant_user, admin, prop):
    mine, neighbour, _org = setup
    tenant = auth_client(tenant_user)
    assert tenant.get(f"/units/{mine.unit_id}").status_code == 200
    assert tenant.get(f"/units/{neighbour.unit_id}").status_code == 404
    Transaction.objects.filter(lease=mine, due_date=day("2026-02-01")).update(
        status="PAID", paid_at=day("2026-02-02")
    )
    stats = auth_client(admin).get(f"/units/{mine.unit_id}/stats").json()["data"]
    assert stats["ytdRevenue"] == 1000.0 and stats["currentBalance"] == 1000.0
    assert stats["lastPaymentDate"] == "2026-02-02T00:00:00.000Z"
    assert stats["nextPaymentDue"] == "2026-04-01T00:00:00.000Z"
