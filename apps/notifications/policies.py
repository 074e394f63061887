"""Rows of the access table for notifications: every user reaches only its own (spec 08 §2.3)."""

from apps.core.access import MANAGE, Ref, allow, register
from apps.core.scope import Role

for _role in (Role.LANDLORD_ADMIN, Role.LANDLORD_STAFF, Role.TENANT, Role.CONTRACTOR):
    register(_role, allow(MANAGE, "Notification", {"user_id": Ref.USER}))
