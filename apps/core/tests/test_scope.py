"""The access scope fails closed and never outlives its unit of work (DESIGN section 6)."""

from __future__ import annotations

import threading

import pytest

from apps.accounts.models import User
from apps.accounts.tests.factories import LandlordUserFactory
from apps.core.scope import (
    ANONYMOUS,
    SYSTEM,
    AccessScopeError,
    Principal,
    access_scope,
    active_principal,
    current_principal,
    enter_scope,
    leave_scope,
    system_scope,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_scope():
    """Leave the system scope that conftest gives every test, for the duration of one test."""
    token = enter_scope(None)
    try:
        yield
    finally:
        leave_scope(token)


def test_scoped_manager_raises_without_a_scope(no_scope):
    assert active_principal() is None
    with pytest.raises(AccessScopeError, match="No access scope is active"):
        list(User.objects.all())
    with pytest.raises(AccessScopeError):
        User.objects.count()
    with pytest.raises(AccessScopeError):
        current_principal()


def test_unscoped_is_the_explicit_escape_hatch(no_scope):
    with system_scope():
        user = LandlordUserFactory()
    assert User.objects.unscoped().filter(pk=user.pk).exists()


def test_scoped_manager_filters_by_the_active_principal():
    mine = LandlordUserFactory()
    colleague = LandlordUserFactory(organization_id=mine.organization_id, is_primary=False)
    stranger = LandlordUserFactory()
    with access_scope(Principal.for_user(mine)):
        visible = set(User.objects.values_list("pk", flat=True))
    assert {mine.pk, colleague.pk} <= visible
    assert stranger.pk not in visible
    with system_scope():
        assert stranger.pk in set(User.objects.values_list("pk", flat=True))


def test_anonymous_scope_sees_nothing_scoped():
    LandlordUserFactory()
    with access_scope(ANONYMOUS):
        assert User.objects.count() == 0


def test_access_scope_is_reset_after_an_exception(no_scope):
    principal = Principal(kind="user", role="LandlordAdmin", label="x")
    with pytest.raises(ZeroDivisionError), access_scope(principal):
        assert current_principal() is principal
        1 / 0  # noqa: B018
    assert active_principal() is None
    with pytest.raises(RuntimeError), system_scope():
        raise RuntimeError("boom")
    assert active_principal() is None


def test_nested_scopes_restore_the_outer_one():
    assert current_principal() is SYSTEM
    with access_scope(ANONYMOUS):
        assert current_principal() is ANONYMOUS
        with system_scope():
            assert current_principal() is SYSTEM
        assert current_principal() is ANONYMOUS
    assert current_principal() is SYSTEM


def test_scope_does_not_cross_threads():
    seen = []
    with access_scope(ANONYMOUS):
        thread = threading.Thread(target=lambda: seen.append(active_principal()))
        thread.start()
        thread.join()
    assert seen == [None]


@pytest.mark.urls("apps.core.tests.demo_urls")
def test_a_request_scope_does_not_leak_into_the_next_request(api_client, auth_client):
    user = LandlordUserFactory()
    first = auth_client(user).get("/demo/whoami")
    assert first.status_code == 200
    assert first.json()["kind"] == "user"
    assert first.json()["label"] == str(user.pk)
    assert str(user.pk) in first.json()["visibleUsers"]
    # The next request on the same thread is anonymous: nothing of the previous one remains.
    second = api_client.get("/demo/whoami")
    assert second.json()["kind"] == "anonymous"
    # And the test's own scope is back.
    assert current_principal() is SYSTEM


@pytest.mark.urls("apps.core.tests.demo_urls")
def test_scope_is_left_when_the_handler_raises(api_client):
    api_client.raise_request_exception = False
    assert api_client.get("/demo/boom").status_code == 500
    assert current_principal() is SYSTEM


@pytest.mark.urls("apps.core.tests.demo_urls")
def test_scope_is_left_when_authentication_fails(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer broken")
    assert api_client.get("/demo/items").status_code == 401
    assert current_principal() is SYSTEM
