"""Cross-tenant cases of the visit-request routes (see ``tests/isolation.py``)."""

from __future__ import annotations

from datetime import UTC, datetime

from apps.maintenance.models import VisitRequest
from apps.maintenance.tests.isolation import OUTSIDERS, _client, _property, _ticket
from tests.isolation import Case


def _visit(w) -> VisitRequest:
    if "visit" not in w.extra:
        from apps.properties.tests.factories import AvailabilityFactory

        ticket = _ticket(w)
        w.extra["slot"] = AvailabilityFactory(property=_property(w), unit=w.extra["unit"])
        w.extra["visit"] = VisitRequest.objects.unscoped().create(
            landlord=w.landlord_a,
            requested_by=w.admin_a,
            source_type="TICKET",
            ticket=ticket,
            target_type="UNIT",
            property=ticket.property,
            unit=ticket.unit,
            availability_slot=w.extra["slot"],
            visit_date=datetime(2026, 6, 1, tzinfo=UTC),
            start_time="09:00",
            end_time="10:00",
            starts_at=datetime(2026, 6, 1, 9, tzinfo=UTC),
            ends_at=datetime(2026, 6, 1, 10, tzinfo=UTC),
            message="A only",
        )
    return w.extra["visit"]


def _unchanged(w, path):
    visit = VisitRequest.objects.unscoped().get(pk=w.extra["visit"].pk)
    assert visit.status == "PENDING" and visit.version == 0 and visit.next_suggestion_id is None
    assert VisitRequest.objects.unscoped().count() == 1


def _listing_excludes(w, path):
    for attacker in OUTSIDERS:
        response = _client(getattr(w, attacker)).get(path)
        assert response.status_code == 200
        body = response.json()
        items = body["data"] if isinstance(body, dict) else body
        assert str(w.extra["visit"].pk) not in {item["_id"] for item in items}


def _v(suffix=""):
    return lambda w: f"/visit-requests/{_visit(w).pk}{suffix}"


def _no_visit_for_a(w, path):
    assert not VisitRequest.objects.unscoped().filter(landlord=w.landlord_a).exists()


def _create_body(w):
    from apps.properties.tests.factories import AvailabilityFactory

    slot = AvailabilityFactory(property=_property(w), unit=w.extra["unit"])
    return {
        "sourceType": "TICKET",
        "ticketId": str(_ticket(w).pk),
        "availabilitySlotId": str(slot.pk),
        "visitDate": "2026-06-01",
        "startTime": "09:00",
        "endTime": "10:00",
    }


CASES = [
    Case(
        "visits:list",
        "GET",
        build=lambda w: (_visit(w), "/visit-requests?limit=100")[1],
        attackers=OUTSIDERS,
        expect=(200,),
        unchanged=_listing_excludes,
    ),
    Case(
        "visits:list",
        "POST",
        build=lambda w: "/visit-requests",
        body=_create_body,
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_no_visit_for_a,
    ),
    Case(
        "visits:of-ticket",
        "GET",
        build=lambda w: (_visit(w), f"/visit-requests/ticket/{_ticket(w).pk}")[1],
        attackers=OUTSIDERS,
        expect=(200,),
        unchanged=_listing_excludes,
    ),
    Case(
        "visits:of-sow",
        "GET",
        build=lambda w: (_visit(w), f"/visit-requests/scope-of-work/{_ticket(w).pk}")[1],
        attackers=OUTSIDERS,
        expect=(200,),
        unchanged=_listing_excludes,
    ),
    Case("visits:detail", "GET", build=_v(), attackers=OUTSIDERS),
    Case(
        "visits:respond",
        "PATCH",
        build=_v("/respond"),
        body={"response": "ACCEPT"},
        attackers=OUTSIDERS,
        unchanged=_unchanged,
    ),
    Case("visits:cancel", "PATCH", build=_v("/cancel"), body={}, attackers=OUTSIDERS, unchanged=_unchanged),
    Case(
        "visits:suggest-time",
        "PATCH",
        build=_v("/suggest-time"),
        body={"visitDate": "2026-06-02", "startTime": "09:00", "endTime": "10:00"},
        attackers=OUTSIDERS,
        unchanged=_unchanged,
    ),
    Case("visits:suggestion-chain", "GET", build=_v("/suggestion-chain"), attackers=OUTSIDERS),
]

EXEMPT = {
    ("visits:marketplace", "POST"): (
        "Public marketplace visit request: it creates a request against a published slot and "
        "reads or changes no record of any landlord (tests: test_visits.py)."
    ),
}
