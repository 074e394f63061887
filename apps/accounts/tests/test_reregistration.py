"""Registering over an unverified account (issue 8, security item 7).

Re-registration replaces only an abandoned sign-up: never verified, older than
``REGISTRATION_GRACE_MINUTES`` and owning nothing beyond what registering made. Otherwise 409,
nothing changes, and the real owner gets a new verification email.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.accounts.models import Invitation, Landlord, User, VerificationToken
from apps.accounts.tests.factories import LandlordUserFactory
from apps.people.tests.factories import make_invitation

pytestmark = pytest.mark.django_db

STRANGER = {"firstName": "Mal", "lastName": "Lory", "email": "owner@example.com", "password": "Str4nger-pass"}


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATE_LIMIT_ENABLED = False


@pytest.fixture
def owner():
    return LandlordUserFactory(email="owner@example.com", email_verified_at=None)


def register(client, capture):
    with capture(execute=True):
        return client.post("/auth/register/landlord", STRANGER, format="json")


def later(minutes: int):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes))


def assert_refused_and_owner_notified(response, owner, mailoutbox):
    assert response.status_code == 409
    assert response.json() == {
        "statusCode": 409,
        "message": "Email is already registered and awaiting verification",
        "error": "CONFLICT",
    }
    kept = User.objects.unscoped().get(pk=owner.pk)
    assert kept.first_name == owner.first_name and kept.organization_id == owner.organization_id
    assert Landlord.objects.filter(pk=owner.organization_id).exists()
    assert User.objects.including_deleted().filter(email="owner@example.com").count() == 1
    assert [message.to for message in mailoutbox] == [["owner@example.com"]]
    assert "verify-email" in mailoutbox[0].body
    assert VerificationToken.objects.filter(user=owner).count() == 1


def test_within_the_grace_period_the_account_is_kept(
    api_client, owner, django_capture_on_commit_callbacks, mailoutbox
):
    with later(59):
        response = register(api_client, django_capture_on_commit_callbacks)
    assert_refused_and_owner_notified(response, owner, mailoutbox)


def test_an_account_that_owns_something_is_kept_after_the_grace_period(
    api_client, owner, django_capture_on_commit_callbacks, mailoutbox
):
    make_invitation(inviter=owner)  # the landlord organization has data now
    with later(24 * 60):
        response = register(api_client, django_capture_on_commit_callbacks)
    assert_refused_and_owner_notified(response, owner, mailoutbox)
    assert Invitation.objects.unscoped().filter(invited_by=owner).exists()


def test_an_abandoned_empty_signup_is_replaced_after_the_grace_period(
    api_client, owner, django_capture_on_commit_callbacks, mailoutbox
):
    with later(61):
        response = register(api_client, django_capture_on_commit_callbacks)
    assert response.status_code == 201
    assert not User.objects.including_deleted().filter(pk=owner.pk).exists()
    assert not Landlord.objects.including_deleted().filter(pk=owner.organization_id).exists()
    assert User.objects.unscoped().get(email="owner@example.com").first_name == "Mal"


def test_the_grace_period_is_a_setting(api_client, owner, settings, django_capture_on_commit_callbacks):
    settings.REGISTRATION_GRACE_MINUTES = 5
    with later(6):
        assert register(api_client, django_capture_on_commit_callbacks).status_code == 201


def test_a_verified_account_keeps_the_specs_400(api_client, django_capture_on_commit_callbacks, mailoutbox):
    LandlordUserFactory(email="owner@example.com", email_verified_at=timezone.now())
    response = register(api_client, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert response.json()["message"] == "Email is already registered"
    assert mailoutbox == []
