"""Rows of the access table for Property, Unit, Availability and Favorite (spec 01 section 4).

Corrected by spec README rule 1: tenants and contractors read only the properties and units they
are party to (:mod:`apps.properties.parties`), not every landlord's; contractors have no unit
update right (the original's field list names fields that do not exist, and did not enforce it).
"""

from apps.core.access import CREATE, DELETE, MANAGE, READ, UPDATE, Ref, allow, deny, register
from apps.core.scope import Role
from apps.properties.parties import PartyIds, contractor_slot_ids, party_property_ids, party_unit_ids

OWN_LANDLORD = {"landlord_id": Ref.LANDLORD}
MINE = {"user_id": Ref.USER}

for role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF):
    register(
        role,
        allow(MANAGE, "Property", OWN_LANDLORD),
        allow(MANAGE, "Unit", OWN_LANDLORD),
        allow(MANAGE, "Favorite", MINE),
    )
register(Role.LANDLORD_ADMIN, allow(MANAGE, "Availability", OWN_LANDLORD))
register(Role.LANDLORD_STAFF, deny(MANAGE, "Availability"))

register(
    Role.TENANT,
    allow(READ, "Property", {"id__in": PartyIds(party_property_ids)}),
    allow(READ, "Unit", {"id__in": PartyIds(party_unit_ids)}),
    allow(MANAGE, "Availability", {"tenant_id": Ref.TENANT_ORG}),
    allow(MANAGE, "Favorite", MINE),
    deny((CREATE, UPDATE, DELETE), "Property"),
    deny((CREATE, UPDATE, DELETE), "Unit"),
)
register(
    Role.CONTRACTOR,
    allow(READ, "Property", {"id__in": PartyIds(party_property_ids)}),
    allow(READ, "Unit", {"id__in": PartyIds(party_unit_ids)}),
    allow(READ, "Availability", {"id__in": PartyIds(contractor_slot_ids)}),
    allow(MANAGE, "Favorite", MINE),
    deny((CREATE, UPDATE, DELETE), "Property"),
    deny((CREATE, UPDATE, DELETE), "Unit"),
    deny((CREATE, UPDATE, DELETE), "Availability"),
)
