"""Cross-tenant cases of the maintenance routes (see ``tests/isolation.py``).

Landlord B's admin, staff, tenant and contractor attack landlord A's tickets, comments, scopes of
work, invoices, threads and visit requests; so does A's own contractor when the work is not
assigned to it. Every attempt is a 404 (or a 200 list without A's record) and changes nothing.
"""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.core.authentication import issue_access_token
from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork, TicketComment
from tests.isolation import Case

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")
OUTSIDERS = (*B_SIDE, "contractor_a")


def _client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_access_token(user)}")
    return client


def _property(w):
    if "property" not in w.extra:
        from apps.properties.tests.factories import PropertyFactory, UnitFactory

        w.extra["property"] = PropertyFactory(landlord=w.landlord_a, name="A's building")
        w.extra["unit"] = UnitFactory(property=w.extra["property"], unit_number="A-1")
    return w.extra["property"]


def _ticket(w, **extra) -> MaintenanceTicket:
    if "ticket" not in w.extra:
        from apps.maintenance.tests.factories import TicketFactory

        prop = _property(w)
        w.extra["ticket"] = TicketFactory(
            property=prop, unit=w.extra["unit"], requested_by=w.tenant_a, title="A's leak", **extra
        )
    return w.extra["ticket"]


def _done_ticket(w):
    return _ticket(w, status="DONE")


def _comment(w) -> TicketComment:
    if "comment" not in w.extra:
        from apps.maintenance.tests.factories import CommentFactory

        w.extra["comment"] = CommentFactory(ticket=_ticket(w), author=w.tenant_a, content="A only")
    return w.extra["comment"]


def _invoice(w) -> Invoice:
    if "invoice" not in w.extra:
        from apps.maintenance.tests.factories import InvoiceFactory

        w.extra["invoice"] = InvoiceFactory(ticket=_ticket(w), amount="42.00")
    return w.extra["invoice"]


def _invoice_unchanged(w, path):
    invoice = Invoice.objects.including_deleted().get(pk=w.extra["invoice"].pk)
    assert str(invoice.amount) == "42.00" and not invoice.deleted and invoice.version == 0


def _no_invoice_added(w, path):
    assert not Invoice.objects.including_deleted().exclude(pk=w.extra.get("invoice", _Missing).pk).exists()


class _Missing:
    pk = None


def _sow(w) -> ScopeOfWork:
    if "sow" not in w.extra:
        from apps.maintenance.tests.factories import SowFactory

        w.extra["sow"] = SowFactory(property=_property(w), landlord=w.landlord_a, title="A's job")
        _ticket(w).scope_of_work = w.extra["sow"]
        w.extra["ticket"].save()
    return w.extra["sow"]


def _sow_invoice(w) -> Invoice:
    if "invoice" not in w.extra:
        w.extra["invoice"] = Invoice.objects.unscoped().create(
            landlord=w.landlord_a,
            amount="42.00",
            issuer="LANDLORD",
            linked_entity_type="SCOPE_OF_WORK",
            scope_of_work=_sow(w),
        )
    return w.extra["invoice"]


def _sow_unchanged(w, path):
    sow = ScopeOfWork.objects.unscoped().get(pk=w.extra["sow"].pk)
    assert sow.title == "A's job" and sow.status == "OPEN" and sow.version == 0
    assert sow.assigned_contractor_id is None
    assert MaintenanceTicket.objects.unscoped().get(pk=w.extra["ticket"].pk).scope_of_work_id == sow.pk


def _no_sow_for_a(w, path):
    assert not ScopeOfWork.objects.unscoped().filter(landlord=w.landlord_a).exists()


def _s(suffix=""):
    return lambda w: f"/maintenance/scope-of-work/{_sow(w).pk}{suffix}"


def _thread(w, kind: str):
    key = f"thread_{kind}"
    if key not in w.extra:
        from apps.chat.models import Thread, ThreadParticipant

        parent = _ticket(w) if kind == "ticket" else _sow(w)
        thread = Thread.objects.unscoped().create(
            title="A's thread",
            linked_entity_type="TICKET" if kind == "ticket" else "SCOPE_OF_WORK",
            linked_entity_id=parent.pk,
            thread_type="LANDLORD_TENANT" if kind == "ticket" else "SOW_GROUP",
            landlord=w.landlord_a,
        )
        for participant_type, org, mandatory in (
            ("LANDLORD", w.landlord_a.pk, True),
            ("TENANT", w.tenant_org_a.pk, False),
        ):
            ThreadParticipant.objects.unscoped().create(
                thread=thread,
                participant_type=participant_type,
                participant_id=org,
                participant_model=participant_type.title(),
                status="ACTIVE" if mandatory else "PENDING",
                is_mandatory=mandatory,
            )
        w.extra[key] = (parent, thread)
    return w.extra[key]


def _thread_path(kind: str, suffix: str = ""):
    prefix = "tickets" if kind == "ticket" else "scope-of-work"

    def build(w):
        parent, thread = _thread(w, kind)
        return f"/maintenance/{prefix}/{parent.pk}/threads/{thread.pk}{suffix}"

    return build


def _thread_unchanged(w, path):
    from apps.chat.models import ThreadMessage, ThreadParticipant

    assert not ThreadMessage.objects.unscoped().exists()
    statuses = sorted(ThreadParticipant.objects.unscoped().values_list("status", flat=True))
    assert statuses == ["ACTIVE", "PENDING"]


def _thread_cases(kind: str, name: str) -> list:
    prefix = "tickets" if kind == "ticket" else "scope-of-work"
    respond = lambda w: {"participantType": "TENANT", "participantId": str(w.tenant_org_a.pk)}  # noqa: E731
    return [
        Case(
            f"maintenance:{name}-threads",
            "GET",
            build=lambda w: f"/maintenance/{prefix}/{_thread(w, kind)[0].pk}/threads",
            attackers=OUTSIDERS,
        ),
        Case(f"maintenance:{name}-thread", "GET", build=_thread_path(kind), attackers=OUTSIDERS),
        Case(
            f"maintenance:{name}-thread-participants",
            "GET",
            build=_thread_path(kind, "/participants"),
            attackers=OUTSIDERS,
        ),
        Case(
            f"maintenance:{name}-thread-accept",
            "POST",
            build=_thread_path(kind, "/accept"),
            body=respond,
            attackers=OUTSIDERS,
            unchanged=_thread_unchanged,
        ),
        Case(
            f"maintenance:{name}-thread-decline",
            "POST",
            build=_thread_path(kind, "/decline"),
            body=respond,
            attackers=OUTSIDERS,
            unchanged=_thread_unchanged,
        ),
        Case(
            f"maintenance:{name}-thread-messages",
            "GET",
            build=_thread_path(kind, "/messages"),
            attackers=OUTSIDERS,
        ),
        Case(
            f"maintenance:{name}-thread-messages",
            "POST",
            build=_thread_path(kind, "/messages"),
            body=lambda w: {"content": "spam", "senderType": "LANDLORD", "senderId": str(w.landlord_a.pk)},
            attackers=OUTSIDERS,
            unchanged=_thread_unchanged,
        ),
    ]


def _ticket_unchanged(w, path):
    ticket = MaintenanceTicket.objects.unscoped().get(pk=w.extra["ticket"].pk)
    assert ticket.title == "A's leak" and ticket.version == 0
    assert ticket.assigned_contractor_id is None


def _comment_unchanged(w, path):
    comment = TicketComment.objects.unscoped().get(pk=w.extra["comment"].pk)
    assert comment.content == "A only" and comment.version == 0


def _no_comment_added(w, path):
    assert not TicketComment.objects.unscoped().exists()


def _listing_excludes(key):
    def check(w, path):
        hidden = str(w.extra[key].pk)
        for attacker in OUTSIDERS:
            response = _client(getattr(w, attacker)).get(path)
            assert response.status_code == 200, response.content
            assert hidden not in {item["_id"] for item in response.json()["data"]}

    return check


def _no_ticket_for_a(w, path):
    assert MaintenanceTicket.objects.unscoped().filter(landlord=w.landlord_a).count() == 0


def _t(suffix=""):
    return lambda w: f"/maintenance/tickets/{_ticket(w).pk}{suffix}"


def _c(suffix=""):
    return lambda w: f"/maintenance/tickets/{_ticket(w).pk}/comments/{_comment(w).pk}{suffix}"


CASES = [
    Case(
        "maintenance:tickets",
        "GET",
        build=lambda w: (_ticket(w), "/maintenance/tickets?limit=100")[1],
        attackers=OUTSIDERS,
        expect=(200,),
        unchanged=_listing_excludes("ticket"),
    ),
    Case(
        "maintenance:tickets",
        "POST",
        build=lambda w: (_property(w), "/maintenance/tickets")[1],
        body=lambda w: {
            "property": str(_property(w).pk),
            "title": "x",
            "description": "y",
            "category": "OTHER",
        },
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_no_ticket_for_a,
    ),
    Case("maintenance:ticket", "GET", build=_t(), attackers=OUTSIDERS, unchanged=_ticket_unchanged),
    Case(
        "maintenance:ticket",
        "PATCH",
        build=_t(),
        body={"title": "pwned"},
        attackers=OUTSIDERS,
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:ticket",
        "DELETE",
        build=_t(),
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:ticket-assign",
        "POST",
        build=_t("/assign"),
        body=lambda w: {"contractorId": str(w.contractor_org_b.pk)},
        attackers=OUTSIDERS,
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:ticket-accept",
        "POST",
        build=_t("/accept"),
        body=lambda w: {"userId": str(w.contractor_b.pk)},
        attackers=OUTSIDERS,
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:ticket-refuse",
        "POST",
        build=_t("/refuse"),
        body={},
        attackers=OUTSIDERS,
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:ticket-mark-done",
        "POST",
        build=_t("/mark-as-done"),
        body={},
        attackers=OUTSIDERS,
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:ticket-close",
        "POST",
        build=_t("/close"),
        body={},
        attackers=OUTSIDERS,
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:ticket-reopen",
        "POST",
        build=lambda w: (_done_ticket(w), f"/maintenance/tickets/{w.extra['ticket'].pk}/reopen")[1],
        body={},
        attackers=OUTSIDERS,
    ),
    Case("maintenance:ticket-media", "GET", build=_t("/media"), attackers=OUTSIDERS),
    Case(
        "maintenance:comments",
        "GET",
        build=lambda w: (_comment(w), f"/maintenance/tickets/{_ticket(w).pk}/comments")[1],
        attackers=OUTSIDERS,
    ),
    Case(
        "maintenance:comments",
        "POST",
        build=_t("/comments"),
        body={"content": "spam"},
        attackers=OUTSIDERS,
        unchanged=_no_comment_added,
    ),
    Case(
        "maintenance:comment",
        "PATCH",
        build=_c(),
        body={"content": "pwned"},
        attackers=OUTSIDERS,
        unchanged=_comment_unchanged,
    ),
    Case("maintenance:comment", "DELETE", build=_c(), attackers=OUTSIDERS, unchanged=_comment_unchanged),
    Case("maintenance:comment-media", "GET", build=_c("/media"), attackers=OUTSIDERS),
    Case(
        "maintenance:ticket-invoices",
        "GET",
        build=lambda w: (_invoice(w), f"/maintenance/tickets/{_ticket(w).pk}/invoices")[1],
        attackers=OUTSIDERS,
    ),
    Case(
        "maintenance:ticket-invoices",
        "POST",
        build=_t("/invoices"),
        body={"amount": 1, "currency": "USD"},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_no_invoice_added,
    ),
    Case(
        "maintenance:ticket-invoice",
        "PATCH",
        build=lambda w: f"/maintenance/tickets/{_ticket(w).pk}/invoices/{_invoice(w).pk}",
        body={"amount": 1, "currency": "USD"},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_invoice_unchanged,
    ),
    Case(
        "maintenance:ticket-invoice",
        "DELETE",
        build=lambda w: f"/maintenance/tickets/{_ticket(w).pk}/invoices/{_invoice(w).pk}",
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_invoice_unchanged,
    ),
    Case(
        "maintenance:sows",
        "GET",
        build=lambda w: (_sow(w), "/maintenance/scope-of-work?limit=100")[1],
        attackers=OUTSIDERS,
        expect=(200,),
        unchanged=_listing_excludes("sow"),
    ),
    Case(
        "maintenance:sows",
        "POST",
        build=lambda w: (_ticket(w), "/maintenance/scope-of-work")[1],
        body=lambda w: {"title": "steal", "tickets": [str(_ticket(w).pk)]},
        attackers=OUTSIDERS,
        expect=(400, 403),
        unchanged=_no_sow_for_a,
    ),
    Case("maintenance:sow", "GET", build=_s(), attackers=OUTSIDERS, unchanged=_sow_unchanged),
    Case(
        "maintenance:sow",
        "DELETE",
        build=_s(),
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-assign",
        "POST",
        build=_s("/assign"),
        body=lambda w: {"contractorId": str(w.contractor_org_b.pk)},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-ticket-add",
        "POST",
        build=_s("/tickets/add"),
        body=lambda w: {"ticketId": str(w.extra["ticket"].pk)},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-ticket-remove",
        "POST",
        build=_s("/tickets/remove"),
        body=lambda w: {"ticketId": str(w.extra["ticket"].pk)},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-accept",
        "POST",
        build=_s("/accept"),
        body=lambda w: {"userId": str(w.contractor_b.pk)},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-refuse",
        "POST",
        build=_s("/refuse"),
        body={},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-close",
        "POST",
        build=_s("/close"),
        body={},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-mark-in-review",
        "POST",
        build=_s("/mark-in-review"),
        body={},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_sow_unchanged,
    ),
    Case(
        "maintenance:sow-invoices",
        "GET",
        build=lambda w: (_sow_invoice(w), f"/maintenance/scope-of-work/{_sow(w).pk}/invoices")[1],
        attackers=OUTSIDERS,
        expect=(403, 404),
    ),
    Case(
        "maintenance:sow-invoices",
        "POST",
        build=_s("/invoices"),
        body={"amount": 1, "currency": "USD"},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_no_invoice_added,
    ),
    Case(
        "maintenance:sow-invoice",
        "PATCH",
        build=lambda w: f"/maintenance/scope-of-work/{_sow(w).pk}/invoices/{_sow_invoice(w).pk}",
        body={"amount": 1, "currency": "USD"},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_invoice_unchanged,
    ),
    Case(
        "maintenance:sow-invoice",
        "DELETE",
        build=lambda w: f"/maintenance/scope-of-work/{_sow(w).pk}/invoices/{_sow_invoice(w).pk}",
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_invoice_unchanged,
    ),
    *_thread_cases("ticket", "ticket"),
    *_thread_cases("sow", "sow"),
    Case(
        "maintenance:seed-create",
        "POST",
        build=lambda w: (_property(w), "/maintenance")[1],
        body=lambda w: {
            "propertyId": str(_property(w).pk),
            "title": "x",
            "description": "y",
            "category": "OTHER",
        },
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_no_ticket_for_a,
    ),
    Case(
        "maintenance:seed-detail", "GET", build=lambda w: f"/maintenance/{_ticket(w).pk}", attackers=OUTSIDERS
    ),
    Case(
        "maintenance:seed-assign",
        "PATCH",
        build=lambda w: f"/maintenance/{_ticket(w).pk}/assign",
        body=lambda w: {"contractorId": str(w.contractor_org_b.pk)},
        attackers=OUTSIDERS,
        unchanged=_ticket_unchanged,
    ),
    Case(
        "maintenance:seed-threads",
        "POST",
        build=lambda w: f"/maintenance/{_ticket(w).pk}/threads",
        body={"message": "spam"},
        attackers=OUTSIDERS,
        unchanged=_no_comment_added,
    ),
]
