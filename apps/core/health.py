"""Health endpoints: ``/health`` (spec 00 section 13), ``/health/db`` and ``/health/redis`` (seed)."""

from __future__ import annotations

import logging
from typing import ClassVar

from django.conf import settings
from django.db import DatabaseError, connections
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

logger = logging.getLogger("myte.health")


class _HealthBase(APIView):
    """Public, not rate limited, not audited: load balancers and orchestrators poll these."""

    authentication_classes: ClassVar[list] = []
    permission_classes: ClassVar[list] = []
    throttle_classes: ClassVar[list] = []
    public = True


def _status_serializer(name: str, **fields) -> serializers.Serializer:
    return inline_serializer(name=name, fields={"status": serializers.CharField(), **fields})


HealthStatus = _status_serializer("HealthStatus")
DatabaseHealthStatus = _status_serializer(
    "DatabaseHealthStatus",
    database=serializers.CharField(help_text="up or down"),
    engine=serializers.CharField(required=False, help_text="sqlite, postgresql or mongodb"),
    reason=serializers.CharField(required=False),
)
RedisHealthStatus = _status_serializer(
    "RedisHealthStatus",
    redis=serializers.CharField(help_text="up, down, or disabled (no Redis configured)"),
    reason=serializers.CharField(required=False),
)


class HealthView(_HealthBase):
    @extend_schema(
        tags=["Health"],
        summary="Liveness: the process answers",
        responses={200: HealthStatus},
        auth=[],
    )
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
    @extend_schema(
        tags=["Health"],
        summary="Readiness of the database",
        responses={
            200: DatabaseHealthStatus,
            503: OpenApiResponse(DatabaseHealthStatus, description="The database is unreachable"),
        },
        auth=[],
    )
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
    @extend_schema(
        tags=["Health"],
        summary="Readiness of Redis (queues, cache, channel layer)",
        responses={
            200: RedisHealthStatus,
            503: OpenApiResponse(RedisHealthStatus, description="Redis is configured but unreachable"),
        },
        auth=[],
    )
    def get(self, request):
        healthy, detail = redis_status()
        if not healthy:
            return Response({"status": "error", "redis": "down", "reason": detail}, status=503)
        return Response({"status": "ok", "redis": detail})
