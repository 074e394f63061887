"""Cross-tenant cases of the inquiry, feed post and feedback routes.

Landlord B's people attack landlord A's records: another landlord's inquiry or post does not
exist for them (404), tenants and contractors have no inquiry rights at all (403), and nothing
changes. List routes answer 200 with the caller's own data only.
"""

from __future__ import annotations

from rest_framework.test import APIClient

from apps.core.authentication import issue_access_token
from apps.marketing.models import FeedbackEntry, FeedPost, Inquiry, InquiryStatus
from tests.isolation import Case

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")


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


def _inquiry(w, **extra) -> Inquiry:
    if "inquiry" not in w.extra:
        prop = _property(w)
        w.extra["inquiry"] = Inquiry.objects.unscoped().create(
            inquiry_type="CONTACT",
            status=extra.pop("status", InquiryStatus.SUBMITTED),
            name="A's lead",
            email="lead@example.com",
            property=prop,
            unit=w.extra["unit"],
            landlord=w.landlord_a,
            message="A's message",
            **extra,
        )
    return w.extra["inquiry"]


def _inquiry_unchanged(w, path):
    inquiry = Inquiry.objects.including_deleted().get(pk=w.extra["inquiry"].pk)
    assert inquiry.name == "A's lead" and inquiry.reply is None and not inquiry.deleted
    assert inquiry.version == 0 and inquiry.status == w.extra["inquiry"].status


def _listing_excludes(*attackers, key):
    def check(w, path):
        hidden = str(w.extra[key].pk)
        for attacker in attackers:
            response = _client(getattr(w, attacker)).get(path)
            assert response.status_code in (200, 403), response.content
            if response.status_code == 200:
                body = response.json()
                rows = body["data"] if isinstance(body, dict) else body
                assert hidden not in [row["_id"] for row in rows], f"{attacker} sees {hidden}"

    return check


def _pending_inquiry(w):
    return _inquiry(w, status=InquiryStatus.PENDING_VERIFICATION, verification_code_hash="0" * 64)


def _post(w) -> FeedPost:
    if "post" not in w.extra:
        w.extra["post"] = FeedPost.objects.unscoped().create(
            property=_property(w),
            landlord=w.landlord_a,
            title="A's news",
            description="for A's residents",
            poll={
                "options": [
                    {"_id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "text": "yes", "votes": 0, "voters": []}
                ],
                "allow_multiple_votes": False,
            },
        )
    return w.extra["post"]


def _post_unchanged(w, path):
    post = FeedPost.objects.including_deleted().get(pk=w.extra["post"].pk)
    assert post.title == "A's news" and not post.deleted and post.version == 0
    assert post.upvotes == 0 and post.upvoted_by == [] and post.poll["options"][0]["voters"] == []


def _no_post_for_a(w, path):
    assert FeedPost.objects.including_deleted().filter(property=_property(w)).count() == 0


CASES = [
    Case(
        "marketing:inquiry-list",
        "GET",
        build=lambda w: (_inquiry(w), "/inquiries?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_listing_excludes(*B_SIDE, key="inquiry"),
    ),
    Case(
        "marketing:inquiry-detail",
        "GET",
        build=lambda w: f"/inquiries/{_inquiry(w).pk}",
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_inquiry_unchanged,
    ),
    Case(
        "marketing:inquiry-detail",
        "PATCH",
        build=lambda w: f"/inquiries/{_inquiry(w).pk}",
        body={"name": "B's name"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_inquiry_unchanged,
    ),
    Case(
        "marketing:inquiry-detail",
        "DELETE",
        build=lambda w: f"/inquiries/{_inquiry(w).pk}",
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_inquiry_unchanged,
    ),
    Case(
        "marketing:inquiry-reply",
        "POST",
        build=lambda w: f"/inquiries/{_inquiry(w).pk}/reply",
        body={"reply": "from B"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_inquiry_unchanged,
    ),
    Case(
        "marketing:inquiry-verify",
        "POST",
        build=lambda w: (_pending_inquiry(w), "/inquiries/contact/verify")[1],
        body=lambda w: {"inquiryId": str(w.extra["inquiry"].pk), "code": "123456"},
        attackers=B_SIDE,
        expect=(400,),
        unchanged=lambda w, path: _inquiry_unchanged(w, path),
    ),
]

CASES += [
    Case(
        "marketing:feed-post-list",
        "GET",
        build=lambda w: (_post(w), "/feed-posts?limit=100")[1],
        attackers=B_SIDE,
        expect=(200, 403),
        unchanged=_listing_excludes(*B_SIDE, key="post"),
    ),
    Case(
        "marketing:feed-post-list",
        "POST",
        build=lambda w: (_property(w), "/feed-posts")[1],
        body=lambda w: {"property": str(w.extra["property"].pk), "title": "from B", "description": "x"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_no_post_for_a,
    ),
    Case(
        "marketing:feed-post-detail",
        "GET",
        build=lambda w: f"/feed-posts/{_post(w).pk}",
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_post_unchanged,
    ),
    Case(
        "marketing:feed-post-detail",
        "PATCH",
        build=lambda w: f"/feed-posts/{_post(w).pk}",
        body={"title": "from B"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_post_unchanged,
    ),
    Case(
        "marketing:feed-post-detail",
        "DELETE",
        build=lambda w: f"/feed-posts/{_post(w).pk}",
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_post_unchanged,
    ),
    Case(
        "marketing:feed-post-vote",
        "POST",
        build=lambda w: f"/feed-posts/{_post(w).pk}/vote",
        body={"voteType": "upvote"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_post_unchanged,
    ),
    Case(
        "marketing:feed-post-poll-vote",
        "POST",
        build=lambda w: f"/feed-posts/{_post(w).pk}/poll/vote",
        body={"optionId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_post_unchanged,
    ),
]


def _feedback(w) -> FeedbackEntry:
    if "feedback" not in w.extra:
        w.extra["feedback"] = FeedbackEntry.objects.unscoped().create(
            user=w.admin_a,
            user_email=w.admin_a.email,
            conversation=[{"role": "user", "content": "A's secret", "timestamp": "2026-01-01T00:00:00.000Z"}],
        )
    return w.extra["feedback"]


def _feedback_unchanged(w, path):
    entries = FeedbackEntry.objects.unscoped().filter(user=w.admin_a)
    assert list(entries.values_list("pk", flat=True)) == [w.extra["feedback"].pk]
    assert entries.get().status == "PENDING"


CASES += [
    Case(
        "marketing:feedback-list",
        "GET",
        build=lambda w: (_feedback(w), "/feedback?limit=100")[1],
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_listing_excludes(*B_SIDE, key="feedback"),
    ),
    Case(
        "marketing:feedback-list",
        "POST",
        build=lambda w: (_feedback(w), "/feedback")[1],
        body={"conversation": [{"role": "user", "content": "B's", "timestamp": "2026-01-01T00:00:00Z"}]},
        attackers=B_SIDE,
        expect=(201,),  # files the attacker's own entry; A's entries are untouched
        unchanged=_feedback_unchanged,
    ),
    Case(
        "marketing:feedback-detail",
        "GET",
        build=lambda w: f"/feedback/{_feedback(w).pk}",
        attackers=(*B_SIDE, "staff_a", "tenant_a"),
        unchanged=_feedback_unchanged,
    ),
]

EXEMPT = {
    ("marketing:inquiry-list", "POST"): (
        "public submission (spec 04 2.2): creates a new inquiry for the named property's landlord and "
        "answers only what the submitter sent; reads no other record (test_inquiries.py::TestCreate)"
    ),
    ("marketing:inquiry-contact", "POST"): (
        "public submission (spec 04 2.3): creates a new inquiry; the verification code goes to the "
        "submitted address only, never into a response (test_inquiries.py::TestContactFlow)"
    ),
    ("marketing:inquiry-resend", "POST"): (
        "public by design (spec 04 2.5): sends a new code to the inquiry's own address, never to the "
        "caller; rate-limited and with a per-inquiry cooldown (test_resend_cooldown_and_rate_limit)"
    ),
    ("marketing:feedback-landing", "POST"): (
        "public landing chat (spec 04 5.4): queues the submitted conversation for analysis; answers a "
        "constant message and reads no record (test_feedback.py::TestLanding)"
    ),
}
