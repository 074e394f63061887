"""The scheduled SMS status refresh."""

from __future__ import annotations

import pytest

from apps.messaging.jobs import refresh_sms_statuses
from apps.messaging.models import SmsMessage

pytestmark = pytest.mark.django_db


def test_refresh_sms_statuses(twilio):
    from apps.messaging.sms import sms_send

    sms_send(to="+15551110000", body="x")
    assert refresh_sms_statuses() == {"checked": 1, "delivered": 1}
    assert refresh_sms_statuses() == {"checked": 0, "delivered": 0}
    assert SmsMessage.objects.get().status == "delivered"
