"""Calls from the API to the AI service (``AI_ENDPOINT``, spec 09 section 0).

Every call carries the shared secret header (``AI_SERVICE_SECRET``) and a timeout; a service that
is down, slow, or answers anything but a 2xx JSON object raises :class:`AIServiceError`, which each
caller turns into its documented answer.
"""

from __future__ import annotations

import logging

import httpx
from django.conf import settings

logger = logging.getLogger("myte.ai")

SECRET_HEADER = "X-AI-Service-Secret"
CONNECT_TIMEOUT_SECONDS = 5.0


class AIServiceError(Exception):
    """The AI service did not give a usable answer."""


def _client(timeout: float) -> httpx.Client:
    headers = {SECRET_HEADER: settings.AI_SERVICE_SECRET} if settings.AI_SERVICE_SECRET else {}
    return httpx.Client(
        base_url=settings.AI_ENDPOINT.rstrip("/"),
        headers=headers,
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT_SECONDS)),
    )


def _json(response: httpx.Response) -> dict:
    if not response.is_success:
        raise AIServiceError(
            f"{response.request.url.path} answered {response.status_code}: {response.text[:300]}"
        )
    try:
        body = response.json()
    except ValueError as exc:
        raise AIServiceError(f"{response.request.url.path} answered non-JSON") from exc
    if not isinstance(body, dict):
        raise AIServiceError(f"{response.request.url.path} answered a non-object")
    return body


def post_file(path: str, *, filename: str, data: bytes, content_type: str, timeout: float) -> dict:
    try:
        with _client(timeout) as client:
            response = client.post(path, files={"file": (filename, data, content_type)})
    except httpx.HTTPError as exc:
        raise AIServiceError(f"{path}: {exc!r}") from exc
    return _json(response)


def post_json(path: str, *, body: dict, timeout: float) -> dict:
    try:
        with _client(timeout) as client:
            response = client.post(path, json=body)
    except httpx.HTTPError as exc:
        raise AIServiceError(f"{path}: {exc!r}") from exc
    return _json(response)
