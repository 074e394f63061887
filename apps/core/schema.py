"""OpenAPI: the ``JWT-auth`` bearer scheme and documented error responses on every operation.

The document is checked against the running API by ``make fuzz`` (schemathesis), so what is said
here must be what the views do: public routes carry no security requirement, every error status a
route can answer is declared, path ids are UUIDs, and no docstring leaks into a description.
"""

from __future__ import annotations

import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_override
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
    409: "Conflicts with an existing record (duplicate value)",
    415: "Unsupported request Content-Type",
    422: "A business rule refuses the request",
    429: "Too many requests",
}
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
#: input strings never contain NUL (DRF's CharField refuses it; query values too, apps.core.views)
NO_NUL_PATTERN = r"^[^\x00]*$"


def documented(field, **schema):
    """``field`` with extra OpenAPI keywords for a rule its validation holds (``enum``, ...)."""
    base = type(field)
    extra = {**(getattr(base, "openapi_schema", None) or {}), **schema}
    # A class attribute: DRF re-creates declared fields from their arguments for every serializer.
    field.__class__ = type(base.__name__, (base,), {"openapi_schema": extra, "__module__": base.__module__})
    return field


class ApiAutoSchema(AutoSchema):
    """Adds the error responses every route can give, unless a view documents its own.

    Every route: 400, 404, 429. Authenticated routes: 401, 403; public routes only the statuses
    they list in ``ApiView.error_statuses`` (a login answers 401 for bad credentials). Writes:
    409 and 422 (duplicates and business rules), and 415 when they take a body.

    Public routes (``ApiView.public``) carry no security requirement. Descriptions come only from
    ``extend_schema``/``doc`` arguments, never from docstrings (those are for developers).

    Also names a GET on a collection path (one not ending in a path parameter) ``<path>_list``, so
    that ``/users`` and ``/users/{id}`` do not both become ``users_retrieve``.
    """

    def get_auth(self):
        if getattr(self.view, "public", False):
            return []
        return super().get_auth()

    def get_description(self):
        return ""

    def _map_basic_serializer(self, serializer, direction):
        from apps.core.serializers import StrictFieldsMixin

        schema = super()._map_basic_serializer(serializer, direction)
        if not get_override(serializer, "description"):
            schema.pop("description", None)
        if direction == "request" and isinstance(serializer, StrictFieldsMixin):
            schema["additionalProperties"] = False  # "property <name> should not exist"
        if direction == "request":
            schema.update(getattr(serializer, "openapi_schema", None) or {})
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """Field-level truths the validation holds: ``openapi_schema`` on a field (see
        :func:`documented`), no NUL in input strings, ``sortBy`` enums. A serializer's own
        ``openapi_schema`` (``anyOf`` of required sets, ``minProperties``) joins its request schema."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        extra = getattr(field, "openapi_schema", None)
        if extra:
            schema = {**schema, **extra}
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and not field.allow_blank  # blank strings get drf-spectacular's own oneOf
            and schema.get("type") == "string"
            and not {"pattern", "format", "enum"} & set(schema)
        ):
            schema = {**schema, "pattern": NO_NUL_PATTERN}  # "Null characters are not allowed."
        sortable = getattr(getattr(field, "parent", None), "sortable", None)
        if field.field_name == "sort_by" and isinstance(sortable, dict) and sortable:
            schema = {**schema, "enum": list(sortable)}
            schema.pop("minLength", None)
            schema.pop("maxLength", None)
        return schema

    def _map_response_type_hint(self, method):
        schema = super()._map_response_type_hint(method)
        schema.pop("description", None)
        return schema

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
        else:
            codes += list(getattr(view, "error_statuses", ()))
        if self.method in UNSAFE_METHODS:
            codes += [409, 422]
            if self._get_request_body() is not None:
                codes.append(415)
        for code in dict.fromkeys(codes):
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
                    parameter = {**parameter, "name": name, "schema": _path_schema(name, parameter)}
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
                    parameter = {"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
                    kept.append({**parameter, "schema": _path_schema(name, parameter)})
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


ID_PARAMETER = re.compile(r"^(id|pk|[a-z][A-Za-z]*Id)$")


def _path_schema(name: str, parameter: dict) -> dict:
    """Record ids in paths are UUIDs (``apps.core.ids``): a malformed one is a 400, as documented."""
    schema = dict(parameter.get("schema") or {"type": "string"})
    if ID_PARAMETER.match(name) and schema.get("type") == "string" and "format" not in schema:
        schema["format"] = "uuid"
    return schema
