"""The review matrix: every route of properties, units, availability, favorites and media has a
happy path, a validation failure, a 401 without credentials and a 403 for each role it refuses.

Cross-tenant 404s (with no side effect) are the ``Case`` rows of ``apps/properties/tests/isolation.py``
and ``apps/media/tests/isolation.py``, walked by ``tests/test_isolation.py``. Routes every
authenticated role may call (reads, favorites) have no forbidden role: they are listed in
``NO_FORBIDDEN_ROLE`` with the reason, and the test checks that list stays exact.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import get_resolver

from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordStaffFactory,
    LandlordUserFactory,
    TenantUserFactory,
)
from apps.properties.models import Availability, Favorite, Property, Unit
from apps.properties.tests.factories import (
    AvailabilityFactory,
    FavoriteFactory,
    PropertyFactory,
    PublishedUnitFactory,
    UnitFactory,
)
from apps.properties.tests.helpers import png_upload, stored_media

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]


@pytest.fixture
def w(db):
    admin_l = LandlordUserFactory()
    landlord_id = admin_l.organization_id
    prop = PropertyFactory(landlord_id=landlord_id, name="Matrix building")
    empty = PropertyFactory(landlord_id=landlord_id, name="Empty building")
    unit = UnitFactory(property=prop, unit_number="M-1")
    published = PublishedUnitFactory(property=prop, unit_number="M-2")
    published2 = PublishedUnitFactory(property=prop, unit_number="M-3")
    tenant = TenantUserFactory()
    fan = TenantUserFactory()
    FavoriteFactory(user=fan, unit=published)
    ns = SimpleNamespace(
        admin_l=admin_l,
        staff=LandlordStaffFactory(organization_id=landlord_id),
        tenant=tenant,
        fan=fan,
        contractor=ContractorUserFactory(),
        superadmin=AdminUserFactory(),
        orphan_tenant=TenantUserFactory(organization_id=None),
        prop=prop,
        empty=empty,
        unit=unit,
        published=published,
        published2=published2,
        slot=AvailabilityFactory(property=prop, unit=unit),
        tenant_slot=None,
    )
    ns.pm = stored_media(prop, "property_photos", uploaded_by=admin_l)
    ns.um = stored_media(published, "unit_photos", uploaded_by=admin_l)
    return ns


def _fmt(path: str, w) -> str:
    return path.format(
        p=w.prop.pk,
        e=w.empty.pk,
        u=w.unit.pk,
        pu=w.published.pk,
        pu2=w.published2.pk,
        s=w.slot.pk,
        pm=w.pm.pk,
        um=w.um.pk,
    )


def _snapshot():
    return (
        tuple(Property.objects.including_deleted().values_list("id", "version", "deleted").order_by("id")),
        tuple(Unit.objects.including_deleted().values_list("id", "version", "deleted").order_by("id")),
        tuple(
            Availability.objects.including_deleted().values_list("id", "version", "deleted").order_by("id")
        ),
        tuple(Favorite.objects.unscoped().values_list("id").order_by("id")),
    )


def _media_count():
    from apps.media.models import Media

    return Media.objects.unscoped().count()


NEW_PROPERTY = {"name": "New one", "street": "1 St", "city": "Town", "state": "ST", "country": "Land"}
NEW_UNIT = {"unitNumber": "N-1", "size": 50, "type": "STUDIO"}
NEW_SLOT = {
    "propertyId": "{p}",
    "unitId": "{u}",
    "availabilityType": "RECURRING",
    "dayOfWeek": "FRIDAY",
    "startTime": "10:00",
    "endTime": "11:00",
}


def _body(body, w):
    if body is None or body == "multipart":
        return body
    if callable(body):
        return body(w)
    return {key: _fmt(value, w) if isinstance(value, str) else value for key, value in body.items()}


# (route name, method, path, body) -- one row per (route, method)
ROUTES = [
    ("properties:extract-address", "post", "/properties/extract-address-from-maps", {"googleMapsLink": ""}),
    ("properties:list", "get", "/properties", None),
    ("properties:list", "post", "/properties", NEW_PROPERTY),
    ("properties:detail", "get", "/properties/{p}", None),
    ("properties:detail", "patch", "/properties/{p}", {"description": "Changed"}),
    ("properties:detail", "delete", "/properties/{e}", None),
    ("properties:units", "get", "/properties/{p}/units", None),
    ("properties:units", "post", "/properties/{p}/units", NEW_UNIT),
    ("properties:statistics", "get", "/properties/{p}/statistics", None),
    ("properties:media", "get", "/properties/{p}/media", None),
    ("properties:media-upload", "post", "/properties/{p}/media/upload", "multipart"),
    ("properties:media-url", "get", "/properties/{p}/media/{pm}/url", None),
    ("properties:media-delete", "delete", "/properties/{p}/media/{pm}", None),
    ("properties:units-overview", "get", "/units/stats/overview", None),
    ("properties:unit-list", "get", "/units", None),
    ("properties:unit-detail", "get", "/units/{u}", None),
    ("properties:unit-detail", "patch", "/units/{u}", {"size": 75}),
    ("properties:unit-detail", "delete", "/units/{u}", None),
    ("properties:unit-stats", "get", "/units/{u}/stats", None),
    ("properties:unit-media", "get", "/units/{pu}/media", None),
    ("properties:unit-media-upload", "post", "/units/{pu}/media/upload", "multipart"),
    ("properties:unit-media-url", "get", "/units/{pu}/media/{um}/url", None),
    ("properties:unit-media-delete", "delete", "/units/{pu}/media/{um}", None),
    ("properties:availability-list", "get", "/availability", None),
    ("properties:availability-list", "post", "/availability", NEW_SLOT),
    ("properties:availability-weekly", "get", "/availability/weekly-schedule", None),
    ("properties:availability-date", "get", "/availability/date/2030-01-07", None),
    ("properties:availability-unit", "get", "/availability/unit/{u}", None),
    ("properties:availability-property", "get", "/availability/property/{p}", None),
    ("properties:availability-detail", "get", "/availability/{s}", None),
    ("properties:availability-detail", "patch", "/availability/{s}", {"notes": "n"}),
    ("properties:availability-detail", "delete", "/availability/{s}", None),
    ("properties:favorite-list", "get", "/favorites", None),
    ("properties:favorite-list", "post", "/favorites", {"unitId": "{pu2}"}),
    ("properties:favorite-check", "get", "/favorites/check?unitIds={pu}", None),
    ("properties:favorite-check-one", "get", "/favorites/check/{pu}", None),
    ("properties:favorite-detail", "delete", "/favorites/{pu}", None),
    ("properties:admin-properties", "get", "/admin/properties", None),
    ("properties:admin-property", "get", "/admin/properties/{p}", None),
    ("properties:admin-units", "get", "/admin/units", None),
    ("properties:admin-unit", "get", "/admin/units/{u}", None),
    ("media:detail", "get", "/media/{pm}", None),
    ("media:download", "get", "/media/{pm}/download", None),
]
PUBLIC = [
    ("properties:marketplace", "get", "/units/marketplace", None),
    ("properties:marketplace-cities", "get", "/units/marketplace/cities", None),
    (
        "properties:availability-visit-request",
        "get",
        "/availability/visit-request/2030-01-07?propertyId={p}",
        None,
    ),
    ("media:file", "get", None, None),
]

#: who performs the happy path of a route (default: the landlord's admin user)
ACTOR = {"/favorites": "fan", "/admin/": "superadmin"}
HAPPY_STATUS = {"post": 201, "delete": 200}
HAPPY_204 = {
    ("properties:detail", "delete"),
    ("properties:unit-detail", "delete"),
    ("properties:availability-detail", "delete"),
}


def _actor(w, path: str):
    for prefix, name in ACTOR.items():
        if path.startswith(prefix):
            return getattr(w, name)
    return w.admin_l


def _call(client, method, path, body):
    if body == "multipart":
        return getattr(client, method)(path, {"file": png_upload()}, format="multipart")
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, format="json")


def test_the_matrix_names_every_route_of_these_apps():
    """A new route cannot slip in without its row here."""
    named = set()
    for pattern in get_resolver().url_patterns:
        namespace = getattr(pattern, "namespace", None)
        if namespace in ("properties", "media"):
            for sub in pattern.url_patterns:
                named.add(f"{namespace}:{sub.name}")
    covered = {name for name, *_ in ROUTES} | {name for name, *_ in PUBLIC}
    assert named == covered


@pytest.mark.parametrize(("name", "method", "path", "body"), ROUTES, ids=[f"{r[0]}-{r[1]}" for r in ROUTES])
def test_happy_path(auth_client, w, name, method, path, body, nominatim):
    if name == "properties:extract-address":
        nominatim.routes["/reverse"] = lambda q: (200, {}, {"address": {"city": "Paris"}})
        body = {"googleMapsLink": "https://maps.google.com/?q=48.85,2.29"}
    url = _fmt(path, w)
    response = _call(auth_client(_actor(w, url)), method, url, _body(body, w))
    expected = 204 if (name, method) in HAPPY_204 else HAPPY_STATUS.get(method, 200)
    assert response.status_code == expected, response.content[:400]
    if expected != 204 and name != "media:download":
        assert isinstance(response.json(), (dict, list))


@pytest.mark.parametrize(("name", "method", "path", "body"), PUBLIC[:3], ids=[r[0] for r in PUBLIC[:3]])
def test_public_routes_answer_without_credentials(api_client, w, name, method, path, body):
    response = getattr(api_client, method)(_fmt(path, w))
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize(("name", "method", "path", "body"), ROUTES, ids=[f"{r[0]}-{r[1]}" for r in ROUTES])
def test_unauthenticated_is_401_without_side_effect(api_client, w, name, method, path, body):
    before, media = _snapshot(), _media_count()
    response = _call(api_client, method, _fmt(path, w), _body(body, w))
    assert response.status_code == 401
    assert response.json()["message"] == "Unauthorized"
    assert _snapshot() == before and _media_count() == media


# (route name, method, path, body, role, expected message or None for "Access denied")
FORBIDDEN = [
    (
        "properties:extract-address",
        "post",
        "/properties/extract-address-from-maps",
        {"googleMapsLink": "x"},
        "tenant",
        None,
    ),
    (
        "properties:extract-address",
        "post",
        "/properties/extract-address-from-maps",
        {"googleMapsLink": "x"},
        "contractor",
        None,
    ),
    ("properties:list", "post", "/properties", NEW_PROPERTY, "tenant", None),
    ("properties:list", "post", "/properties", NEW_PROPERTY, "contractor", None),
    ("properties:list", "post", "/properties", NEW_PROPERTY, "superadmin", "User is not a landlord"),
    ("properties:detail", "patch", "/properties/{p}", {"name": "X"}, "tenant", None),
    ("properties:detail", "patch", "/properties/{p}", {"name": "X"}, "contractor", None),
    ("properties:detail", "delete", "/properties/{e}", None, "tenant", None),
    ("properties:detail", "delete", "/properties/{e}", None, "contractor", None),
    ("properties:units", "post", "/properties/{p}/units", NEW_UNIT, "tenant", None),
    ("properties:units", "post", "/properties/{p}/units", NEW_UNIT, "contractor", None),
    (
        "properties:units",
        "get",
        "/properties/{p}/units",
        None,
        "orphan_tenant",
        "No tenant profile associated with this user",
    ),
    (
        "properties:unit-list",
        "get",
        "/units",
        None,
        "orphan_tenant",
        "No tenant profile associated with this user",
    ),
    ("properties:unit-detail", "patch", "/units/{u}", {"size": 1}, "tenant", None),
    ("properties:unit-detail", "patch", "/units/{u}", {"size": 1}, "contractor", None),
    ("properties:unit-detail", "delete", "/units/{u}", None, "tenant", None),
    ("properties:unit-detail", "delete", "/units/{u}", None, "contractor", None),
    ("properties:media-delete", "delete", "/properties/{p}/media/{pm}", None, "tenant", None),
    ("properties:media-delete", "delete", "/properties/{p}/media/{pm}", None, "contractor", None),
    ("properties:unit-media-delete", "delete", "/units/{pu}/media/{um}", None, "fan", None),
    ("properties:unit-media-delete", "delete", "/units/{pu}/media/{um}", None, "contractor", None),
    # a unit (and its property) read only as a marketplace favorite takes no uploads
    (
        "properties:media-upload",
        "post",
        "/properties/{p}/media/upload",
        "multipart",
        "fan",
        "You do not have permission to upload media",
    ),
    (
        "properties:unit-media-upload",
        "post",
        "/units/{pu}/media/upload",
        "multipart",
        "fan",
        "You do not have permission to upload media",
    ),
    ("properties:availability-list", "get", "/availability", None, "staff", None),
    ("properties:availability-list", "post", "/availability", NEW_SLOT, "staff", None),
    ("properties:availability-list", "post", "/availability", NEW_SLOT, "contractor", None),
    ("properties:availability-weekly", "get", "/availability/weekly-schedule", None, "staff", None),
    ("properties:availability-date", "get", "/availability/date/2030-01-07", None, "staff", None),
    ("properties:availability-unit", "get", "/availability/unit/{u}", None, "staff", None),
    (
        "properties:availability-unit",
        "get",
        "/availability/unit/{u}",
        None,
        "tenant",
        "Only landlords can view unit availability",
    ),
    ("properties:availability-property", "get", "/availability/property/{p}", None, "staff", None),
    (
        "properties:availability-property",
        "get",
        "/availability/property/{p}",
        None,
        "tenant",
        "Only landlords can view property availability",
    ),
    ("properties:availability-detail", "get", "/availability/{s}", None, "staff", None),
    ("properties:availability-detail", "patch", "/availability/{s}", {"notes": "x"}, "staff", None),
    ("properties:availability-detail", "patch", "/availability/{s}", {"notes": "x"}, "contractor", None),
    ("properties:availability-detail", "delete", "/availability/{s}", None, "staff", None),
    ("properties:availability-detail", "delete", "/availability/{s}", None, "contractor", None),
    # figures of a listing the caller only favorites stay private (occupancy, revenue, balances)
    ("properties:statistics", "get", "/properties/{p}/statistics", None, "fan", None),
    (
        "properties:unit-stats",
        "get",
        "/units/{pu}/stats",
        None,
        "fan",
        "You do not have permission to view this unit",
    ),
    ("properties:admin-properties", "get", "/admin/properties", None, "admin_l", "Admin access required"),
    ("properties:admin-property", "get", "/admin/properties/{p}", None, "admin_l", "Admin access required"),
    ("properties:admin-units", "get", "/admin/units", None, "admin_l", "Admin access required"),
    ("properties:admin-unit", "get", "/admin/units/{u}", None, "tenant", "Admin access required"),
]

NO_FORBIDDEN_ROLE = {
    ("properties:list", "get"): "every role may list; tenants/contractors get only what they are party to",
    ("properties:detail", "get"): "read by every role, scoped (outside the scope is 404)",
    (
        "properties:media",
        "get",
    ): "read by every role, scoped; private collections hidden from favorite readers",
    ("properties:media-url", "get"): "as above",
    ("properties:units-overview", "get"): "every role; counts only the caller's units",
    ("properties:unit-detail", "get"): "read by every role, scoped",
    ("properties:unit-media", "get"): "read by every role, scoped",
    ("properties:unit-media-url", "get"): "read by every role, scoped",
    ("properties:favorite-list", "get"): "favorites: any authenticated user, always their own",
    ("properties:favorite-list", "post"): "favorites: any authenticated user",
    ("properties:favorite-check", "get"): "favorites: own only",
    ("properties:favorite-check-one", "get"): "favorites: own only",
    ("properties:favorite-detail", "delete"): "favorites: own only",
    ("media:detail", "get"): "every role reads media it may see (scoped, 404 outside)",
    ("media:download", "get"): "as media:detail",
}


def test_every_route_has_a_forbidden_role_or_a_reason():
    forbidden = {(name, method) for name, method, *_ in FORBIDDEN}
    routes = {(name, method) for name, method, *_ in ROUTES}
    assert routes - forbidden == set(NO_FORBIDDEN_ROLE)


@pytest.mark.parametrize(
    ("name", "method", "path", "body", "role", "message"),
    FORBIDDEN,
    ids=[f"{r[0]}-{r[1]}-{r[4]}" for r in FORBIDDEN],
)
def test_forbidden_role_is_403_without_side_effect(auth_client, w, name, method, path, body, role, message):
    before, media = _snapshot(), _media_count()
    response = _call(auth_client(getattr(w, role)), method, _fmt(path, w), _body(body, w))
    assert response.status_code == 403, response.content[:300]
    assert response.json()["message"] == (message or "Access denied")
    assert _snapshot() == before and _media_count() == media


# (route name, method, path, body, expected message fragment) -- one validation failure per route
INVALID = [
    (
        "properties:extract-address",
        "post",
        "/properties/extract-address-from-maps",
        {},
        "Invalid Google Maps link",
    ),
    ("properties:list", "get", "/properties?sortBy=password", None, "sortBy must be one of"),
    ("properties:list", "post", "/properties", {"name": "Only a name"}, "street should not be empty"),
    ("properties:detail", "get", "/properties/invalid-id", None, "Invalid ID: invalid-id"),
    (
        "properties:detail",
        "patch",
        "/properties/{p}",
        {"landlord": "{e}"},
        "property landlord should not exist",
    ),
    ("properties:detail", "delete", "/properties/invalid-id", None, "Invalid ID: invalid-id"),
    ("properties:units", "get", "/properties/{p}/units?type=CASTLE", None, "type must be one of"),
    (
        "properties:units",
        "post",
        "/properties/{p}/units",
        {"unitNumber": "Z", "size": -1, "type": "STUDIO"},
        "size must not be less than 0",
    ),
    ("properties:statistics", "get", "/properties/invalid-id/statistics", None, "Invalid ID: invalid-id"),
    ("properties:media", "get", "/properties/{p}/media?mediaType=hologram", None, "mediaType must be one of"),
    ("properties:media-upload", "post", "/properties/{p}/media/upload", {}, "No file provided"),
    ("properties:media-url", "get", "/properties/{p}/media/invalid-id/url", None, "Invalid ID: invalid-id"),
    ("properties:media-delete", "delete", "/properties/{p}/media/invalid-id", None, "Invalid ID: invalid-id"),
    ("properties:unit-list", "get", "/units?limit=0", None, "limit must not be less than 1"),
    ("properties:unit-detail", "get", "/units/invalid-id", None, "Invalid ID: invalid-id"),
    ("properties:unit-detail", "patch", "/units/{u}", {}, "Update data cannot be empty"),
    ("properties:unit-detail", "delete", "/units/invalid-id", None, "Invalid ID: invalid-id"),
    ("properties:unit-stats", "get", "/units/invalid-id/stats", None, "Invalid ID: invalid-id"),
    (
        "properties:unit-media",
        "get",
        "/units/{pu}/media?unknown=1",
        None,
        "property unknown should not exist",
    ),
    ("properties:unit-media-upload", "post", "/units/{pu}/media/upload", {}, "No file provided"),
    ("properties:unit-media-url", "get", "/units/{pu}/media/invalid-id/url", None, "Invalid ID: invalid-id"),
    (
        "properties:unit-media-delete",
        "delete",
        "/units/{pu}/media/invalid-id",
        None,
        "Invalid ID: invalid-id",
    ),
    (
        "properties:marketplace",
        "get",
        "/units/marketplace?minRent=-5",
        None,
        "minRent must not be less than 0",
    ),
    (
        "properties:marketplace-cities",
        "get",
        "/units/marketplace/cities?city=x",
        None,
        "property city should not exist",
    ),
    (
        "properties:availability-list",
        "get",
        "/availability?createdBy=ROBOT",
        None,
        "createdBy must be one of",
    ),
    (
        "properties:availability-list",
        "post",
        "/availability",
        {**NEW_SLOT, "endTime": "09:00"},
        "Start time must be before end time",
    ),
    (
        "properties:availability-weekly",
        "get",
        "/availability/weekly-schedule?propertyId=nope",
        None,
        "propertyId must be a valid id",
    ),
    (
        "properties:availability-date",
        "get",
        "/availability/date/2030-02-30",
        None,
        "Invalid date format. Use YYYY-MM-DD.",
    ),
    (
        "properties:availability-visit-request",
        "get",
        "/availability/visit-request/2030-01-07",
        None,
        "Property ID is required",
    ),
    ("properties:availability-unit", "get", "/availability/unit/invalid-id", None, "Invalid ID: invalid-id"),
    (
        "properties:availability-property",
        "get",
        "/availability/property/invalid-id",
        None,
        "Invalid ID: invalid-id",
    ),
    ("properties:availability-detail", "get", "/availability/invalid-id", None, "Invalid ID: invalid-id"),
    (
        "properties:availability-detail",
        "patch",
        "/availability/{s}",
        {"startTime": "25:00"},
        "startTime must be in HH:mm format (24-hour)",
    ),
    ("properties:availability-detail", "delete", "/availability/invalid-id", None, "Invalid ID: invalid-id"),
    ("properties:favorite-list", "get", "/favorites?sortBy=unit", None, "sortBy must be one of"),
    ("properties:favorite-list", "post", "/favorites", {}, "unitId is required"),
    ("properties:favorite-check", "get", "/favorites/check?unitIds=nope", None, "Invalid ID: nope"),
    ("properties:favorite-check-one", "get", "/favorites/check/nope", None, "Invalid ID: nope"),
    ("properties:favorite-detail", "delete", "/favorites/nope", None, "Invalid ID: nope"),
    (
        "properties:admin-properties",
        "get",
        "/admin/properties?landlordId=nope",
        None,
        "landlordId must be a valid id",
    ),
    ("properties:admin-property", "get", "/admin/properties/nope", None, "Invalid ID: nope"),
    ("properties:admin-units", "get", "/admin/units?page=0", None, "page must not be less than 1"),
    ("properties:admin-unit", "get", "/admin/units/nope", None, "Invalid ID: nope"),
    ("media:detail", "get", "/media/nope", None, "Invalid ID: nope"),
    ("media:download", "get", "/media/nope/download", None, "Invalid ID: nope"),
]


def test_every_route_has_a_validation_case():
    invalid = {(name, method) for name, method, *_ in INVALID}
    routes = {(name, method) for name, method, *_ in ROUTES + PUBLIC}
    assert routes - invalid == {
        # the signed-file route's only input is its token: a bad one is 404 (media isolation cases)
        ("media:file", "get"),
        # no input at all (the original declares no query object: nothing to validate)
        ("properties:units-overview", "get"),
    }


@pytest.mark.parametrize(
    ("name", "method", "path", "body", "fragment"), INVALID, ids=[f"{r[0]}-{r[1]}" for r in INVALID]
)
def test_validation_failure_is_400_without_side_effect(auth_client, w, name, method, path, body, fragment):
    before, media = _snapshot(), _media_count()
    url = _fmt(path, w)
    response = _call(auth_client(_actor(w, url)), method, url, _body(body, w))
    assert response.status_code == 400, response.content[:300]
    message = response.json()["message"]
    text = " | ".join(message) if isinstance(message, list) else message
    assert fragment in text, text
    assert _snapshot() == before and _media_count() == media
