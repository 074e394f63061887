"""Rows of the access table for Media (spec 01 section 4).

Corrected by spec README rule 1: landlord users manage the media of their own landlord's records
(and what they uploaded themselves), not every file of the platform; tenants and contractors read
what they uploaded. Files of a record someone may read are listed through that record's routes.
"""

from apps.core.access import CREATE, DELETE, MANAGE, READ, UPDATE, Ref, allow, deny, register
from apps.core.scope import Role

for role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF):
    register(
        role,
        allow(MANAGE, "Media", {"landlord_id": Ref.LANDLORD}),
        allow(MANAGE, "Media", {"uploaded_by_id": Ref.USER}),
    )
register(
    Role.TENANT,
    allow(CREATE, "Media"),
    allow(READ, "Media", {"uploaded_by_id": Ref.USER}),
    deny((UPDATE, DELETE), "Media"),
)
register(
    Role.CONTRACTOR,
    allow(CREATE, "Media"),
    allow((READ, UPDATE), "Media", {"uploaded_by_id": Ref.USER}),
    deny(DELETE, "Media"),
)
