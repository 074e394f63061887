"""JSON out: camelCase keys (``_id``, ``__v`` and the spec's snake_case keys kept verbatim).

The key conversion is the camel-case library's own (``camelize_re`` / ``underscore_to_camel``);
what this module adds is a memo of converted keys, because a list response repeats the same few
dozen keys thousands of times and the library re-runs its regular expression for each.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.utils.encoding import force_str
from django.utils.functional import Promise
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.settings import api_settings
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel

_OPTIONS = api_settings.JSON_UNDERSCOREIZE
_IGNORE_KEYS = frozenset(_OPTIONS.get("ignore_keys") or ())
_IGNORE_FIELDS = frozenset(_OPTIONS.get("ignore_fields") or ())


@lru_cache(maxsize=4096)
def camel_key(key: str) -> str:
    if key in _IGNORE_KEYS or "_" not in key:
        return key
    return re.sub(camelize_re, underscore_to_camel, key)


def camelize(data: Any) -> Any:
    """Same output as the library's ``camelize`` with the project's options, faster."""
    if isinstance(data, dict):
        result = {}
        for key, value in data.items():
            if isinstance(key, Promise):
                key = force_str(key)
            if isinstance(key, str):
                new_key = camel_key(key)
                skip = key in _IGNORE_FIELDS or new_key in _IGNORE_FIELDS
            else:
                new_key, skip = key, False
            result[new_key] = value if skip else camelize(value)
        return result
    if isinstance(data, (list, tuple)):
        return [camelize(item) for item in data]
    if isinstance(data, Promise):
        return force_str(data)
    return data


class ApiJSONRenderer(CamelCaseJSONRenderer):
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code == 204:
            return b""
        # Skip the parent's camelize (already done here) and render JSON directly.
        return super(CamelCaseJSONRenderer, self).render(
            camelize(data), accepted_media_type, renderer_context
        )
