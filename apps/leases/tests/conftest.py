"""Fixtures of the lease tests: a landlord with a unit, a linked tenant household and users."""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import (
    LandlordFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantOrgFactory,
    TenantUserFactory,
)
from apps.properties.tests.factories import PropertyFactory, UnitFactory


@pytest.fixture
def landlord():
    return LandlordFactory()


@pytest.fixture
def admin(landlord):
    return LandlordUserFactory(organization_id=landlord.pk)


@pytest.fixture
def staff(landlord):
    return LandlordStaffFactory(organization_id=landlord.pk)


@pytest.fixture
def tenant_org(landlord):
    return TenantOrgFactory(landlords=[landlord], name="The Smiths")


@pytest.fixture
def tenant_user(tenant_org):
    return TenantUserFactory(organization_id=tenant_org.pk, is_primary=True, email="smith@example.com")


@pytest.fixture
def prop(landlord):
    return PropertyFactory(landlord=landlord, name="Elm Court")


@pytest.fixture
def unit(prop):
    return UnitFactory(property=prop, unit_number="1A")
