"""Fixtures of the expense tests: a landlord with a property and unit, its users."""

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
def tenant_user(landlord):
    return TenantUserFactory(organization_id=TenantOrgFactory(landlords=[landlord]).pk)


@pytest.fixture
def prop(landlord):
    return PropertyFactory(landlord=landlord, name="Elm Court")


@pytest.fixture
def unit(prop):
    return UnitFactory(property=prop, unit_number="1A")
