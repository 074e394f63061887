"""Scheduled jobs of the chat domain."""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import TenantUserFactory
from apps.chat.jobs import clear_expired_mutes

pytestmark = pytest.mark.django_db


def test_clear_expired_mutes_is_idempotent():
    user = TenantUserFactory(
        muted_threads=[
            {"threadId": "a", "muteUntil": "2000-01-01T00:00:00.000Z"},
            {"threadId": "b", "muteUntil": None},
            {"threadId": "c", "muteUntil": "2999-01-01T00:00:00.000Z"},
        ]
    )
    assert clear_expired_mutes() == {"users": 1, "mutesCleared": 1}
    assert clear_expired_mutes() == {"users": 0, "mutesCleared": 0}
    user.refresh_from_db()
    assert [e["threadId"] for e in user.muted_threads] == ["b", "c"]
