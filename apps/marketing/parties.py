"""Which properties' feed a tenant user reads: those of the units its organization leases.

Leasing is decided by the leases module through the ``tenant_leased_unit_ids`` provider of
:mod:`apps.properties.parties`; favorites (public marketplace listings) do not make a tenant a
resident, so they give no feed.
"""

from __future__ import annotations

from uuid import UUID

from apps.core.scope import Principal
from apps.properties import parties
from apps.properties.models import Property, Unit


def tenant_feed_property_ids(principal: Principal) -> set[UUID]:
    if principal.tenant_org_id is None:
        return set()
    unit_ids = list(parties.call("tenant_leased_unit_ids", principal.tenant_org_id))
    if not unit_ids:
        return set()
    return set(Unit.objects.unscoped().filter(id__in=unit_ids).values_list("property_id", flat=True))


def resident_tenant_org_ids(prop: Property) -> set[UUID]:
    """Tenant organizations with an ACTIVE lease on a unit of ``prop`` (the feed's audience)."""
    unit_ids = list(Unit.objects.unscoped().filter(property_id=prop.pk).values_list("id", flat=True))
    if not unit_ids:
        return set()
    return set(parties.call("active_lease_tenant_ids", unit_ids))
