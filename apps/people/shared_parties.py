"""Shared pieces of the tenant and contractor routes: name checks and the shared-party rule.

Tenant and contractor organizations are shared parties (spec 00 section 10): one household or
company may be linked to several landlords. Spec README rule 1 shapes what a landlord may do with
one: it sees only organizations linked to it (the scoped managers do that), and it may change the
organization's credentials or identity (users, name) only while no *other* landlord is linked,
since a password a landlord knows would otherwise open another landlord's records.

User rules (create, update, list) live in :mod:`apps.people.users_services`, output shapes in
:mod:`apps.accounts.users_serializers`: one implementation serves ``/users`` and the sub-user
routes of tenants and contractors.
"""

from __future__ import annotations

from apps.accounts.models import Contractor, Tenant
from apps.accounts.users_serializers import landlord_links
from apps.core.scope import Principal


def tenant_name_taken(name: str, *, exclude_pk=None) -> bool:
    """Case-insensitive, across every landlord and soft-deleted rows (names are global)."""
    queryset = Tenant.objects.including_deleted().filter(name__iexact=name.strip())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def contractor_name_taken(name: str, *, exclude_pk=None) -> bool:
    """Exact-case like the original, plus the rows the database would reject (soft-deleted)."""
    queryset = Contractor.objects.including_deleted().filter(name=name.strip())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def shared_with_other_landlords(org, principal: Principal) -> bool:
    """True when a landlord caller is not the only landlord linked to ``org``."""
    if principal.landlord_id is None:
        return False
    linked = landlord_links(type(org), [org.pk])[org.pk]
    return any(pk != principal.landlord_id for pk in linked)
