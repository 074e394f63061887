"""Fixtures of the maintenance tests: a small world and a stand-in for the lease seam."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from apps.properties import parties


class FakeLeases:
    """ACTIVE leases as ``{unit_id: tenant_org_id}``, answered through the properties providers
    that the leases module installs (the seam of :mod:`apps.maintenance.parties`)."""

    def __init__(self):
        self.active: dict = {}

    def add(self, unit, tenant_org) -> None:
        self.active[unit.pk] = tenant_org.pk

    def leased(self, tenant_org_id):
        return [unit for unit, tenant in self.active.items() if tenant == tenant_org_id]

    def active_for_units(self, unit_ids, tenant_org_id):
        return {unit: {"_id": "lease"} for unit in unit_ids if self.active.get(unit) == tenant_org_id}

    def tenant_of(self, unit_id):
        return self.active.get(unit_id)


@pytest.fixture
def leases(monkeypatch):
    fake = FakeLeases()
    monkeypatch.setitem(parties.PROVIDERS, "tenant_leased_unit_ids", fake.leased)
    monkeypatch.setitem(parties.PROVIDERS, "tenant_active_leases_for_units", fake.active_for_units)
    monkeypatch.setitem(parties.PROVIDERS, "active_lease_tenant_id", fake.tenant_of)
    return fake


def make_world(leases=None):
    """Landlord A with a property, two units, an admin, a staff user, a tenant (lease on unit 1)
    and a linked contractor; landlord B with its own admin, tenant and contractor."""
    from apps.accounts.tests.factories import (
        ContractorOrgFactory,
        ContractorUserFactory,
        LandlordFactory,
        LandlordStaffFactory,
        LandlordUserFactory,
        TenantOrgFactory,
        TenantUserFactory,
    )
    from apps.properties.tests.factories import PropertyFactory, UnitFactory

    w = SimpleNamespace()
    for side in ("a", "b"):
        landlord = LandlordFactory()
        tenant_org = TenantOrgFactory(landlords=[landlord])
        contractor_org = ContractorOrgFactory(landlords=[landlord])
        prop = PropertyFactory(landlord=landlord, name=f"Elm {side.upper()}")
        setattr(w, f"landlord_{side}", landlord)
        setattr(w, f"admin_{side}", LandlordUserFactory(organization_id=landlord.pk, phone="+15550001111"))
        setattr(w, f"staff_{side}", LandlordStaffFactory(organization_id=landlord.pk))
        setattr(w, f"tenant_org_{side}", tenant_org)
        setattr(w, f"tenant_{side}", TenantUserFactory(organization_id=tenant_org.pk, first_name="Tina"))
        setattr(w, f"contractor_org_{side}", contractor_org)
        setattr(w, f"contractor_{side}", ContractorUserFactory(organization_id=contractor_org.pk))
        setattr(w, f"property_{side}", prop)
        setattr(w, f"unit_{side}", UnitFactory(property=prop, unit_number=f"{side.upper()}-1"))
        setattr(w, f"unit2_{side}", UnitFactory(property=prop, unit_number=f"{side.upper()}-2"))
        if leases is not None:
            leases.add(getattr(w, f"unit_{side}"), tenant_org)
    return w


@pytest.fixture
def world(leases):
    return make_world(leases)
