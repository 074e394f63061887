"""Fixtures of the browser tests: the real ASGI server and a headless Chromium.

``asgi_server`` migrates a temporary SQLite file, seeds the SuperAdmin, collects the static files
into a temporary folder (with the production storage: WhiteNoise's compressed files) and starts
``uvicorn myte.asgi:application`` on a free 127.0.0.1 port with ``DJANGO_DEBUG=false``, exactly as
``make run`` serves it. ``browser`` is Chromium driven over the DevTools protocol.

Without ``/usr/bin/chromium`` the tests are skipped, except under ``CI=true`` where they fail.
"""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.cdp import Browser
from tests.fixtures.services import find_free_port

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
ADMIN_EMAIL = "browser-admin@example.com"
ADMIN_PASSWORD = "browser-test-password-123"

# The caller's configuration must not leak into the server (no Redis, PostgreSQL, production...).
_SCRUBBED = (
    "DATABASE_URL",
    "DB_URL",
    "MONGO_DB_NAME",
    "MONGODB_NAME",
    "MONGO_LAYOUT",
    "REDIS_URL",
    "REDIS_HOST",
    "REDIS_PORT",
    "REDIS_PASSWORD",
    "REDIS_DISABLE",
    "DJANGO_ENV",
    "NODE_ENV",
    "EMAIL_HOST",
    "SMTP_HOST",
    "MYTE_TESTING",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOWED_HOSTS",
    "ALLOWED_HOSTS",
    "APP_PORT",
    "PORT",
    "MEDIA_DEFAULT_DISK",
    "ADMIN_USERNAME",
)


@dataclass
class LiveServer:
    url: str
    host: str
    port: int
    admin_email: str
    admin_password: str
    log_path: Path

    def get(self, path: str, *, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
        """A plain HTTP GET against the server: (status, lower-cased headers, body)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def log_tail(self, size: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-size:]


def _server_env(work: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _SCRUBBED}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.browser.server_settings",
        MYTE_BROWSER_STATIC_ROOT=str(work / "static"),
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_UPLOAD_PATH=str(work / "uploads"),
        DJANGO_DEBUG="false",
        DJANGO_READ_DOT_ENV_FILE="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        ADMIN_EMAIL=ADMIN_EMAIL,
        ADMIN_PASSWORD=ADMIN_PASSWORD,
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _finish(process: subprocess.Popen, log: Path, what: str, timeout: float = 90) -> None:
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"{what} took more than {timeout}s:\n{log.read_text(errors='replace')[-3000:]}")
    if code != 0:
        pytest.fail(f"{what} failed ({code}):\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def chromium_binary() -> str:
    if not Path(CHROMIUM).is_file():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: CI must run the browser tests")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def asgi_server(chromium_binary, tmp_path_factory) -> LiveServer:
    work = tmp_path_factory.mktemp("server")
    env = _server_env(work)
    # Collecting (and compressing) the static files is the slow part: run it beside migrate.
    collect_log, migrate_log = work / "collectstatic.log", work / "migrate.log"
    collect = _manage("collectstatic", "--noinput", "--verbosity", "0", env=env, log=collect_log)
    migrate = _manage("migrate", "--noinput", "--verbosity", "0", env=env, log=migrate_log)
    try:
        _finish(migrate, migrate_log, "manage.py migrate")
        seed_log = work / "seed_admin.log"
        _finish(_manage("seed_admin", env=env, log=seed_log), seed_log, "manage.py seed_admin")
        _finish(collect, collect_log, "manage.py collectstatic")
    finally:
        _stop(collect)
        _stop(migrate)

    port = find_free_port()
    log_path = work / "uvicorn.log"
    server = subprocess.Popen(
        [
            str(VENV_BIN / "uvicorn"),
            "myte.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-proxy-headers",
        ],
        cwd=BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
    )
    live = LiveServer(
        url=f"http://127.0.0.1:{port}",
        host="127.0.0.1",
        port=port,
        admin_email=ADMIN_EMAIL,
        admin_password=ADMIN_PASSWORD,
        log_path=log_path,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail(f"uvicorn exited with {server.returncode}:\n{live.log_tail()}")
            try:
                if live.get("/health", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not answer /health within 30s:\n{live.log_tail()}")
            time.sleep(0.1)
        yield live
    finally:
        _stop(server)


@pytest.fixture(scope="module")
def browser(chromium_binary, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    instance = Browser(chromium_binary, profile)
    try:
        yield instance
    finally:
        instance.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory) -> Path:
    """Screenshots of the pages, kept with pytest's temporary folders (the last 3 runs)."""
    return tmp_path_factory.mktemp("screenshots")
