"""Database helpers that behave the same on SQLite, PostgreSQL and MongoDB.

Django's ``transaction.atomic`` does nothing on django-mongodb-backend, whose own ``atomic`` needs a
replica set and crashes on SQL connections. :func:`atomic` picks the right one for the connection,
so services are written once. Use it as a decorator or a context manager.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import connections, transaction


def _is_mongodb(using: str) -> bool:
    return connections[using].vendor == "mongodb"


class _Atomic:
    def __init__(self, using: str = "default"):
        self.using = using
        self._context = None

    def _make_context(self):
        if _is_mongodb(self.using):  # pragma: no cover - exercised on the MongoDB lane only
            from django_mongodb_backend import transaction as mongo_transaction

            return mongo_transaction.atomic(using=self.using)
        return transaction.atomic(using=self.using)

    def __enter__(self):
        self._context = self._make_context()
        return self._context.__enter__()

    def __exit__(self, exc_type, exc, tb):
        context, self._context = self._context, None
        return context.__exit__(exc_type, exc, tb)

    def __call__(self, func: Callable) -> Callable:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any):
            with _Atomic(self.using):
                return func(*args, **kwargs)

        return wrapper


def atomic(func: Callable | None = None, *, using: str = "default"):
    """``@atomic``, ``@atomic(using=...)`` or ``with atomic():`` on any engine."""
    if callable(func):
        return _Atomic(using)(func)
    return _Atomic(using)


def on_commit(callback: Callable[[], Any], using: str = "default") -> None:
    transaction.on_commit(callback, using=using)
