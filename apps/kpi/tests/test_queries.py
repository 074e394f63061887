"""Each KPI request runs a fixed number of queries, whatever the amount of data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.kpi.tests.data import build_landlord_a

pytestmark = pytest.mark.django_db

REQUESTS = [
    ("/kpi/financial", {"scope": "portfolio", "period": "rolling-12-months", "compare": "true"}),
    (
        "/kpi/maintenance",
        {"scope": "portfolio", "period": "year-to-date", "creator": "all", "compare": "true"},
    ),
    (
        "/kpi/maintenance/ticket-work-volume",
        {"scope": "portfolio", "period": "this-month", "creator": "tenant", "compare": "true"},
    ),
    (
        "/kpi/maintenance/cost-invoicing",
        {"scope": "portfolio", "period": "this-month", "creator": "all", "compare": "true"},
    ),
    (
        "/kpi/maintenance/resolution-completion",
        {"scope": "portfolio", "period": "this-month", "creator": "all", "compare": "true"},
    ),
    ("/kpi/occupancy-leasing", {"scope": "portfolio", "period": "this-month", "compare": "true"}),
]


def _queries(client, path, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(("path", "params"), REQUESTS, ids=[path for path, _ in REQUESTS])
def test_query_count_does_not_grow_with_the_data(frozen, auth_client, path, params):
    a = build_landlord_a()
    client = auth_client(a.admin)
    small = _queries(client, path, params)
    # three times the records of every kind, spread over more properties and units
    for copy in (2, 3):
        build_landlord_a(suffix=f" {copy}")
    from apps.expenses.models import Expense
    from apps.leases.models import Lease, Transaction
    from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork
    from apps.properties.models import Property, Unit

    for model in (Property, Unit, Lease, Transaction, Expense, MaintenanceTicket, ScopeOfWork, Invoice):
        model.objects.unscoped().exclude(landlord=a.landlord).update(landlord=a.landlord)
    large = _queries(client, path, params)
    assert large == small, (
        f"{path}: {small} queries with the small data set, {large} with three times as much"
    )
    assert small <= 16
