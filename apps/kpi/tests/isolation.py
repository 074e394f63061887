"""Cross-tenant cases of the six KPI routes.

Landlord A has a property with a paid rent, a confirmed expense, a ticket with a confirmed invoice
and an active lease. Landlord B's admin and staff ask every KPI route about A's property: they get
200 with nothing of A in the answer (no name, no id, no non-zero figure); tenants and contractors
of either landlord get 403 (spec 06 open question 1: the original answered everyone with every
landlord's figures). The routes only read.
"""

from __future__ import annotations

import json
from decimal import Decimal

from rest_framework.test import APIClient

from apps.core.authentication import issue_access_token
from tests.isolation import Case

LANDLORD_SIDE = ("admin_b", "staff_b")
PEOPLE = ("tenant_b", "contractor_b", "tenant_a", "contractor_a")
ALL = (*LANDLORD_SIDE, *PEOPLE)


def _client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_access_token(user)}")
    return client


def _a_data(w):
    if "kpi_property" not in w.extra:
        from apps.expenses.models import Expense
        from apps.leases.models import Lease, Transaction
        from apps.maintenance.tests.factories import InvoiceFactory, TicketFactory
        from apps.properties.tests.factories import PropertyFactory, UnitFactory

        prop = PropertyFactory(landlord=w.landlord_a, name="A-only Residence")
        unit = UnitFactory(landlord=w.landlord_a, property=prop, unit_number="A-1")
        from django.utils import timezone

        now = timezone.now()
        lease = Lease.objects.unscoped().create(
            landlord=w.landlord_a,
            unit=unit,
            tenant=w.tenant_org_a,
            start_date=now.replace(day=1),
            end_date=now.replace(year=now.year + 1),
            rent_amount=Decimal("700.00"),
            status="ACTIVE",
        )
        Transaction.objects.unscoped().create(
            landlord=w.landlord_a,
            lease=lease,
            amount=Decimal("700.00"),
            status="PAID",
            type="RENT",
            due_date=now,
        )
        Expense.objects.unscoped().create(
            landlord=w.landlord_a,
            property=prop,
            category="Staff & Labor",
            amount=Decimal("55.00"),
            status="Confirmed",
        )
        ticket = TicketFactory(property=prop, unit=unit, request_date=now, requested_by=w.tenant_a)
        InvoiceFactory(ticket=ticket, status="Confirmed", amount="90.00")
        w.extra.update(kpi_property=prop, kpi_unit=unit)
    return w.extra["kpi_property"]


def _path(route: str, **params):
    def build(w):
        prop = _a_data(w)
        query = {"scope": "property", "propertyId": str(prop.pk), "period": "this-month", "compare": "true"}
        if route.startswith("/kpi/maintenance"):
            query["creator"] = "all"
        query.update(params)
        return route + "?" + "&".join(f"{key}={value}" for key, value in query.items())

    return build


def _numbers(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


def _answers_nothing_of_a(w, path):
    prop = w.extra["kpi_property"]
    own = _client(w.admin_a).get(path)
    assert own.status_code == 200 and any(_numbers(own.json()["current"])), "the case must see A's data"
    for attacker in LANDLORD_SIDE:
        response = _client(getattr(w, attacker)).get(path)
        assert response.status_code == 200, response.content[:300]
        text = json.dumps(response.json())
        assert str(prop.pk) not in text and prop.name not in text and "A-1" not in text
        assert not any(_numbers(response.json()["current"])), f"{attacker} sees figures of A: {text[:300]}"
    for person in PEOPLE:
        assert _client(getattr(w, person)).get(path).status_code == 403


ROUTES = {
    "kpi:financial": "/kpi/financial",
    "kpi:maintenance": "/kpi/maintenance",
    "kpi:ticket-work-volume": "/kpi/maintenance/ticket-work-volume",
    "kpi:cost-invoicing": "/kpi/maintenance/cost-invoicing",
    "kpi:resolution-completion": "/kpi/maintenance/resolution-completion",
    "kpi:occupancy-leasing": "/kpi/occupancy-leasing",
}

CASES = [
    Case(name, "GET", build=_path(route), attackers=ALL, expect=(200, 403), unchanged=_answers_nothing_of_a)
    for name, route in ROUTES.items()
]

EXEMPT: dict[tuple[str, str], str] = {}
