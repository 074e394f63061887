"""Fixtures of the marketing tests: two landlords with a property and a unit each, their people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from apps.accounts.tests.factories import (
    ContractorUserFactory,
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.properties import parties
from apps.properties.tests.factories import PropertyFactory, UnitFactory


@dataclass
class Side:
    landlord: Any
    admin: Any
    staff: Any
    tenant_org: Any
    tenant: Any
    contractor: Any
    property: Any
    unit: Any


def make_side(label: str) -> Side:
    landlord = LandlordFactory(name=f"Landlord {label}")
    tenant_org = TenantOrgFactory(landlords=[landlord])
    prop = PropertyFactory(landlord=landlord, name=f"Building {label}")
    return Side(
        landlord=landlord,
        admin=LandlordUserFactory(organization_id=landlord.pk, first_name="Ann", last_name=label),
        staff=LandlordStaffFactory(organization_id=landlord.pk),
        tenant_org=tenant_org,
        tenant=TenantUserFactory(organization_id=tenant_org.pk, first_name="Tess", last_name=label),
        contractor=ContractorUserFactory(),
        property=prop,
        unit=UnitFactory(property=prop, unit_number=f"{label}-1"),
    )


@pytest.fixture
def side_a(db) -> Side:
    return make_side("A")


@pytest.fixture
def side_b(db) -> Side:
    return make_side("B")


@pytest.fixture
def leases(monkeypatch):
    """Make tenant organizations lease units: ``leases(tenant_org, unit)``; leases are ACTIVE."""
    leased: dict[Any, set] = {}

    def lease(tenant_org, unit) -> None:
        leased.setdefault(tenant_org.pk, set()).add(unit.pk)

    monkeypatch.setitem(parties.PROVIDERS, "tenant_leased_unit_ids", lambda org_id: leased.get(org_id, set()))
    monkeypatch.setitem(
        parties.PROVIDERS,
        "active_lease_tenant_ids",
        lambda unit_ids: {org for org, units in leased.items() if units & set(unit_ids)},
    )
    return lease


@pytest.fixture
def openai_stand_in(settings):
    """OpenAI configured and pointed at a local stand-in server."""
    from apps.marketing.tests.openai_stand_in import OpenAIStandIn

    with OpenAIStandIn() as stand_in:
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = stand_in.base_url
        settings.OPENAI_TIMEOUT_SECONDS = 5
        yield stand_in


@pytest.fixture
def admin_user(db):
    """A SuperAdmin staff user for the Django admin pages."""
    from apps.accounts.tests.factories import AdminUserFactory

    return AdminUserFactory()
