"""Fixtures of the expense tests: a landlord with a property and unit, its users."""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import TenantOrgFactory, TenantUserFactory
from tests.fixtures.landlords import *  # noqa: F403 (the fixtures: landlord, admin, staff, tenant_org, tenant_user, prop, unit)


@pytest.fixture
def tenant_user(landlord):  # a household of its own, not the shared "The Smiths"
    return TenantUserFactory(organization_id=TenantOrgFactory(landlords=[landlord]).pk)
