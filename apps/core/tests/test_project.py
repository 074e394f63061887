"""Whole-project checks: settings in production mode, system checks, the OpenAPI generator."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
SECRET_NAMES = ("JWT_SECRET", "DJANGO_SECRET_KEY", "SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "ALLOWED_HOSTS")


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in SECRET_NAMES and not k.startswith("PYTEST")}
    base.update({"DJANGO_READ_DOT_ENV_FILE": "0", "DJANGO_SETTINGS_MODULE": "myte.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=base,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_production_refuses_to_start_without_secrets():
    result = manage("check", DJANGO_ENV="production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "JWT_SECRET" in result.stderr


def test_production_refuses_short_or_development_secrets():
    result = manage("check", DJANGO_ENV="production", JWT_SECRET="short", DJANGO_SECRET_KEY="short")
    assert result.returncode != 0
    assert "at least 32 characters" in result.stderr


def test_production_needs_allowed_hosts():
    result = manage(
        "check",
        DJANGO_ENV="production",
        JWT_SECRET=secrets.token_urlsafe(48),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_passes_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        DJANGO_ENV="production",
        JWT_SECRET=secrets.token_urlsafe(48),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="api.example.com",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "security.W" not in output, output


def test_system_checks_and_migrations_are_clean():
    result = manage("check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mongodb_settings_and_checks_load_offline():
    result = manage("check", "--database", "default", DATABASE_URL="mongodb://localhost:27017/myte")
    assert result.returncode == 0, result.stdout + result.stderr
    result = manage("makemigrations", "--check", "--dry-run", MONGO_LAYOUT="1")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_core_views_produce_no_schema_warnings():
    """drf-spectacular emits no error or warning for the core's own views (health, docs)."""
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    try:
        with GENERATOR_STATS.silence():
            SchemaGenerator().get_schema(request=None, public=True)
        messages = [*GENERATOR_STATS._error_cache, *GENERATOR_STATS._warn_cache]
    finally:
        GENERATOR_STATS.reset()
    core = [message for message in messages if "apps/core/" in message or "myte/" in message]
    assert core == []


def test_env_example_documents_every_variable_the_settings_read():
    import re

    settings_source = (BASE_DIR / "myte" / "settings.py").read_text()
    calls = re.findall(r"env_(?:first|bool|int|csv)\(([^)]*)\)", settings_source)
    names = {name for call in calls for name in re.findall(r'"([A-Z][A-Z0-9_]+)"', call.split("default=")[0])}
    names |= set(re.findall(r"env_(?:first|bool|int|csv)\('([A-Z][A-Z0-9_]+)'", settings_source))
    example = (BASE_DIR / ".env.example").read_text()
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert names, "no environment variables found in settings"
    assert sorted(names - documented) == []


# -- generated local secrets (no constant signing key outside production) --------------------------
PRINT_SECRETS = "from django.conf import settings; print('KEYS', settings.SECRET_KEY, settings.JWT_SECRET)"


def printed_secrets(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 0, result.stderr
    return next(line.split()[1:] for line in result.stdout.splitlines() if line.startswith("KEYS "))


def test_unset_secrets_are_generated_once_and_reused_on_the_next_start(tmp_path):
    secrets_dir = tmp_path / "secrets"
    first = manage("shell", "-c", PRINT_SECRETS, LOCAL_SECRETS_DIR=str(secrets_dir))
    second = manage("shell", "-c", PRINT_SECRETS, LOCAL_SECRETS_DIR=str(secrets_dir))
    django_key, jwt_key = printed_secrets(first)
    assert printed_secrets(second) == [django_key, jwt_key]
    assert len(django_key) >= 64 and len(jwt_key) >= 64 and django_key != jwt_key
    assert (secrets_dir / "jwt_secret").read_text().strip() == jwt_key
    assert (secrets_dir / "jwt_secret").stat().st_mode & 0o077 == 0


def test_two_boxes_never_share_a_signing_secret(tmp_path):
    one = manage("shell", "-c", PRINT_SECRETS, LOCAL_SECRETS_DIR=str(tmp_path / "one"))
    two = manage("shell", "-c", PRINT_SECRETS, LOCAL_SECRETS_DIR=str(tmp_path / "two"))
    assert set(printed_secrets(one)).isdisjoint(printed_secrets(two))


def test_configured_secrets_win_and_jwt_falls_back_to_the_django_key(tmp_path):
    key = secrets.token_urlsafe(48)
    result = manage("shell", "-c", PRINT_SECRETS, DJANGO_SECRET_KEY=key, LOCAL_SECRETS_DIR=str(tmp_path))
    assert printed_secrets(result) == [key, key]
    assert not any(tmp_path.iterdir())


def test_settings_hold_no_constant_secret():
    import ast

    tree = ast.parse((BASE_DIR / "myte" / "settings.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            names = {getattr(target, "id", "") for target in node.targets}
            if names & {"SECRET_KEY", "JWT_SECRET"}:
                # variable and file names are inside calls; a literal key would stand on its own
                names_read = {
                    id(sub)
                    for call in ast.walk(node.value)
                    if isinstance(call, ast.Call)
                    for sub in ast.walk(call)
                }
                literals = [
                    sub.value
                    for sub in ast.walk(node.value)
                    if isinstance(sub, ast.Constant)
                    and isinstance(sub.value, str)
                    and id(sub) not in names_read
                ]
                assert not literals, (names, literals)
    from django.conf import settings

    assert settings.SIMPLE_JWT["SIGNING_KEY"] == settings.JWT_SECRET


def test_a_folder_that_cannot_be_written_still_gives_a_random_secret(tmp_path):
    from apps.core.env import local_secret

    blocker = tmp_path / "file"
    blocker.write_text("x")
    first, second = local_secret(blocker / "jwt"), local_secret(blocker / "jwt")
    assert first != second and len(first) >= 64
