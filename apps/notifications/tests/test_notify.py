"""The one ``notify`` service: channels by preference, email to SMTP, SMS to the Twilio stand-in."""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import TenantUserFactory
from apps.notifications.content import in_app_content, sms_text
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.services import channels_for, notify

pytestmark = pytest.mark.django_db

LEASE = {"propertyName": "Elm Court", "unitIdentifier": "4B", "isTenant": True, "monthlyRent": "$1,200.00"}


def test_defaults_send_in_app_and_email_not_sms(smtp_sink, twilio, django_capture_on_commit_callbacks):
    user = TenantUserFactory(first_name="Ann", last_name="Lee", phone="+15551234567")
    title, content, url = in_app_content("lease_activated", LEASE)
    with django_capture_on_commit_callbacks(execute=True):
        result = notify(
            user=user, type="lease_activated", title=title, content=content, data=LEASE, action_url=url
        )
    assert result == {
        "success": True,
        "channels": {
            "inApp": {"enabled": True, "sent": True},
            "email": {"enabled": True, "sent": True},
            "sms": {"enabled": False, "sent": False},
        },
    }
    row = Notification.objects.unscoped().get(user=user)
    assert (row.title, row.content) == (
        "Lease Activated",
        "Your lease for Elm Court - Unit 4B has been activated.",
    )
    assert smtp_sink.count == 1
    assert smtp_sink.messages[0]["Subject"] == "Lease Activated: Elm Court - 4B"
    assert "Ann Lee" in smtp_sink.parts(smtp_sink.messages[0])["text/plain"]
    assert twilio.requests == []


def test_preferences_switch_channels(smtp_sink, twilio, django_capture_on_commit_callbacks):
    user = TenantUserFactory(first_name="Ann", phone="+15551234567")
    NotificationPreference.objects.create(
        user=user, notification_type="lease_activated", in_app=False, email=False, sms=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = notify(user=user, type="lease_activated", title="t", content="c", data=LEASE)
    assert result["channels"]["inApp"]["enabled"] is False
    assert not Notification.objects.unscoped().exists()
    assert smtp_sink.count == 0
    assert len(twilio.requests) == 1
    assert twilio.requests[0]["form"]["Body"] == (
        "Hi Ann User, your lease for Elm Court - Unit 4B has been activated. Welcome to your new home! - MYTE"
    )


def test_unknown_type_sends_and_types_without_template_skip_email(
    smtp_sink, django_capture_on_commit_callbacks
):
    user = TenantUserFactory()
    assert channels_for(user.pk, "brand_new_type") == {"in_app": True, "email": True, "sms": True}
    with django_capture_on_commit_callbacks(execute=True):
        result = notify(user=user, type="visit_approved", title="Visit", content="ok")
    assert result["channels"]["email"] == {"enabled": True, "sent": False}
    assert smtp_sink.count == 0


def test_explicit_template_and_missing_user(smtp_sink, django_capture_on_commit_callbacks):
    user = TenantUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=str(user.pk),
            type="payment_overdue",
            title="Overdue",
            content="Pay",
            email_template="payment-overdue",
            email_context={"amount": "$10.00", "daysLate": 2},
        )
    assert smtp_sink.messages[0]["Subject"] == "URGENT: Payment Overdue Notice"
    assert (
        notify(user="00000000-0000-0000-0000-000000000000", type="x", title="t", content="c")["success"]
        is False
    )


def test_failure_in_a_channel_is_reported_not_raised(monkeypatch):
    user = TenantUserFactory()

    def boom(**kwargs):
        raise RuntimeError("smtp exploded")

    monkeypatch.setattr("apps.messaging.email.email_send", boom)
    result = notify(user=user, type="lease_activated", title="t", content="c", data=LEASE)
    assert result["success"] is False
    assert result["channels"]["email"]["error"] == "smtp exploded"
    assert result["channels"]["inApp"]["sent"] is True


def test_content_tables():
    assert (
        in_app_content("lease_expiring_soon", {**LEASE, "daysRemaining": 0})[1]
        == "Your lease for Elm Court - Unit 4B has expired."
    )
    assert in_app_content("unknown") == ("Notification", "You have a new notification.", None)
    assert sms_text(
        "maintenance_status_changed_completed",
        {"recipientName": "Ann", "ticketNumber": "TKT-1", "propertyName": "Elm"},
    ) == ("Hi Ann, maintenance ticket #TKT-1 at Elm is now completed. - MYTE")
    assert sms_text("visit_approved", {}) is None
