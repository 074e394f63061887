"""Task functions used by the job tests (importable by dotted path, as real tasks are)."""

from __future__ import annotations

from apps.core.audit import audit_system
from apps.core.scope import current_principal


def record_delivery(*, marker: str) -> None:
    """Leaves one audit row per run, so tests can count deliveries across processes."""
    audit_system("test.delivered", marker=marker, principal=current_principal().kind)


def always_fail(*, marker: str) -> None:
    raise RuntimeError(f"failing on purpose ({marker})")
