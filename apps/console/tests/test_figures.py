"""The console's counters of other domains (apps/console/figures.py): omitted while absent, shown once present."""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import AdminUserFactory, LandlordUserFactory
from apps.console import figures
from apps.properties.tests.factories import PropertyFactory
from apps.tasks.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_counters_appear_once_their_domain_provides_them(auth_client, monkeypatch):
    landlord = LandlordUserFactory()
    building = PropertyFactory(landlord_id=landlord.organization_id)
    TaskFactory(created_by=landlord, property=building)
    TaskFactory(created_by=landlord, property=building, status="COMPLETED")
    monkeypatch.setattr(figures, "active_lease_count", lambda *, landlord_id=None: 5 if landlord_id else 9)
    monkeypatch.setattr(figures, "open_ticket_count", lambda: 4)
    monkeypatch.setattr(figures, "ticket_count", lambda *, created_since: 1)
    client = auth_client(AdminUserFactory())

    data = client.get("/admin/overview").json()["data"]
    assert (data["totalProperties"], data["totalActiveLeases"], data["totalOpenTickets"]) == (1, 9, 4)
    assert data["totalOpenTasks"] == 1
    assert data["totalPendingTransactions"] == 0
    assert data["recentActivity"]["newTicketsLast7Days"] == 1
    assert data["recentActivity"]["transactionsLast7Days"] == 0

    stats = client.get(f"/admin/landlords/{landlord.organization_id}").json()["data"]["stats"]
    assert stats == {"userCount": 1, "propertyCount": 1, "activeLeaseCount": 5}
