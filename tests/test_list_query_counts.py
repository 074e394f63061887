"""List routes whose query count had no test of its own: constant whatever the page size.

Each route is read at ``limit=1`` and ``limit=50`` over several rows with every reference filled
(units, tenants, contractors, creators); a per-row query would make the second count larger.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorOrgFactory,
    LandlordFactory,
    LandlordUserFactory,
    TenantOrgFactory,
)
from apps.leases.tests.factories import active_lease
from apps.maintenance.models import VisitRequest
from apps.maintenance.tests.factories import SowFactory, TicketFactory
from apps.properties.tests.factories import AvailabilityFactory, PropertyFactory, UnitFactory
from apps.tasks.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db

ROWS = 4


@pytest.fixture
def portfolio():
    landlord = LandlordFactory()
    owner = LandlordUserFactory(organization_id=landlord.pk)
    building = PropertyFactory(landlord=landlord)
    contractor = ContractorOrgFactory(landlords=[landlord])
    for index in range(ROWS):
        unit = UnitFactory(property=building, unit_number=f"Q-{index}")
        active_lease(unit=unit, tenant=TenantOrgFactory(landlords=[landlord]))
        ticket = TicketFactory(property=building, unit=unit, assigned_contractor=contractor)
        SowFactory(property=building, unit=unit, assigned_contractor=contractor)
        TaskFactory(created_by=owner, property=building, unit=unit, assigned_party=owner)
        slot = AvailabilityFactory(property=building, unit=unit)
        VisitRequest.objects.unscoped().create(
            landlord=landlord,
            requested_by=owner,
            source_type="TICKET",
            ticket=ticket,
            target_type="UNIT",
            property=building,
            unit=unit,
            contractor=contractor,
            availability_slot=slot,
            visit_date=datetime(2026, 6, 1 + index, tzinfo=UTC),
            start_time="09:00",
            end_time="10:00",
            starts_at=datetime(2026, 6, 1 + index, 9, tzinfo=UTC),
            ends_at=datetime(2026, 6, 1 + index, 10, tzinfo=UTC),
        )
    return owner


def _counts(client, path: str) -> tuple[int, int]:
    counts = []
    for limit in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, {"limit": limit})
        assert response.status_code == 200, (path, response.content[:300])
        rows = response.json()["data"]
        assert len(rows) == min(limit, ROWS) or (limit == 50 and len(rows) >= ROWS), (path, len(rows))
        counts.append(len(queries))
    return counts[0], counts[1]


@pytest.mark.parametrize("path", ["/rental-periods", "/visit-requests"])
def test_landlord_lists(auth_client, portfolio, path):
    small, large = _counts(auth_client(portfolio), path)
    assert small == large, f"{path}: {small} queries for 1 row, {large} for {ROWS}"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/leases",
        "/admin/transactions",
        "/admin/tickets",
        "/admin/sows",
        "/admin/visit-requests",
        "/admin/tasks",
    ],
)
def test_admin_console_lists(auth_client, portfolio, path):
    small, large = _counts(auth_client(AdminUserFactory()), path)
    assert small == large, f"{path}: {small} queries for 1 row, {large} for {ROWS}"
