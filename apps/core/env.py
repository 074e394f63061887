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


def local_secret(path, *, length: int = 64) -> str:
    """A random secret kept in ``path`` (created on first use, mode 0600), the same on every start.

    Outside production the signing secrets come from here when the environment sets none, so no
    box shares a constant key (a known key lets anyone forge tokens) and a restart keeps the
    sessions valid. Two processes starting at once agree: the file is created exclusively and
    the loser reads the winner's value. A folder that cannot be written gives a secret for this
    process only (sessions then end with the process, which is safe).
    """
    import secrets
    from pathlib import Path

    path = Path(path)
    try:
        existing = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        existing = ""
    except OSError:
        return secrets.token_urlsafe(length)
    if existing:
        return existing
    value = secrets.token_urlsafe(length)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip() or value
    except OSError:
        return value
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value
