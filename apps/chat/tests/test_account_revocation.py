"""Sockets and access tokens follow the account (issue 8, security item 3).

Deleting, disabling or removing a user, a password reset and logout-all close the user's open
sockets within a second (``user.revoke`` on the account group) and make every access token issued
before stop working (token version). A frame from a socket whose user is gone gets an error frame
and a 4401 close, never an unhandled ``DoesNotExist``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import PasswordReset, Session, User
from apps.accounts.revocation import account_group, user_credentials_revoke
from apps.accounts.sessions import hash_token
from apps.accounts.tests.factories import LandlordStaffFactory, LandlordUserFactory
from apps.chat.tests.factories import Community, direct_thread
from apps.chat.tests.test_websockets import api, connected, post, run, socket
from apps.core.authentication import issue_access_token, user_from_token

pytestmark = pytest.mark.django_db(transaction=True)

CLOSED = {"type": "websocket.close", "code": 4401}
ERROR_FRAME = {"event": "error", "data": {"statusCode": 401, "message": "Unauthorized"}}


async def assert_closed_within_a_second(communicator) -> None:
    assert await communicator.receive_json_from(timeout=1) == ERROR_FRAME
    assert await communicator.receive_output(timeout=1) == CLOSED


def _reset_token(user) -> str:
    raw = "r" * 64
    PasswordReset.objects.create(
        user=user, token_hash=hash_token(raw), expires_at=timezone.now() + timedelta(hours=1)
    )
    return raw


# -- access tokens ---------------------------------------------------------------------------------
def test_tokens_issued_before_logout_all_stop_working():
    user = LandlordUserFactory()
    client = api(user)
    assert client.get("/auth/me").status_code == 200
    assert client.post("/auth/sessions/revoke-all").status_code == 201
    assert client.get("/auth/me").status_code == 401
    user.refresh_from_db()
    assert user.token_version == 1
    assert api(user).get("/auth/me").status_code == 200  # a token issued under the new version


def test_tokens_issued_before_a_password_reset_stop_working():
    user = LandlordUserFactory()
    old = api(user)
    Session.objects.create(
        user=user, refresh_token_hash="h" * 64, expires_at=timezone.now() + timedelta(days=1)
    )
    response = old.post("/auth/reset-password", {"token": _reset_token(user), "password": "N3w-passw0rd!"})
    assert response.status_code in (200, 201), response.content
    assert old.get("/auth/me").status_code == 401
    assert not Session.objects.filter(user=user, revoked=False).exists()
    login = APIClient().post("/auth/login", {"email": user.email, "password": "N3w-passw0rd!"}, format="json")
    assert login.status_code in (200, 201)
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['accessToken']}")
    assert fresh.get("/auth/me").status_code == 200


def test_token_check_compares_the_version_claim():
    user = LandlordUserFactory()
    token = issue_access_token(user)
    assert user_from_token(token) == user
    user_credentials_revoke(user=user)
    assert user_from_token(token) is None
    assert user_from_token(issue_access_token(User.objects.unscoped().get(pk=user.pk))) == user


# -- sockets ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/ws/chat/", "/ws/notifications/"])
def test_deleting_a_user_closes_its_sockets_within_a_second(path):
    admin = LandlordUserFactory()
    staff = LandlordStaffFactory(organization_id=admin.organization_id)
    bystander = LandlordStaffFactory(organization_id=admin.organization_id)

    async def body():
        staff_socket = await connected(socket(path, staff))
        other_socket = await connected(socket(path, bystander))
        response = await post(admin, f"/users/{staff.pk}", method="delete")
        assert response.status_code == 204, response.content
        await assert_closed_within_a_second(staff_socket)
        assert await other_socket.receive_nothing(timeout=0.3)
        await other_socket.disconnect()

    run(body)


def test_logout_all_closes_every_socket_of_the_user():
    user = LandlordUserFactory()

    async def body():
        chat = await connected(socket("/ws/chat/", user))
        notifications = await connected(socket("/ws/notifications/", user))
        response = await post(user, "/auth/sessions/revoke-all")
        assert response.status_code == 201
        await assert_closed_within_a_second(chat)
        await assert_closed_within_a_second(notifications)

    run(body)


def test_password_reset_closes_the_sockets():
    user = LandlordUserFactory()
    token = _reset_token(user)

    async def body():
        chat = await connected(socket("/ws/chat/", user))
        response = await post(user, "/auth/reset-password", {"token": token, "password": "An0ther-pass!"})
        assert response.status_code in (200, 201)
        await assert_closed_within_a_second(chat)

    run(body)


def test_disabling_in_the_django_admin_closes_the_sockets_and_stops_tokens():
    from django.contrib import admin as django_admin

    user = LandlordUserFactory()
    token = issue_access_token(user)
    model_admin = django_admin.site._registry[User]

    class ChangedForm:
        changed_data = ["is_disabled"]

    async def body():
        chat = await connected(socket("/ws/chat/", user))

        def disable():
            fresh = User.objects.unscoped().get(pk=user.pk)
            fresh.is_disabled = True
            model_admin.save_model(None, fresh, ChangedForm(), change=True)

        await database_sync_to_async(disable)()
        await assert_closed_within_a_second(chat)

    run(body)
    assert user_from_token(token) is None
    assert User.objects.unscoped().get(pk=user.pk).disabled_at is not None


def test_a_socket_opened_with_a_revoked_token_is_refused():
    user = LandlordUserFactory()
    stale = issue_access_token(user)
    user_credentials_revoke(user=user)

    async def body():
        communicator = socket("/ws/notifications/", token=stale)
        connected_ok, _ = await communicator.connect()
        assert connected_ok
        assert await communicator.receive_output(timeout=2) == CLOSED

    run(body)


@pytest.mark.parametrize("event", ["message", "typing", "read", "ping"])
def test_a_frame_from_a_socket_whose_user_is_gone_gets_an_error_and_a_close(event):
    c = Community()
    thread = direct_thread(c.tenant, c.neighbor)

    async def body():
        communicator = await connected(socket("/ws/chat/", c.tenant))

        def remove_user():
            # Gone without any revoke message (e.g. removed directly in the database).
            User.objects.including_deleted().filter(pk=c.tenant.pk).update(deleted=True)

        await database_sync_to_async(remove_user)()
        await communicator.send_json_to(
            {"event": event, "data": {"threadId": str(thread.pk), "message": "hi", "isTyping": True}}
        )
        await assert_closed_within_a_second(communicator)

    run(body)


def test_account_group_name():
    assert account_group("abc") == "account.user.abc"
