"""Cross-tenant cases of the properties, units, availability, favorites and admin routes.

Landlord B's people attack landlord A's records. List and aggregate routes answer 200 with the
caller's own data, so their ``unchanged`` check calls them again as the attacker and asserts that
A's record is absent.
"""

from __future__ import annotations

import uuid

from apps.media.models import Media
from apps.properties.models import Availability, Favorite, Property, Unit
from tests.isolation import Case, bearer_client

B_SIDE = ("admin_b", "staff_b", "tenant_b", "contractor_b")
B_LANDLORD = ("admin_b", "staff_b")


# -- records of A -------------------------------------------------------------------------------
def _property(w) -> Property:
    if "property" not in w.extra:
        from apps.properties.tests.factories import PropertyFactory

        w.extra["property"] = PropertyFactory(landlord=w.landlord_a, name="A's building")
    return w.extra["property"]


def _unit(w, **extra) -> Unit:
    if "unit" not in w.extra:
        from apps.properties.tests.factories import UnitFactory

        w.extra["unit"] = UnitFactory(property=_property(w), unit_number="A-1", size=700, **extra)
    return w.extra["unit"]


def _slot(w) -> Availability:
    if "slot" not in w.extra:
        from apps.properties.tests.factories import AvailabilityFactory

        w.extra["slot"] = AvailabilityFactory(property=_property(w), unit=_unit(w), notes="A only")
    return w.extra["slot"]


def _media(w, owner) -> Media:
    w.extra["media"] = Media.objects.unscoped().create(
        model_type=type(owner).__name__,
        model_id=owner.pk,
        landlord_id=w.landlord_a.pk,
        name="a.png",
        file_name="a.png",
        mime_type="image/png",
        type="image",
        path=f"a/{uuid.uuid4()}.png",
        collection_name="property_photos",
    )
    return w.extra["media"]


def _favorite(w) -> Favorite:
    from apps.properties.tests.factories import FavoriteFactory

    w.extra["favorite"] = FavoriteFactory(
        user=w.tenant_a, unit=_unit(w, publish_to_marketplace=True, market_rent=900)
    )
    return w.extra["favorite"]


# -- unchanged checks ---------------------------------------------------------------------------
def _property_unchanged(w, path):
    prop = Property.objects.including_deleted().get(pk=_property(w).pk)
    assert prop.name == "A's building" and not prop.deleted and prop.version == 0


def _unit_unchanged(w, path):
    unit = Unit.objects.including_deleted().get(pk=_unit(w).pk)
    assert unit.size == 700 and not unit.deleted and unit.version == 0


def _slot_unchanged(w, path):
    slot = Availability.objects.including_deleted().get(pk=_slot(w).pk)
    assert slot.notes == "A only" and not slot.deleted and slot.version == 0


def _media_unchanged(w, path):
    assert Media.objects.unscoped().filter(pk=w.extra["media"].pk).exists()
    assert Media.objects.unscoped().count() == 1


def _no_unit_added(w, path):
    assert Unit.objects.including_deleted().filter(property=_property(w)).count() == len(
        [key for key in ("unit",) if key in w.extra]
    )


def _no_slot_for_a(w, path):
    assert not Availability.objects.including_deleted().filter(landlord=w.landlord_a).exists()


def _no_media_added(w, path):
    assert not Media.objects.unscoped().exists()


def _no_favorite_added(w, path):
    assert not Favorite.objects.unscoped().exists()


def _favorite_kept(w, path):
    assert Favorite.objects.unscoped().filter(pk=w.extra["favorite"].pk).exists()


def _listing_excludes(*attackers, key, items=lambda body: body["data"]):
    def check(w, path):
        hidden = str(w.extra[key].pk)
        for attacker in attackers:
            response = bearer_client(getattr(w, attacker)).get(path)
            assert response.status_code == 200, response.content
            listed = [item["_id"] for item in items(response.json())]
            assert hidden not in listed, f"{attacker} sees {hidden} at {path}"

    return check


def _overview_empty(w, path):
    for attacker in B_SIDE:
        data = bearer_client(getattr(w, attacker)).get(path).json()["data"]
        assert data["totalUnits"] == 0 and data["occupiedUnits"] == 0


def _favorite_check_false(w, path):
    unit_id = str(w.extra["favorite"].unit_id)
    for attacker in B_SIDE:
        data = bearer_client(getattr(w, attacker)).get(path).json()["data"]
        assert data.get(unit_id, False) is False and data.get("isFavorited", False) is False


def _own_property_only(w, path):
    assert Property.objects.unscoped().filter(landlord=w.landlord_a).count() == 1
    assert not Property.objects.unscoped().filter(landlord=w.landlord_a, description="from B").exists()


# -- cases --------------------------------------------------------------------------------------
def _p(suffix=""):
    return lambda w: f"/properties/{_property(w).pk}{suffix}"


def _u(suffix=""):
    return lambda w: f"/units/{_unit(w).pk}{suffix}"


def _property_media(w):
    return f"/properties/{_property(w).pk}/media/{_media(w, _property(w)).pk}"


def _unit_media(w):
    return f"/units/{_unit(w).pk}/media/{_media(w, _unit(w)).pk}"


def _png(w):
    from apps.properties.tests.helpers import png_upload

    return {"file": png_upload()}


CASES = [
    # properties
    Case(
        "properties:list",
        "GET",
        build=lambda w: (_property(w), "/properties?limit=100")[1],
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_listing_excludes(*B_SIDE, key="property"),
    ),
    Case(
        "properties:list",
        "POST",
        build=lambda w: (_property(w), "/properties")[1],
        body={
            "name": "A's building",
            "street": "s",
            "city": "c",
            "state": "st",
            "country": "co",
            "description": "from B",
        },
        attackers=B_SIDE,
        expect=(201, 403, 422),  # 422: B already has a property of that name (a previous attacker)
        unchanged=_own_property_only,
    ),
    Case("properties:detail", "GET", build=_p(), attackers=B_SIDE, unchanged=_property_unchanged),
    Case(
        "properties:detail",
        "PATCH",
        build=_p(),
        body={"name": "Hacked", "city": "Nowhere"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_property_unchanged,
    ),
    Case(
        "properties:detail",
        "DELETE",
        build=_p(),
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_property_unchanged,
    ),
    Case("properties:statistics", "GET", build=_p("/statistics"), attackers=B_SIDE),
    Case(
        "properties:units",
        "GET",
        build=lambda w: (_unit(w), f"/properties/{_property(w).pk}/units?limit=100")[1],
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_listing_excludes(*B_SIDE, key="unit"),
    ),
    Case(
        "properties:units",
        "POST",
        build=_p("/units"),
        body={"unitNumber": "B-1", "size": 10, "type": "ROOM"},
        attackers=B_SIDE,
        expect=(403, 422),
        unchanged=_no_unit_added,
    ),
    Case("properties:media", "GET", build=_p("/media"), attackers=B_SIDE),
    Case(
        "properties:media-upload",
        "POST",
        build=_p("/media/upload"),
        body=_png,
        format="multipart",
        attackers=B_SIDE,
        unchanged=_no_media_added,
    ),
    Case(
        "properties:media-delete",
        "DELETE",
        build=_property_media,
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_media_unchanged,
    ),
    Case("properties:media-url", "GET", build=lambda w: _property_media(w) + "/url", attackers=B_SIDE),
    # units
    Case(
        "properties:unit-list",
        "GET",
        build=lambda w: (_unit(w), "/units?limit=100")[1],
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_listing_excludes(*B_SIDE, key="unit"),
    ),
    Case(
        "properties:units-overview",
        "GET",
        build=lambda w: (_unit(w, availability_status="OCCUPIED"), "/units/stats/overview")[1],
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_overview_empty,
    ),
    Case("properties:unit-detail", "GET", build=_u(), attackers=B_SIDE, unchanged=_unit_unchanged),
    Case(
        "properties:unit-detail",
        "PATCH",
        build=_u(),
        body={"size": 1},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_unit_unchanged,
    ),
    Case(
        "properties:unit-detail",
        "DELETE",
        build=_u(),
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_unit_unchanged,
    ),
    Case("properties:unit-stats", "GET", build=_u("/stats"), attackers=B_SIDE),
    Case("properties:unit-media", "GET", build=_u("/media"), attackers=B_SIDE),
    Case(
        "properties:unit-media-upload",
        "POST",
        build=_u("/media/upload"),
        body=_png,
        format="multipart",
        attackers=B_SIDE,
        unchanged=_no_media_added,
    ),
    Case(
        "properties:unit-media-delete",
        "DELETE",
        build=_unit_media,
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_media_unchanged,
    ),
    Case("properties:unit-media-url", "GET", build=lambda w: _unit_media(w) + "/url", attackers=B_SIDE),
    # availability
    Case(
        "properties:availability-list",
        "GET",
        build=lambda w: (_slot(w), "/availability?limit=100")[1],
        attackers=("admin_b", "tenant_b", "contractor_b"),
        expect=(200,),
        unchanged=_listing_excludes("admin_b", "tenant_b", "contractor_b", key="slot"),
    ),
    Case(
        "properties:availability-list",
        "POST",
        build=lambda w: (_unit(w), "/availability")[1],
        body=lambda w: {
            "propertyId": str(_property(w).pk),
            "unitId": str(_unit(w).pk),
            "availabilityType": "RECURRING",
            "dayOfWeek": "MONDAY",
            "startTime": "09:00",
            "endTime": "10:00",
        },
        attackers=B_SIDE,
        expect=(403,),
        unchanged=_no_slot_for_a,
    ),
    Case(
        "properties:availability-weekly",
        "GET",
        build=lambda w: (_slot(w), "/availability/weekly-schedule")[1],
        attackers=("admin_b", "tenant_b", "contractor_b"),
        expect=(200,),
        unchanged=_listing_excludes(
            "admin_b", "tenant_b", "contractor_b", key="slot", items=lambda b: b["slots"]
        ),
    ),
    Case(
        "properties:availability-date",
        "GET",
        build=lambda w: (_slot(w), "/availability/date/2030-01-07")[1],  # a Monday
        attackers=("admin_b", "tenant_b", "contractor_b"),
        expect=(200,),
        unchanged=_listing_excludes(
            "admin_b", "tenant_b", "contractor_b", key="slot", items=lambda b: b["slots"]
        ),
    ),
    Case(
        "properties:availability-unit",
        "GET",
        build=lambda w: (_slot(w), f"/availability/unit/{_unit(w).pk}")[1],
        attackers=B_SIDE,
        expect=(403, 404),
    ),
    Case(
        "properties:availability-property",
        "GET",
        build=lambda w: (_slot(w), f"/availability/property/{_property(w).pk}")[1],
        attackers=B_SIDE,
        expect=(403, 404),
    ),
    Case(
        "properties:availability-detail",
        "GET",
        build=lambda w: f"/availability/{_slot(w).pk}",
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_slot_unchanged,
    ),
    Case(
        "properties:availability-detail",
        "PATCH",
        build=lambda w: f"/availability/{_slot(w).pk}",
        body={"notes": "hacked"},
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_slot_unchanged,
    ),
    Case(
        "properties:availability-detail",
        "DELETE",
        build=lambda w: f"/availability/{_slot(w).pk}",
        attackers=B_SIDE,
        expect=(403, 404),
        unchanged=_slot_unchanged,
    ),
    # favorites (per user)
    Case(
        "properties:favorite-list",
        "GET",
        build=lambda w: (_favorite(w), "/favorites?limit=100")[1],
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_listing_excludes(*B_SIDE, key="favorite"),
    ),
    Case(
        "properties:favorite-list",
        "POST",
        build=lambda w: (_unit(w), "/favorites")[1],
        body=lambda w: {"unitId": str(_unit(w).pk)},
        attackers=B_SIDE,
        expect=(422,),
        unchanged=_no_favorite_added,
    ),
    Case(
        "properties:favorite-check",
        "GET",
        build=lambda w: f"/favorites/check?unitIds={_favorite(w).unit_id}",
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_favorite_check_false,
    ),
    Case(
        "properties:favorite-check-one",
        "GET",
        build=lambda w: f"/favorites/check/{_favorite(w).unit_id}",
        attackers=B_SIDE,
        expect=(200,),
        unchanged=_favorite_check_false,
    ),
    Case(
        "properties:favorite-detail",
        "DELETE",
        build=lambda w: f"/favorites/{_favorite(w).unit_id}",
        attackers=B_SIDE,
        unchanged=_favorite_kept,
    ),
    # admin console: SuperAdmin only
    Case(
        "properties:admin-properties",
        "GET",
        build=lambda w: (_property(w), "/admin/properties")[1],
        attackers=B_SIDE,
        expect=(403,),
    ),
    Case(
        "properties:admin-property",
        "GET",
        build=lambda w: f"/admin/properties/{_property(w).pk}",
        attackers=B_SIDE,
        expect=(403,),
    ),
    Case(
        "properties:admin-units",
        "GET",
        build=lambda w: (_unit(w), "/admin/units")[1],
        attackers=B_SIDE,
        expect=(403,),
    ),
    Case(
        "properties:admin-unit",
        "GET",
        build=lambda w: f"/admin/units/{_unit(w).pk}",
        attackers=B_SIDE,
        expect=(403,),
    ),
]

EXEMPT = {
    ("properties:extract-address", "POST"): (
        "geocodes the link given in the body; reads and writes no stored record"
    ),
    ("properties:marketplace", "GET"): (
        "public by design: only units their landlord published, photos only, no lease or tenant "
        "data (apps/properties/tests/test_marketplace.py)"
    ),
    ("properties:marketplace-cities", "GET"): "public by design: city names of published units only",
    ("properties:availability-visit-request", "GET"): (
        "public by design (spec 03 7.5): slot times of a property for booking visits; no tenant, "
        "notes or landlord fields (test_availability.py::test_visit_request_slots_public)"
    ),
}
