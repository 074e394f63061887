"""Feedback (spec 04 section 5): entries, the feedback-analysis queue, landing chat, subscribers."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.core.models import OutboxJob
from apps.marketing.feedback.classifier import DEFAULT_ACTION, LANDING_BODY, heuristic_analysis
from apps.marketing.models import FeedbackEntry, FeedbackStatus, Subscriber

pytestmark = pytest.mark.django_db

NOW = "2026-03-01T10:00:00Z"


def conversation(*texts, role="user"):
    return [{"role": role, "content": text, "timestamp": NOW} for text in texts]


def landing_body(**extra):
    return {
        "email": " Lead@Example.com ",
        "channel": "landing-marketing",
        "name": "Lee",
        "conversation": [
            {"role": "assistant", "content": "Hi! What brings you here?"},
            {"role": "user", "content": "I manage 12 units and rent collection is a mess"},
        ],
        **extra,
    }


class TestSubmit:
    def test_entry_is_pending_and_queued_for_analysis(self, auth_client, side_a):
        response = auth_client(side_a.tenant).post(
            "/feedback", {"conversation": conversation("  The dashboard is DOWN  ")}, format="json"
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["status"] == "PENDING" and body["priority"] == "HIGH"
        assert body["user"] == str(side_a.tenant.pk) and body["userEmail"] == side_a.tenant.email
        assert body["conversation"] == [
            {"role": "user", "content": "The dashboard is DOWN", "timestamp": "2026-03-01T10:00:00.000Z"}
        ]
        job = OutboxJob.objects.get(task="apps.marketing.jobs.analyze_feedback_job")
        assert (
            job.queue == "feedback-analysis"
            and job.payload == {"feedbackId": body["_id"]}
            or job.payload == {"feedback_id": body["_id"]}
        )
        assert job.max_attempts == 3 and job.status == OutboxJob.Status.PENDING
        assert FeedbackEntry.objects.unscoped().get(pk=body["_id"]).analysis is None

    def test_analysis_runs_after_commit_with_the_rules(
        self, auth_client, side_a, django_capture_on_commit_callbacks
    ):
        text = "Rent invoices are a manual mess and I am frustrated"
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(side_a.admin).post(
                "/feedback", {"priority": "LOW", "conversation": conversation(text)}, format="json"
            )
        entry = FeedbackEntry.objects.unscoped().get(pk=response.json()["_id"])
        assert entry.status == FeedbackStatus.COMPLETED and entry.analyzed_at is not None
        assert entry.analysis == {
            "summary": text,
            "action_items": [
                "Document the current workflow, flag repetitive steps, and spec automation opportunities."
            ],
            "tags": ["Revenue Ops"],
            "sentiment": "frustrated",
            "recommended_priority": "LOW",
        }
        detail = auth_client(side_a.admin).get(f"/feedback/{entry.pk}").json()
        assert detail["analysis"]["actionItems"] and detail["analysis"]["recommendedPriority"] == "LOW"

    def test_validation(self, auth_client, side_a):
        client = auth_client(side_a.admin)
        cases = [
            {"conversation": []},
            {"conversation": [{"role": "bot", "content": "x", "timestamp": NOW}]},
            {"conversation": [{"role": "user", "content": "x" * 2001, "timestamp": NOW}]},
            {"conversation": [{"role": "user", "content": "x", "timestamp": "yesterday"}]},
            {"conversation": [{"role": "user", "content": "x", "timestamp": NOW, "extra": 1}]},
            {"priority": "URGENT", "conversation": conversation("x")},
        ]
        for body in cases:
            assert client.post("/feedback", body, format="json").status_code == 400, body
        assert not FeedbackEntry.objects.unscoped().exists() and not OutboxJob.objects.exists()

    def test_needs_authentication(self, api_client, db):
        assert (
            api_client.post("/feedback", {"conversation": conversation("x")}, format="json").status_code
            == 401
        )
        assert api_client.get("/feedback").status_code == 401

    def test_rate_limits(self, auth_client, side_a):
        start = timezone.now()
        for hour in range(3):
            with time_machine.travel(start + timedelta(hours=hour * 2)):
                client = auth_client(side_a.staff)
                for _ in range(5):
                    assert (
                        client.post(
                            "/feedback", {"conversation": conversation("x")}, format="json"
                        ).status_code
                        == 201
                    )
                if hour == 0:
                    response = client.post("/feedback", {"conversation": conversation("x")}, format="json")
                    assert response.status_code == 429
                    assert response.json()["message"] == "You can only submit 5 feedback items per hour."
        with time_machine.travel(start + timedelta(hours=7)):
            response = auth_client(side_a.staff).post(
                "/feedback", {"conversation": conversation("x")}, format="json"
            )
        assert response.status_code == 429
        assert response.json()["message"] == "You can only submit 15 feedback items per day."
        assert FeedbackEntry.objects.unscoped().count() == 15


class TestRead:
    def test_list_is_the_callers_own_newest_first(self, auth_client, side_a, side_b):
        client = auth_client(side_a.admin)
        first = client.post("/feedback", {"conversation": conversation("one")}, format="json").json()
        FeedbackEntry.objects.unscoped().filter(pk=first["_id"]).update(
            created_at=timezone.now() - timedelta(minutes=5)
        )
        second = client.post("/feedback", {"conversation": conversation("two")}, format="json").json()
        auth_client(side_b.admin).post("/feedback", {"conversation": conversation("theirs")}, format="json")
        rows = client.get("/feedback").json()
        assert [row["_id"] for row in rows] == [second["_id"], first["_id"]]
        assert [row["_id"] for row in client.get("/feedback", {"limit": 1}).json()] == [second["_id"]]
        assert len(client.get("/feedback", {"limit": 500}).json()) == 2
        response = client.get("/feedback", {"limit": "many"})
        assert response.status_code == 400 and response.json()["message"] == [
            "limit must be an integer number"
        ]

    def test_list_query_count_is_constant(self, auth_client, side_a, django_assert_max_num_queries):
        def entry():
            FeedbackEntry.objects.unscoped().create(
                user=side_a.admin, user_email=side_a.admin.email, conversation=conversation("x")
            )

        entry()
        client = auth_client(side_a.admin)
        with django_assert_max_num_queries(10) as small:
            client.get("/feedback")
        for _ in range(20):
            entry()
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert len(client.get("/feedback").json()) == 20

    def test_detail_of_another_user_is_not_found(self, auth_client, side_a):
        entry = (
            auth_client(side_a.admin)
            .post("/feedback", {"conversation": conversation("x")}, format="json")
            .json()
        )
        response = auth_client(side_a.staff).get(f"/feedback/{entry['_id']}")
        assert response.status_code == 404 and response.json()["message"] == "Feedback not found"
        response = auth_client(side_a.admin).get("/feedback/not-an-id")
        assert response.status_code == 400 and response.json()["message"] == "Invalid ID: not-an-id"


class TestAnalysisJob:
    def test_model_answer_is_used(self, side_a, openai_stand_in, settings):
        from apps.marketing.jobs import analyze_feedback_job

        settings.OPENAI_FEEDBACK_MODEL = None
        entry = FeedbackEntry.objects.unscoped().create(
            user=side_a.admin, user_email=side_a.admin.email, conversation=conversation("hi")
        )
        openai_stand_in.answer = json.dumps(
            {
                "summary": "Wants faster payouts",
                "action_items": ["Call back"],
                "tags": ["Payments"],
                "sentiment": "positive",
                "recommended_priority": "high",
                "escalation_risk": "low",
            }
        )
        analyze_feedback_job(feedback_id=str(entry.pk))
        entry.refresh_from_db()
        assert entry.status == FeedbackStatus.COMPLETED and entry.priority == "HIGH"
        assert entry.analysis == {
            "summary": "Wants faster payouts",
            "action_items": ["Call back"],
            "tags": ["Payments"],
            "sentiment": "positive",
            "recommended_priority": "HIGH",
            "escalation_risk": "low",
        }
        request = openai_stand_in.requests[0]
        assert request["path"] == "/v1/responses" and request["auth"] == "Bearer sk-test"
        assert request["body"]["model"] == "gpt-4.1-mini" and request["body"]["temperature"] == 0.2
        assert json.loads(request["body"]["input"])[0]["content"] == "hi"

    def test_model_failure_falls_back_on_the_rules(self, side_a, openai_stand_in):
        from apps.marketing.jobs import analyze_feedback_job

        openai_stand_in.status = 500
        entry = FeedbackEntry.objects.unscoped().create(
            user=side_a.admin, user_email=side_a.admin.email, conversation=conversation("hello there")
        )
        analyze_feedback_job(feedback_id=str(entry.pk))
        entry.refresh_from_db()
        assert entry.status == FeedbackStatus.COMPLETED
        assert entry.analysis["tags"] == ["General Insight"] and entry.analysis["action_items"] == [
            DEFAULT_ACTION
        ]

    def test_persist_failure_marks_failed_and_retries(self, side_a, monkeypatch):
        from apps.core import jobs
        from apps.marketing.feedback import services

        entry = FeedbackEntry.objects.unscoped().create(
            user=side_a.admin, user_email=side_a.admin.email, conversation=conversation("x")
        )
        job = jobs.enqueue(
            "apps.marketing.jobs.analyze_feedback_job",
            queue="feedback-analysis",
            max_attempts=3,
            feedback_id=str(entry.pk),
        )

        def broken(conversation, priority):
            return {"summary": {"not", "json"}, "recommended_priority": "LOW"}

        monkeypatch.setattr(services, "analyze_conversation", broken)
        assert jobs.run_outbox_job(str(job.pk)) == "retry"
        entry.refresh_from_db()
        assert entry.status == FeedbackStatus.FAILED and entry.failure_reason
        monkeypatch.undo()
        OutboxJob.objects.filter(pk=job.pk).update(run_after=timezone.now())
        assert jobs.run_outbox_job(str(job.pk)) == "done"
        entry.refresh_from_db()
        assert entry.status == FeedbackStatus.COMPLETED and entry.failure_reason is None

    def test_missing_entry_finishes(self, db):
        from apps.marketing.jobs import analyze_feedback_job

        analyze_feedback_job(feedback_id="3f2504e0-4f89-41d3-9a0c-0305e82c3301")

    def test_rules(self):
        long = "maintenance ticket from a tenant about the vendor report " + "x" * 300
        analysis = heuristic_analysis(
            [{"role": "assistant", "content": "any duplicate work?"}, {"role": "user", "content": long}], None
        )
        assert analysis["tags"] == ["Maintenance", "Resident Experience", "Vendor Ops", "Insights"]
        assert len(analysis["action_items"]) == 3 and analysis["summary"].endswith("...")
        assert len(analysis["summary"]) == 240 and analysis["recommended_priority"] == "MEDIUM"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_analysis_goes_through_the_feedback_analysis_queue(use_redis, auth_client):
    """A real RQ worker on the ``feedback-analysis`` queue runs the job; the request did not."""
    import django_rq
    from rq import SimpleWorker

    from apps.core.scope import system_scope
    from apps.marketing.tests.conftest import make_side

    with system_scope():
        side = make_side("Q")
    response = auth_client(side.admin).post(
        "/feedback", {"conversation": conversation("rent")}, format="json"
    )
    assert response.status_code == 201 and response.json()["status"] == "PENDING"
    with system_scope():
        entry = FeedbackEntry.objects.unscoped().get(pk=response.json()["_id"])
        assert entry.status == FeedbackStatus.PENDING
        assert OutboxJob.objects.get(task="apps.marketing.jobs.analyze_feedback_job").status == "enqueued"
    assert django_rq.get_queue("feedback-analysis").count == 1
    django_rq.get_worker("feedback-analysis", worker_class=SimpleWorker).work(
        burst=True, with_scheduler=False
    )
    with system_scope():
        entry.refresh_from_db()
        assert entry.status == FeedbackStatus.COMPLETED and entry.analysis["tags"] == ["Revenue Ops"]


class TestLanding:
    def test_queues_and_answers_at_once(self, api_client, db):
        response = api_client.post("/feedback/landing/auto", landing_body(), format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "ok"
        job = OutboxJob.objects.get(task="apps.marketing.jobs.landing_feedback_job")
        assert job.queue == "feedback-analysis" and job.payload["email"] == "lead@example.com"
        assert not Subscriber.objects.exists()

    def test_processing_offline(
        self, api_client, side_a, settings, django_capture_on_commit_callbacks, mailoutbox
    ):
        settings.FEEDBACK_INBOX_EMAIL = "inbox@myte.test"
        side_a.admin.email = "lead@example.com"
        side_a.admin.save(update_fields=["email"])
        with django_capture_on_commit_callbacks(execute=True):
            api_client.post("/feedback/landing/auto", landing_body(), format="json")
        subscriber = Subscriber.objects.get(email="lead@example.com")
        assert subscriber.name == "Lee" and subscriber.last_channel == "landing-marketing"
        assert subscriber.tags == ["Landing Chat"] and subscriber.last_sentiment == "neutral"
        assert subscriber.last_summary.startswith("MYTE Estates: Hi! What brings you here?\nUser: I manage")
        entry = FeedbackEntry.objects.unscoped().get(user=side_a.admin)
        assert entry.status == FeedbackStatus.COMPLETED and entry.analysis["tags"] == ["Landing Chat"]
        subjects = {tuple(m.to): m.subject for m in mailoutbox}
        assert (
            subjects[("inbox@myte.test",)]
            == "New landing chat feedback from lead@example.com (landing-marketing)"
        )
        assert subjects[("lead@example.com",)] == "Thanks for your feedback on MYTE Estates"
        assert LANDING_BODY in next(m.body for m in mailoutbox if m.to == ["lead@example.com"])

    def test_processing_with_the_model_updates_the_subscriber(self, openai_stand_in, db, mailoutbox):
        from apps.marketing.jobs import landing_feedback_job

        Subscriber.objects.create(email="lead@example.com", name="Old")
        openai_stand_in.answer = json.dumps(
            {
                "summary": "Owner of 12 units",
                "tags": [f"t{i}" for i in range(10)],
                "sentiment": "positive",
                "primary_role": "owner",
                "priority": "HIGH",
                "user_email_body": "Thanks a lot.",
            }
        )
        landing_feedback_job(
            email="lead@example.com", channel="c", name="", conversation=landing_body()["conversation"]
        )
        subscriber = Subscriber.objects.get(email="lead@example.com")
        assert subscriber.name == "Old" and subscriber.last_summary == "Owner of 12 units"
        assert subscriber.tags == [f"t{i}" for i in range(8)] and subscriber.last_sentiment == "positive"
        assert openai_stand_in.requests[0]["body"]["max_output_tokens"] == 300
        assert openai_stand_in.requests[0]["body"]["model"] == "gpt-4.1"

    def test_validation_and_rate_limit(self, api_client, db, settings):
        settings.RATE_LIMIT_ENABLED = False
        bad = [
            landing_body(email="nope"),
            landing_body(channel=""),
            landing_body(conversation=[]),
            landing_body(conversation=[{"role": "user", "content": "x"}] * 31),
            landing_body(conversation=[{"role": "user", "content": ""}]),
            landing_body(conversation=[{"role": "user", "content": "x", "timestamp": NOW}]),
        ]
        for body in bad:
            assert api_client.post("/feedback/landing/auto", body, format="json").status_code == 400, body
        assert not OutboxJob.objects.exists()
        settings.RATE_LIMIT_ENABLED = True
        statuses = [
            api_client.post("/feedback/landing/auto", landing_body(), format="json").status_code
            for _ in range(6)
        ]
        assert statuses.count(429) >= 1
