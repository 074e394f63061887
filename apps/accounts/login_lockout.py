"""Failed-login lockout keyed by account *and* client address (issue 8, security item 4).

The state lives in the cache (Redis when configured), under a key derived from the normalized
email and the client address, and is kept for unknown emails exactly as for real accounts: the
answers, their order and the work done are the same whether an account exists or not, so the
login route tells nobody which emails are registered.

Keyed by address too, a stranger cannot lock the owner out from elsewhere (the lockout is no
free denial of service); the per-route rate limit (5/minute per address) bounds guessing from
one address, and the lock is short: 1, 2, 4, 8, then 15 minutes for the 5th, 6th, 7th...
consecutive failure within ``LOGIN_FAILURE_WINDOW_MINUTES``.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from apps.core.exceptions import Unauthorized

LOCKED = "Too many failed attempts. Account temporarily locked."
LONGEST_LOCK_MINUTES = 15


def lock_minutes(failures: int) -> int:
    """1, 2, 4, 8, 15, 15 ... minutes for the 5th, 6th, 7th ... failure."""
    steps = max(0, failures - settings.LOGIN_MAX_ATTEMPTS)
    return min(LONGEST_LOCK_MINUTES, 2**steps)


def _minutes_word(count: int) -> str:
    return "minute" if count == 1 else "minutes"


@dataclass(frozen=True)
class LoginLockout:
    email: str
    address: str

    @property
    def _key(self) -> str:
        digest = hashlib.sha256(f"{self.email}\n{self.address}".encode()).hexdigest()
        return f"login-lockout:{digest}"

    @property
    def _failures_key(self) -> str:
        return f"{self._key}:failures"

    @property
    def _until_key(self) -> str:
        return f"{self._key}:until"

    def ensure_open(self) -> None:
        """401 with the remaining minutes while locked."""
        until = cache.get(self._until_key)
        if until is None:
            return
        remaining_seconds = until - timezone.now().timestamp()
        if remaining_seconds <= 0:
            return
        remaining = max(1, math.ceil(remaining_seconds / 60))
        raise Unauthorized(
            f"Too many failed attempts. Please try again in {remaining} {_minutes_word(remaining)}."
        )

    def record_failure(self) -> None:
        """Count the failure (atomically), lock when due, and raise the 401 the caller answers."""
        window = settings.LOGIN_FAILURE_WINDOW_MINUTES * 60
        cache.add(self._failures_key, 0, timeout=window)
        try:
            failures = cache.incr(self._failures_key)
        except ValueError:  # expired between add and incr
            cache.set(self._failures_key, 1, timeout=window)
            failures = 1
        if failures >= settings.LOGIN_MAX_ATTEMPTS:
            seconds = lock_minutes(failures) * 60
            cache.set(self._until_key, timezone.now().timestamp() + seconds, timeout=seconds)
            raise Unauthorized(LOCKED)
        raise Unauthorized("Invalid credentials")

    def clear(self) -> None:
        cache.delete_many([self._failures_key, self._until_key])
