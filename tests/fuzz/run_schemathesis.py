"""Fuzz the served OpenAPI document with schemathesis; exit non-zero on any failure.

    .venv/bin/python -m tests.fuzz.run_schemathesis        (or `make fuzz`)

Migrates a throw-away SQLite database, seeds the admin and the development data set (so that the
fuzzer also meets real records), starts uvicorn on a free 127.0.0.1 port, logs the admin in and
runs the pinned schemathesis against ``/api-json`` with a fixed seed and a bounded budget. The
checks are ``not_a_server_error``, ``response_schema_conformance`` and
``status_code_conformance``; any failure fails the run.

Environment: ``FUZZ_SEED`` (default 20260101), ``FUZZ_MAX_EXAMPLES`` (per operation, default 12),
``FUZZ_MAX_TIME`` (seconds, default 240), ``FUZZ_WORKERS`` (default 1: hypothesis parses lambda
sources with ``ast``, which is not thread-safe on Python 3.11), ``FUZZ_REPORT_DIR``
(default: a temporary directory, printed at the end), ``FUZZ_ARGS`` (extra schemathesis options).
"""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance"
ADMIN_EMAIL = "fuzz-admin@example.com"
ADMIN_PASSWORD = "fuzz-admin-password-0123"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(workdir: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "DB_URL", "REDIS", "EMAIL_", "SMTP_", "DJANGO_", "MYTE_"))
    }
    environment.update(
        DJANGO_READ_DOT_ENV_FILE="false",
        DJANGO_ENV="development",
        DJANGO_DEBUG="false",
        DATABASE_URL=f"sqlite:///{workdir / 'fuzz.sqlite3'}",
        REDIS_DISABLE="true",
        RATE_LIMIT_ENABLED="false",
        MEDIA_UPLOAD_PATH=str(workdir / "uploads"),
        MEDIA_PRIVATE_PATH=str(workdir / "uploads-private"),
        ADMIN_EMAIL=ADMIN_EMAIL,
        ADMIN_PASSWORD=ADMIN_PASSWORD,
        NOMINATIM_BASE_URL="http://127.0.0.1:9",
        GEOCODING_TIMEOUT_SECONDS="1",
        PYTHONUNBUFFERED="1",
    )
    return environment


def manage(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def wait_until_up(base_url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"uvicorn exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/health", timeout=2):  # noqa: S310 - our http URL
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the API did not answer on {base_url} within {timeout:.0f}s")


def admin_token(base_url: str) -> str:
    request = urllib.request.Request(  # noqa: S310 - our own http://127.0.0.1 URL
        f"{base_url}/auth/login",
        data=json.dumps({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our http URL
        body = json.load(response)
    token = body.get("accessToken") or body.get("access_token") or (body.get("data") or {}).get("accessToken")
    if not token:
        raise SystemExit(f"login answered without an access token: {sorted(body)}")
    return token


def main() -> int:
    seed = os.environ.get("FUZZ_SEED", "20260101")
    max_examples = os.environ.get("FUZZ_MAX_EXAMPLES", "12")
    max_time = os.environ.get("FUZZ_MAX_TIME", "240")
    workers = os.environ.get("FUZZ_WORKERS", "1")
    with tempfile.TemporaryDirectory(prefix="myte-fuzz-") as directory:
        workdir = Path(directory)
        report_dir = Path(os.environ.get("FUZZ_REPORT_DIR") or workdir / "report")
        environment = server_environment(workdir)
        manage(environment, "migrate", "--noinput", "--verbosity", "0")
        manage(environment, "seed_admin")
        manage(environment, "seed_dev_data", "--no-progress")
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        log_path = workdir / "server.log"
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [
                    str(BIN / "uvicorn"),
                    "myte.asgi:application",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-access-log",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(base_url, server)
                token = admin_token(base_url)
                command = [
                    str(BIN / "schemathesis"),
                    "run",
                    f"{base_url}/api-json",
                    "--checks",
                    CHECKS,
                    "--seed",
                    seed,
                    "--max-examples",
                    max_examples,
                    "--max-time",
                    max_time,
                    "--workers",
                    workers,
                    "--phases",
                    "examples,coverage,fuzzing",
                    "--header",
                    f"Authorization: Bearer {token}",
                    "--request-timeout",
                    "30",
                    "--generation-database",
                    "none",
                    "--report",
                    "junit,ndjson",
                    "--report-dir",
                    str(report_dir),
                    # Revoking every session of the admin would end the run's own token.
                    "--exclude-path",
                    "/auth/sessions/revoke-all",
                    "--no-color",
                    *shlex.split(os.environ.get("FUZZ_ARGS", "")),
                ]
                print(
                    "+", " ".join(shlex.quote(part) for part in command).replace(token, "<token>"), flush=True
                )
                result = subprocess.run(command, cwd=workdir, check=False)
            finally:
                server.terminate()
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
        errors = [
            line
            for line in log_path.read_text(errors="replace").splitlines()
            if "Traceback" in line or " ERROR " in line
        ]
        if result.returncode != 0 or errors:
            tail = log_path.read_text(errors="replace").splitlines()[-80:]
            print("\n---- server log (last 80 lines) ----\n" + "\n".join(tail), file=sys.stderr)
        if os.environ.get("FUZZ_REPORT_DIR"):
            print(f"schemathesis reports in {report_dir}")
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
