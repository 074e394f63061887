"""Request body parsers: camelCase JSON, multipart and form bodies, with bad input kept a 4xx.

On top of ``djangorestframework-camel-case``'s parsers, a JSON body must be an object (no route
takes a list, string or number) nested at most ``API_JSON_MAX_DEPTH`` levels: a deeply nested
body would otherwise exhaust Python's recursion limit in the decoder or in the key conversion,
which is a 500 on any route, before authentication. Form and multipart bodies must not carry NUL
characters in a field name, value or file name (no database stores them, and file names reach
storage paths): one rule for every route instead of each field's own check.
"""

from __future__ import annotations

import json

from django.conf import settings
from djangorestframework_camel_case.parser import (
    CamelCaseFormParser,
    CamelCaseJSONParser,
    CamelCaseMultiPartParser,
)
from djangorestframework_camel_case.util import underscoreize
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, MultiPartParser

DEFAULT_MAX_DEPTH = 64


class BodyRefused(ParseError):
    """A body that parsed but cannot be a request body; its own message is kept."""

    keep_detail = True


def json_depth(value, limit: int) -> int:
    """Nesting depth of a decoded JSON value, walked without recursion; stops past ``limit``."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


class ApiJSONParser(CamelCaseJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = getattr(settings, "API_JSON_MAX_DEPTH", DEFAULT_MAX_DEPTH)
        try:
            data = json.loads(stream.read().decode(encoding))
        except RecursionError as exc:
            raise BodyRefused(f"JSON body is nested deeper than {limit} levels") from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        if not isinstance(data, dict):
            raise BodyRefused(["request body must be a JSON object"])
        if json_depth(data, limit) > limit:
            raise BodyRefused(f"JSON body is nested deeper than {limit} levels")
        return underscoreize(data, **self.json_underscoreize)


NUL_MESSAGE = "request body must not contain null characters"


def _refuse_nul(mapping) -> None:
    for key, values in mapping.lists():
        texts = [key, *(getattr(value, "name", value) for value in values)]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise BodyRefused([NUL_MESSAGE])


class NulFreeMultiPart:
    """Refuses NUL characters in the parsed fields and files of a multipart body."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        _refuse_nul(parsed.data)
        _refuse_nul(parsed.files)
        return parsed


class NulFreeForm:
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        _refuse_nul(parsed)
        return parsed


class ApiMultiPartParser(NulFreeMultiPart, CamelCaseMultiPartParser):
    pass


class ApiFormParser(NulFreeForm, CamelCaseFormParser):
    pass


class PlainMultiPartParser(NulFreeMultiPart, MultiPartParser):
    """Field names as sent (no key conversion), for routes whose form fields are not camelCase."""


class PlainFormParser(NulFreeForm, FormParser):
    pass
