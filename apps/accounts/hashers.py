"""Password hashing: Argon2id with OWASP's parameters for a small server, bounded per process.

The library defaults (Django's ``Argon2PasswordHasher``: 100 MiB, 2 passes, 8 lanes) cost about
120 ms and 100 MiB per check; sixteen concurrent logins took 1.67 GB in one worker. OWASP's
Password Storage Cheat Sheet lists equivalent Argon2id configurations; for a 2-core machine we use
m=19 MiB, t=2, p=1 (about 20 ms per check; ``PASSWORD_ARGON2_*`` settings change them).

Hashes with other parameters (the old defaults) still verify: the algorithm name is the same
(``argon2``), and Django's ``check_password`` rehashes them with these parameters on the next
successful login (``must_update``). At most ``PASSWORD_HASH_CONCURRENCY`` hashes run at once in a
process (default: the CPU count); more requests wait their turn instead of multiplying memory.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def hash_slots() -> threading.BoundedSemaphore:
    """The process-wide bound on concurrent hash computations."""
    global _slots
    if _slots is None:
        with _slots_lock:
            if _slots is None:
                _slots = threading.BoundedSemaphore(settings.PASSWORD_HASH_CONCURRENCY)
    return _slots


class BoundedArgon2idHasher(Argon2PasswordHasher):
    """Django's Argon2id hasher with our parameters and the per-process bound."""

    @property
    def time_cost(self) -> int:  # type: ignore[override]
        return settings.PASSWORD_ARGON2_TIME_COST

    @property
    def memory_cost(self) -> int:  # type: ignore[override]
        return settings.PASSWORD_ARGON2_MEMORY_KIB

    @property
    def parallelism(self) -> int:  # type: ignore[override]
        return settings.PASSWORD_ARGON2_PARALLELISM

    def encode(self, password, salt):
        with hash_slots():
            return super().encode(password, salt)

    def verify(self, password, encoded):
        with hash_slots():
            return super().verify(password, encoded)
