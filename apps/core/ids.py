"""Record ids on the wire: UUID strings (DESIGN section 4)."""

from __future__ import annotations

import uuid
from typing import Any

from apps.core.exceptions import BadRequest


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def parse_id(value: Any, *, label: str = "ID") -> uuid.UUID:
    """A path or body id: empty is 400 ``ID is required``, malformed is 400 ``Invalid ID: <value>``."""
    if value in (None, ""):
        raise BadRequest(f"{label} is required")
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise BadRequest(f"Invalid ID: {value}") from None
