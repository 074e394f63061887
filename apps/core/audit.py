"""Audit logging (spec 00 section 12).

HTTP requests that reach the handler stage with an authenticated user are recorded with the
original's action names (``UsersController.create``...), sanitized request and response, and the
status.

* **Changes** (POST, PUT, PATCH, DELETE) are audited in the change's own transaction
  (:class:`apps.core.views.ApiView` runs them inside one): if the entry cannot be written,
  :func:`audit_record` raises :class:`AuditWriteError`, the request fails and its change rolls
  back. Every change is audited or refused.
* **Reads** leave the request path: :func:`audit_http` hands their entries to
  :mod:`apps.core.audit_writer`, which bulk-inserts them in the background.

Details are sanitized as Python values (NUL characters dropped, lone surrogates replaced, NaN
and infinities turned into text, anything else made JSON) and size-capped: long arrays become
their length and the ids they hold, large objects their keys, long strings are cut, and a
section still over :data:`MAX_SECTION_BYTES` is replaced by a note of its size.
"""

from __future__ import annotations

import datetime
import json
import logging
import math
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework.request import Empty

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

#: longest string kept whole in an entry
MAX_STRING = 1000
#: arrays longer than this are summarized (length and ids, or a sample)
MAX_ARRAY = 10
#: objects with more keys than this are summarized (their keys and id)
MAX_KEYS = 20
#: nesting kept below the top of a section; deeper objects are summarized
MAX_DEPTH = 4
#: ids listed for a summarized array of records
MAX_IDS = 25
#: hard cap of one section (request body, response) once serialized
MAX_SECTION_BYTES = 4096

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AuditWriteError(Exception):
    """An audit entry of a change could not be written: the change must not land."""


# -- sanitizing and summarizing ---------------------------------------------------------------
def clean_text(value: str) -> str:
    """Text any JSON column stores: no NUL characters, no lone surrogates."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def sanitize(value: Any) -> Any:
    """``value`` as plain JSON data that every engine's JSON column accepts.

    Works on the Python value, never on serialized text: a body containing the six characters
    ``\\u0000`` stays exactly that text.
    """
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(key)): sanitize(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [sanitize(item) for item in value]
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return f"[{len(value)} bytes]"
    summary = _file_summary(value)
    if summary is not value:
        return summary
    return clean_text(str(value))


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


def _record_id(item: Any) -> Any:
    if isinstance(item, dict):
        return item.get("_id") or item.get("id")
    return None


def _summarize(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return value if len(value) <= MAX_STRING else value[:MAX_STRING] + "... [truncated]"
    if isinstance(value, (tuple, set, frozenset)):
        value = list(value)
    if isinstance(value, list):
        if len(value) <= MAX_ARRAY and depth < MAX_DEPTH:
            return [_summarize(item, depth + 1) for item in value]
        summary: dict[str, Any] = {"type": "array", "length": len(value)}
        ids = [_record_id(item) for item in value[:MAX_IDS]]
        if any(record_id is not None for record_id in ids):
            summary["ids"] = ids
        else:
            summary["sample"] = [_summarize(item, MAX_DEPTH) for item in value[:3]]
        return summary
    if isinstance(value, dict):
        if len(value) > MAX_KEYS or depth >= MAX_DEPTH:
            return {"type": "object", "keys": list(value)[:MAX_KEYS], "id": _record_id(value)}
        return {key: _summarize(item, depth + 1) for key, item in value.items()}
    return value


def summarize(value: Any) -> Any:
    """A bounded, JSON-safe picture of ``value``: at most :data:`MAX_SECTION_BYTES` serialized."""
    if value in (None, "", [], {}):
        return None
    # Bounded first, then sanitized: only what the entry keeps is walked twice (a list page of
    # 20 records is summarized to its length and ids without sanitizing every field of every row).
    result = sanitize(_summarize(redact(value), 0))
    size = len(json.dumps(result))
    if size <= MAX_SECTION_BYTES:
        return result
    return {"type": type(value).__name__, "truncated": True, "bytes": size, "id": sanitize(_record_id(value))}


def summarize_response(data: Any) -> Any:
    """Kept for callers of the old name: :func:`summarize`."""
    return summarize(data)


# -- writing ----------------------------------------------------------------------------------
def audit_entry(*, user_id: str, action: str, details: dict[str, Any]) -> AuditLog:
    """An unsaved, sanitized entry stamped now."""
    return AuditLog(
        user_id=clean_text(str(user_id))[:64],
        action=clean_text(action)[:200],
        details=sanitize(details),
        created_at=timezone.now(),
    )


def audit_record(*, user_id: str, action: str, details: dict[str, Any]) -> None:
    """Write one entry now, in the caller's transaction; raise :class:`AuditWriteError` if it fails.

    A savepoint keeps a failed insert from breaking the caller's transaction, so the caller can
    still answer; the caller decides whether the work proceeds (changes: no).
    """
    entry = audit_entry(user_id=user_id, action=action, details=details)
    try:
        with atomic():
            entry.save(force_insert=True)
    except Exception as exc:  # noqa: BLE001 - re-raised as the one error callers handle
        logger.exception("Could not write the audit entry %s", action)
        raise AuditWriteError(action) from exc


def audit_system(action: str, **details: Any) -> None:
    """Entries of jobs and the scheduler: logged and swallowed on failure (no request to refuse)."""
    try:
        audit_record(user_id="system", action=action, details=details)
    except AuditWriteError:
        pass


def audit_http(*, request, view, response, started: float, error: Exception | None = None) -> None:
    """Audit one request. Changes are written now (raising on failure); reads are queued."""
    import time

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
            "body": summarize(body) if isinstance(body, dict) else None,
            "ip": client_ip(request),
            "userAgent": request.META.get("HTTP_USER_AGENT", "")[:MAX_STRING],
            "path": request.path,
            "method": request.method,
            "statusCode": response.status_code,
            "responseTime": int((time.monotonic() - started) * 1000),
        }
    }
    if response.status_code < 400:
        details["response"] = summarize(getattr(response, "data", None))
    else:
        data = getattr(response, "data", None) or {}
        error_info: dict[str, Any] = {
            "message": summarize(data.get("message")) if isinstance(data, dict) else None,
            "name": type(error).__name__ if error else "HttpException",
        }
        if settings.DEBUG and error is not None:
            import traceback

            error_info["stack"] = "".join(traceback.format_exception(error))[-4000:]
        details["error"] = error_info
    action = view.audit_action(request)
    if request.method in WRITE_METHODS:
        audit_record(user_id=str(user.pk), action=action, details=details)
        return
    from apps.core.audit_writer import submit

    submit(audit_entry(user_id=str(user.pk), action=action, details=details))


# -- retention --------------------------------------------------------------------------------
def audit_purge(*, batch_size: int = 5000) -> int:
    """Delete entries older than ``AUDIT_RETENTION_DAYS`` (0 keeps everything), in batches."""
    days = settings.AUDIT_RETENTION_DAYS
    if not days:
        return 0
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted = 0
    while True:
        ids = list(AuditLog.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True)[:batch_size])
        if not ids:
            return deleted
        deleted += AuditLog.objects.filter(pk__in=ids).delete()[0]
