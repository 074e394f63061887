"""Test helpers: a local stand-in HTTP server (never the internet) and small builders."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_upload(name: str = "photo.png", content_type: str = "image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PNG_BYTES, content_type=content_type)


def stored_media(owner, collection: str, *, uploaded_by=None):
    """A PNG stored (on the test's private folder) for ``owner`` through the media service."""
    from apps.media.services import media_upload

    return media_upload(
        upload=png_upload(),
        owner_type=type(owner).__name__,
        owner_id=owner.pk,
        landlord_id=owner.landlord_id,
        uploaded_by_id=getattr(uploaded_by, "pk", None),
        collection_name=collection,
    )


class StandInServer:
    """A tiny HTTP server on 127.0.0.1: ``routes[path] = handler(query) -> (status, headers, body)``."""

    def __init__(self):
        self.routes: dict[str, Callable[[dict], tuple[int, dict, object]]] = {}
        self.requests: list[tuple[str, dict, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                parsed = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
                server.requests.append((parsed.path, query, dict(self.headers)))
                route = server.routes.get(parsed.path)
                if route is None:
                    status, headers, body = 404, {}, {"error": "not found"}
                else:
                    status, headers, body = route(query)
                payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
