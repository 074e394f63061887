"""SMS through the Twilio SDK against a local stand-in of the Twilio API."""

from __future__ import annotations

import pytest

from apps.core.models import OutboxJob
from apps.messaging.models import SmsMessage
from apps.messaging.sms import send_sms_job, sms_queue, sms_refresh_status, sms_send, verification_code_text

pytestmark = pytest.mark.django_db


def test_send_goes_through_the_sdk_to_the_base_url(twilio):
    results = sms_send(to=["+15551110000", "+15552220000"], body="Hi there", message_type="generic")
    assert [r["success"] for r in results] == [True, True]
    assert len(twilio.requests) == 2
    request = twilio.requests[0]
    assert request["path"] == f"/2010-04-01/Accounts/AC{'0' * 32}/Messages.json"
    assert request["form"] == {"To": "+15551110000", "From": "+15550000000", "Body": "Hi there"}
    assert request["auth"].startswith("Basic ")
    rows = SmsMessage.objects.order_by("to")
    assert [r.status for r in rows] == ["queued", "queued"]
    assert rows[0].message_sid == results[0]["messageSid"] and rows[0].sent_at is not None


def test_refresh_status_marks_delivered(twilio):
    sms_send(to="+15551110000", body="x")
    row = SmsMessage.objects.get()
    sms_refresh_status(message=row)
    assert row.status == "delivered" and row.delivered_at is not None


def test_disabled_mode_logs_and_reports(settings, caplog):
    settings.TWILIO_ENABLED = False
    with caplog.at_level("INFO", logger="myte.sms"):
        assert sms_send(to="+1555", body="hello") == [
            {"success": False, "error": "SMS is disabled", "to": "+1555"}
        ]
    assert "hello" in caplog.text
    assert SmsMessage.objects.count() == 0
    send_sms_job(to="+1555", body="hello")  # disabled is not a failure worth retrying


def test_twilio_refusal_is_recorded_and_the_job_retries(twilio):
    twilio.fail_with = 400
    with pytest.raises(RuntimeError):
        send_sms_job(to="+1555", body="x", idempotency_key="k1")
    row = SmsMessage.objects.get()
    assert row.status == "failed" and "Invalid 'To' Phone Number" in row.error_message


def test_queued_sms_is_sent_once_even_if_run_twice(twilio, django_capture_on_commit_callbacks):
    from apps.core.jobs import run_outbox_job

    with django_capture_on_commit_callbacks(execute=True):
        job = sms_queue(to="+15551110000", body="Rent due")
    job.refresh_from_db()
    assert job.queue == "sms" and job.status == OutboxJob.Status.DONE
    assert len(twilio.requests) == 1
    # The same payload delivered again (a duplicated queue message) does not send twice.
    send_sms_job(**job.payload)
    assert run_outbox_job(str(job.pk)) == "skipped"
    assert len(twilio.requests) == 1


def test_verification_code_text(settings):
    settings.BRAND_NAME = "ACME"
    assert verification_code_text("123456", 10) == (
        "Your ACME verification code is: 123456. This code expires in 10 minutes. Do not share this code with anyone."
    )


def test_builders():
    from apps.messaging import sms_texts

    assert sms_texts.generic("Ann", "hello.") == "Hi Ann, hello. - MYTE"
    assert (
        sms_texts.rent_due("Ann", "1,200.00", "Dec 1", "Elm")
        == "Hi Ann, reminder: $1,200.00 is due Dec 1 for Elm. - MYTE"
    )
    assert sms_texts.maintenance_update("Ann", "TKT-1", "completed", "Elm", "4B") == (
        "Hi Ann, maintenance ticket #TKT-1 for unit 4B at Elm is now completed. - MYTE"
    )
    assert sms_texts.payment_alert("Ann", "overdue", "10.00", "Elm").endswith("is overdue. - MYTE")
    assert "security alert" in sms_texts.security_alert("Ann", "password_changed")
    assert sms_texts.emergency_alert("Ann", "water shut off.").startswith("EMERGENCY")
    assert sms_texts.lease_expiring("Ann", "Elm", 30).endswith("expires in 30 days. - MYTE")
    assert sms_texts.inspection("Ann", "Elm", "Dec 3").endswith("Dec 3. - MYTE")
