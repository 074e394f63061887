"""A local stand-in for the few Stripe endpoints the payments app calls.

It speaks Stripe's wire format (form-encoded requests, JSON objects, the ``{"error": {...}}``
shape with the same status codes) so the real SDK code paths run: the SDK's ``api_base`` points
here through ``STRIPE_API_BASE``. Implemented: ``GET /v1/balance``,
``POST /v1/payment_intents`` (honouring ``Idempotency-Key``), ``GET /v1/payment_intents/:id``
(``expand[]=latest_charge``) and ``POST /v1/payment_intents/:id/cancel``. Tests move intents
along with :meth:`StripeStandIn.succeed` / :meth:`fail`.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


def _form(body: str) -> dict[str, Any]:
    """Stripe's bracketed form encoding, flattened to nested dicts (enough for our params)."""
    result: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = key.replace("]", "").split("[")
        node = result
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return result


@dataclass
class StripeStandIn:
    valid_keys: set[str] = field(default_factory=set)
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    charges: dict[str, dict[str, Any]] = field(default_factory=dict)
    idempotency: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    base_url: str = ""

    def succeed(self, intent_id: str) -> dict[str, Any]:
        charge_id = f"ch_{secrets.token_hex(8)}"
        self.charges[charge_id] = {
            "id": charge_id,
            "object": "charge",
            "amount": self.intents[intent_id]["amount"],
            "receipt_url": f"https://pay.stripe.test/receipts/{charge_id}",
            "paid": True,
        }
        self.intents[intent_id].update(status="succeeded", latest_charge=charge_id)
        return self.intents[intent_id]

    def fail(self, intent_id: str, message: str = "Your card was declined.") -> dict[str, Any]:
        self.intents[intent_id].update(
            status="requires_payment_method",
            last_payment_error={"type": "card_error", "code": "card_declined", "message": message},
        )
        return self.intents[intent_id]

    # -- request handling --------------------------------------------------------------------------
    def handle(self, method: str, path: str, query: str, headers, body: str) -> tuple[int, dict]:
        key = (headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        self.requests.append((method, path, key))
        if key not in self.valid_keys:
            return 401, _error("invalid_request_error", "Invalid API Key provided: sk_****", None)
        if method == "GET" and path == "/v1/balance":
            return 200, {
                "object": "balance",
                "available": [{"amount": 0, "currency": "usd"}],
                "pending": [{"amount": 0, "currency": "usd"}],
                "livemode": False,
            }
        if method == "POST" and path == "/v1/payment_intents":
            return self._create(_form(body), headers.get("Idempotency-Key"))
        parts = path.strip("/").split("/")
        if len(parts) >= 3 and parts[:2] == ["v1", "payment_intents"]:
            intent = self.intents.get(parts[2])
            if intent is None:
                return 404, _error(
                    "invalid_request_error", f"No such payment_intent: '{parts[2]}'", "resource_missing"
                )
            if method == "GET" and len(parts) == 3:
                expand = [value for name, value in parse_qsl(query) if name.startswith("expand")]
                return 200, self._render(intent, expand)
            if method == "POST" and parts[3:] == ["cancel"]:
                if intent["status"] == "succeeded":
                    return 400, _error(
                        "invalid_request_error",
                        "You cannot cancel this PaymentIntent because it has a status of succeeded.",
                        "payment_intent_unexpected_state",
                    )
                intent["status"] = "canceled"
                return 200, self._render(intent, [])
        return 404, _error("invalid_request_error", f"Unrecognized request URL ({method}: {path}).", None)

    def _create(self, params: dict[str, Any], idempotency_key: str | None) -> tuple[int, dict]:
        if idempotency_key and idempotency_key in self.idempotency:
            return 200, self._render(self.intents[self.idempotency[idempotency_key]], [])
        try:
            amount = int(params["amount"])
        except (KeyError, ValueError):
            return 400, _error(
                "invalid_request_error", "Missing required param: amount.", "parameter_missing"
            )
        intent_id = f"pi_{secrets.token_hex(12)}"
        self.intents[intent_id] = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": amount,
            "currency": params.get("currency", "usd"),
            "status": "requires_payment_method",
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(8)}",
            "metadata": params.get("metadata", {}),
            "latest_charge": None,
            "last_payment_error": None,
            "created": int(time.time()),
            "livemode": False,
        }
        if idempotency_key:
            self.idempotency[idempotency_key] = intent_id
        return 200, self._render(self.intents[intent_id], [])

    def _render(self, intent: dict[str, Any], expand: list[str]) -> dict[str, Any]:
        data = dict(intent)
        if "latest_charge" in expand and data.get("latest_charge"):
            data["latest_charge"] = self.charges[data["latest_charge"]]
        return data


def _error(kind: str, message: str, code: str | None) -> dict[str, Any]:
    error = {"type": kind, "message": message}
    if code:
        error["code"] = code
    return {"error": error}


def serve(stand_in: StripeStandIn) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            status, payload = stand_in.handle(self.command, url.path, url.query, self.headers, body)
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.send_header("Request-Id", f"req_{secrets.token_hex(6)}")
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_POST = do_DELETE = _answer  # noqa: N815 - http.server's hook names

        def log_message(self, *args) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stand_in.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    return server, thread
