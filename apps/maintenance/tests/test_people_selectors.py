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
    assert counts[org_a.pk] == {"total": 5, "active": 4, "completed": 2}
    assert counts[org_b.pk] == {"total": 0, "active": 0, "completed": 0}
    scoped = contractor_ticket_counts([org_a.pk], landlord_id=world.landlord_a.pk)
    assert scoped[org_a.pk] == {"total": 4, "active": 3, "completed": 2}


def test_contractor_properties(world):
    org = world.contractor_org_a
    TicketFactory(
        property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a, assigned_contractor=org
    )
    TicketFactory(
        property=world.property_a, unit=world.unit_a, requested_by=world.tenant_a, assigned_contractor=org
    )
    TicketFactory(property=world.property_a, unit=None, requested_by=world.tenant_a, assigned_contractor=org)
    TicketFactory(
        property=world.property_b, unit=world.unit_b, requested_by=world.tenant_b, assigned_contractor=org
    )
    units = list(contractor_properties(org.pk))
    assert [(u.property.name, u.unit_number) for u in units] == [("Elm A", "A-1"), ("Elm B", "B-1")]
    only_b = contractor_properties(org.pk, landlord_id=world.landlord_b.pk)
    assert [u.unit_number for u in only_b] == ["B-1"]
    assert list(contractor_properties(world.contractor_org_b.pk)) == []
