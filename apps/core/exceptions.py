"""One error vocabulary and one error format (spec 00 section 6).

Every error leaves the API as ``{"statusCode": int, "message": str | [str], "error": "UPPER_SNAKE"}``.
Services raise :class:`ApplicationError` subclasses; DRF's exceptions, Django's ``Http404``,
``PermissionDenied`` and ``ValidationError`` are mapped here too. Anything else is a 500 with a
generic message and a logged traceback: internal text never leaks.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from djangorestframework_camel_case.util import camelize
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.settings import api_settings as drf_settings

logger = logging.getLogger("myte.errors")

GENERIC_500 = "Internal server error"
TOO_LARGE = "Request body is too large"


def status_name(status: int) -> str:
    try:
        return HTTPStatus(status).name
    except ValueError:
        return "ERROR"


def error_body(status: int, message: Any) -> dict[str, Any]:
    return {"statusCode": status, "message": message, "error": status_name(status)}


class ApplicationError(Exception):
    """A domain error with a stable status and message."""

    status_code = 400
    default_message = "Bad request"

    def __init__(self, message: Any = None, *, status_code: int | None = None):
        self.message = self.default_message if message is None else message
        if status_code is not None:
            self.status_code = status_code
        super().__init__(self.message if isinstance(self.message, str) else str(self.message))


class BadRequest(ApplicationError):
    status_code = 400


class Unauthorized(ApplicationError):
    status_code = 401
    default_message = "Unauthorized"


class Forbidden(ApplicationError):
    status_code = 403
    default_message = "Forbidden resource"


class AccessDenied(Forbidden):
    default_message = "Access denied"


class NotFound(ApplicationError):
    status_code = 404
    default_message = "Not found"


class Conflict(ApplicationError):
    status_code = 409
    default_message = "Conflict"


class Unprocessable(ApplicationError):
    status_code = 422
    default_message = "Unprocessable entity"


class ServiceUnavailable(ApplicationError):
    status_code = 503
    default_message = "Service unavailable"


def _wire_name(path: str) -> str:
    """``first_name`` -> ``firstName`` (and ``address.postal_code`` -> ``address.postalCode``)."""
    from django.conf import settings

    verbatim = set(settings.WIRE_VERBATIM_KEYS)
    return ".".join(
        part if part in verbatim else next(iter(camelize({part: None}))) for part in path.split(".")
    )


def flatten_validation(detail: Any, path: str = "") -> list[str]:
    """Turn DRF's nested error detail into the spec's flat list of messages.

    Messages that start with a lower-case word are predicates ("must be an email") and get the
    field's wire name in front ("email must be an email"); full sentences are kept as written.
    """
    messages: list[str] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in (drf_settings.NON_FIELD_ERRORS_KEY, "__all__"):
                messages.extend(flatten_validation(value, path))
            else:
                child = f"{path}.{key}" if path else str(key)
                messages.extend(flatten_validation(value, child))
    elif isinstance(detail, (list, tuple)):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)) and path:
                messages.extend(flatten_validation(value, f"{path}.{index}"))
            else:
                messages.extend(flatten_validation(value, path))
    else:
        text = str(detail)
        if path and text[:1].islower():
            text = f"{_wire_name(path)} {text}"
        messages.append(text)
    return messages


def _message_for(exc: drf.APIException) -> Any:
    if isinstance(exc, drf.ValidationError):
        return flatten_validation(exc.detail)
    detail = exc.detail
    if isinstance(detail, (list, dict)):
        return flatten_validation(detail)
    return str(detail)


def _drf_message(exc: drf.APIException) -> Any:
    if isinstance(exc, (drf.NotAuthenticated, drf.AuthenticationFailed)):
        return exc.detail if getattr(exc, "keep_detail", False) else "Unauthorized"
    if isinstance(exc, drf.Throttled):
        return "ThrottlerException: Too Many Requests"
    if isinstance(exc, drf.UnsupportedMediaType):
        return str(exc.detail)
    if isinstance(exc, drf.ParseError):
        return _message_for(exc) if getattr(exc, "keep_detail", False) else "Malformed JSON in request body"
    return _message_for(exc)


def api_exception_handler(exc: Exception, context: dict) -> Response:
    headers: dict[str, str] = {}
    if isinstance(exc, ApplicationError):
        status, message = exc.status_code, exc.message
    elif isinstance(exc, Http404):
        status, message = 404, str(exc) if str(exc) else "Not found"
    elif isinstance(exc, DjangoPermissionDenied):
        status, message = 403, str(exc) or "Forbidden resource"
    elif isinstance(exc, DjangoValidationError):
        status = 400
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        message = flatten_validation(detail)
    elif isinstance(exc, RequestDataTooBig):
        status, message = 413, TOO_LARGE
    elif isinstance(exc, SuspiciousOperation):
        # Path traversal in a file name, too many fields...: the client's fault, never a 500.
        logger.warning("Refused a suspicious request: %s", exc)
        status, message = 400, "Bad request"
    elif isinstance(exc, DataError):
        # Values the database cannot hold (out of range, NUL characters...) are bad input.
        logger.warning("Database refused a value: %s", exc)
        status, message = 400, ["a value is out of range or contains characters that cannot be stored"]
    elif isinstance(exc, drf.APIException):
        status, message = exc.status_code, _drf_message(exc)
        if isinstance(exc, drf.Throttled) and exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait) or 1)
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
    else:
        request = context.get("request")
        logger.exception(
            "Unhandled error on %s %s",
            getattr(request, "method", "?"),
            getattr(request, "path", "?"),
            exc_info=exc,
        )
        status, message = 500, GENERIC_500
    response = Response(error_body(status, message), status=status, headers=headers)
    response.exception = True
    return response


def json_error(status: int, message: Any) -> JsonResponse:
    return JsonResponse(error_body(status, message), status=status)


def handler404(request, exception=None):
    return json_error(404, f"Cannot {request.method} {request.path}")


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class JsonErrorMiddleware:
    """Errors leave the API as JSON in every mode, and oversized bodies are refused up front.

    * A body longer than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is ``413`` in the error format on every
      route, before authentication or parsing (multipart bodies are measured by Django per
      field, file parts excluded: their limit is the upload route's).
    * ``RequestDataTooBig`` and other ``SuspiciousOperation`` raised by a view are 413 / 400.
    * With ``DEBUG`` on Django renders HTML debug pages (404, 400, 500); they are replaced by the
      JSON error of the same status, so ``make run`` speaks the same wire format as production.
      The Django admin and the RQ dashboard keep their pages.
    """

    EXEMPT_PREFIXES = ("/django-admin/", "/django-rq/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        content_type = request.META.get("CONTENT_TYPE", "")
        if (
            limit is not None
            and not content_type.startswith("multipart/form-data")
            and _declared_length(request) > limit
        ):
            return json_error(413, TOO_LARGE)
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(self.EXEMPT_PREFIXES)
        ):
            if response.status_code == 404:
                return handler404(request)
            return json_error(response.status_code, _default_message(response.status_code))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return json_error(413, TOO_LARGE)
        if isinstance(exception, SuspiciousOperation):
            logger.warning("Refused a suspicious request to %s: %s", request.path, exception)
            return json_error(400, "Bad request")
        return None


def _default_message(status: int) -> str:
    if status >= 500:
        return GENERIC_500
    return HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"


def handler500(request):
    return json_error(500, GENERIC_500)


def handler400(request, exception=None):
    return json_error(400, "Bad request")


def handler403(request, exception=None):
    return json_error(403, "Forbidden resource")
