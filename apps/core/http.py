"""Small HTTP helpers: the client's address and cookie attributes."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request) -> str:
    """The connecting client's address.

    ``X-Forwarded-For`` is believed only when the socket peer is a proxy listed in
    ``TRUSTED_PROXIES``; then the right-most address not itself a trusted proxy is the client.
    """
    meta = getattr(request, "META", {})
    peer = meta.get("REMOTE_ADDR") or "unknown"
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if not forwarded or not _is_trusted_proxy(peer):
        return peer
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _is_trusted_proxy(hop):
            return hop
    return peer


def recorded_ip(request) -> str:
    """The address recorded on sessions: the raw forwarded header if any, else the peer (spec 02)."""
    meta = getattr(request, "META", {})
    return meta.get("HTTP_X_FORWARDED_FOR") or meta.get("REMOTE_ADDR") or ""
