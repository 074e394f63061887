"""OpenAPI: the ``JWT-auth`` bearer scheme and documented error responses on every operation."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers


class JWTCookieAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "apps.core.authentication.JWTCookieAuthentication"
    name = "JWT-auth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "Access token from /auth/login (also accepted as the access_token cookie).",
        }


ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "statusCode": serializers.IntegerField(),
        "message": serializers.JSONField(help_text="A message, or a list of validation messages"),
        "error": serializers.CharField(help_text="Upper-snake status name, e.g. BAD_REQUEST"),
    },
)

ERROR_DESCRIPTIONS = {
    400: "Validation failed (message is a list of strings) or malformed id",
    401: "Missing, invalid or expired access token",
    403: "Access denied, invalid CSRF token or admin access required",
    404: "Not found (also for records outside the caller's scope)",
    429: "Too many requests",
}


class ApiAutoSchema(AutoSchema):
    """Adds the error responses every route can give, unless a view documents its own.

    Also names a GET on a collection path (one not ending in a path parameter) ``<path>_list``, so
    that ``/users`` and ``/users/{id}`` do not both become ``users_retrieve``.
    """

    def get_operation_id(self):
        operation_id = super().get_operation_id()
        if (
            self.method == "GET"
            and operation_id.endswith("_retrieve")
            and not self.path.rstrip("/").endswith("}")
        ):
            operation_id = operation_id[: -len("_retrieve")] + "_list"
        return operation_id

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        view = self.view
        public = getattr(view, "public", False)
        codes = [400, 404, 429]
        if not public:
            codes += [401, 403]
        for code in codes:
            key = str(code)
            if key not in responses:
                responses[key] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    key,
                    direction=direction,
                )
        return responses


def align_path_parameters(result, generator, request, public):
    """Postprocessing hook: path templates and path parameters use the same (camelCase) names.

    The camel-case hook renames parameters (``thread_id`` -> ``threadId``) but not the templates, and
    views that document ``pk`` meet drf-spectacular's ``{pk}`` -> ``{id}`` coercion. Both would
    leave clients with parameters that match no placeholder.
    """
    import re

    from apps.core.renderers import camel_key

    placeholder = re.compile(r"{([^}]+)}")
    aligned = {}
    for path, operations in result.get("paths", {}).items():
        new_path = placeholder.sub(lambda match: "{" + camel_key(match.group(1)) + "}", path)
        names = placeholder.findall(new_path)
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            kept, seen = [], {}
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path":
                    name = camel_key(parameter["name"])
                    if name == "pk" and "pk" not in names and "id" in names:
                        name = "id"
                    if name not in names:
                        continue
                    parameter = {**parameter, "name": name}
                    if name in seen:
                        # A documented parameter (``pk`` as a UUID) beats the plain string that
                        # drf-spectacular derives from the URL converter for the same placeholder.
                        if "format" in parameter.get("schema", {}) and "format" not in kept[seen[name]].get(
                            "schema", {}
                        ):
                            kept[seen[name]] = parameter
                        continue
                    seen[name] = len(kept)
                kept.append(parameter)
            for name in names:
                if name not in seen:
                    kept.append({"in": "path", "name": name, "required": True, "schema": {"type": "string"}})
            operation["parameters"] = kept
        aligned[new_path] = operations
    result["paths"] = aligned
    return result


# -- ``doc``: the compact extend_schema of the properties, availability and media routes --------
ID_PARAMETERS = {
    name: OpenApiParameter(name, OpenApiTypes.UUID, OpenApiParameter.PATH)
    for name in ("pk", "media_id", "unit_id")
}
DAY_PARAMETER = OpenApiParameter(
    "day", OpenApiTypes.DATE, OpenApiParameter.PATH, description="YYYY-MM-DD (UTC)"
)


def doc(
    tag: str,
    summary: str,
    *,
    request=None,
    query=None,
    status: int = 200,
    path: tuple[str, ...] = (),
    multipart: bool = False,
    binary: bool = False,
):
    """``extend_schema`` with the conventions of these routes: JSON objects out, documented errors."""
    parameters = [ID_PARAMETERS[name] if name in ID_PARAMETERS else DAY_PARAMETER for name in path]
    if query is not None:
        parameters.append(query)
    if request is not None and multipart:
        request = {"application/json": request, "multipart/form-data": request}
    response = OpenApiTypes.BINARY if binary else OpenApiTypes.OBJECT
    return extend_schema(
        tags=[tag],
        summary=summary,
        request=request,
        parameters=parameters or None,
        responses={status: None if status == 204 else response},
    )
