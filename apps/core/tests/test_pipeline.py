"""CSRF double-submit, rate limits and audit logging of the request pipeline (spec 00 sections 2-4, 12)."""

from __future__ import annotations

import pytest

from apps.accounts.tests.factories import LandlordUserFactory, TenantUserFactory
from apps.core.authentication import issue_access_token
from apps.core.models import AuditLog

pytestmark = [pytest.mark.django_db, pytest.mark.urls("apps.core.tests.demo_urls")]


# -- CSRF -----------------------------------------------------------------------------------------
@pytest.fixture
def cookie_client(api_client):
    """A client authenticated by the ``access_token`` cookie, as a browser is."""
    user = LandlordUserFactory()
    api_client.cookies["access_token"] = issue_access_token(user)
    return api_client


def test_cookie_authenticated_post_without_csrf_is_403(cookie_client):
    response = cookie_client.post("/csrf-test", {}, format="json")
    assert response.status_code == 403
    assert response.json() == {"statusCode": 403, "message": "Invalid CSRF token", "error": "FORBIDDEN"}


def test_cookie_without_header_or_header_without_cookie_is_403(cookie_client):
    cookie_client.cookies["csrf_token"] = "test-token"
    assert cookie_client.post("/csrf-test", {}, format="json").status_code == 403
    del cookie_client.cookies["csrf_token"]
    response = cookie_client.post("/csrf-test", {}, format="json", HTTP_X_CSRF_TOKEN="test-token")
    assert response.status_code == 403


def test_mismatched_csrf_pair_is_403(cookie_client):
    cookie_client.cookies["csrf_token"] = "test-token"
    response = cookie_client.post("/csrf-test", {}, format="json", HTTP_X_CSRF_TOKEN="other-token")
    assert response.status_code == 403


def test_matching_csrf_pair_passes(cookie_client):
    # Spec 00 section 17: cookie csrf_token=test-token + header x-csrf-token: test-token -> 201 {ok: true}
    cookie_client.cookies["csrf_token"] = "test-token"
    response = cookie_client.post("/csrf-test", {}, format="json", HTTP_X_CSRF_TOKEN="test-token")
    assert response.status_code == 201
    assert response.json() == {"ok": True}


def test_safe_methods_need_no_csrf(cookie_client):
    assert cookie_client.get("/demo/items").status_code == 200


def test_bearer_clients_are_exempt(auth_client):
    response = auth_client(LandlordUserFactory()).post("/csrf-test", {}, format="json")
    assert response.status_code == 201


def test_unauthenticated_post_is_401_before_csrf(api_client):
    response = api_client.post("/csrf-test", {}, format="json")
    assert response.status_code == 401


def test_csrf_is_checked_before_policies(api_client):
    api_client.cookies["access_token"] = issue_access_token(TenantUserFactory())
    response = api_client.post("/demo/policy", {}, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "Invalid CSRF token"


# -- rate limits ----------------------------------------------------------------------------------
def test_route_limit_gives_429_with_headers(api_client):
    remaining = []
    for _ in range(3):
        response = api_client.post("/demo/limited", {}, format="json")
        assert response.status_code == 201
        assert response["X-RateLimit-Limit"] == "3"
        remaining.append(response["X-RateLimit-Remaining"])
        assert 0 < int(response["X-RateLimit-Reset"]) <= 60
    assert remaining == ["2", "1", "0"]
    response = api_client.post("/demo/limited", {}, format="json")
    assert response.status_code == 429
    assert response.json() == {
        "statusCode": 429,
        "message": "ThrottlerException: Too Many Requests",
        "error": "TOO_MANY_REQUESTS",
    }
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["X-RateLimit-Remaining"] == "0"


def test_limits_are_per_client_address(api_client):
    for _ in range(3):
        api_client.post("/demo/limited", {}, format="json", REMOTE_ADDR="10.1.1.1")
    assert api_client.post("/demo/limited", {}, REMOTE_ADDR="10.1.1.1").status_code == 429
    assert api_client.post("/demo/limited", {}, REMOTE_ADDR="10.1.1.2").status_code == 201


def test_forwarded_for_is_ignored_from_untrusted_peers(api_client, settings):
    settings.TRUSTED_PROXIES = []
    for index in range(3):
        api_client.post(
            "/demo/limited", {}, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{index}"
        )
    response = api_client.post(
        "/demo/limited", {}, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.99"
    )
    assert response.status_code == 429


def test_forwarded_for_is_believed_from_trusted_proxies(api_client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for _ in range(3):
        api_client.post("/demo/limited", {}, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    blocked = api_client.post("/demo/limited", {}, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429
    # Another client behind the same proxy has its own budget; a spoofed left-most hop changes nothing.
    other = api_client.post("/demo/limited", {}, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 201
    spoofed = api_client.post(
        "/demo/limited", {}, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert spoofed.status_code == 429


def test_client_ip_helper():
    from django.test import RequestFactory, override_settings

    from apps.core.http import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1, 10.0.0.9")
    assert client_ip(request) == "10.0.0.5"
    with override_settings(TRUSTED_PROXIES=["10.0.0.0/24"]):
        assert client_ip(request) == "198.51.100.1"


def test_global_limit_applies_to_every_route(auth_client, settings):
    settings.RATE_LIMIT_GLOBAL = "2/minute"
    client = auth_client(LandlordUserFactory())
    assert client.get("/demo/items").status_code == 200
    assert client.get("/demo/items").status_code == 200
    response = client.get("/demo/items")
    assert response.status_code == 429
    assert response["X-RateLimit-Limit"] == "2"


def test_rate_limit_can_be_switched_off(api_client, settings):
    settings.RATE_LIMIT_ENABLED = False
    for _ in range(5):
        response = api_client.post("/demo/limited", {}, format="json")
        assert response.status_code == 201
        assert "X-RateLimit-Limit" not in response


def test_rejected_requests_count_before_authentication(api_client):
    for _ in range(3):
        api_client.post("/demo/limited", {})
    # 429 comes first in the pipeline, whatever else is wrong with the request.
    assert api_client.post("/demo/limited", {}, HTTP_AUTHORIZATION="Bearer junk").status_code == 429


# -- audit log ------------------------------------------------------------------------------------
def test_authenticated_request_is_audited_with_redacted_body(auth_client):
    user = LandlordUserFactory()
    response = auth_client(user).post(
        "/demo/audited/abc",
        {"email": "a@b.co", "password": "Sup3r-secret", "apiKey": "k-123"},
        format="json",
        HTTP_USER_AGENT="pytest-agent",
    )
    assert response.status_code == 201
    entry = AuditLog.objects.get()
    assert entry.user_id == str(user.pk)
    assert entry.action == "UsersController.create"
    request = entry.details["request"]
    assert request["body"]["password"] == "[REDACTED]"
    assert request["body"]["api_key"] == "[REDACTED]"
    assert request["body"]["email"] == "a@b.co"
    assert request["statusCode"] == 201
    assert request["method"] == "POST"
    assert request["path"] == "/demo/audited/abc"
    assert request["params"] == {"pk": "abc"}
    assert request["userAgent"] == "pytest-agent"
    assert isinstance(request["responseTime"], int)
    assert entry.details["response"] == {"email": "a@b.co"}
    assert "Sup3r-secret" not in str(entry.details)


def test_large_responses_are_summarized(auth_client):
    auth_client(LandlordUserFactory()).get("/demo/audited/abc")
    entry = AuditLog.objects.get()
    assert entry.action == "UsersController.findOne"
    assert entry.details["response"] == {"type": "array", "length": 15, "sample": [0, 1, 2]}


def test_validation_errors_are_audited_with_status(auth_client):
    response = auth_client(LandlordUserFactory()).post(
        "/demo/audited/abc", {"email": "nope", "password": "x"}, format="json"
    )
    assert response.status_code == 400
    entry = AuditLog.objects.get()
    assert entry.details["request"]["statusCode"] == 400
    assert entry.details["error"]["message"] == ["email must be an email"]
    assert entry.details["request"]["body"]["password"] == "[REDACTED]"


def test_default_action_name_is_view_and_handler(auth_client):
    auth_client(LandlordUserFactory()).post(
        "/demo/items", {"email": "a@b.co", "name": "Al", "kind": "tenant"}
    )
    assert AuditLog.objects.get().action == "DemoItemsView.create"


def test_unauthenticated_and_guard_rejections_are_not_audited(api_client, auth_client):
    assert api_client.post("/demo/audited/abc", {"email": "a@b.co", "password": "x"}).status_code == 401
    assert auth_client(TenantUserFactory()).post("/demo/policy", {}).status_code == 403
    for _ in range(4):
        api_client.post("/demo/limited", {})
    assert AuditLog.objects.count() == 0


def test_public_routes_are_not_audited_without_a_user(api_client):
    api_client.get("/demo/whoami")
    assert AuditLog.objects.count() == 0


def _break_audit_inserts(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(AuditLog, "save", broken)
    monkeypatch.setattr(AuditLog.objects, "bulk_create", broken)


def test_a_change_whose_audit_cannot_be_written_fails(auth_client, monkeypatch, caplog):
    _break_audit_inserts(monkeypatch)
    response = auth_client(LandlordUserFactory()).post(
        "/demo/audited/abc", {"email": "a@b.co", "password": "x"}, format="json"
    )
    assert response.status_code == 500
    assert response.json() == {
        "statusCode": 500,
        "message": "Internal server error",
        "error": "INTERNAL_SERVER_ERROR",
    }
    assert "Could not write the audit entry UsersController.create" in caplog.text


def test_read_audit_failures_are_logged_and_the_read_answers(auth_client, monkeypatch, caplog):
    _break_audit_inserts(monkeypatch)
    response = auth_client(LandlordUserFactory()).get("/demo/audited/abc")
    assert response.status_code == 200
    assert "Dropped the audit entry UsersController.findOne" in caplog.text
