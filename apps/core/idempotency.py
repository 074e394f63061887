"""``Idempotency-Key`` for money writes (beyond the original; README "Idempotent requests").

A client may send ``Idempotency-Key: <any string up to 255 characters>`` with a write. The first
request with a key runs and its answer (status and JSON body) is stored under (user, key, method +
path). A retry with the same key and the same body gets that stored answer and writes nothing new;
the same key with a different body is ``422``; a retry while the first request still runs is
``409``. Answers with a 5xx status are not stored (the retry runs again). Without the header the
route behaves as usual. Payments reuse it by decorating their view methods with :func:`idempotent`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError
from django.http import HttpResponse
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Conflict, Unprocessable
from apps.core.models import IdempotencyRecord

HEADER = "HTTP_IDEMPOTENCY_KEY"
MAX_KEY_LENGTH = 255
#: a first request that has not answered after this long is considered lost and may be re-run
ABANDONED_AFTER = timedelta(minutes=5)


def _request_hash(request) -> str:
    data = request.data
    if hasattr(data, "lists"):
        data = {key: values for key, values in data.lists()}
    try:
        body = json.dumps(data, sort_keys=True, default=str)
    except TypeError:
        body = repr(data)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _replay(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(
        record.response_body or "", status=record.status_code, content_type="application/json"
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _claim(*, user_id, key: str, route: str, request_hash: str) -> IdempotencyRecord | None:
    """Create the in-flight record; ``None`` when one exists already (returned by the caller)."""
    try:
        with atomic():
            return IdempotencyRecord.objects.create(
                user_id=user_id, key=key, route=route, request_hash=request_hash
            )
    except IntegrityError:
        return None


def idempotent(view_method):
    """Decorate an ``ApiView`` handler (``post``/``patch``) to honour ``Idempotency-Key``."""

    @wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.META.get(HEADER)
        user_id = getattr(self.principal, "user_id", None)
        if key is None or user_id is None:
            return view_method(self, request, *args, **kwargs)
        if not key.strip() or len(key) > MAX_KEY_LENGTH:
            raise BadRequest([f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters"])
        route = f"{request.method} {request.path}"
        request_hash = _request_hash(request)
        record = _claim(user_id=user_id, key=key, route=route, request_hash=request_hash)
        if record is None:
            existing = IdempotencyRecord.objects.get(user_id=user_id, key=key, route=route)
            if existing.request_hash != request_hash:
                raise Unprocessable("Idempotency-Key has already been used with a different request body")
            if existing.status_code is not None:
                return _replay(existing)
            if existing.created_at > timezone.now() - ABANDONED_AFTER:
                raise Conflict("A request with this Idempotency-Key is still being processed")
            IdempotencyRecord.objects.filter(pk=existing.pk).delete()
            record = _claim(user_id=user_id, key=key, route=route, request_hash=request_hash)
            if record is None:
                raise Conflict("A request with this Idempotency-Key is still being processed")
        try:
            response = view_method(self, request, *args, **kwargs)
        except Exception as exc:
            status = getattr(exc, "status_code", 500)
            if status >= 500:
                IdempotencyRecord.objects.filter(pk=record.pk).delete()
                raise
            from apps.core.exceptions import error_body

            message = getattr(exc, "message", None) or getattr(exc, "detail", None)
            response_data = None
            try:
                handled = self.handle_exception(exc)
                response_data = handled.data
                status = handled.status_code
            except Exception:  # noqa: BLE001 - unhandled: not stored, re-raised
                IdempotencyRecord.objects.filter(pk=record.pk).delete()
                raise
            _store(
                record, status, response_data if response_data is not None else error_body(status, message)
            )
            return handled
        if response.status_code >= 500:
            IdempotencyRecord.objects.filter(pk=record.pk).delete()
            return response
        _store(record, response.status_code, response.data)
        return response

    return wrapper


def _store(record: IdempotencyRecord, status: int, data) -> None:
    from apps.core.renderers import ApiJSONRenderer

    body = ApiJSONRenderer().render(data).decode() if data is not None else ""
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        status_code=status, response_body=body, updated_at=timezone.now()
    )
