"""``/auth``: login, lockout, registration, refresh, logout, sessions and ``/auth/me`` (spec 02 section 2)."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import unquote

import bcrypt
import pytest
import time_machine
from django.utils import timezone

from apps.accounts.login_lockout import lock_minutes
from apps.accounts.models import Contractor, Landlord, Session, Tenant, User, VerificationToken
from apps.accounts.sessions import hash_token
from apps.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    ContractorUserFactory,
    LandlordFactory,
    LandlordUserFactory,
    TenantUserFactory,
)

pytestmark = pytest.mark.django_db


def login(client, email, password=DEFAULT_PASSWORD):
    return client.post("/auth/login", {"email": email, "password": password}, format="json")


# -- login -------------------------------------------------------------------------------------------
class TestLogin:
    def test_valid_credentials_return_tokens_and_set_cookies(self, api_client):
        user = LandlordUserFactory(failed_login_attempts=3)
        response = api_client.post(
            "/auth/login",
            {"email": f"  {user.email.upper()} ", "password": DEFAULT_PASSWORD},
            format="json",
            HTTP_USER_AGENT="pytest-agent",
        )
        assert response.status_code == 201
        body = response.json()
        assert set(body) == {"user", "accessToken", "refreshToken"}
        assert body["user"] == {
            "_id": str(user.pk),
            "username": user.username,
            "email": user.email,
            "user_type": "Landlord",
            "organization_id": str(user.organization_id),
            "isPrimary": True,
            "emailVerifiedAt": None,
            "role": "LandlordAdmin",
        }
        assert len(body["refreshToken"]) == 96
        session = Session.objects.get(user=user)
        assert session.refresh_token_hash == hash_token(body["refreshToken"])
        assert body["refreshToken"] not in session.refresh_token_hash
        assert session.user_agent == "pytest-agent"
        cookies = response.cookies
        assert cookies["access_token"].value == body["accessToken"]
        assert cookies["access_token"]["httponly"] and cookies["access_token"]["samesite"] == "Strict"
        assert cookies["access_token"]["max-age"] == 900
        assert cookies["refresh_token"]["httponly"] and cookies["refresh_token"]["samesite"] == "Lax"
        assert cookies["refresh_token"]["max-age"] == 30 * 86400
        assert len(cookies["csrf_token"].value) == 64 and not cookies["csrf_token"]["httponly"]
        assert cookies["csrf_token"]["max-age"] == 7 * 86400
        user_data = json.loads(unquote(cookies["user-data"].value))
        assert user_data == body["user"]
        assert cookies["user-data"]["samesite"] == "Lax"
        for morsel in cookies.values():
            assert morsel["path"] == "/"
            assert not morsel["secure"]

    def test_cookie_domain_and_secure_follow_settings(self, api_client, settings):
        settings.AUTH_COOKIE_DOMAIN = ".example.com"
        settings.AUTH_COOKIE_SECURE = True
        user = LandlordUserFactory()
        response = login(api_client, user.email)
        for name in ("access_token", "refresh_token", "csrf_token", "user-data"):
            assert response.cookies[name]["domain"] == ".example.com"
            assert response.cookies[name]["secure"]

    def test_wrong_password_is_401(self, api_client):
        user = LandlordUserFactory()
        response = login(api_client, user.email, "Wrong-passw0rd")
        assert response.status_code == 401
        assert response.json()["message"] == "Invalid credentials"
        assert not Session.objects.exists()

    def test_unknown_email_is_401(self, api_client):
        response = login(api_client, "nobody@example.com")
        assert response.status_code == 401
        assert response.json() == {
            "statusCode": 401,
            "message": "Invalid credentials",
            "error": "UNAUTHORIZED",
        }

    def test_soft_deleted_user_cannot_log_in(self, api_client):
        user = LandlordUserFactory()
        user.soft_delete()
        assert login(api_client, user.email).status_code == 401

    def test_disabled_account_is_named_only_to_the_holder_of_the_password(self, api_client):
        user = LandlordUserFactory(is_disabled=True)
        response = login(api_client, user.email)
        assert response.status_code == 401
        assert response.json()["message"] == "Account is disabled"
        response = login(api_client, user.email, "Wrong-passw0rd")
        assert response.json()["message"] == "Invalid credentials"
        assert not Session.objects.exists()

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"email": "not-an-email", "password": "x"}, "email must be an email"),
            ({"email": "a@b.co"}, "password should not be empty"),
            ({"email": "a@b.co", "password": "x", "extra": 1}, "property extra should not exist"),
        ],
    )
    def test_validation(self, api_client, body, message):
        response = api_client.post("/auth/login", body, format="json")
        assert response.status_code == 400
        assert message in response.json()["message"]

    def test_legacy_bcrypt_hash_logs_in_and_is_upgraded(self, api_client):
        user = LandlordUserFactory()
        legacy = bcrypt.hashpw(b"password123", bcrypt.gensalt(rounds=4)).decode()
        User.objects.unscoped().filter(pk=user.pk).update(password=legacy)
        assert login(api_client, user.email, "password123").status_code == 201
        user.refresh_from_db()
        assert not user.password.startswith("$2")

    def test_rate_limit_is_five_per_minute(self, api_client):
        user = LandlordUserFactory()
        statuses = [login(api_client, user.email, "bad").status_code for _ in range(6)]
        assert statuses[:5] == [401] * 5
        assert statuses[5] == 429
        response = login(api_client, user.email)
        assert response.status_code == 429
        assert response.json()["message"] == "ThrottlerException: Too Many Requests"
        assert "Retry-After" in response


class TestLockout:
    """Keyed by email and client address, kept for unknown emails alike (issue 8, item 4)."""

    @pytest.mark.parametrize(("failures", "minutes"), [(5, 1), (6, 2), (7, 4), (8, 8), (9, 15), (40, 15)])
    def test_lock_length(self, failures, minutes):
        assert lock_minutes(failures) == minutes

    @pytest.fixture(autouse=True)
    def _no_rate_limit(self, settings):
        settings.RATE_LIMIT_ENABLED = False

    def test_fifth_failure_locks_even_the_right_password_then_expires(self, api_client):
        user = LandlordUserFactory()
        messages = [login(api_client, user.email, "bad").json()["message"] for _ in range(5)]
        assert messages == ["Invalid credentials"] * 4 + [
            "Too many failed attempts. Account temporarily locked."
        ]
        response = login(api_client, user.email)
        assert response.status_code == 401
        assert response.json()["message"] == "Too many failed attempts. Please try again in 1 minute."
        assert not Session.objects.exists()
        with time_machine.travel(timezone.now() + timedelta(seconds=61)):
            assert login(api_client, user.email).status_code == 201

    def test_success_clears_the_count(self, api_client):
        user = LandlordUserFactory()
        for _ in range(4):
            login(api_client, user.email, "bad")
        assert login(api_client, user.email).status_code == 201
        for _ in range(4):
            assert login(api_client, user.email, "bad").json()["message"] == "Invalid credentials"

    def test_lock_grows_with_further_failures(self, api_client):
        user = LandlordUserFactory()
        for _ in range(5):
            login(api_client, user.email, "bad")
        with time_machine.travel(timezone.now() + timedelta(seconds=61)):
            response = login(api_client, user.email, "bad")
            assert response.json()["message"] == "Too many failed attempts. Account temporarily locked."
            response = login(api_client, user.email)
            assert response.json()["message"] == "Too many failed attempts. Please try again in 2 minutes."

    def test_a_lock_from_one_address_does_not_lock_the_owner_elsewhere(self, api_client):
        user = LandlordUserFactory()
        for _ in range(5):
            api_client.post(
                "/auth/login",
                {"email": user.email, "password": "bad"},
                format="json",
                REMOTE_ADDR="10.0.0.66",
            )
        attacker = api_client.post(
            "/auth/login",
            {"email": user.email, "password": DEFAULT_PASSWORD},
            format="json",
            REMOTE_ADDR="10.0.0.66",
        )
        assert attacker.status_code == 401
        assert login(api_client, user.email).status_code == 201  # the owner, from another address


# -- registration ------------------------------------------------------------------------------------
LANDLORD_BODY = {
    "firstName": "Jane",
    "lastName": "Doe",
    "email": "Jane.Doe@Example.com",
    "password": "longenough",
    "organizationName": "  Doe Homes ",
}
TENANT_BODY = {
    "name": "Doe Family",
    "username": "JaneD",
    "firstName": "Jane",
    "lastName": "Doe",
    "email": "jane@example.com",
    "phone": "+15550001",
    "password": "Str0ngPass",
}
CONTRACTOR_BODY = {
    "name": "Fix It Co",
    "username": "fixit",
    "firstName": "Bob",
    "lastName": "Fixer",
    "email": "bob@example.com",
    "category": "Plumbing",
    "password": "Str0ngPass",
}


class TestRegistration:
    def post(self, client, path, body, capture):
        with capture(execute=True):
            return client.post(path, body, format="json")

    def test_landlord(self, api_client, django_capture_on_commit_callbacks, mailoutbox):
        response = self.post(
            api_client, "/auth/register/landlord", LANDLORD_BODY, django_capture_on_commit_callbacks
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        landlord = Landlord.objects.get(name="Doe Homes")
        user = User.objects.unscoped().get(email="jane.doe@example.com")
        assert body["success"] is True
        assert body["message"] == "Registration successful. Please verify your email."
        assert body["organization"] == {"_id": str(landlord.pk), "name": "Doe Homes"}
        assert body["user"]["role"] == "LandlordAdmin" and body["user"]["isPrimary"] is True
        assert isinstance(body["accessToken"], str)
        assert user.username == "jane.doe" and user.organization_id == landlord.pk
        assert user.role == "LandlordAdmin" and user.user_type == "Landlord"
        assert user.check_password("longenough")
        assert Session.objects.filter(user=user).count() == 1
        assert set(response.cookies) >= {"access_token", "refresh_token", "csrf_token", "user-data"}
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.to == ["jane.doe@example.com"]
        assert "http://localhost:5173/verify-email?token=" in message.body
        token = message.body.split("verify-email?token=")[1].split()[0]
        record = VerificationToken.objects.get(user=user)
        assert record.token_hash == hash_token(token)
        assert token not in record.token_hash
        html = message.alternatives[0][0]
        assert "Verify email" in html and token in html

    def test_landlord_name_defaults_and_suffixes(self, api_client, settings):
        settings.RATE_LIMIT_ENABLED = False
        LandlordFactory(name="Jane Doe")
        UserOwner = LandlordUserFactory(username="jane", email="other@example.com")  # noqa: N806
        body = {**LANDLORD_BODY, "organizationName": "", "email": "jane@x.io"}
        response = api_client.post("/auth/register/landlord", body, format="json")
        assert response.status_code == 201
        assert response.json()["organization"]["name"] == "Jane Doe (2)"
        assert User.objects.unscoped().get(email="jane@x.io").username == "jane2"
        UserOwner.refresh_from_db()
        assert UserOwner.username == "jane"
        assert UserOwner.email == "other@example.com"

    def test_verified_email_is_rejected(self, api_client):
        LandlordUserFactory(email="jane.doe@example.com", email_verified_at=timezone.now())
        response = api_client.post("/auth/register/landlord", LANDLORD_BODY, format="json")
        assert response.status_code == 400
        assert response.json()["message"] == "Email is already registered"
        assert not Landlord.objects.filter(name="Doe Homes").exists()

    def test_unverified_registration_is_replaced(self, api_client):
        old = LandlordUserFactory(email="jane.doe@example.com")
        old_org = old.organization_id
        Session.objects.create(user=old, refresh_token_hash="x" * 64, expires_at=timezone.now())
        with time_machine.travel(timezone.now() + timedelta(minutes=61)):
            response = api_client.post("/auth/register/landlord", LANDLORD_BODY, format="json")
        assert response.status_code == 201
        assert not User.objects.including_deleted().filter(pk=old.pk).exists()
        assert not Landlord.objects.including_deleted().filter(pk=old_org).exists()
        assert not Session.objects.including_deleted().filter(refresh_token_hash="x" * 64).exists()

    def test_unverified_account_of_a_shared_organization_is_not_replaced(self, api_client):
        old = LandlordUserFactory(email="jane.doe@example.com")
        LandlordUserFactory(organization_id=old.organization_id, is_primary=False)
        with time_machine.travel(timezone.now() + timedelta(minutes=61)):
            response = api_client.post("/auth/register/landlord", LANDLORD_BODY, format="json")
        assert response.status_code == 409
        assert User.objects.unscoped().filter(pk=old.pk).exists()
        assert Landlord.objects.filter(pk=old.organization_id).exists()

    def test_landlord_validation(self, api_client):
        response = api_client.post(
            "/auth/register/landlord", {"email": "bad", "password": "short"}, format="json"
        )
        assert response.status_code == 400
        messages = response.json()["message"]
        assert "email must be an email" in messages
        assert "password must be longer than or equal to 8 characters" in messages
        assert "firstName should not be empty" in messages

    def test_tenant(self, api_client, django_capture_on_commit_callbacks, mailoutbox):
        response = self.post(
            api_client, "/auth/register/tenant", TENANT_BODY, django_capture_on_commit_callbacks
        )
        assert response.status_code == 201, response.json()
        tenant = Tenant.objects.unscoped().get(name="Doe Family")
        user = User.objects.unscoped().get(email="jane@example.com")
        assert response.json()["organization"] == {"_id": str(tenant.pk), "name": "Doe Family"}
        assert user.username == "janed" and user.role == "Tenant" and user.is_primary
        assert user.phone == "+15550001" and user.organization_id == tenant.pk
        assert list(tenant.landlords.all()) == []
        assert len(mailoutbox) == 1

    def test_tenant_conflicts(self, api_client, settings):
        settings.RATE_LIMIT_ENABLED = False
        TenantUserFactory(username="janed")
        response = api_client.post("/auth/register/tenant", TENANT_BODY, format="json")
        assert response.status_code == 400
        assert response.json()["message"] == "Username is already taken"
        Tenant.objects.unscoped().create(name="doe family")
        response = api_client.post(
            "/auth/register/tenant", {**TENANT_BODY, "username": "other"}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["message"] == "A tenant with this name already exists"
        assert not User.objects.unscoped().filter(email="jane@example.com").exists()

    @pytest.mark.parametrize("password", ["alllowercase1", "ALLUPPER1", "NoDigitsHere", ".Abcdefgh", "Ab1"])
    def test_tenant_weak_password(self, api_client, settings, password):
        settings.RATE_LIMIT_ENABLED = False
        response = api_client.post(
            "/auth/register/tenant", {**TENANT_BODY, "password": password}, format="json"
        )
        assert response.status_code == 400
        messages = response.json()["message"]
        assert any(
            text.startswith("Password must contain at least one uppercase letter")
            or text == "password must be longer than or equal to 8 characters"
            for text in messages
        )

    @pytest.mark.parametrize("password", ["Abcdefg1", "Abcdefg!", "x.Abcdefg", "Pass word"])
    def test_tenant_strong_passwords(self, api_client, settings, password):
        settings.RATE_LIMIT_ENABLED = False
        response = api_client.post(
            "/auth/register/tenant", {**TENANT_BODY, "password": password}, format="json"
        )
        assert response.status_code == 201, response.json()

    def test_contractor(self, api_client):
        response = api_client.post("/auth/register/contractor", CONTRACTOR_BODY, format="json")
        assert response.status_code == 201, response.json()
        contractor = Contractor.objects.unscoped().get(name="Fix It Co")
        assert contractor.category == "Plumbing"
        user = User.objects.unscoped().get(email="bob@example.com")
        assert user.role == "Contractor" and user.organization_id == contractor.pk and user.is_primary

    def test_contractor_conflicts_and_validation(self, api_client, settings):
        settings.RATE_LIMIT_ENABLED = False
        Contractor.objects.unscoped().create(name="Fix It Co", category="HVAC")
        response = api_client.post("/auth/register/contractor", CONTRACTOR_BODY, format="json")
        assert response.status_code == 400
        assert response.json()["message"] == "A contractor with this name already exists"
        body = {key: value for key, value in CONTRACTOR_BODY.items() if key != "category"}
        response = api_client.post("/auth/register/contractor", body, format="json")
        assert "category should not be empty" in response.json()["message"]

    def test_seed_register_route(self, api_client, django_capture_on_commit_callbacks, mailoutbox):
        body = {
            "email": "user@example.com",
            "password": "SecurePassword123!",
            "firstName": "John",
            "lastName": "Doe",
            "organizationName": "My Company",
        }
        response = self.post(api_client, "/auth/register", body, django_capture_on_commit_callbacks)
        assert response.status_code == 201
        data = response.json()
        assert set(data) == {"accessToken", "refreshToken", "user"}
        assert data["user"]["email"] == "user@example.com" and data["user"]["role"] == "LandlordAdmin"
        landlord = Landlord.objects.get(name="My Company")
        assert data["user"]["organization_id"] == str(landlord.pk)
        assert Session.objects.get().refresh_token_hash == hash_token(data["refreshToken"])
        assert len(mailoutbox) == 1

    def test_registration_rate_limit(self, api_client):
        statuses = [
            api_client.post("/auth/register/landlord", {"email": "bad"}, format="json").status_code
            for _ in range(4)
        ]
        assert statuses == [400, 400, 400, 429]
        # each registration route has its own budget
        assert api_client.post("/auth/register/tenant", {}, format="json").status_code == 400


# -- refresh and logout ------------------------------------------------------------------------------
class TestRefresh:
    def test_cookie_refresh_rotates(self, api_client):
        user = LandlordUserFactory()
        first = login(api_client, user.email)
        old_token = first.json()["refreshToken"]
        response = api_client.post("/auth/refresh")
        assert response.status_code == 201
        body = response.json()
        assert set(body) == {"accessToken", "refreshToken"}
        assert body["refreshToken"] != old_token
        assert set(response.cookies) == {"access_token", "refresh_token", "csrf_token"}
        old = Session.objects.get(refresh_token_hash=hash_token(old_token))
        assert old.revoked and old.revoked_at is not None
        assert Session.objects.filter(user=user, revoked=False).count() == 1

        api_client.cookies.clear()
        reused = api_client.post("/auth/refresh", {"refreshToken": old_token}, format="json")
        assert reused.status_code == 401
        assert reused.json()["message"] == "Invalid session"

    def test_body_refresh_token(self, api_client):
        user = LandlordUserFactory()
        token = login(api_client, user.email).json()["refreshToken"]
        api_client.cookies.clear()
        response = api_client.post("/auth/refresh", {"refreshToken": token}, format="json")
        assert response.status_code == 201

    def test_missing_token(self, api_client):
        response = api_client.post("/auth/refresh")
        assert response.status_code == 401
        assert response.json()["message"] == "Missing refresh token"

    def test_expired_session(self, api_client):
        user = LandlordUserFactory()
        token = login(api_client, user.email).json()["refreshToken"]
        Session.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        response = api_client.post("/auth/refresh", {"refreshToken": token}, format="json")
        assert response.status_code == 401

    def test_disabled_and_deleted_users(self, api_client):
        user = LandlordUserFactory()
        token = login(api_client, user.email).json()["refreshToken"]
        api_client.cookies.clear()
        User.objects.unscoped().filter(pk=user.pk).update(is_disabled=True)
        response = api_client.post("/auth/refresh", {"refreshToken": token}, format="json")
        assert response.json()["message"] == "Account is disabled"
        User.objects.unscoped().filter(pk=user.pk).update(is_disabled=False, deleted=True)
        response = api_client.post("/auth/refresh", {"refreshToken": token}, format="json")
        assert response.json()["message"] == "Invalid session"


class TestLogout:
    def test_revokes_and_clears(self, api_client):
        user = LandlordUserFactory()
        login(api_client, user.email)
        response = api_client.post("/auth/logout")
        assert response.status_code == 201
        assert response.json() == {"success": True}
        assert Session.objects.get(user=user).revoked
        for name in ("access_token", "refresh_token", "csrf_token", "user-data"):
            assert response.cookies[name].value == ""
            assert response.cookies[name]["max-age"] == 0

    def test_without_cookie(self, api_client):
        response = api_client.post("/auth/logout")
        assert response.status_code == 201


# -- sessions ----------------------------------------------------------------------------------------
class TestSessions:
    def test_list_own_live_sessions(self, api_client, auth_client):
        user = LandlordUserFactory()
        other = LandlordUserFactory()
        login(api_client, user.email)
        login(api_client, user.email)
        login(api_client, other.email)
        revoked = Session.objects.filter(user=user).first()
        revoked.revoked = True
        revoked.save()
        response = auth_client(user).get("/auth/sessions")
        assert response.status_code == 200
        data = response.json()["data"]
        assert len(data) == 1
        assert set(data[0]) == {"_id", "ip", "userAgent", "createdAt", "expiresAt"}

    def test_revoke_one(self, api_client, auth_client):
        user = LandlordUserFactory()
        login(api_client, user.email)
        session = Session.objects.get(user=user)
        response = auth_client(user).post(f"/auth/sessions/{session.pk}/revoke")
        assert response.status_code == 201
        session.refresh_from_db()
        assert session.revoked

    def test_revoke_someone_elses_session_is_404(self, api_client, auth_client):
        owner = LandlordUserFactory()
        login(api_client, owner.email)
        session = Session.objects.get(user=owner)
        response = auth_client(LandlordUserFactory()).post(f"/auth/sessions/{session.pk}/revoke")
        assert response.status_code == 404
        assert response.json()["message"] == "Session not found"
        session.refresh_from_db()
        assert not session.revoked

    def test_malformed_id(self, auth_client):
        response = auth_client(LandlordUserFactory()).post("/auth/sessions/nope/revoke")
        assert response.status_code == 400
        assert response.json()["message"] == "Invalid ID: nope"

    def test_revoke_all(self, api_client, auth_client):
        user, other = LandlordUserFactory(), LandlordUserFactory()
        for person in (user, user, other):
            login(api_client, person.email)
        response = auth_client(user).post("/auth/sessions/revoke-all")
        assert response.status_code == 201
        assert not Session.objects.filter(user=user, revoked=False).exists()
        assert Session.objects.filter(user=other, revoked=False).count() == 1

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("get", "/auth/sessions"),
            ("post", "/auth/sessions/revoke-all"),
            ("post", "/auth/sessions/00000000-0000-0000-0000-000000000000/revoke"),
            ("get", "/auth/me"),
            ("post", "/auth/verify-email/request"),
        ],
    )
    def test_unauthenticated(self, api_client, method, path):
        assert getattr(api_client, method)(path).status_code == 401

    def test_cookie_authenticated_post_needs_csrf(self, api_client):
        user = LandlordUserFactory()
        login(api_client, user.email)
        api_client.cookies.pop("csrf_token")
        response = api_client.post("/auth/sessions/revoke-all")
        assert response.status_code == 403
        assert response.json()["message"] == "Invalid CSRF token"
        assert Session.objects.filter(user=user, revoked=False).exists()
        api_client.cookies["csrf_token"] = "abc"
        response = api_client.post("/auth/sessions/revoke-all", HTTP_X_CSRF_TOKEN="abc")
        assert response.status_code == 201


# -- me ----------------------------------------------------------------------------------------------
class TestMe:
    def test_landlord_me_without_stripe_secrets(self, auth_client):
        user = LandlordUserFactory()
        Landlord.objects.filter(pk=user.organization_id).update(
            stripe_config={"secretKey": "sk_live_secret", "publishableKey": "pk", "webhookSecret": "wh"}
        )
        response = auth_client(user).get("/auth/me")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {
            "_id",
            "username",
            "email",
            "user_type",
            "organization_id",
            "organization_info",
            "role",
            "emailVerifiedAt",
            "isPrimary",
        }
        assert body["organization_id"]["_id"] == str(user.organization_id)
        assert body["organization_info"] == body["organization_id"]
        assert "stripeConfig" not in body["organization_id"]
        assert "sk_live_secret" not in response.content.decode()
        assert body["role"] == "LandlordAdmin"

    def test_tenant_me(self, auth_client):
        user = TenantUserFactory(email_verified_at=timezone.now())
        body = auth_client(user).get("/auth/me").json()
        assert body["organization_id"]["landlords"] == []
        assert body["emailVerifiedAt"].endswith("Z")
        assert "password" not in body

    def test_contractor_me_includes_category(self, auth_client):
        body = auth_client(ContractorUserFactory()).get("/auth/me").json()
        assert body["organization_info"]["category"] == "Plumbing"
