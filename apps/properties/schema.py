"""OpenAPI documentation helpers of the properties and media routes (drf-spectacular)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

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
