"""Health endpoints: ``/health`` (spec 00 section 13), ``/health/db`` and ``/health/redis`` (seed)."""

from __future__ import annotations

import logging
from typing import ClassVar

from django.conf import settings
from django.db import DatabaseError, connections
from rest_framework.response import Response
from rest_framework.views import APIView

logger = logging.getLogger("myte.health")


class _HealthBase(APIView):
    authentication_classes: ClassVar[list] = []
    permission_classes: ClassVar[list] = []
    throttle_classes: ClassVar[list] = []


class HealthView(_HealthBase):
    def get(self, request):
        return Response({"status": "ok"})


def database_status() -> tuple[bool, str]:
    connection = connections["default"]
    try:
        if connection.vendor == "mongodb":  # pragma: no cover - MongoDB lane only
            connection.ensure_connection()
            connection.connection.admin.command("ping")
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except (DatabaseError, Exception) as exc:  # noqa: BLE001 - any failure means "down"
        logger.warning("Database health check failed: %s", exc)
        return False, f"Database unreachable: {type(exc).__name__}"
    return True, connection.vendor


class DatabaseHealthView(_HealthBase):
    def get(self, request):
        healthy, detail = database_status()
        if not healthy:
            return Response({"status": "error", "database": "down", "reason": detail}, status=503)
        return Response({"status": "ok", "database": "up", "engine": detail})


def redis_status() -> tuple[bool, str]:
    if not settings.USE_REDIS:
        return True, "disabled"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
    except redis.RedisError as exc:
        logger.warning("Redis health check failed: %s", exc)
        return False, f"Redis unreachable: {type(exc).__name__}"
    return True, "up"


class RedisHealthView(_HealthBase):
    def get(self, request):
        healthy, detail = redis_status()
        if not healthy:
            return Response({"status": "error", "redis": "down", "reason": detail}, status=503)
        return Response({"status": "ok", "redis": detail})
