"""The house rules that a reviewer would otherwise check by eye (docs/architecture.md)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _source_files():
    for path in sorted((ROOT / "apps").rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def test_import_floors_hold():
    """The import-linter contracts of .importlinter are kept (also run by ``make lint``)."""
    executable = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if executable is None:
        pytest.fail("lint-imports is not installed (requirements-dev.txt pins import-linter)")
    result = subprocess.run(  # noqa: S603 - our own pinned tool, fixed arguments
        [executable, "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]


LOOKUP_BY_NAME = re.compile(r"\bapps\.get_model\(|\bget_model\(\s*['\"]")
SWALLOWED_LOOKUP = re.compile(r"except\s*\(?[^:\n]*\b(LookupError|FieldError)\b")


def test_no_model_lookups_by_name_outside_tests():
    """A domain's figures come from its selectors, never from a model looked up by label."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _source_files()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if LOOKUP_BY_NAME.search(line) or SWALLOWED_LOOKUP.search(line)
    ]
    assert offenders == []
