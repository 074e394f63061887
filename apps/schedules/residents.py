"""Who lives where, as far as schedules care: the tenants of ACTIVE leases.

Leases are a sibling app (same floor), so the facts come through the properties app's party
providers, which the leases app installs (:mod:`apps.properties.parties`):
``tenant_active_unit_ids(tenant_org_id)`` and ``active_lease_tenants(unit_ids)``. Until it does,
no tenant lives anywhere and schedules reach no tenant.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from apps.core.scope import Principal
from apps.properties import parties


def tenant_schedule_unit_ids(principal: Principal) -> set[UUID]:
    if principal.tenant_org_id is None:
        return set()
    return set(parties.call("tenant_active_unit_ids", principal.tenant_org_id))


def tenant_schedule_property_ids(principal: Principal) -> set[UUID]:
    from apps.properties.models import Unit

    unit_ids = tenant_schedule_unit_ids(principal)
    if not unit_ids:
        return set()
    return set(Unit.objects.unscoped().filter(id__in=unit_ids).values_list("property_id", flat=True))


def resident_tenant_orgs(unit_ids: Iterable[UUID]) -> dict[UUID, set[UUID]]:
    """``{unit_id: {tenant org ids with an ACTIVE lease on it}}`` for many units at once."""
    unit_ids = list(unit_ids)
    if not unit_ids:
        return {}
    return parties.call("active_lease_tenants", unit_ids)
