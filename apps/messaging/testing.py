"""Local stand-ins for the outside world, for tests and benchmarks: an SMTP sink and a Twilio API.

Both listen on a free 127.0.0.1 port and record what they receive; nothing leaves the machine.
"""

from __future__ import annotations

import email
import json
import threading
import uuid
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from tests.fixtures.services import PrivateRedisServer, find_free_port
from tests.fixtures.services import SmtpSink as SharedSmtpSink

free_port = find_free_port


class SmtpSink:
    """An aiosmtpd server that keeps every message it accepts, started and stopped by hand (for
    benchmarks; tests use the ``smtp_sink`` fixture of ``tests/fixtures/services.py``)."""

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

    parts = staticmethod(SharedSmtpSink.parts)


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


class RedisServer(PrivateRedisServer):
    """A private ``redis-server`` on a free port, started at once (benchmarks and fixtures).

    Never the shared local server: a db there can be flushed by any other test run. ``private``
    is accepted for compatibility and always true.
    """

    def __init__(self, *, private: bool = True, db: int = 0):
        super().__init__(db=db)
        self.start()
