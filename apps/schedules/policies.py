"""Rows of the access table for Schedule (spec 07 section 2).

Landlord admins and staff manage their own landlord's schedules. Tenants read the schedules of
the units they hold an ACTIVE lease on and the property-level schedules (no unit) of those
units' properties: spec 07 open question 5 decided for what a tenant expects (the original's
lease lookup never matched, so tenants saw nothing). Contractors have no rule: 403 at the route.
"""

from apps.core.access import MANAGE, READ, Ref, allow, register
from apps.core.scope import Role
from apps.properties.parties import PartyIds
from apps.schedules.residents import tenant_schedule_property_ids, tenant_schedule_unit_ids

for role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF):
    register(role, allow(MANAGE, "Schedule", {"landlord_id": Ref.LANDLORD}))
register(
    Role.TENANT,
    allow(READ, "Schedule", {"unit_id__in": PartyIds(tenant_schedule_unit_ids)}),
    allow(
        READ,
        "Schedule",
        {"unit__isnull": True, "property_id__in": PartyIds(tenant_schedule_property_ids)},
    ),
)
