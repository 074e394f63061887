"""Fuzz-style robustness: every write route and every list filter answers bad input with a 4xx.

Each field of each body (and each filter of each list) is sent, one at a time, with values of the
wrong type, empty, huge, malformed ids, ids of nothing, and nested structures. The answer must
never be a 5xx, and a write that was refused must not have written anything.
"""

from __future__ import annotations

import uuid

import pytest

from apps.properties.models import Availability, Favorite, Property, Unit
from apps.properties.tests.factories import (
    AvailabilityFactory,
    PropertyFactory,
    PublishedUnitFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]

BAD_VALUES = [
    None,
    "",
    " ",
    "x" * 5000,
    "not-a-uuid",
    str(uuid.uuid4()),
    "1e309",
    "NaN",
    "-Infinity",
    -1,
    10**30,
    1e308,
    True,
    [],
    ["a", "b"],
    {},
    {"$gt": ""},
    "25:99",
    "2024-13-45",
    "a\x00b",
]

QUERY_BAD_VALUES = [
    "",
    "not-a-uuid",
    str(uuid.uuid4()),
    "-1",
    "1e309",
    "NaN",
    "x" * 5000,
    "9" * 40,
    "[]",
    "%00",
    "a\x00b",
]


@pytest.fixture
def world(landlord_user, landlord):
    prop = PropertyFactory(landlord=landlord, name="Fuzz building")
    unit = UnitFactory(property=prop, unit_number="F-1")
    published = PublishedUnitFactory(property=prop, unit_number="F-2")
    slot = AvailabilityFactory(property=prop, unit=unit)
    return {"property": prop, "unit": unit, "published": published, "slot": slot}


def _counts():
    return (
        Property.objects.including_deleted().count(),
        Unit.objects.including_deleted().count(),
        Availability.objects.including_deleted().count(),
        Favorite.objects.unscoped().count(),
    )


def _valid_bodies(w):
    prop, unit = w["property"], w["unit"]
    return [
        (
            "post",
            "/properties",
            {"name": "Fresh", "street": "1 St", "city": "C", "state": "S", "country": "X"},
        ),
        ("patch", f"/properties/{prop.pk}", {"name": "Renamed", "latitude": 1.5, "description": "d"}),
        (
            "post",
            f"/properties/{prop.pk}/units",
            {
                "unitNumber": "N-1",
                "size": 10,
                "type": "STUDIO",
                "availableForRent": True,
                "availableFrom": "2030-01-01T00:00:00Z",
                "publishToMarketplace": True,
                "marketRent": 100,
                "usePropertyAddress": False,
                "latitude": 1,
            },
        ),
        (
            "patch",
            f"/units/{unit.pk}",
            {"size": 5, "unitNumber": "F-9", "marketRent": 3, "availableFrom": "2031-01-01T00:00:00Z"},
        ),
        (
            "post",
            "/availability",
            {
                "propertyId": str(prop.pk),
                "unitId": str(unit.pk),
                "availabilityType": "ONE_TIME",
                "date": "2030-01-01T00:00:00Z",
                "dayOfWeek": "MONDAY",
                "startTime": "08:00",
                "endTime": "09:00",
                "notes": "n",
                "effectiveFrom": "2030-01-01T00:00:00Z",
                "isActive": True,
            },
        ),
        (
            "patch",
            f"/availability/{w['slot'].pk}",
            {"startTime": "07:00", "endTime": "08:00", "dayOfWeek": "TUESDAY", "isActive": False},
        ),
        ("post", "/favorites", {"unitId": str(w["published"].pk)}),
        ("post", "/properties/extract-address-from-maps", {"googleMapsLink": "x"}),
    ]


def test_every_write_route_answers_bad_fields_with_4xx(auth_client, landlord_user, world):
    client = auth_client(landlord_user)
    for method, path, body in _valid_bodies(world):
        for field in body:
            for bad in BAD_VALUES:
                before = _counts()
                response = getattr(client, method)(path, {**body, field: bad}, format="json")
                assert response.status_code < 500, (method, path, field, bad, response.content[:300])
                if response.status_code >= 400:
                    assert _counts() == before, (method, path, field, bad)
        # a body that is not an object at all
        for raw in ([1, 2], "text", 5):
            response = getattr(client, method)(path, raw, format="json")
            assert response.status_code < 500, (method, path, raw, response.content[:300])


def test_malformed_json_is_400(auth_client, landlord_user, world):
    client = auth_client(landlord_user)
    for method, path, _ in _valid_bodies(world):
        response = getattr(client, method)(path, data="{not json", content_type="application/json")
        assert response.status_code == 400, (method, path, response.content[:300])


LIST_FILTERS = {
    "/properties": [
        "page",
        "limit",
        "search",
        "sortBy",
        "sortOrder",
        "landlordId",
        "status",
        "filters[city]",
    ],
    "/units": [
        "page",
        "limit",
        "search",
        "sortBy",
        "sortOrder",
        "type",
        "availabilityStatus",
        "propertyId",
        "publishToMarketplace",
        "minSize",
        "maxSize",
    ],
    "/units/marketplace": [
        "search",
        "type",
        "minRent",
        "maxRent",
        "countryCode",
        "country",
        "city",
        "availableForVisits",
        "recentlyAdded",
        "landlord",
    ],
    "/units/marketplace/cities": ["countryCode"],
    "/availability": [
        "page",
        "limit",
        "sortBy",
        "sortOrder",
        "propertyId",
        "unitId",
        "tenantId",
        "createdBy",
        "availabilityType",
        "dayOfWeek",
        "date",
        "startDate",
        "endDate",
        "isActive",
    ],
    "/availability/weekly-schedule": ["propertyId", "unitId"],
    "/availability/date/2030-01-07": ["propertyId", "unitId"],
    "/availability/visit-request/2030-01-07": ["propertyId", "unitId"],
    "/favorites": ["page", "limit", "sortBy", "sortOrder"],
    "/favorites/check": ["unitIds"],
    "/admin/properties": ["page", "limit", "search", "landlordId"],
    "/admin/units": ["page", "limit", "search", "landlordId"],
}


def test_every_list_filter_answers_bad_values_with_4xx(auth_client, landlord_user, admin_user, world):
    landlord_client, admin_client = auth_client(landlord_user), auth_client(admin_user)
    for path, params in LIST_FILTERS.items():
        client = admin_client if path.startswith("/admin") else landlord_client
        for param in params:
            for bad in QUERY_BAD_VALUES:
                response = client.get(path, {param: bad})
                assert response.status_code < 500, (path, param, bad, response.content[:300])
        response = client.get(path, {"unknownParam": "1"})
        assert response.status_code == 400, (path, response.content[:300])


@pytest.mark.parametrize(
    "path",
    [
        "/properties/{bad}",
        "/properties/{bad}/units",
        "/properties/{bad}/statistics",
        "/properties/{bad}/media",
        "/properties/{pk}/media/{bad}/url",
        "/units/{bad}",
        "/units/{bad}/stats",
        "/units/{bad}/media",
        "/units/{upk}/media/{bad}/url",
        "/availability/{bad}",
        "/availability/unit/{bad}",
        "/availability/property/{bad}",
        "/availability/date/{bad}",
        "/favorites/check/{bad}",
        "/media/{bad}",
        "/media/{bad}/download",
        "/media/file/{bad}",
        "/admin/properties/{bad}",
        "/admin/units/{bad}",
    ],
)
@pytest.mark.parametrize("bad", ["not-a-uuid", "1" * 300, "%2e%2e", "null"])
def test_malformed_path_ids_are_4xx(auth_client, landlord_user, admin_user, world, path, bad):
    client = auth_client(admin_user if path.startswith("/admin") else landlord_user)
    url = path.format(bad=bad, pk=world["property"].pk, upk=world["unit"].pk)
    response = client.get(url)
    assert 400 <= response.status_code < 500, response.content[:300]
    for method in ("patch", "delete"):
        response = getattr(client, method)(url, {"name": "x"}, format="json")
        assert response.status_code < 500, (method, url, response.content[:300])


def test_media_upload_answers_bad_fields_with_4xx(auth_client, landlord_user, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.media.models import Media
    from apps.properties.tests.helpers import png_upload

    client = auth_client(landlord_user)
    paths = [f"/properties/{world['property'].pk}/media/upload", f"/units/{world['unit'].pk}/media/upload"]
    variants = [
        {"file": "not a file"},
        {"file": png_upload(), "collectionName": "x" * 500},
        {"file": png_upload(), "collection_name": "x" * 500},
        {"file": png_upload(), "unknown": "1"},
        {"file": SimpleUploadedFile("empty.png", b"", content_type="image/png")},
        {"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10, content_type="image/png")},
        {"file": SimpleUploadedFile("a\x00b.png", b"\x00" * 10, content_type="image/png")},
        {"file": png_upload(), "mediaType": "a\x00b"},
    ]
    for path in paths:
        for body in variants:
            response = client.post(path, body, format="multipart")
            assert 400 <= response.status_code < 500, (path, list(body), response.content[:300])
        response = client.post(path, {"file": [1, 2]}, format="json")
        assert 400 <= response.status_code < 500, response.content[:300]
    assert not Media.objects.unscoped().exists()
