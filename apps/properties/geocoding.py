"""An address from a Google Maps link (spec 00 section 14, spec 03 section 5).

Short links are expanded by following their redirects (never the final Google page), coordinates
are read from the URL, and OpenStreetMap Nominatim turns them into an address (or a free-text
``q``/``query`` parameter into coordinates). Every failure is a 400 with the spec's message.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import parse_qs, urljoin, urlparse

import httpx
from django.conf import settings

from apps.core.exceptions import BadRequest

logger = logging.getLogger("myte.geocoding")

NOT_EXTRACTED = "Could not extract location from Google Maps link"
INVALID_LINK = "Invalid Google Maps link or unable to extract location data"
USER_AGENT = "MyteGroup-API/1.0"
#: hosts whose links are short links worth following, with the path prefixes that mark them.
#: Matched on the parsed host, never as a substring (``http://10.0.0.1/?maps.app.goo.gl`` is not
#: fetched: the server never requests a host the caller picked).
SHORT_LINK_HOSTS: dict[str, tuple[str, ...]] = {"maps.app.goo.gl": ("/",), "goo.gl": ("/maps",)}
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5

_NUMBER = r"(-?\d+(?:\.\d+)?)"
_Q_COORDINATES = re.compile(rf"[?&]q={_NUMBER},\s*{_NUMBER}")
_AT_COORDINATES = re.compile(rf"@{_NUMBER},{_NUMBER}")


class _NotExtracted(Exception):
    pass


def nominatim_base_url() -> str:
    return getattr(settings, "NOMINATIM_BASE_URL", "https://nominatim.openstreetmap.org").rstrip("/")


def _client() -> httpx.Client:
    seconds = float(getattr(settings, "GEOCODING_TIMEOUT_SECONDS", 5))
    timeout = httpx.Timeout(seconds, connect=min(seconds, 4.0))
    return httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False)


def geocode_maps_link(link: Any) -> dict[str, Any]:
    """``{street, city, state, postalCode, country, countryCode, latitude, longitude}``.

    Missing street/city/state/country are ``""``; missing postal and country codes are ``None``.
    """
    if not isinstance(link, str) or not link.strip():
        raise BadRequest(INVALID_LINK)
    try:
        with _client() as client:
            url = _expand(client, link.strip())
            coordinates = _coordinates(url)
            if coordinates is not None:
                latitude, longitude = coordinates
                details = _reverse(client, latitude, longitude)
            else:
                latitude, longitude, details = _forward(client, _free_text(url))
    except _NotExtracted:
        raise BadRequest(NOT_EXTRACTED) from None
    except (httpx.HTTPError, ValueError) as exc:
        logger.info("Google Maps link failed: %s", exc)
        raise BadRequest(INVALID_LINK) from None
    return _address(details, latitude, longitude)


def is_short_link(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        return False
    prefixes = SHORT_LINK_HOSTS.get((parsed.hostname or "").lower())
    return prefixes is not None and parsed.path.startswith(prefixes)


def _expand(client: httpx.Client, url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("not an http(s) URL")
    for _ in range(MAX_REDIRECTS):
        if not is_short_link(url):
            return url
        response = client.get(url)
        location = response.headers.get("location")
        if response.status_code not in REDIRECT_STATUSES or not location:
            return url
        url = urljoin(url, location)
    return url


def _valid(latitude: float, longitude: float) -> bool:
    return -90 <= latitude <= 90 and -180 <= longitude <= 180


def _coordinates(url: str) -> tuple[float, float] | None:
    for pattern in (_Q_COORDINATES, _AT_COORDINATES):
        match = pattern.search(url)
        if match:
            latitude, longitude = float(match.group(1)), float(match.group(2))
            if _valid(latitude, longitude):
                return latitude, longitude
    return None


def _free_text(url: str) -> str:
    params = parse_qs(urlparse(url).query)
    for key in ("q", "query"):
        if params.get(key) and params[key][0].strip():
            return params[key][0].strip()
    raise _NotExtracted()


def _reverse(client: httpx.Client, latitude: float, longitude: float) -> dict[str, Any]:
    """Address details of coordinates; any failure just leaves the parts empty."""
    try:
        response = client.get(
            f"{nominatim_base_url()}/reverse",
            params={
                "format": "json",
                "lat": latitude,
                "lon": longitude,
                "zoom": 18,
                "addressdetails": 1,
            },
        )
        response.raise_for_status()
        payload = response.json()
        details = payload.get("address") if isinstance(payload, dict) else None
        return details if isinstance(details, dict) else {}
    except (httpx.HTTPError, ValueError) as exc:
        logger.info("Reverse geocoding failed: %s", exc)
        return {}


def _forward(client: httpx.Client, text: str) -> tuple[float, float, dict[str, Any]]:
    try:
        response = client.get(
            f"{nominatim_base_url()}/search",
            params={"format": "json", "q": text, "addressdetails": 1, "limit": 1},
        )
        response.raise_for_status()
        results = response.json()
    except (httpx.HTTPError, ValueError):
        raise _NotExtracted() from None
    if not isinstance(results, list) or not results or not isinstance(results[0], dict):
        raise _NotExtracted()
    first = results[0]
    try:
        latitude, longitude = float(first.get("lat")), float(first.get("lon"))
    except (TypeError, ValueError):
        raise _NotExtracted() from None
    if not _valid(latitude, longitude):
        raise _NotExtracted()
    details = first.get("address")
    return latitude, longitude, details if isinstance(details, dict) else {}


def _first(details: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = details.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _address(details: dict[str, Any], latitude: float, longitude: float) -> dict[str, Any]:
    country_code = _first(details, "country_code")
    return {
        "street": _first(details, "road", "street", "pedestrian", "footway", "path") or "",
        "city": _first(details, "city", "town", "village", "municipality", "county") or "",
        "state": _first(details, "state", "province", "region") or "",
        "postal_code": _first(details, "postcode"),
        "country": _first(details, "country") or "",
        "country_code": country_code.upper() if country_code else None,
        "latitude": latitude,
        "longitude": longitude,
    }
