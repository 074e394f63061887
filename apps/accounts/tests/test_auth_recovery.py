"""Password reset and email verification (spec 02 section 2)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.auth_services import hash_code
from apps.accounts.models import PasswordReset, Session, User, VerificationToken
from apps.accounts.sessions import hash_token
from apps.accounts.tests.factories import DEFAULT_PASSWORD, LandlordUserFactory, TenantUserFactory

pytestmark = pytest.mark.django_db


def post(client, path, body=None, capture=None):
    if capture is None:
        return client.post(path, body or {}, format="json")
    with capture(execute=True):
        return client.post(path, body or {}, format="json")


class TestForgotPassword:
    def test_sends_reset_link(self, api_client, django_capture_on_commit_callbacks, mailoutbox):
        user = LandlordUserFactory()
        response = post(
            api_client,
            "/auth/forgot-password",
            {"email": user.email.upper()},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 201
        assert response.json() == {"success": True}
        assert len(mailoutbox) == 1
        body = mailoutbox[0].body
        token = re.search(r"/reset-password/([0-9a-f]{64})", body).group(1)
        assert body.count("http://localhost:5173/reset-password/") == 1
        reset = PasswordReset.objects.get(user=user)
        assert reset.token_hash == hash_token(token)
        assert timedelta(minutes=59) < reset.expires_at - timezone.now() <= timedelta(hours=1)
        assert "1 hour" in body
        assert "Reset password" in mailoutbox[0].alternatives[0][0]

    def test_unknown_email_answers_the_same_without_email(
        self, api_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        response = post(
            api_client,
            "/auth/forgot-password",
            {"email": "ghost@example.com"},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 201
        assert response.json() == {"success": True}
        assert mailoutbox == []
        assert not PasswordReset.objects.exists()

    def test_validation(self, api_client):
        response = post(api_client, "/auth/forgot-password", {"email": "nope"})
        assert response.status_code == 400
        assert response.json()["message"] == ["email must be an email"]

    def test_rate_limit(self, api_client):
        statuses = [
            post(api_client, "/auth/forgot-password", {"email": "x@y.zz"}).status_code for _ in range(6)
        ]
        assert statuses == [201] * 5 + [429]


class TestResetPassword:
    def make_reset(self, user, **overrides):
        token = "a" * 64
        PasswordReset.objects.create(
            user=user,
            token_hash=hash_token(token),
            expires_at=overrides.get("expires_at", timezone.now() + timedelta(hours=1)),
        )
        return token

    def test_resets_and_revokes_sessions(self, api_client):
        user = LandlordUserFactory(failed_login_attempts=2)
        Session.objects.create(
            user=user, refresh_token_hash="h1", expires_at=timezone.now() + timedelta(days=1)
        )
        token = self.make_reset(user)
        response = post(api_client, "/auth/reset-password", {"token": token, "password": "brand-new-pw"})
        assert response.status_code == 201
        assert response.json() == {"success": True}
        user.refresh_from_db()
        assert user.check_password("brand-new-pw")
        assert user.failed_login_attempts == 2
        assert Session.objects.get(user=user).revoked
        reset = PasswordReset.objects.get(user=user)
        assert reset.used and reset.used_at is not None

        again = post(api_client, "/auth/reset-password", {"token": token, "password": "another-pw"})
        assert again.status_code == 401
        assert again.json()["message"] == "Invalid or expired token"

    def test_expired_token(self, api_client):
        user = LandlordUserFactory()
        token = self.make_reset(user, expires_at=timezone.now() - timedelta(seconds=1))
        response = post(api_client, "/auth/reset-password", {"token": token, "password": "brand-new-pw"})
        assert response.status_code == 401
        user.refresh_from_db()
        assert user.check_password(DEFAULT_PASSWORD)

    def test_deleted_user(self, api_client):
        user = LandlordUserFactory()
        token = self.make_reset(user)
        user.soft_delete()
        response = post(api_client, "/auth/reset-password", {"token": token, "password": "brand-new-pw"})
        assert response.status_code == 401
        assert response.json()["message"] == "Invalid token"

    def test_validation(self, api_client):
        response = post(api_client, "/auth/reset-password", {"token": "", "password": "short"})
        assert response.status_code == 400
        assert set(response.json()["message"]) == {
            "token should not be empty",
            "password must be longer than or equal to 8 characters",
        }


def request_verification(auth_client, user, capture, mailoutbox):
    with capture(execute=True):
        response = auth_client(user).post("/auth/verify-email/request")
    body = mailoutbox[-1].body
    token = re.search(r"verify-email\?token=([0-9a-f]{64})", body).group(1)
    code = re.search(r"code in the app: (\d{6})", body).group(1)
    return response, token, code


class TestVerifyEmailRequest:
    def test_sends_link_and_code(self, auth_client, django_capture_on_commit_callbacks, mailoutbox):
        user = LandlordUserFactory()
        response, token, code = request_verification(
            auth_client, user, django_capture_on_commit_callbacks, mailoutbox
        )
        assert response.status_code == 201
        assert response.json() == {"success": True}
        record = VerificationToken.objects.get(user=user)
        assert record.token_hash == hash_token(token)
        assert record.code_hash == hash_code(code) and code not in record.code_hash
        assert timedelta(hours=23) < record.expires_at - timezone.now() <= timedelta(hours=24)
        assert "24 hours" in mailoutbox[0].body
        assert code in mailoutbox[0].alternatives[0][0]

    def test_already_verified_sends_nothing(
        self, auth_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        user = LandlordUserFactory(email_verified_at=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client(user).post("/auth/verify-email/request")
        assert response.status_code == 201
        assert mailoutbox == []
        assert not VerificationToken.objects.exists()

    def test_rate_limit(self, auth_client):
        client = auth_client(LandlordUserFactory(email_verified_at=timezone.now()))
        statuses = [client.post("/auth/verify-email/request").status_code for _ in range(4)]
        assert statuses == [201, 201, 201, 429]


class TestVerifyEmailConfirm:
    def test_link_token_without_login(
        self, api_client, auth_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        user = LandlordUserFactory()
        _, token, _ = request_verification(auth_client, user, django_capture_on_commit_callbacks, mailoutbox)
        response = post(api_client, "/auth/verify-email/confirm", {"token": token})
        assert response.status_code == 201
        body = response.json()
        assert body["success"] is True and isinstance(body["accessToken"], str)
        assert body["user"]["_id"] == str(user.pk) and body["user"]["emailVerifiedAt"]
        assert "user-data" in response.cookies and "refresh_token" in response.cookies
        user.refresh_from_db()
        assert user.email_verified_at is not None
        assert VerificationToken.objects.get(user=user).used
        assert Session.objects.filter(user=user).count() == 1
        assert post(api_client, "/auth/verify-email/confirm", {"token": token}).status_code == 401

    def test_code_with_the_owners_login(self, auth_client, django_capture_on_commit_callbacks, mailoutbox):
        user = TenantUserFactory()
        _, _, code = request_verification(auth_client, user, django_capture_on_commit_callbacks, mailoutbox)
        response = auth_client(user).post("/auth/verify-email/confirm", {"code": code}, format="json")
        assert response.status_code == 201
        user.refresh_from_db()
        assert user.email_verified_at is not None

    def test_code_alone_is_refused(
        self, api_client, auth_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        user = LandlordUserFactory()
        _, _, code = request_verification(auth_client, user, django_capture_on_commit_callbacks, mailoutbox)
        response = post(api_client, "/auth/verify-email/confirm", {"code": code})
        assert response.status_code == 401
        assert response.json()["message"] == "Invalid or expired verification"
        user.refresh_from_db()
        assert user.email_verified_at is None
        assert not Session.objects.exists()

    def test_another_users_code_does_not_verify(
        self, auth_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        victim, attacker = LandlordUserFactory(), LandlordUserFactory()
        _, _, code = request_verification(auth_client, victim, django_capture_on_commit_callbacks, mailoutbox)
        response = auth_client(attacker).post("/auth/verify-email/confirm", {"code": code}, format="json")
        assert response.status_code == 401
        victim.refresh_from_db()
        attacker.refresh_from_db()
        assert victim.email_verified_at is None and attacker.email_verified_at is None
        assert not VerificationToken.objects.get(user=victim).used

    def test_another_users_link_with_a_login_is_refused(
        self, auth_client, django_capture_on_commit_callbacks, mailoutbox
    ):
        victim, other = LandlordUserFactory(), LandlordUserFactory()
        _, token, _ = request_verification(
            auth_client, victim, django_capture_on_commit_callbacks, mailoutbox
        )
        response = auth_client(other).post("/auth/verify-email/confirm", {"token": token}, format="json")
        assert response.status_code == 401
        assert response.json()["message"] == "Invalid verification"
        assert not VerificationToken.objects.get(user=victim).used

    def test_expired(self, api_client, auth_client, django_capture_on_commit_callbacks, mailoutbox):
        user = LandlordUserFactory()
        _, token, _ = request_verification(auth_client, user, django_capture_on_commit_callbacks, mailoutbox)
        VerificationToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        assert post(api_client, "/auth/verify-email/confirm", {"token": token}).status_code == 401

    def test_invalid_token_in_cookie_is_ignored(self, api_client):
        api_client.credentials(HTTP_AUTHORIZATION="Bearer garbage")
        response = post(api_client, "/auth/verify-email/confirm", {"token": "f" * 64})
        assert response.status_code == 401
        assert response.json()["message"] == "Invalid or expired verification"

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({}, "Verification token or code is required"),
            ({"code": "123"}, ["code must be longer than or equal to 6 characters"]),
            ({"code": "1234567"}, ["code must be shorter than or equal to 6 characters"]),
        ],
    )
    def test_validation(self, api_client, body, message):
        response = post(api_client, "/auth/verify-email/confirm", body)
        assert response.status_code == 400
        assert response.json()["message"] == message

    def test_deleted_owner(self, api_client, auth_client, django_capture_on_commit_callbacks, mailoutbox):
        user = LandlordUserFactory()
        _, token, _ = request_verification(auth_client, user, django_capture_on_commit_callbacks, mailoutbox)
        User.objects.unscoped().filter(pk=user.pk).update(deleted=True)
        response = post(api_client, "/auth/verify-email/confirm", {"token": token})
        assert response.status_code == 401
        assert response.json()["message"] == "Invalid verification"


def test_audit_entry_of_a_signed_in_confirm_hides_tokens_and_code(
    auth_client, django_capture_on_commit_callbacks, mailoutbox
):
    from apps.core.models import AuditLog

    user = LandlordUserFactory()
    _, _, code = request_verification(auth_client, user, django_capture_on_commit_callbacks, mailoutbox)
    response = auth_client(user).post("/auth/verify-email/confirm", {"code": code}, format="json")
    assert response.status_code == 201
    entry = AuditLog.objects.get(action="AuthController.confirmEmailVerification")
    assert entry.user_id == str(user.pk)
    assert entry.details["request"]["body"]["code"] == "[REDACTED]"
    assert entry.details["response"]["accessToken"] == "[REDACTED]"
    assert response.json()["accessToken"] not in str(entry.details)
