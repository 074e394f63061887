"""Isolation cases of the /users routes (see ``tests/isolation.py``)."""

from __future__ import annotations

from apps.accounts.models import User
from tests.isolation import Case

OUTSIDERS = ("admin_b", "staff_b", "tenant_b", "contractor_b")


def _staff_a_path(suffix: str = ""):
    return lambda w: f"/users/{w.staff_a.pk}{suffix}"


def _staff_a_unchanged(w, path):
    user = User.objects.unscoped().get(pk=w.staff_a.pk)
    assert user.username == w.staff_a.username
    assert user.email == w.staff_a.email
    assert user.allow_group_chat_invites is True
    assert not user.profile_picture


def _no_user_created(w, path):
    assert not User.objects.including_deleted().filter(email="intruder@example.com").exists()


CASES = [
    Case("people:users-detail", "GET", _staff_a_path(), attackers=OUTSIDERS, expect=(403, 404)),
    Case(
        "people:users-detail",
        "PATCH",
        _staff_a_path(),
        body={"username": "hacked"},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_staff_a_unchanged,
    ),
    Case(
        "people:users-detail",
        "DELETE",
        _staff_a_path(),
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=lambda w, path: User.objects.unscoped().get(pk=w.staff_a.pk),
    ),
    Case(
        "people:users-profile-picture",
        "GET",
        _staff_a_path("/profile-picture"),
        attackers=OUTSIDERS,
        expect=(403, 404),
    ),
    Case(
        "people:users-profile-picture",
        "POST",
        _staff_a_path("/profile-picture"),
        body={},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_staff_a_unchanged,
    ),
    Case(
        "people:users-privacy-settings",
        "GET",
        _staff_a_path("/privacy-settings"),
        attackers=OUTSIDERS,
        expect=(403, 404),
    ),
    Case(
        "people:users-privacy-settings",
        "PATCH",
        _staff_a_path("/privacy-settings"),
        body={"allowGroupChatInvites": False},
        attackers=OUTSIDERS,
        expect=(403, 404),
        unchanged=_staff_a_unchanged,
    ),
    Case(
        "people:users-list",
        "POST",
        lambda w: "/users",
        body=lambda w: {
            "email": "intruder@example.com",
            "password": "Passw0rd!",
            "username": "intruder",
            "firstName": "I",
            "lastName": "N",
            "user_type": "Landlord",
            "organization_id": str(w.landlord_a.pk),
        },
        attackers=OUTSIDERS,
        expect=(403,),
        unchanged=_no_user_created,
    ),
]

EXEMPT = {
    ("people:users-list", "GET"): (
        "list filtered by the read rules and forced to the caller's organization; cross-organization "
        "filters return nothing (tested in test_users)"
    ),
}
