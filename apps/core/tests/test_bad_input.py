"""Bad input is a 4xx in the error format on every route, never a 500 (issue 8, "Bad input")."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from apps.accounts.models import Landlord
from apps.accounts.tests.factories import AdminUserFactory, LandlordUserFactory
from apps.chat.models import ThreadMessage
from apps.chat.tests.factories import Community, direct_thread
from apps.core.parsers import json_depth
from apps.media.models import Media
from apps.properties.tests.factories import PropertyFactory
from apps.properties.tests.helpers import PDF_BYTES, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATE_LIMIT_ENABLED = False


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"statusCode", "message", "error"}
    assert body["statusCode"] == status
    return body


def quiet(client: APIClient) -> APIClient:
    """A client that reports a server error as the response the user would get."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def landlord_client(auth_client):
    user = LandlordUserFactory()
    client = quiet(auth_client(user))
    client.user = user
    return client


@pytest.fixture
def a_property(landlord_client):
    return PropertyFactory(landlord=Landlord.objects.get(pk=landlord_client.user.organization_id))


# -- content types and body shapes -------------------------------------------------------------
def test_text_plain_body_on_a_json_route_is_415(landlord_client):
    response = landlord_client.post("/properties", data="name=x", content_type="text/plain")
    body = assert_error(response, 415)
    assert body["message"] == 'Unsupported media type "text/plain" in request.'


def test_json_array_body_on_chat_messages_is_400_and_nothing_is_sent(auth_client):
    community = Community()
    thread = direct_thread(community.tenant, community.neighbor)
    client = quiet(auth_client(community.tenant))
    response = client.post(
        f"/chat/sessions/{thread.pk}/messages", data='[{"message": "hi"}]', content_type="application/json"
    )
    assert assert_error(response, 400)["message"] == ["request body must be a JSON object"]
    assert not ThreadMessage.objects.filter(thread=thread).exists()


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 500 + "]" * 500,
        '{"email": ' + "[" * 500 + "]" * 500 + "}",
        '{"a":' * 5000 + "1" + "}" * 5000,
        '{"a":' * 100 + "1" + "}" * 100,
    ],
    ids=["arrays-500", "arrays-500-inside-object", "objects-5000", "objects-100"],
)
def test_deeply_nested_json_is_400_even_unauthenticated(raw):
    response = quiet(APIClient()).post("/auth/login", data=raw, content_type="application/json")
    message = assert_error(response, 400)["message"]
    assert message in (["request body must be a JSON object"], "JSON body is nested deeper than 64 levels")


def test_moderately_nested_json_still_reaches_validation():
    body = {"email": "a@example.com", "password": "x", "extra": {"a": {"b": [[1]]}}}
    response = quiet(APIClient()).post("/auth/login", data=json.dumps(body), content_type="application/json")
    assert assert_error(response, 400)["message"] == ["property extra should not exist"]


def test_json_depth_is_measured_without_recursion():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert json_depth(deep, 64) == 65
    assert json_depth({"a": [1, {"b": 2}]}, 64) == 3


# -- oversized bodies: 413 in the error format on every route -------------------------------------
def _route_paths() -> list[str]:
    """One concrete path per URL pattern (parameters filled with a UUID)."""
    import re

    paths: list[str] = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                text = re.sub(r"<(?:\w+:)?\w+>", "00000000-0000-4000-8000-000000000000", text)
                text = re.sub(r"\(\?P<\w+>[^)]*\)", "x", text)
                if "(" not in text and "\\" not in text:
                    paths.append("/" + text)

    walk(get_resolver().url_patterns)
    return sorted(set(paths))


def test_oversized_body_is_413_json_on_every_route(settings, landlord_client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    paths = [*_route_paths(), "/no-such-route"]
    assert len(paths) > 100
    for path in paths:
        for client in (landlord_client, quiet(APIClient())):
            response = client.generic(
                "POST", path, '{"a": "' + "x" * 1000 + '"}', content_type="application/json"
            )
            body = assert_error(response, 413)
            assert body["message"] == "Request body is too large", path


def test_oversized_body_is_413_json_in_debug_mode_too(settings):
    settings.DEBUG = True
    big = json.dumps({"email": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "password": "p"})
    response = quiet(APIClient()).post("/auth/login", data=big, content_type="application/json")
    assert assert_error(response, 413) == {
        "statusCode": 413,
        "message": "Request body is too large",
        "error": "REQUEST_ENTITY_TOO_LARGE",
    }


def test_oversized_form_fields_in_a_multipart_body_are_413(settings, landlord_client, a_property):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = landlord_client.post(
        f"/properties/{a_property.pk}/media/upload",
        {"file": png_upload(), "name": "x" * 5000},
        format="multipart",
    )
    assert_error(response, 413)
    assert not Media.objects.unscoped().exists()


# -- debug mode answers JSON -----------------------------------------------------------------------
def test_debug_mode_never_renders_the_html_debug_pages(settings):
    settings.DEBUG = True
    client = quiet(APIClient())
    assert assert_error(client.get("/no-such-route"), 404)["message"] == "Cannot GET /no-such-route"
    assert_error(client.get("/uploads/missing.png"), 404)
    assert_error(client.post("/auth/login", data="{", content_type="application/json"), 400)


def test_debug_mode_unhandled_view_error_is_json_500(settings, monkeypatch):
    from apps.core import health

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    settings.DEBUG = True
    monkeypatch.setattr(health.HealthView, "get", explode)
    response = quiet(APIClient()).get("/health")
    assert assert_error(response, 500)["message"] == "Internal server error"
    assert b"secret internals" not in response.content


# -- uploads ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("collection", ["../../../x", "a/b", "..", "a\\b"])
def test_media_upload_collection_name_must_be_a_plain_word(landlord_client, a_property, collection):
    response = landlord_client.post(
        f"/properties/{a_property.pk}/media/upload",
        {"file": png_upload(), "collection_name": collection},
        format="multipart",
    )
    assert assert_error(response, 400)["message"] == [
        "collection_name must contain only letters, digits, '-' and '_'"
    ]
    assert not Media.objects.unscoped().exists()


def test_a_plain_collection_name_is_still_accepted(landlord_client, a_property):
    response = landlord_client.post(
        f"/properties/{a_property.pk}/media/upload",
        {"file": png_upload(), "collection_name": "floor_plans-2"},
        format="multipart",
    )
    assert response.status_code == 201
    assert Media.objects.unscoped().get().collection_name == "floor_plans-2"


def _multipart(parts: list[tuple[bytes, bytes]]) -> tuple[bytes, str]:
    body = b""
    for headers, content in parts:
        body += b"--XYZ\r\n" + headers + b"\r\n\r\n" + content + b"\r\n"
    return body + b"--XYZ--\r\n", "multipart/form-data; boundary=XYZ"


@pytest.mark.parametrize(
    "parts",
    [
        [(b'Content-Disposition: form-data; name="name"', b"a\x00b")],
        [(b'Content-Disposition: form-data; name="na\x00me"', b"ab")],
        [
            (
                b'Content-Disposition: form-data; name="fi\x00le"; filename="a.png"\r\nContent-Type: image/png',
                b"x",
            )
        ],
    ],
    ids=["value", "field-name", "file-field-name"],
)
@pytest.mark.parametrize("route", ["/properties", "/properties/{p}/media/upload", "/users/{u}"])
def test_nul_byte_in_a_multipart_field_is_400(landlord_client, a_property, parts, route):
    body, content_type = _multipart(parts)
    path = route.format(p=a_property.pk, u=landlord_client.user.pk)
    method = "PATCH" if route.startswith("/users") else "POST"
    response = landlord_client.generic(method, path, body, content_type=content_type)
    assert assert_error(response, 400)["message"] == ["request body must not contain null characters"]


def test_nul_byte_in_a_chat_multipart_message_is_400(auth_client):
    community = Community()
    thread = direct_thread(community.tenant, community.neighbor)
    body, content_type = _multipart([(b'Content-Disposition: form-data; name="message"', b"hi\x00")])
    response = quiet(auth_client(community.tenant)).generic(
        "POST", f"/chat/sessions/{thread.pk}/messages", body, content_type=content_type
    )
    assert_error(response, 400)
    assert not ThreadMessage.objects.filter(thread=thread).exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("x.html", b"<!doctype html><html><body><script>alert(1)</script></body></html>", "text/html"),
        ("notes.txt", b"just some text", "text/plain"),
        ("x.png", b"<html>not a picture</html>", "image/png"),
    ],
)
@pytest.mark.parametrize("owner", ["properties", "units"])
def test_property_and_unit_uploads_take_only_images_pdf_and_word(
    landlord_client, a_property, name, content, content_type, owner
):
    from apps.properties.tests.factories import UnitFactory

    target = (
        a_property
        if owner == "properties"
        else UnitFactory(property=a_property, landlord=a_property.landlord)
    )
    response = landlord_client.post(
        f"/{owner}/{target.pk}/media/upload",
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
        format="multipart",
    )
    message = assert_error(response, 400)["message"]
    assert message.startswith("File type not allowed. Allowed types: image/jpeg")
    assert "text/plain" not in message
    assert not Media.objects.unscoped().exists()


def test_property_upload_still_takes_pdf(landlord_client, a_property):
    response = landlord_client.post(
        f"/properties/{a_property.pk}/media/upload",
        {"file": SimpleUploadedFile("lease.pdf", PDF_BYTES, content_type="application/pdf")},
        format="multipart",
    )
    assert response.status_code == 201
    assert Media.objects.unscoped().get().mime_type == "application/pdf"


# -- onboarding by a non-landlord ------------------------------------------------------------------
def test_onboarding_org_by_a_superadmin_is_403_and_renames_nothing(auth_client):
    response = quiet(auth_client(AdminUserFactory())).post("/onboarding/org", {"name": "Mine"}, format="json")
    assert assert_error(response, 403)["message"] == "Only landlords can update org info"
    assert not Landlord.objects.filter(name="Mine").exists()


# -- WebSockets ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/ws/unknown/", "/ws/", "/", "/ws/chat/extra"])
def test_unknown_websocket_path_is_closed_not_an_asgi_error(path):
    from myte.asgi import application

    async def body():
        communicator = WebsocketCommunicator(application, path, headers=[(b"host", b"localhost")])
        connected, code = await communicator.connect()
        assert connected is False
        assert code == 4404
        await communicator.wait()

    async_to_sync(body)()


def test_the_413_carries_the_cors_headers_a_browser_needs(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    response = quiet(APIClient()).post(
        "/auth/login",
        data='{"email": "long enough"}',
        content_type="application/json",
        HTTP_ORIGIN="http://app.test",
    )
    assert_error(response, 413)
    assert response.headers.get("Access-Control-Allow-Origin") in ("*", "http://app.test")
