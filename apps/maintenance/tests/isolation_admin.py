"""The admin console's maintenance routes: SuperAdmin only; every landlord-side user gets 403."""

from __future__ import annotations

from apps.maintenance.tests.isolation import _sow, _ticket
from apps.maintenance.tests.isolation_visits import _visit
from tests.isolation import Case

EVERYONE_BUT_STAFF_ADMIN = ("admin_b", "staff_b", "tenant_b", "contractor_b", "admin_a", "tenant_a")

CASES = [
    Case(
        f"maintenance-admin:{name}",
        "GET",
        build=build,
        attackers=EVERYONE_BUT_STAFF_ADMIN,
        expect=(403,),
    )
    for name, build in (
        ("tickets", lambda w: (_ticket(w), "/admin/tickets")[1]),
        ("ticket", lambda w: f"/admin/tickets/{_ticket(w).pk}"),
        ("sows", lambda w: (_sow(w), "/admin/sows")[1]),
        ("sow", lambda w: f"/admin/sows/{_sow(w).pk}"),
        ("visits", lambda w: (_visit(w), "/admin/visit-requests")[1]),
        ("visit", lambda w: f"/admin/visit-requests/{_visit(w).pk}"),
    )
]
