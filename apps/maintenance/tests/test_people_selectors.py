"""What the people routes read from maintenance: contractor ticket counts and properties."""

from __future__ import annotations

import pytest

from apps.maintenance.selectors import contractor_properties, contractor_ticket_counts
from apps.maintenance.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_contractor_ticket_counts(world, django_assert_num_queries):
    org_a, org_b = world.contractor_org_a, world.contractor_org_b
    for status in ("ASSIGNED", "IN_PROGRESS", "DONE", "CLOSED"):
        TicketFactory(
            property=world.property_a, requested_by=world.tenant_a, assigned_contractor=org_a, status=status
        )
    TicketFactory(
        property=world.property_b, requested_by=world.tenant_b, assigned_contractor=org_a, status="OPEN"
    )
    with django_assert_num_queries(1):
        counts = contractor_ticket_counts([org_a.pk, org_b.pk])
    assert counts[org_a.pk] == {"total": 5, "open": 3, "completed": 2}
    assert counts[org_b.pk] == {"total": 0, "open": 0, "completed": 0}
    scoped = contractor_ticket_counts([org_a.pk], landlord_id=world.landlord_a.pk)
    assert scoped[org_a.pk] == {"total": 4, "open": 2, "completed": 2}


def test_contractor_properties(world):
    TicketFactory(
        property=world.property_a, requested_by=world.tenant_a, assigned_contractor=world.contractor_org_a
    )
    TicketFactory(
        property=world.property_a, requested_by=world.tenant_a, assigned_contractor=world.contractor_org_a
    )
    TicketFactory(
        property=world.property_b, requested_by=world.tenant_b, assigned_contractor=world.contractor_org_a
    )
    assert [p.name for p in contractor_properties(world.contractor_org_a.pk)] == ["Elm A", "Elm B"]
    assert [
        p.name for p in contractor_properties(world.contractor_org_a.pk, landlord_id=world.landlord_b.pk)
    ] == ["Elm B"]
    assert list(contractor_properties(world.contractor_org_b.pk)) == []
