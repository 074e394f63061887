"""Health endpoints, OpenAPI document and Swagger UI, CORS and security headers."""

from __future__ import annotations

import re

import pytest
from django.db import OperationalError

from apps.core import health

pytestmark = pytest.mark.django_db


# -- health ---------------------------------------------------------------------------------------
def test_health_is_public_and_minimal(api_client):
    response = api_client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_ignores_bad_credentials_and_is_not_limited(api_client, settings):
    settings.RATE_LIMIT_GLOBAL = "1/minute"
    api_client.credentials(HTTP_AUTHORIZATION="Bearer junk")
    for _ in range(3):
        assert api_client.get("/health").status_code == 200


def test_database_health_up(api_client):
    response = api_client.get("/health/db")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "up"
    assert body["engine"] in ("sqlite", "postgresql")


def test_database_health_down_is_503_with_reason(api_client, monkeypatch):
    class DeadConnection:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connections", {"default": DeadConnection()})
    response = api_client.get("/health/db")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "down",
        "reason": "Database unreachable: OperationalError",
    }


def test_redis_health_without_redis_is_disabled(api_client, settings):
    settings.USE_REDIS = False
    settings.REDIS_URL = None
    response = api_client.get("/health/redis")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "redis": "disabled"}


def test_redis_health_down_is_503_with_reason(api_client, settings, free_port):
    settings.USE_REDIS = True
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port}/0"
    response = api_client.get("/health/redis")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["redis"] == "down"
    assert body["reason"].startswith("Redis unreachable: ")


@pytest.mark.redis
def test_redis_health_up(api_client, settings, redis_url):
    settings.USE_REDIS = True
    settings.REDIS_URL = redis_url
    response = api_client.get("/health/redis")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "redis": "up"}


# -- OpenAPI --------------------------------------------------------------------------------------
@pytest.fixture
def schema(api_client):
    response = api_client.get("/api-json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/")
    assert "json" in response["Content-Type"]
    return response.json()


@pytest.mark.urls("apps.core.tests.demo_urls")
def test_openapi_document(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Mytegroup Property Management API"
    scheme = schema["components"]["securitySchemes"]["JWT-auth"]
    assert scheme == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": scheme["description"],
    }


@pytest.mark.urls("apps.core.tests.demo_urls")
def test_openapi_documents_error_responses(schema):
    post = schema["paths"]["/demo/items"]["post"]
    assert {"400", "401", "403", "404", "429"} <= set(post["responses"])
    error = post["responses"]["401"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"statusCode", "message", "error"}
    assert {"JWT-auth": []} in post["security"]


def test_openapi_documents_health(schema):
    db = schema["paths"]["/health/db"]["get"]
    assert {"200", "503"} <= set(db["responses"])
    assert "401" not in db["responses"]
    assert db["tags"] == ["Health"]


def test_swagger_ui_is_served_offline(api_client):
    response = api_client.get("/api")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'url: "/api(-|\\u002D)json"', html)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in a for a in assets)
    assert all(asset.startswith("/") for asset in assets), assets
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html


# -- CORS and security headers --------------------------------------------------------------------
def test_cors_preflight_allows_csrf_header_and_credentials(api_client):
    response = api_client.options(
        "/auth/login",
        HTTP_ORIGIN="https://app.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, x-csrf-token, authorization",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert response["Access-Control-Allow-Credentials"] == "true"
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"x-csrf-token", "authorization", "content-type"} <= allowed
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_cors_exposes_rate_limit_headers(api_client):
    response = api_client.get("/health", HTTP_ORIGIN="https://app.example.com")
    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    exposed = response["Access-Control-Expose-Headers"]
    assert "X-RateLimit-Remaining" in exposed and "Retry-After" in exposed


def test_cors_allow_list(api_client, settings):
    settings.CORS_ALLOW_ALL_ORIGINS = False
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    allowed = api_client.get("/health", HTTP_ORIGIN="https://app.example.com")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    refused = api_client.get("/health", HTTP_ORIGIN="https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in refused


def test_security_headers(api_client):
    response = api_client.get("/health")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_unknown_route_message(api_client):
    response = api_client.post("/no/such/route")
    assert response.status_code == 404
    assert response.json() == {
        "statusCode": 404,
        "message": "Cannot POST /no/such/route",
        "error": "NOT_FOUND",
    }


@pytest.mark.urls("apps.core.tests.demo_urls")
def test_collection_and_detail_operations_have_distinct_ids(schema):
    assert schema["paths"]["/demo/items"]["get"]["operationId"] == "demo_items_list"
    ids = [
        op["operationId"] for item in schema["paths"].values() for op in item.values() if "operationId" in op
    ]
    assert len(ids) == len(set(ids))
