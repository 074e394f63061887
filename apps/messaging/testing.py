"""Local stand-ins for the outside world, for tests and benchmarks: an SMTP sink and a Twilio API.

Both listen on a free 127.0.0.1 port and record what they receive; nothing leaves the machine.
"""

from __future__ import annotations

import email
import json
import socket
import threading
import uuid
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """An aiosmtpd server that keeps every message it accepts."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self._lock:
            self.messages.append(email.message_from_bytes(envelope.content))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def start(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.messages)

    def email_settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }

    @staticmethod
    def parts(message: Message) -> dict[str, str]:
        """``{"text/plain": ..., "text/html": ...}`` of a received message."""
        found = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                found[part.get_content_type()] = part.get_payload(decode=True).decode(
                    part.get_content_charset() or "utf-8"
                )
        return found


class TwilioStandIn:
    """Answers the Messages endpoints of the Twilio REST API like Twilio does (201 + JSON)."""

    def __init__(self, *, fail_with: int | None = None):
        self.port = free_port()
        self.requests: list[dict] = []
        self.fail_with = fail_with
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # silence
                return

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                stand_in.requests.append(
                    {"path": self.path, "form": form, "auth": self.headers.get("Authorization")}
                )
                if stand_in.fail_with:
                    self._reply(
                        stand_in.fail_with,
                        {"code": 21211, "message": "Invalid 'To' Phone Number", "status": stand_in.fail_with},
                    )
                    return
                self._reply(
                    201,
                    {
                        "sid": "SM" + uuid.uuid4().hex,
                        "status": "queued",
                        "to": form.get("To"),
                        "from": form.get("From"),
                        "body": form.get("Body"),
                        "account_sid": self.path.split("/")[3] if self.path.count("/") > 3 else "",
                    },
                )

            def do_GET(self):  # noqa: N802
                self._reply(
                    200, {"sid": self.path.rsplit("/", 1)[-1].removesuffix(".json"), "status": "delivered"}
                )

            def _reply(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> TwilioStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class RedisServer:
    """The local Redis (``127.0.0.1:6379`` db 15) when reachable, else a private ``redis-server``.

    ``stop()``/``start()`` of a private server simulate an outage; ``flush()`` empties the db.
    """

    def __init__(self, *, private: bool = False, db: int = 15):
        self.db = db
        self.process = None
        self.port = 6379
        if private or not self._reachable(6379):
            self.port = free_port()
            self.start()

    @staticmethod
    def _reachable(port: int) -> bool:
        import redis

        try:
            return bool(redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5).ping())
        except Exception:  # noqa: BLE001 - unreachable for whatever reason
            return False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/{self.db}"

    def connection(self):
        import redis

        return redis.Redis.from_url(self.url)

    def start(self) -> None:
        import shutil
        import subprocess
        import time

        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed and no Redis is reachable")
        self.process = subprocess.Popen(  # noqa: S603 - a fixed local binary and arguments
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self._reachable(self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("private redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def flush(self) -> None:
        self.connection().flushdb()
