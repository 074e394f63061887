"""Google Maps link -> address, against a local stand-in server (never the internet)."""

from __future__ import annotations

import pytest

from apps.core.exceptions import BadRequest
from apps.properties.geocoding import INVALID_LINK, NOT_EXTRACTED, geocode_maps_link

PARIS = {
    "address": {
        "road": "Avenue Anatole France",
        "city": "Paris",
        "state": "Île-de-France",
        "postcode": "75007",
        "country": "France",
        "country_code": "fr",
    }
}


def test_q_coordinates_and_reverse(nominatim):
    nominatim.routes["/reverse"] = lambda q: (200, {}, PARIS)
    result = geocode_maps_link("https://maps.google.com/?q=48.8584,2.2945")
    assert result == {
        "street": "Avenue Anatole France",
        "city": "Paris",
        "state": "Île-de-France",
        "postal_code": "75007",
        "country": "France",
        "country_code": "FR",
        "latitude": 48.8584,
        "longitude": 2.2945,
    }
    path, query, headers = nominatim.requests[-1]
    assert path == "/reverse"
    assert query == {"format": "json", "lat": "48.8584", "lon": "2.2945", "zoom": "18", "addressdetails": "1"}
    assert headers["User-Agent"] == "MyteGroup-API/1.0"


@pytest.mark.parametrize(
    "link",
    [
        "https://www.google.com/maps/@-33.8688,151.2093,15z",
        "https://www.google.com/maps/place/Sydney+Opera+House/@-33.8688,151.2093,17z/data=x",
    ],
)
def test_at_coordinates(nominatim, link):
    nominatim.routes["/reverse"] = lambda q: (200, {}, {"address": {"village": "Sydney"}})
    result = geocode_maps_link(link)
    assert (result["latitude"], result["longitude"], result["city"]) == (-33.8688, 151.2093, "Sydney")
    assert result["street"] == "" and result["postal_code"] is None and result["country_code"] is None


def test_reverse_failure_keeps_coordinates(nominatim):
    nominatim.routes["/reverse"] = lambda q: (500, {}, {"error": "down"})
    result = geocode_maps_link("https://maps.google.com/?q=10.5,20.25")
    assert result["latitude"] == 10.5 and result["city"] == "" and result["country"] == ""


@pytest.fixture
def local_short_links(monkeypatch):
    """The stand-in server plays the link shortener (on 127.0.0.1, never the internet)."""
    from apps.properties import geocoding

    monkeypatch.setitem(geocoding.SHORT_LINK_HOSTS, "127.0.0.1", ("/goo.gl/maps", "/maps.app.goo.gl"))


def test_short_link_is_expanded_by_its_redirects(nominatim, local_short_links):
    nominatim.routes["/goo.gl/maps/abc"] = lambda q: (
        302,
        {"Location": f"{nominatim.base_url}/maps.app.goo.gl/step2"},
        b"",
    )
    nominatim.routes["/maps.app.goo.gl/step2"] = lambda q: (
        301,
        {"Location": "https://www.google.com/maps/place/Eiffel/@48.8584,2.2945,17z"},
        b"",
    )
    nominatim.routes["/reverse"] = lambda q: (200, {}, PARIS)
    result = geocode_maps_link(f"{nominatim.base_url}/goo.gl/maps/abc")
    assert result["city"] == "Paris" and result["latitude"] == 48.8584
    assert [path for path, _, _ in nominatim.requests] == [
        "/goo.gl/maps/abc",
        "/maps.app.goo.gl/step2",
        "/reverse",
    ]


def test_free_text_query_is_forward_geocoded(nominatim):
    nominatim.routes["/search"] = lambda q: (200, {}, [{"lat": "40.7128", "lon": "-74.0060", **PARIS}])
    result = geocode_maps_link("https://www.google.com/maps/search/?api=1&query=10+Downing+St")
    assert result["latitude"] == 40.7128 and result["street"] == "Avenue Anatole France"
    path, query, _ = nominatim.requests[-1]
    assert path == "/search" and query["q"] == "10 Downing St" and query["limit"] == "1"


@pytest.mark.parametrize(
    "response",
    [(200, {}, []), (200, {}, [{"lat": "999", "lon": "0"}]), (500, {}, {}), (200, {}, {"not": "a list"})],
)
def test_forward_without_result_cannot_extract(nominatim, response):
    nominatim.routes["/search"] = lambda q: response
    with pytest.raises(BadRequest) as caught:
        geocode_maps_link("https://maps.google.com/?q=Nowhere")
    assert caught.value.message == NOT_EXTRACTED


@pytest.mark.parametrize("link", [None, "", "not a url", "ftp://maps.google.com/?q=1,2", 42])
def test_invalid_links(link):
    with pytest.raises(BadRequest) as caught:
        geocode_maps_link(link)
    assert caught.value.message == INVALID_LINK


def test_nothing_to_extract():
    with pytest.raises(BadRequest) as caught:
        geocode_maps_link("https://www.google.com/maps")
    assert caught.value.message == NOT_EXTRACTED


def test_unreachable_short_link_is_invalid(settings, local_short_links):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(BadRequest) as caught:
        geocode_maps_link(f"http://127.0.0.1:{port}/goo.gl/maps/x")
    assert caught.value.message == INVALID_LINK


@pytest.mark.parametrize(
    "link",
    [
        "{base}/internal?next=maps.app.goo.gl",
        "{base}/goo.gl/maps/abc",
        "http://maps.app.goo.gl.{host}/x",
        "http://user@{host}/maps.app.goo.gl/x",
    ],
)
def test_a_link_naming_the_shortener_elsewhere_is_never_fetched(nominatim, link):
    """No SSRF: only the real short-link hosts are requested, whatever the URL's text says."""
    host = nominatim.base_url.split("//", 1)[1]
    with pytest.raises(BadRequest):
        geocode_maps_link(link.format(base=nominatim.base_url, host=host))
    assert [path for path, _, _ in nominatim.requests if path not in ("/search", "/reverse")] == []


def test_short_link_hosts_are_matched_exactly():
    from apps.properties.geocoding import is_short_link

    assert is_short_link("https://maps.app.goo.gl/AbC123")
    assert is_short_link("https://goo.gl/maps/xyz")
    assert not is_short_link("https://goo.gl/other")
    assert not is_short_link("https://evil.example/maps.app.goo.gl")
    assert not is_short_link("ftp://maps.app.goo.gl/x")
