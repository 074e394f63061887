"""Isolation cases of the identity routes of the admin console (see ``tests/isolation.py``).

Every console route is SuperAdmin only: any landlord, staff, tenant or contractor gets a 403.
"""

from __future__ import annotations

from tests.isolation import Case

ZERO = "00000000-0000-0000-0000-000000000000"

ADMIN_ROUTES = [
    ("console:admin-overview", lambda w: "/admin/overview"),
    ("console:admin-landlords-list", lambda w: "/admin/landlords-list"),
    ("console:admin-users", lambda w: f"/admin/users?landlordId={w.landlord_a.pk}"),
    ("console:admin-user-detail", lambda w: f"/admin/users/{w.admin_a.pk}"),
    ("console:admin-landlords", lambda w: "/admin/landlords"),
    ("console:admin-landlord-detail", lambda w: f"/admin/landlords/{w.landlord_a.pk}"),
    ("console:admin-tenants", lambda w: "/admin/tenants"),
    ("console:admin-tenant-detail", lambda w: f"/admin/tenants/{w.tenant_org_a.pk}"),
    ("console:admin-contractors", lambda w: "/admin/contractors"),
    ("console:admin-contractor-detail", lambda w: f"/admin/contractors/{w.contractor_org_a.pk}"),
    ("console:admin-audit-logs", lambda w: "/admin/audit-logs"),
    ("console:admin-audit-log-detail", lambda w: f"/admin/audit-logs/{ZERO}"),
]

CASES = [
    Case(
        name,
        "GET",
        build,
        attackers=("admin_a", "admin_b", "staff_b", "tenant_b", "contractor_b"),
        expect=(403,),
    )
    for name, build in ADMIN_ROUTES
]
