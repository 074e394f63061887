"""The AI routes are in the OpenAPI document with their bodies and answers."""

from __future__ import annotations

from drf_spectacular.generators import SchemaGenerator


def test_ai_routes_are_documented():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    extract = paths["/ai-extraction/extract-invoice-data"]["post"]
    assert "multipart/form-data" in extract["requestBody"]["content"]
    assert "201" in extract["responses"] and "401" in extract["responses"]
    for path in ("/chat", "/marketing-chat"):
        operation = paths[path]["post"]
        assert list(operation["requestBody"]["content"]) == ["application/json"]
        assert "$ref" in operation["responses"]["201"]["content"]["application/json"]["schema"]
        assert "401" not in operation["responses"]  # public
    stream = paths["/chat/stream"]["post"]
    assert "200" in stream["responses"] and "429" in stream["responses"]
