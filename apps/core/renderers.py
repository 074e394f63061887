"""JSON out: camelCase keys (``_id``, ``__v`` and the spec's snake_case keys kept verbatim)."""

from djangorestframework_camel_case.render import CamelCaseJSONRenderer


class ApiJSONRenderer(CamelCaseJSONRenderer):
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code == 204:
            return b""
        return super().render(data, accepted_media_type, renderer_context)
