"""Rows of the access table for the User subject (spec 01 section 4).

Corrected by spec README rule 1: user rights are limited to the caller's own organization (the
original let a LandlordAdmin reach every user of the platform), and tenant and contractor
organizations are reachable only by the landlords they are linked to. SuperAdmin needs no rows.
"""

from apps.core.access import MANAGE, Ref, allow, deny, register
from apps.core.scope import Role, UserType

OTHER_THAN_TENANT = [UserType.LANDLORD, UserType.CONTRACTOR, UserType.ADMIN]
OTHER_THAN_CONTRACTOR = [UserType.LANDLORD, UserType.TENANT, UserType.ADMIN]

register(
    Role.LANDLORD_ADMIN,
    allow(MANAGE, "User", {"organization_id": Ref.LANDLORD, "user_type": UserType.LANDLORD}),
)
register(Role.LANDLORD_STAFF, deny(MANAGE, "User"))
register(
    Role.TENANT,
    allow(MANAGE, "User", {"organization_id": Ref.TENANT_ORG, "user_type": UserType.TENANT}),
    deny(MANAGE, "User", {"user_type__in": OTHER_THAN_TENANT}),
)
register(
    Role.CONTRACTOR,
    allow(MANAGE, "User", {"organization_id": Ref.CONTRACTOR_ORG, "user_type": UserType.CONTRACTOR}),
    deny(MANAGE, "User", {"user_type__in": OTHER_THAN_CONTRACTOR}),
)
