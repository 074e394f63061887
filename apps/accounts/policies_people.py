"""Rows of the access table for Tenant, Contractor and Invitation (spec 01 section 4).

Corrected by spec README rule 1: organizations are reachable only by the landlords they are linked
to, and invitations only by the landlord they were sent for.
"""

from apps.core.access import CREATE, DELETE, MANAGE, READ, UPDATE, Ref, allow, deny, register
from apps.core.scope import Role

register(
    Role.LANDLORD_ADMIN,
    allow([CREATE, READ, UPDATE, DELETE], "Tenant", {"landlords": Ref.LANDLORD}),
    allow([CREATE, READ, UPDATE, DELETE], "Contractor", {"landlords": Ref.LANDLORD}),
    allow(MANAGE, "Invitation", {"landlord_id": Ref.LANDLORD}),
)
register(
    Role.LANDLORD_STAFF,
    allow(READ, "Tenant", {"landlords": Ref.LANDLORD}),
    allow(READ, "Contractor", {"landlords": Ref.LANDLORD}),
    allow(MANAGE, "Invitation", {"landlord_id": Ref.LANDLORD}),
)
register(
    Role.TENANT,
    allow(READ, "Tenant", {"id": Ref.TENANT_ORG}),
    deny([CREATE, UPDATE, DELETE], "Tenant"),
)
register(
    Role.CONTRACTOR,
    allow(READ, "Contractor", {"id": Ref.CONTRACTOR_ORG}),
    deny([CREATE, UPDATE, DELETE], "Contractor"),
)
