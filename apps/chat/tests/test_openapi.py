"""Every chat and notification route is in the OpenAPI document with typed request/response."""

from __future__ import annotations

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

PREFIXES = ("/chat", "/notifications", "/admin/threads", "/admin/notifications")
EMPTY_BODY = {("delete", "/chat/sessions/{}/messages/{}")}
#: the landing chatbot's routes share the prefix but belong to the AI app (apps/ai)
AI_CHATBOT_PATHS = ("/chat", "/chat/stream")


@pytest.fixture(scope="module")
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(document):
    for path, operations in document["paths"].items():
        if path.startswith(PREFIXES) and path not in AI_CHATBOT_PATHS:
            for method, operation in operations.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    yield method, re.sub(r"{[^}]+}", "{}", path), operation


def test_every_operation_has_a_typed_success_response(document):
    seen = 0
    for method, path, operation in _operations(document):
        seen += 1
        assert operation.get("summary"), (method, path)
        success = {code: body for code, body in operation["responses"].items() if code.startswith("2")}
        assert len(success) == 1, (method, path)
        [body] = success.values()
        if (method, path) in EMPTY_BODY:
            assert "content" not in body
            continue
        schema = body["content"]["application/json"]["schema"]
        assert "$ref" in schema or schema.get("items", {}).get("$ref"), (method, path, schema)
        ids = [p for p in operation.get("parameters", []) if p["in"] == "path"]
        assert len(ids) == path.count("{}"), (method, path)
        assert all(p["schema"].get("format") == "uuid" for p in ids), (method, path)
    assert seen == 32  # 20 chat + 9 notification routes, and 3 admin routes of these apps


def test_bodies_are_documented(document):
    ops = {(m, p): o for m, p, o in _operations(document)}
    with_body = [
        ("post", "/chat/sessions"),
        ("post", "/chat/sessions/{}/messages"),
        ("put", "/chat/sessions/{}/messages/{}"),
        ("post", "/chat/groups"),
        ("post", "/chat/groups/{}/members"),
        ("put", "/chat/groups/{}/name"),
        ("put", "/chat/groups/{}/avatar"),
        ("put", "/chat/groups/{}/ownership"),
        ("post", "/chat/sessions/{}/mute"),
        ("post", "/notifications/test"),
        ("put", "/notifications/preferences"),
    ]
    for key in with_body:
        assert ops[key].get("requestBody", {}).get("content"), key
    assert "multipart/form-data" in ops[("put", "/chat/groups/{}/avatar")]["requestBody"]["content"]
