"""Reading configuration from the environment.

The original system's variable names (spec 00 section 15) and the seed document's names are both
accepted; where two names mean the same thing the first one set wins, in the order given.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_first(*names: str, default: str | None = None) -> str | None:
    """Return the value of the first variable in ``names`` that is set and not empty."""
    for name in names:
        value = os.environ.get(name)
        if value not in (None, ""):
            return value
    return default


def env_bool(*names: str, default: bool = False) -> bool:
    value = env_first(*names)
    if value is None:
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(*names: str, default: int) -> int:
    value = env_first(*names)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{names[0]} must be an integer, got {value!r}") from exc


def env_csv(*names: str) -> list[str]:
    value = env_first(*names) or ""
    return [item.strip() for item in value.split(",") if item.strip()]


_DURATION = re.compile(r"^\s*(\d+)\s*(ms|s|m|h|d|w)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, None: 1}


def parse_duration(value: str | None, default: timedelta) -> timedelta:
    """Parse ``15m``, ``1h``, ``7d`` or a bare number of seconds; anything else is the default."""
    if not value:
        return default
    match = _DURATION.match(value)
    if not match:
        return default
    amount, unit = match.groups()
    return timedelta(seconds=int(amount) * _UNIT_SECONDS[unit])


def parse_cookie_max_age(value: str | None) -> int:
    """Cookie lifetimes use the original's simpler parser: ``<int><s|m|h|d>``, else 15 minutes."""
    match = re.fullmatch(r"(\d+)([smhd])", (value or "").strip())
    if not match:
        return 15 * 60
    amount, unit = match.groups()
    return int(amount) * int(_UNIT_SECONDS[unit])
