"""Cross-tenant cases of the schedule routes.

Landlord B's people never see, change or delete landlord A's collection schedules (404; tenants
and contractors of B are refused earlier with 403, which says nothing about A), and cannot attach
a schedule to A's property.
"""

from __future__ import annotations

from apps.schedules.models import Schedule
from tests.isolation import Case, bearer_client

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")


def _schedule(w) -> Schedule:
    if "schedule" not in w.extra:
        from apps.properties.tests.factories import PropertyFactory
        from apps.schedules.tests.factories import ScheduleFactory

        building = PropertyFactory(landlord=w.landlord_a, name="A's building")
        w.extra["schedule"] = ScheduleFactory(property=building, created_by=w.admin_a, description="A only")
    return w.extra["schedule"]


def _detail(w) -> str:
    return f"/schedules/{_schedule(w).pk}"


def _untouched(w, path) -> None:
    schedule = Schedule.objects.including_deleted().get(pk=w.extra["schedule"].pk)
    assert (schedule.description, schedule.deleted, schedule.version) == ("A only", False, 0)


def _list_hides_a(w, path) -> None:
    for attacker in ("admin_b", "staff_b", "tenant_b"):
        body = bearer_client(getattr(w, attacker)).get("/schedules").json()
        assert str(w.extra["schedule"].pk) not in {row["_id"] for row in body["data"]}


def _nothing_added(w, path) -> None:
    assert Schedule.objects.unscoped().filter(property=w.extra["schedule"].property).count() == 1


CASES = [
    Case(
        "schedules:list",
        "GET",
        lambda w: (_schedule(w), "/schedules")[1],
        attackers=("admin_b", "staff_b", "tenant_b"),
        expect=(200,),
        unchanged=_list_hides_a,
    ),
    Case(
        "schedules:list",
        "GET",
        lambda w: (_schedule(w), "/schedules")[1],
        attackers=("contractor_b",),
        expect=(403,),
    ),
    Case(
        "schedules:list",
        "POST",
        lambda w: (_schedule(w), "/schedules")[1],
        body=lambda w: {
            "property": str(_schedule(w).property_id),
            "type": "garbage",
            "scheduledDate": "2027-01-01",
        },
        attackers=("admin_b", "staff_b"),
        unchanged=_nothing_added,
    ),
    Case(
        "schedules:list",
        "POST",
        lambda w: (_schedule(w), "/schedules")[1],
        body=lambda w: {
            "property": str(_schedule(w).property_id),
            "type": "garbage",
            "scheduledDate": "2027-01-01",
        },
        attackers=("tenant_b", "contractor_b"),
        expect=(403,),
        unchanged=_nothing_added,
    ),
    Case("schedules:detail", "GET", _detail, attackers=("admin_b", "staff_b", "tenant_b")),
    Case(
        "schedules:detail",
        "PATCH",
        _detail,
        body={"description": "pwned"},
        attackers=("admin_b", "staff_b"),
        unchanged=_untouched,
    ),
    Case(
        "schedules:detail",
        "PATCH",
        _detail,
        body={"description": "pwned"},
        attackers=("tenant_b", "contractor_b"),
        expect=(403, 404),
        unchanged=_untouched,
    ),
    Case("schedules:detail", "DELETE", _detail, attackers=("admin_b", "staff_b"), unchanged=_untouched),
    Case(
        "schedules:detail",
        "DELETE",
        _detail,
        attackers=("tenant_b", "contractor_b"),
        expect=(403, 404),
        unchanged=_untouched,
    ),
]
