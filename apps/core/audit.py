"""Audit logging (spec 00 section 12).

HTTP requests that reach the handler stage with an authenticated user are recorded with the
original's action names (``UsersController.create``...), sanitized request and response, and the
status. Writing never affects the response: a failure is logged and swallowed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings

from apps.core.db import atomic
from apps.core.models import AuditLog

logger = logging.getLogger("myte.audit")

REDACTED = "[REDACTED]"
REDACTED_KEYS = {
    "password",
    "token",
    "secret",
    "api_key",
    "apiKey",
    "credit_card",
    "authorization",
    "refresh_token",
    "refreshToken",
    "access_token",
    "accessToken",
    "current_password",
    "new_password",
    "secret_key",
    "webhook_secret",
    "client_secret",
    "code",
}


def _file_summary(value: Any) -> Any:
    """Uploaded files are recorded by name and size, never by content."""
    from django.core.files.uploadedfile import UploadedFile

    if isinstance(value, UploadedFile):
        return f"[file {value.name}, {value.size} bytes]"
    return value


def redact(body: Any) -> Any:
    if not isinstance(body, dict):
        return body
    return {
        key: (REDACTED if key in REDACTED_KEYS and value else _file_summary(value))
        for key, value in body.items()
    }


def summarize_response(data: Any) -> Any:
    if data in (None, "", [], {}):
        return None
    if isinstance(data, list) and len(data) > 10:
        return {"type": "array", "length": len(data), "sample": data[:3]}
    if isinstance(data, dict) and len(data) > 20:
        return {"type": "object", "keys": list(data.keys()), "id": data.get("_id") or data.get("id")}
    if isinstance(data, str) and len(data) > 1000:
        return data[:1000] + "... [truncated]"
    if isinstance(data, dict):
        return redact(data)
    return data


def _jsonable(value: Any) -> Any:
    """Audit details go into a JSON column: anything else becomes text.

    NUL characters are dropped: PostgreSQL's ``jsonb`` cannot store them, and a hostile request
    body must not be able to make its own audit entry fail.
    """
    import json

    from rest_framework.utils.encoders import JSONEncoder

    try:
        text = json.dumps(value, cls=JSONEncoder)
    except (TypeError, ValueError):
        text = json.dumps(str(value))
    return json.loads(text.replace("\\u0000", ""))


def audit_record(*, user_id: str, action: str, details: dict[str, Any]) -> None:
    """Write one audit entry; never raises."""
    try:
        # A savepoint: a failed insert must not break a transaction the caller may be in.
        with atomic():
            AuditLog.objects.create(user_id=user_id, action=action, details=_jsonable(details))
    except Exception:  # noqa: BLE001 - auditing must never break the audited work
        logger.exception("Could not write the audit entry %s", action)


def audit_system(action: str, **details: Any) -> None:
    audit_record(user_id="system", action=action, details=details)


def audit_http(*, request, view, response, started: float, error: Exception | None = None) -> None:
    import time

    from rest_framework.request import Empty

    from apps.core.http import client_ip

    user = getattr(request, "user", None)
    if user is None:
        return
    # Only a body the view already parsed: parsing here could raise (415, malformed JSON) after
    # the response exists. ``hasattr`` cannot tell, DRF initialises the attribute to ``Empty``.
    parsed = getattr(request, "_full_data", Empty)
    body = None if parsed is Empty else parsed
    details: dict[str, Any] = {
        "request": {
            "params": dict(getattr(view, "kwargs", {}) or {}),
            "query": {key: request.query_params.getlist(key) for key in request.query_params},
            "body": redact(body if isinstance(body, dict) else None),
            "ip": client_ip(request),
            "userAgent": request.META.get("HTTP_USER_AGENT", ""),
            "path": request.path,
            "method": request.method,
            "statusCode": response.status_code,
            "responseTime": int((time.monotonic() - started) * 1000),
        }
    }
    if response.status_code < 400:
        details["response"] = summarize_response(getattr(response, "data", None))
    else:
        data = getattr(response, "data", None) or {}
        error_info: dict[str, Any] = {
            "message": data.get("message") if isinstance(data, dict) else None,
            "name": type(error).__name__ if error else "HttpException",
        }
        if settings.DEBUG and error is not None:
            import traceback

            error_info["stack"] = "".join(traceback.format_exception(error))[-4000:]
        details["error"] = error_info
    audit_record(user_id=str(user.pk), action=view.audit_action(request), details=details)
