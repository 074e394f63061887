"""Rows of the access table for the KPI dashboards (spec 06).

Corrected by spec README rule 1 (spec 06 open question 1): the original answered any
authenticated user with figures over the whole database. Here only landlord users (admins and
staff) read KPIs, always of their own landlord; tenants and contractors are refused with 403.
The figures themselves are scoped by an explicit ``landlord_id`` filter in every selector.
"""

from apps.core.access import MANAGE, READ, allow, deny, register
from apps.core.scope import Role

SUBJECT = "Kpi"

register(Role.LANDLORD_ADMIN, allow(READ, SUBJECT))
register(Role.LANDLORD_STAFF, allow(READ, SUBJECT))
register(Role.TENANT, deny(MANAGE, SUBJECT))
register(Role.CONTRACTOR, deny(MANAGE, SUBJECT))
