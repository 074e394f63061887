"""Fixtures of the lease tests: a landlord with a unit, a linked tenant household and users."""

from __future__ import annotations

from tests.fixtures.landlords import *  # noqa: F403 (the fixtures: landlord, admin, staff, tenant_org, tenant_user, prop, unit)
