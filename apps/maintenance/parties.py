"""Who is party to which ticket: the maintenance side of :mod:`apps.properties.parties`.

Lease facts live in the leases module, on the same floor as this one, so they are read through
the providers of :mod:`apps.properties.parties` that the leases module installs:
:func:`tenant_active_unit_ids` is the one seam for "the units of a tenant's ACTIVE leases"
(spec 07 sections 3.1 and 3.3) and :func:`unit_active_tenant_id` for "the tenant of a unit's
ACTIVE lease" (section 6.2). Until leases are installed they answer "none": tenants then see the
tickets they reported themselves, and cannot report new ones (no active lease).

This module installs, in return, the providers the properties module asks of maintenance:
the units a contractor works on, and a unit's number of maintenance requests.
"""

from __future__ import annotations

from uuid import UUID

from apps.core.scope import Principal
from apps.properties import parties


def tenant_active_unit_ids(tenant_org_id: UUID | None) -> set[UUID]:
    """Units of the tenant organization's ACTIVE leases (the lease seam of this module)."""
    if tenant_org_id is None:
        return set()
    leased = list(parties.call("tenant_leased_unit_ids", tenant_org_id))
    if not leased:
        return set()
    active = parties.call("tenant_active_leases_for_units", leased, tenant_org_id) or {}
    return {UUID(str(unit_id)) for unit_id in active}


def unit_active_tenant_id(unit_id: UUID | None) -> UUID | None:
    """The tenant organization of the unit's ACTIVE lease, if any."""
    if unit_id is None:
        return None
    tenant_id = parties.call("active_lease_tenant_id", unit_id)
    return UUID(str(tenant_id)) if tenant_id else None


def tenant_unit_ids(principal: Principal) -> set[UUID]:
    return tenant_active_unit_ids(principal.tenant_org_id)


def tenant_property_ids(principal: Principal) -> set[UUID]:
    from apps.properties.models import Unit

    unit_ids = tenant_unit_ids(principal)
    if not unit_ids:
        return set()
    return set(Unit.objects.unscoped().filter(id__in=unit_ids).values_list("property_id", flat=True))


def tenant_sow_ids(principal: Principal) -> set[UUID]:
    """Scopes of work holding a ticket the tenant may read, and their ancestors."""
    from django.db.models import Q

    from apps.maintenance.models import MaintenanceTicket, ScopeOfWork

    clause = Q(requested_by_id=principal.user_id)
    unit_ids = tenant_unit_ids(principal)
    if unit_ids:
        clause |= Q(unit_id__in=unit_ids)
    found = set(
        MaintenanceTicket.objects.unscoped()
        .filter(clause, scope_of_work__isnull=False)
        .values_list("scope_of_work_id", flat=True)
    )
    frontier = set(found)
    while frontier:
        parents = set(
            ScopeOfWork.objects.unscoped()
            .filter(id__in=frontier, parent_sow__isnull=False)
            .values_list("parent_sow_id", flat=True)
        )
        frontier = parents - found
        found |= parents
    return found


def _contractor_unit_ids(contractor_org_id) -> list[UUID]:
    from apps.maintenance.models import MaintenanceTicket

    return list(
        MaintenanceTicket.objects.unscoped()
        .filter(assigned_contractor_id=contractor_org_id, unit__isnull=False)
        .values_list("unit_id", flat=True)
        .distinct()
    )


def _maintenance_request_count(unit) -> int:
    from apps.maintenance.models import MaintenanceTicket

    return MaintenanceTicket.objects.unscoped().filter(unit_id=unit.pk).count()


def install() -> None:
    from apps.maintenance import visits

    parties.set_provider("availability_slot_deleted", visits.visits_cancel_for_deleted_slot)
    parties.set_provider("contractor_slot_ids", visits.contractor_slot_ids)
    parties.set_provider("contractor_unit_ids", _contractor_unit_ids)
    parties.set_provider("maintenance_request_count", _maintenance_request_count)
