"""Who is party to which property and unit: the seam between properties and later modules.

Spec README rule 1 overrides spec 01 for tenants and contractors: they read only the properties
and units they are party to, never every landlord's portfolio. Being "party to" a unit is decided
by modules that do not exist yet (leases for tenants, maintenance for contractors), so each is a
*provider* that those modules install from their ``AppConfig.ready``::

    from apps.properties import parties
    parties.set_provider("tenant_leased_unit_ids", my_function)

Until then the defaults answer "none". Tenants may additionally read the marketplace units they
keep as favorites (they are public listings) and the properties of those units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from uuid import UUID

from apps.core.scope import Principal, UserType, current_principal


def _none(*args: Any, **kwargs: Any) -> Any:
    return []


def _none_mapping(*args: Any, **kwargs: Any) -> dict:
    return {}


def _zero(*args: Any, **kwargs: Any) -> int:
    return 0


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


#: Name -> callable. Signatures are documented next to each default.
PROVIDERS: dict[str, Callable[..., Any]] = {
    # (tenant_org_id) -> iterable of unit ids the tenant has any lease on
    "tenant_leased_unit_ids": _none,
    # (contractor_org_id) -> iterable of unit ids referenced by tickets assigned to the contractor
    "contractor_unit_ids": _none,
    # (contractor_org_id) -> iterable of availability slot ids the contractor may read
    "contractor_slot_ids": _none,
    # () -> iterable / queryset of unit ids having an ACTIVE lease (marketplace exclusion)
    "units_with_active_lease": _none,
    # (unit_ids) -> {unit_id: {"_id", "rent_amount", "end_date", "tenant": {...}, ...}} ACTIVE leases
    "active_leases_for_units": _none_mapping,
    # (unit_ids, tenant_org_id) -> like above, only that tenant's ACTIVE leases
    "tenant_active_leases_for_units": _none_mapping,
    # (unit_id) -> tenant org id of the unit's ACTIVE lease, or None
    "active_lease_tenant_id": _nothing,
    # (property_ids) -> {property_id: count} of ACTIVE leases
    "active_lease_counts": _none_mapping,
    # (unit) -> {"ytd_revenue", "current_balance", "last_payment_date", "next_payment_due"}
    "unit_payment_stats": _nothing,
    # (unit) -> number of maintenance requests of the unit
    "maintenance_request_count": _zero,
    # (slot, actor_user, side) -> None: cancel pending visit requests of a deleted slot
    "availability_slot_deleted": _nothing,
    # (tenant_org_id) -> iterable of unit ids the tenant holds an ACTIVE lease on (schedules)
    "tenant_active_unit_ids": _none,
    # (unit_ids) -> {unit_id: {tenant org ids with an ACTIVE lease on the unit}} (schedules)
    "active_lease_tenants": _none_mapping,
    # (unit_ids) -> iterable of tenant org ids having an ACTIVE lease on any of those units
    "active_lease_tenant_ids": _none,
}


def set_provider(name: str, function: Callable[..., Any]) -> None:
    if name not in PROVIDERS:
        raise KeyError(f"unknown party provider {name!r}")
    PROVIDERS[name] = function


def call(name: str, *args: Any, **kwargs: Any) -> Any:
    return PROVIDERS[name](*args, **kwargs)


# -- what a principal is party to ----------------------------------------------------------------
def tenant_unit_ids(principal: Principal) -> set[UUID]:
    """Units a tenant user may read: its organization's leased units and its favorites."""
    from apps.properties.models import Favorite

    ids: set[UUID] = set()
    if principal.tenant_org_id is not None:
        ids.update(call("tenant_leased_unit_ids", principal.tenant_org_id))
    if principal.user_id is not None:
        ids.update(
            Favorite.objects.unscoped()
            .filter(user_id=principal.user_id, unit__deleted=False, unit__publish_to_marketplace=True)
            .values_list("unit_id", flat=True)
        )
    return ids


def contractor_unit_ids(principal: Principal) -> set[UUID]:
    if principal.contractor_org_id is None:
        return set()
    return set(call("contractor_unit_ids", principal.contractor_org_id))


def party_unit_ids(principal: Principal) -> set[UUID]:
    if principal.user_type == UserType.TENANT:
        return tenant_unit_ids(principal)
    if principal.user_type == UserType.CONTRACTOR:
        return contractor_unit_ids(principal)
    return set()


def private_unit_ids(principal: Principal) -> set[UUID] | None:
    """Units whose private side (documents, lease, figures) a tenant or contractor sees;
    ``None`` for landlord users and SuperAdmin, who see the private side of all they can read."""
    if principal.user_type == UserType.TENANT:
        if principal.tenant_org_id is None:
            return set()
        return set(call("tenant_leased_unit_ids", principal.tenant_org_id))
    if principal.user_type == UserType.CONTRACTOR:
        return contractor_unit_ids(principal)
    return None


def private_property_ids(principal: Principal, property_ids: Iterable[UUID]) -> set[UUID] | None:
    """Of ``property_ids``, those whose private side the caller sees (one query); ``None`` = all."""
    from apps.properties.models import Unit

    unit_ids = private_unit_ids(principal)
    if unit_ids is None:
        return None
    if not unit_ids:
        return set()
    return set(
        Unit.objects.unscoped()
        .filter(id__in=list(unit_ids), property_id__in=list(property_ids))
        .values_list("property_id", flat=True)
    )


def sees_private_side(principal: Principal, owner: Any) -> bool:
    """Whether a caller who may read ``owner`` (a Property or Unit) also sees its private side.

    Landlord users and SuperAdmin do. A tenant does for the units it leases (and their
    properties), a contractor for the units of its tickets; a unit read only because it is a
    favorite shows its public side: photos, no documents, no lease.
    """
    from apps.properties.models import Unit

    unit_ids = private_unit_ids(principal)
    if unit_ids is None:
        return True
    if isinstance(owner, Unit):
        return owner.pk in unit_ids
    return (
        bool(unit_ids)
        and Unit.objects.unscoped().filter(id__in=list(unit_ids), property_id=owner.pk).exists()
    )


def party_property_ids(principal: Principal) -> set[UUID]:
    from apps.properties.models import Unit

    unit_ids = party_unit_ids(principal)
    if not unit_ids:
        return set()
    return set(Unit.objects.unscoped().filter(id__in=unit_ids).values_list("property_id", flat=True))


def contractor_slot_ids(principal: Principal) -> set[UUID]:
    if principal.contractor_org_id is None:
        return set()
    return set(call("contractor_slot_ids", principal.contractor_org_id))


class PartyIds(Iterable):
    """Ids resolved for the *active* principal when a rule is evaluated, never at import time.

    Used as the value of an ``id__in`` rule condition, so the same rule filters lists and answers
    instance checks; the resolver runs once per query built.
    """

    def __init__(self, resolver: Callable[[Principal], set[UUID]]):
        self.resolver = resolver

    def _ids(self) -> set[UUID]:
        return self.resolver(current_principal())

    def __iter__(self) -> Iterator[UUID]:
        return iter(self._ids())

    def __contains__(self, value: object) -> bool:
        return value in self._ids()

    def __repr__(self) -> str:
        return f"PartyIds({self.resolver.__name__})"
