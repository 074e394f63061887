"""The API conventions of spec 00, proved on small demo views."""

from __future__ import annotations

import uuid

import pytest

from apps.accounts.tests.factories import LandlordUserFactory, TenantUserFactory
from apps.core.models import AuditLog

pytestmark = [pytest.mark.django_db, pytest.mark.urls("apps.core.tests.demo_urls")]

VALID = {"email": "a@b.co", "name": "Alice", "kind": "tenant"}


def test_unknown_route_is_json_404_without_auth(api_client):
    response = api_client.get("/nope")
    assert response.status_code == 404
    assert response.json() == {"statusCode": 404, "message": "Cannot GET /nope", "error": "NOT_FOUND"}


def test_trailing_slash_is_not_the_route(api_client, auth_client):
    client = auth_client(LandlordUserFactory())
    assert client.get("/demo/items").status_code == 200
    assert client.get("/demo/items/").status_code == 404


def test_wrong_method_is_405_in_error_format(auth_client):
    response = auth_client(LandlordUserFactory()).delete("/demo/items")
    assert response.status_code == 405
    assert response.json()["error"] == "METHOD_NOT_ALLOWED"
    assert response.json()["statusCode"] == 405


def test_protected_route_without_token_is_401(api_client):
    response = api_client.get("/demo/items")
    assert response.status_code == 401
    assert response.json() == {"statusCode": 401, "message": "Unauthorized", "error": "UNAUTHORIZED"}


def test_invalid_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api_client.get("/demo/items").status_code == 401


def test_deleted_or_disabled_user_token_is_401(auth_client):
    user = LandlordUserFactory()
    client = auth_client(user)
    user.soft_delete()
    assert client.get("/demo/items").status_code == 401
    other = LandlordUserFactory(is_disabled=True)
    assert auth_client(other).get("/demo/items").status_code == 401


def test_unauthenticated_with_invalid_body_is_401_not_400(api_client):
    assert api_client.post("/demo/policy", {"bogus": 1}, format="json").status_code == 401


def test_forbidden_role_with_invalid_body_is_403_not_400(auth_client):
    response = auth_client(TenantUserFactory()).post("/demo/policy", {"bogus": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == "Access denied"


def test_validation_messages_are_a_list_in_the_original_wording(auth_client):
    client = auth_client(LandlordUserFactory())
    response = client.post(
        "/demo/items", {"email": "nope", "name": "x", "kind": "boss", "count": 0}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "BAD_REQUEST"
    assert set(body["message"]) == {
        "email must be an email",
        "name must be longer than or equal to 2 characters",
        "kind must be one of the following values: tenant, contractor, landlord-staff",
        "count must not be less than 1",
    }


def test_missing_required_fields(auth_client):
    response = auth_client(LandlordUserFactory()).post("/demo/items", {}, format="json")
    assert response.status_code == 400
    assert "email should not be empty" in response.json()["message"]


def test_unknown_body_property_is_rejected(auth_client):
    response = auth_client(LandlordUserFactory()).post(
        "/demo/items", {**VALID, "isAdmin": True}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == ["property isAdmin should not exist"]


def test_camel_case_in_and_out(auth_client):
    response = auth_client(LandlordUserFactory()).post(
        "/demo/items", {**VALID, "firstName": "Ann"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["firstName"] == "Ann"


def test_unknown_query_property_is_rejected(auth_client):
    response = auth_client(LandlordUserFactory()).get("/demo/items?foo=1")
    assert response.status_code == 400
    assert response.json()["message"] == ["property foo should not exist"]


def test_query_validation(auth_client):
    response = auth_client(LandlordUserFactory()).get("/demo/items?page=0&sortBy=password")
    assert response.status_code == 400
    assert "page must not be less than 1" in response.json()["message"]
    assert "sortBy must be one of the following values: createdAt, action" in response.json()["message"]


def test_pagination_envelope_and_sorting(auth_client):
    user = LandlordUserFactory()
    for index in range(12):
        AuditLog.objects.create(user_id="x", action=f"A.{index:02d}")
    client = auth_client(user)
    body = client.get("/demo/items?page=2&limit=5&sortBy=action&sortOrder=asc&search=A.").json()
    assert body["total"] == 12
    assert (body["page"], body["limit"], body["totalPages"]) == (2, 5, 3)
    assert body["hasNextPage"] is True and body["hasPrevPage"] is True
    assert [row["action"] for row in body["data"]] == [f"A.{i:02d}" for i in range(5, 10)]
    record = body["data"][0]
    assert set(record) == {"_id", "userId", "action", "createdAt", "updatedAt", "__v"}
    assert record["createdAt"].endswith("Z") and len(record["createdAt"]) == 24
    assert record["__v"] == 0


def test_search_text_is_not_a_pattern(auth_client):
    AuditLog.objects.create(user_id="x", action="AxB")
    AuditLog.objects.create(user_id="x", action="A.B")
    body = auth_client(LandlordUserFactory()).get("/demo/items?search=A.B").json()
    assert [row["action"] for row in body["data"] if row["action"] in ("AxB", "A.B")] == ["A.B"]


def test_empty_page_envelope(auth_client):
    body = auth_client(LandlordUserFactory()).get("/demo/items?search=zzz-none").json()
    assert body == {
        "data": [],
        "total": 0,
        "page": 1,
        "limit": 10,
        "totalPages": 0,
        "hasNextPage": False,
        "hasPrevPage": False,
    }


def test_malformed_id_is_400_and_unknown_is_404(auth_client):
    client = auth_client(LandlordUserFactory())
    response = client.get("/demo/users/not-an-id")
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid ID: not-an-id"
    response = client.get(f"/demo/users/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.json()["message"] == "User not found"


def test_verbatim_snake_case_keys(auth_client):
    user = LandlordUserFactory()
    body = auth_client(user).get(f"/demo/users/{user.pk}").json()
    assert body == {"_id": str(user.pk), "user_type": "Landlord", "firstName": "Test"}


def test_unexpected_error_is_generic_500_and_logged(api_client, caplog):
    api_client.raise_request_exception = False
    response = api_client.get("/demo/boom")
    assert response.status_code == 500
    assert response.json() == {
        "statusCode": 500,
        "message": "Internal server error",
        "error": "INTERNAL_SERVER_ERROR",
    }
    assert "secret internal detail" not in response.content.decode()
    assert any("secret internal detail" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_malformed_json_is_400(auth_client):
    response = auth_client(LandlordUserFactory()).post(
        "/demo/items", data="{oops", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "BAD_REQUEST"


@pytest.mark.urls("myte.urls")
def test_unknown_route_is_json_even_in_debug_mode(api_client, settings):
    settings.DEBUG = True
    for method in ("get", "post", "patch", "delete"):
        response = getattr(api_client, method)("/definitely/not/here")
        assert response.status_code == 404
        assert response.json() == {
            "statusCode": 404,
            "message": f"Cannot {method.upper()} /definitely/not/here",
            "error": "NOT_FOUND",
        }


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "42", "null"])
def test_body_that_is_not_an_object_is_400(auth_client, body):
    response = auth_client(LandlordUserFactory()).post(
        "/demo/items", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == ["request body must be a JSON object"]


def test_null_character_in_query_is_400_before_the_database(auth_client):
    response = auth_client(LandlordUserFactory()).get("/demo/items?search=a%00b")
    assert response.status_code == 400
    assert response.json()["message"] == ["search must not contain null characters"]


def test_null_character_in_body_is_400_and_audited_without_it(auth_client):
    user = LandlordUserFactory()
    response = auth_client(user).post("/demo/items", {**VALID, "name": "a\x00b"}, format="json")
    assert response.status_code == 400
    entry = AuditLog.objects.filter(user_id=str(user.pk)).latest("created_at")
    assert entry.details["request"]["body"]["name"] == "ab"


def test_iso_date_times_pad_early_years():
    """Years before 1000 keep four digits (a valid ISO-8601 date-time; found by schemathesis)."""
    from datetime import UTC, datetime

    from apps.core.serializers import iso

    assert iso(datetime(440, 7, 19, 22, 3, 54, 977000, tzinfo=UTC)) == "0440-07-19T22:03:54.977Z"
    assert iso(datetime(2026, 12, 5, 0, 0, tzinfo=UTC)) == "2026-12-05T00:00:00.000Z"


def test_iso_date_times_are_utc_with_milliseconds():
    from datetime import datetime, timedelta, timezone

    from apps.core.serializers import iso

    plus_two = timezone(timedelta(hours=2))
    assert iso(datetime(2026, 1, 1, 1, 0, 5, 999999, tzinfo=plus_two)) == "2025-12-31T23:00:05.999Z"
    assert iso(datetime(2026, 3, 4, 5, 6, 7, 8000)) == "2026-03-04T05:06:07.008Z"  # naive: as given
    assert iso(None) is None and iso("2026-01-01T00:00:00.000Z") == "2026-01-01T00:00:00.000Z"
