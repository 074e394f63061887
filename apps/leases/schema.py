"""OpenAPI documentation helper of the lease, period, transaction, deposit and signing routes."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from apps.core.schema import ErrorSerializer

PATH_PARAMETERS = {
    name: OpenApiParameter(name, OpenApiTypes.UUID, OpenApiParameter.PATH)
    for name in ("pk", "media_id", "rental_period_id", "lease_id")
}
PATH_PARAMETERS["token"] = OpenApiParameter(
    "token", OpenApiTypes.STR, OpenApiParameter.PATH, description="the raw signing token (64 hex characters)"
)
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"\S"},
    OpenApiParameter.HEADER,
    required=False,
    description="Retries with the same key return the first response and write nothing new; "
    "the same key with a different body is 422.",
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
    array: bool = False,
    idempotent: bool = False,
    errors: tuple[int, ...] = (),
    other: dict | None = None,
):
    """``extend_schema`` for these routes: JSON objects (or arrays, or a PDF) out, the error
    responses a route can give beyond the common ones (``errors``), and ``other`` responses whose
    body is not the error format (``{status: description}``)."""
    parameters = [PATH_PARAMETERS[name] for name in path]
    if query is not None:
        parameters.append(query)
    if idempotent:
        parameters.append(IDEMPOTENCY_HEADER)
    if request is not None and multipart:
        request = {"application/json": request, "multipart/form-data": request}
    if binary:
        body = OpenApiResponse(response=OpenApiTypes.BINARY, description="application/pdf")
    elif status == 204:
        body = None
    else:
        body = {"type": "array", "items": {"type": "object"}} if array else OpenApiTypes.OBJECT
    responses = {status: body}
    if idempotent:
        errors = (*errors, 409, 422)
    for code in errors:
        responses[code] = OpenApiResponse(response=ErrorSerializer, description="See the message")
    for code, description in (other or {}).items():
        responses[code] = OpenApiResponse(response=OpenApiTypes.OBJECT, description=description)
    return extend_schema(
        tags=[tag], summary=summary, request=request, parameters=parameters or None, responses=responses
    )
