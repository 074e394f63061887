"""No account oracle on login and forgot-password (issue 8, security item 4).

Known and unknown emails get the same status, the same body and the same work: the lockout state
is kept for unknown emails too, a password hash is verified either way, and forgot-password
queues the same email job. (Timings are measured by hand, never asserted in tests.)
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from apps.accounts import auth_services
from apps.accounts.models import PasswordReset, Session
from apps.accounts.tests.factories import DEFAULT_PASSWORD, LandlordUserFactory
from apps.core.models import OutboxJob

pytestmark = pytest.mark.django_db

UNKNOWN = "nobody-here@example.com"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATE_LIMIT_ENABLED = False


def login(client, email, password="Wrong-passw0rd"):
    return client.post("/auth/login", {"email": email, "password": password}, format="json")


def answers(client, email, times):
    return [(r.status_code, r.json()) for r in (login(client, email) for _ in range(times))]


def test_known_and_unknown_emails_get_the_same_answers_through_the_lockout(api_client):
    user = LandlordUserFactory()
    known = answers(api_client, user.email, 7)
    unknown = answers(api_client, UNKNOWN, 7)
    assert known == unknown
    assert [body["message"] for _, body in known] == [
        *["Invalid credentials"] * 4,
        "Too many failed attempts. Account temporarily locked.",
        *["Too many failed attempts. Please try again in 1 minute."] * 2,
    ]
    assert {status for status, _ in known} == {401}


def test_a_disabled_account_answers_like_an_unknown_email_without_its_password(api_client):
    disabled = LandlordUserFactory(is_disabled=True)
    assert answers(api_client, disabled.email, 1) == answers(api_client, UNKNOWN, 1)
    assert not Session.objects.exists()


def test_a_password_hash_is_verified_for_unknown_emails_too(api_client):
    user = LandlordUserFactory()
    with (
        mock.patch.object(
            MD5PasswordHasher, "verify", autospec=True, wraps=MD5PasswordHasher.verify
        ) as verify,
        mock.patch.object(
            auth_services, "_dummy_password_check", wraps=auth_services._dummy_password_check
        ) as dummy,
    ):
        login(api_client, user.email)
        assert (verify.call_count, dummy.call_count) == (1, 0)
        login(api_client, UNKNOWN)
        assert (verify.call_count, dummy.call_count) == (2, 1)


def test_the_right_password_still_signs_in_and_clears_the_count(api_client):
    user = LandlordUserFactory()
    for _ in range(4):
        login(api_client, user.email)
    assert login(api_client, user.email, DEFAULT_PASSWORD).status_code == 201


def test_forgot_password_queues_the_same_job_for_known_and_unknown_emails(
    api_client, django_capture_on_commit_callbacks, mailoutbox
):
    user = LandlordUserFactory()
    replies = []
    for email in (user.email, UNKNOWN):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post("/auth/forgot-password", {"email": email}, format="json")
        replies.append((response.status_code, response.json()))
    assert replies == [(201, {"success": True})] * 2
    requests = OutboxJob.objects.filter(task=auth_services.FORGOT_PASSWORD_TASK).order_by("created_at")
    assert [job.payload for job in requests] == [{"email": user.email}, {"email": UNKNOWN}]
    assert {job.queue for job in requests} == {"email"}
    assert {job.status for job in requests} == {OutboxJob.Status.DONE}
    # Only the real account got a reset link.
    assert [message.to for message in mailoutbox] == [[user.email]]
    assert PasswordReset.objects.filter(user=user).count() == 1
