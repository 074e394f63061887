"""Who may call the service (spec 09 open question 7).

With ``AI_SERVICE_SECRET`` set, every route requires the header ``X-AI-Service-Secret`` with that
value (the main API sends it). Without a secret the service answers loopback clients only, so a
service exposed on a network is never callable anonymously.
"""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request

from ai_features.config import load_settings

SECRET_HEADER = "X-AI-Service-Secret"
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def require_caller(request: Request) -> None:
    settings = load_settings()
    if settings.shared_secret:
        sent = request.headers.get(SECRET_HEADER, "")
        if not secrets.compare_digest(sent.encode(), settings.shared_secret.encode()):
            raise HTTPException(status_code=401, detail="Invalid or missing service secret")
        return
    host = request.client.host if request.client else ""
    if host not in LOOPBACK_HOSTS:
        raise HTTPException(
            status_code=401,
            detail="AI_SERVICE_SECRET is not set: only local clients may call this service",
        )
