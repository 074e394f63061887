"""Rate limits as spec 00 section 4 intends: per minute, per client address and route.

Every API route has the global limit (``RATE_LIMIT_GLOBAL``, 60 per minute); routes may declare a
stricter ``rate_limit`` (login 5/min, registration 3/min...). Counters live in the cache, which is
Redis when configured, so the limit holds across processes. Responses carry ``X-RateLimit-*``
headers; a refusal is a 429 with ``Retry-After``.
"""

from __future__ import annotations

import time

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from apps.core.http import client_ip


class RouteRateThrottle(SimpleRateThrottle):
    cache_format = "throttle:%(scope)s:%(ident)s"

    def __init__(self, rate: str | None = None, scope: str = "global"):
        self._explicit_rate = rate
        self.scope = scope
        super().__init__()

    def get_rate(self):
        return self._explicit_rate or settings.RATE_LIMIT_GLOBAL

    def get_cache_key(self, request, view):
        route = f"{type(view).__module__}.{type(view).__name__}.{request.method}"
        return self.cache_format % {"scope": f"{self.scope}:{route}", "ident": client_ip(request)}

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        now = self.now if hasattr(self, "now") else time.time()
        history = getattr(self, "history", [])
        reset_at = (history[-1] + self.duration) if history else now + self.duration
        remaining = max(0, self.num_requests - len(history))
        state = {
            "limit": self.num_requests,
            "remaining": remaining,
            "reset": max(0, int(round(reset_at - now))),
        }
        current = getattr(request, "_rate_limit_state", None)
        # The headers report the tightest limit that applied to the request.
        if current is None or state["remaining"] < current["remaining"]:
            request._rate_limit_state = state
        return allowed


def rate_limit_headers(request) -> dict[str, str]:
    state = getattr(request, "_rate_limit_state", None)
    if not state:
        return {}
    return {
        "X-RateLimit-Limit": str(state["limit"]),
        "X-RateLimit-Remaining": str(state["remaining"]),
        "X-RateLimit-Reset": str(state["reset"]),
    }
