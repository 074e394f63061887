"""Argon2id with OWASP parameters, rehash on login, a bound on concurrent hashes, no idle UPDATE."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher, make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts import hashers
from apps.accounts.models import User
from apps.accounts.tests.factories import LandlordUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Corr3ct-Horse!"
OURS = ["apps.accounts.hashers.BoundedArgon2idHasher"]


@pytest.fixture
def argon2(settings):
    settings.PASSWORD_HASHERS = OURS


def _login(client, user):
    return client.post("/auth/login", {"email": user.email, "password": PASSWORD}, format="json")


def test_new_hashes_are_argon2id_with_the_owasp_parameters(argon2):
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert isinstance(identify_hasher(encoded), hashers.BoundedArgon2idHasher)


def test_library_default_hashes_verify_and_are_rehashed_on_login(argon2, api_client):
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    assert "m=102400,t=2,p=8" in old
    user = LandlordUserFactory()
    User.objects.unscoped().filter(pk=user.pk).update(password=old)
    assert _login(api_client, user).status_code == 201
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


def test_a_login_with_nothing_to_change_writes_no_user_row(argon2, api_client):
    user = LandlordUserFactory()
    User.objects.unscoped().filter(pk=user.pk).update(password=make_password(PASSWORD))
    with CaptureQueriesContext(connection) as queries:
        assert _login(api_client, user).status_code == 201
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "users"')]
    assert updates == []


def test_concurrent_hashes_are_bounded_per_process(settings, monkeypatch):
    settings.PASSWORD_HASH_CONCURRENCY = 2
    monkeypatch.setattr(hashers, "_slots", None)
    running = peak = 0
    lock = threading.Lock()

    def slow_verify(self, password, encoded):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return True

    monkeypatch.setattr(Argon2PasswordHasher, "verify", slow_verify)
    hasher = hashers.BoundedArgon2idHasher()
    threads = [threading.Thread(target=hasher.verify, args=("x", "y")) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak == 2


def test_me_loads_the_user_once(auth_client):
    user = LandlordUserFactory()
    client = auth_client(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/auth/me")
    assert response.status_code == 200 and response.json()["_id"] == str(user.pk)
    user_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "users"' in q["sql"]
    ]
    assert len(user_reads) == 1
