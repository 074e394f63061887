"""docker-compose passes every documented variable, and its production-like run works over HTTP.

Docker itself is not needed: the YAML is compared with ``.env.example``, and the api container's
start command is run here with the production-like settings the compose file documents.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: documented variables the containers do not take, each with its reason in docker-compose.yml
NOT_PASSED = {
    "PORT",  # the container listens on 3000; APP_PORT is the published host port
    "PORT_DEV",
    "PORT_PROD",
    "MEDIA_UPLOAD_PATH",  # the uploads volumes
    "MEDIA_PRIVATE_PATH",
    "DB_URL",  # DATABASE_URL is always set in the container
    "DJANGO_READ_DOT_ENV_FILE",
    "MONGO_LAYOUT",  # offline checks only
    "MONGO_URI",  # not read by this API
    "MYTE_REAL_HASHER",  # tests only
    "MYTE_TESTING",
}


def documented_variables() -> list[str]:
    text = (ROOT / ".env.example").read_text()
    return list(dict.fromkeys(re.findall(r"^# ([A-Z][A-Z0-9_]*)=", text, re.MULTILINE)))


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_documented_variable_reaches_the_containers():
    services = compose()["services"]
    documented = documented_variables()
    assert {"ADMIN_EMAIL", "AWS_S3_BUCKET", "SMTP_HOST", "EMAIL_USER", "CSRF_TRUSTED_ORIGINS"} <= set(
        documented
    )
    for name in ("api", "worker", "scheduler"):
        environment = services[name]["environment"]
        missing = [
            variable for variable in documented if variable not in environment and variable not in NOT_PASSED
        ]
        assert missing == [], f"{name} does not receive {missing}"
    assert "WEB_CONCURRENCY" in services["api"]["environment"]
    assert NOT_PASSED <= set(documented), "an exclusion names a variable .env.example no longer documents"


def test_api_container_migrates_and_seeds_in_one_command():
    command = compose()["services"]["api"]["command"]
    assert "manage.py bootstrap" in command
    assert "|| true" not in command  # a missing admin setting stops the container visibly


def test_production_like_start_over_plain_http(tmp_path):
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "s" * 40,
        "JWT_SECRET": "j" * 40,
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "ADMIN_EMAIL": "owner@example.com",
        "ADMIN_PASSWORD": "a-long-admin-password",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_DISABLE": "true",
    }
    started = subprocess.run(
        [sys.executable, "manage.py", "bootstrap", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert started.returncode == 0, started.stderr
    assert "Admin user owner@example.com created." in started.stdout
    probe = subprocess.run(
        [sys.executable, "-c", "import myte.settings as s; print(s.SECURE_SSL_REDIRECT, s.IS_PRODUCTION)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.split() == ["False", "True"], probe.stderr
