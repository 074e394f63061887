"""Rows of the access table for expenses.

Spec 05 section 0: create/update/delete LA, SA; read LA, LS, SA; tenants and contractors denied.
Corrected by spec README rule 1 (open question 1): every row is conditioned on the expense's
landlord, so another landlord's expense is a 404 and lists show only the caller's own.
"""

from apps.core.access import MANAGE, READ, Ref, allow, deny, register
from apps.core.scope import Role

OWN_LANDLORD = {"landlord_id": Ref.LANDLORD}

register(Role.LANDLORD_ADMIN, allow(MANAGE, "Expense", OWN_LANDLORD))
register(Role.LANDLORD_STAFF, allow(READ, "Expense", OWN_LANDLORD))
register(Role.TENANT, deny(MANAGE, "Expense"))
register(Role.CONTRACTOR, deny(MANAGE, "Expense"))
