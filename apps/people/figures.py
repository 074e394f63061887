"""Figures the people routes show from the domains above accounts: leases and tickets.

This module is the seam between the people routes (floor 10) and the lease and maintenance
domains (floor 8). It is the only place that imports their selectors, and it imports them by
name: no model lookups by label, no guessed field names, no swallowed errors. Until a domain is
installed its figures are **absent**: every function here answers ``None``, and the routes
present that as absent (``null`` figures), never as a silent zero. docs/compatibility/
identity-people.md lists what each route shows meanwhile.

The contract, one import per domain once it lands (same names, same arguments, today's
semantics; reads go through the scoped managers, so a landlord's figures cover its own records
only, except the neighbour reads, which cross the tenant's lease scope on purpose and emit no
private terms):

``apps.leases.selectors``
    ``tenant_stats(tenant_id) -> {active_leases, total_monthly_rent, outstanding, next_expiry}``
        ACTIVE leases of the tenant: count, summed rent, unpaid amount due before now
        (transactions not PAID), earliest end date (ISO string or ``None``).
    ``tenants_with_active_lease(*, unit_id=None, property_id=None) -> set[tenant id]``
        tenants with an ACTIVE lease (on the unit, or on any unit of the property).
    ``tenant_lease_figures(tenant_ids) -> {tenant id: {active_leases_count, outstanding_balance}}``
        for many tenants in a fixed number of queries (outstanding = OVERDUE transactions).
    ``tenant_properties(tenant_id) -> [{_id, name, address, description, units: [...]}]``
        the properties and units of the tenant's ACTIVE leases.
    ``tenant_neighbors(tenant_id) -> [unit rows with property and active_lease summary]``
        other households' ACTIVE leases in the tenant's properties (no rent).
    ``are_neighbors(tenant_id, other_tenant_id) -> bool``
        both hold an ACTIVE lease in the same property.
    ``landlord_active_lease_count(landlord_id) -> int`` (for the admin console, see
        :mod:`apps.console.figures`).

``apps.maintenance.selectors``
    ``contractor_ticket_counts(contractor_ids, *, landlord_id=None) -> {id: {active, completed}}``
        active = not CLOSED, completed = DONE or CLOSED; a landlord caller counts its own only.
    ``contractor_properties(contractor_id) -> [{_id, name, address, description, units: [...]}]``
        the properties and units of the tickets assigned to the contractor.
    ``landlord_has_tickets(landlord_id) -> bool`` (onboarding's ``hasTickets``).

Wiring a domain (done for both): replace the matching functions below with
``from apps.leases.selectors import tenant_stats, ...`` (and the same for maintenance); the
callers already handle both the absent and the present answer.
"""

from __future__ import annotations

from typing import Any

from apps.leases.selectors import (
    are_neighbors,
    tenant_lease_figures,
    tenant_neighbors,
    tenant_properties,
    tenant_stats,
    tenants_with_active_lease,
)
from apps.maintenance import selectors as maintenance_selectors
from apps.maintenance.selectors import contractor_ticket_counts, landlord_has_tickets

__all__ = [
    "are_neighbors",
    "contractor_properties",
    "contractor_ticket_counts",
    "landlord_has_tickets",
    "tenant_lease_figures",
    "tenant_neighbors",
    "tenant_properties",
    "tenant_stats",
    "tenants_with_active_lease",
]

#: both domains are installed: their figures are real (an absent domain's would be ``None``)
LEASES_INSTALLED = True
MAINTENANCE_INSTALLED = True


def contractor_properties(contractor_id) -> list[dict[str, Any]]:
    """The contractor's units (tickets assigned to it), grouped by property, oldest first."""
    grouped: dict[Any, dict[str, Any]] = {}
    for unit in maintenance_selectors.contractor_properties(contractor_id):
        prop = unit.property
        entry = grouped.setdefault(
            prop.pk,
            {
                "_id": str(prop.pk),
                "name": prop.name,
                "address": prop.address,
                "description": prop.description,
                "units": [],
            },
        )
        entry["units"].append(
            {"_id": str(unit.pk), "unit_number": unit.unit_number, "size": unit.size, "type": unit.type}
        )
    return list(grouped.values())
