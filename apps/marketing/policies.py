"""Rows of the access table for Inquiry, FeedPost and Feedback (spec 01 section 4, spec 04).

Corrected by spec README rule 1 (spec 04 open questions 1 and 5):

* inquiries belong to the landlord owning their property or unit; only that landlord's users read,
  answer, edit and delete them (the public submission routes write through the services, as the
  system, and never read anything back but the caller's own record);
* feed posts belong to their landlord: landlord users manage their own landlord's posts only;
  tenants read (and vote on, which needs only read) the posts of the properties they lease, and
  cannot create, edit or delete posts; contractors have no feed at all;
* a feedback entry is its author's: each user reads only their own.
"""

from apps.core.access import CREATE, DELETE, MANAGE, READ, UPDATE, Ref, allow, deny, register
from apps.core.scope import Role
from apps.marketing.parties import tenant_feed_property_ids
from apps.properties.parties import PartyIds

OWN_LANDLORD = {"landlord_id": Ref.LANDLORD}
MINE = {"user_id": Ref.USER}

for role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF):
    register(
        role,
        allow(MANAGE, "Inquiry", OWN_LANDLORD),
        allow(MANAGE, "FeedPost", OWN_LANDLORD),
        allow((CREATE, READ), "Feedback", MINE),
    )
register(
    Role.TENANT,
    allow(READ, "FeedPost", {"property_id__in": PartyIds(tenant_feed_property_ids)}),
    deny((CREATE, UPDATE, DELETE), "FeedPost"),
    allow((CREATE, READ), "Feedback", MINE),
)
register(Role.CONTRACTOR, allow((CREATE, READ), "Feedback", MINE))
