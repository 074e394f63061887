"""Rows of the access table for Task (spec 07 section 2: "Tasks (all)" for every role).

Tasks are personal. Landlord users may see (and are then refused with the spec's 403 messages)
the tasks of their own landlord; tenants and contractors see only the tasks they created, so a
task of anyone outside the caller's landlord is a 404, never a 403 that confirms it exists.
"""

from apps.core.access import MANAGE, Ref, allow, register
from apps.core.scope import Role

for role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF):
    register(role, allow(MANAGE, "Task", {"landlord_id": Ref.LANDLORD}))
for role in (Role.TENANT, Role.CONTRACTOR):
    register(role, allow(MANAGE, "Task", {"created_by_id": Ref.USER}))
