"""Residents for schedule tests: which tenant orgs hold ACTIVE leases on which units.

The leases app installs the real providers; these tests install a small table of their own so
the schedules app is tested on its own terms.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from apps.properties import parties


@pytest.fixture
def residents(monkeypatch):
    """``residents.add(tenant_org, unit)`` makes the tenant org an ACTIVE lessee of the unit."""

    class Residents:
        def __init__(self):
            self.pairs: set = set()

        def add(self, tenant_org, unit):
            self.pairs.add((tenant_org.pk, unit.pk))

        def units_of(self, tenant_org_id):
            return {unit for org, unit in self.pairs if org == tenant_org_id}

        def tenants_of(self, unit_ids):
            found = defaultdict(set)
            for org, unit in self.pairs:
                if unit in set(unit_ids):
                    found[unit].add(org)
            return dict(found)

    table = Residents()
    monkeypatch.setitem(parties.PROVIDERS, "tenant_active_unit_ids", table.units_of)
    monkeypatch.setitem(parties.PROVIDERS, "active_lease_tenants", table.tenants_of)
    return table
