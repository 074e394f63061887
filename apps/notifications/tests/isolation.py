"""Cross-tenant cases of the notification routes (walked by tests/test_isolation.py)."""

from __future__ import annotations

from apps.notifications.models import Notification, NotificationPreference
from tests.isolation import Case

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")


def _notification(w):
    row = Notification.objects.unscoped().create(user=w.tenant_a, title="A's notice", content="private")
    w.extra["notification"] = row
    return row


def _still_unread(w, path):
    row = Notification.objects.unscoped().get(pk=w.extra["notification"].pk)
    assert row.read_at is None and not row.deleted


def _read_all(w):
    _notification(w)
    return "/notifications/read-all"


def _preferences(w):
    NotificationPreference.objects.create(user=w.tenant_a, notification_type="lease_activated", email=False)
    return "/notifications/preferences"


def _preferences_unchanged(w, path):
    row = NotificationPreference.objects.get(user=w.tenant_a, notification_type="lease_activated")
    assert (row.in_app, row.email, row.sms) == (True, False, False)
    assert NotificationPreference.objects.filter(user=w.tenant_a).count() == 1


def _only_own_rows(w, path):
    assert Notification.objects.unscoped().filter(user=w.tenant_a).count() == 1
    assert NotificationPreference.objects.filter(user=w.tenant_a).count() <= 1


CASES = [
    Case(
        "notifications:read",
        "PATCH",
        build=lambda w: f"/notifications/{_notification(w).pk}/read",
        attackers=B_SIDE,
        unchanged=_still_unread,
    ),
    Case(
        "notifications:detail",
        "DELETE",
        build=lambda w: f"/notifications/{_notification(w).pk}",
        attackers=B_SIDE,
        unchanged=_still_unread,
    ),
    Case(
        "notifications:read-all",
        "PATCH",
        build=_read_all,
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_still_unread,
    ),
    Case(
        "notifications:preferences",
        "PUT",
        build=_preferences,
        body={"preferences": [{"notificationType": "lease_activated", "email": True, "sms": True}]},
        attackers=B_SIDE,
        expect=(200,),  # writes the caller's own preferences only
        unchanged=_preferences_unchanged,
    ),
    Case(
        "notifications:preferences-initialize",
        "POST",
        build=lambda w: (_notification(w), "/notifications/preferences/initialize")[1],
        attackers=B_SIDE,
        expect=(201,),
        unchanged=_only_own_rows,
    ),
    Case(
        "notifications:test",
        "POST",
        build=lambda w: (_notification(w), "/notifications/test")[1],
        body={"title": "x", "content": "y"},
        attackers=B_SIDE,
        expect=(201,),  # creates a notification for the caller only
        unchanged=_only_own_rows,
    ),
    Case(
        "notifications:admin-list",
        "GET",
        build=lambda w: (_notification(w), "/admin/notifications")[1],
        attackers=("admin_b", "staff_b", "tenant_b", "contractor_b", "admin_a"),
        expect=(403,),
    ),
]

EXEMPT = {
    (
        "notifications:list",
        "GET",
    ): "caller-scoped list (user = caller); asserted in apps/notifications/tests/test_isolation_lists.py",
    (
        "notifications:unread-count",
        "GET",
    ): "caller-scoped count (user = caller); asserted in apps/notifications/tests/test_isolation_lists.py",
    (
        "notifications:preferences",
        "GET",
    ): "caller-scoped list of own preferences; asserted in apps/notifications/tests/test_isolation_lists.py",
}
