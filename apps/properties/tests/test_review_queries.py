"""Every list endpoint runs a number of queries that does not grow with the page size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import (
    AdminUserFactory,
    ContractorUserFactory,
    LandlordUserFactory,
    TenantUserFactory,
)
from apps.properties import parties
from apps.properties.tests import factories as f
from apps.properties.tests.helpers import stored_media

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limit")]


class World:
    def __init__(self):
        self.landlord_user = LandlordUserFactory()
        self.landlord_id = self.landlord_user.organization_id
        self.tenant = TenantUserFactory()
        self.fan = TenantUserFactory()  # reads the listings only as favorites
        self.contractor = ContractorUserFactory()
        self.superadmin = AdminUserFactory()
        self.prop = f.PropertyFactory(landlord_id=self.landlord_id, name="Q building")
        self.unit = f.UnitFactory(property=self.prop, unit_number="Q-0")
        self.units: list = []

    def grow(self, n: int) -> None:
        """Add ``n`` of everything a list could show, each with its own related rows."""
        for i in range(n):
            prop = f.PropertyFactory(landlord_id=self.landlord_id)
            stored_media(prop, "property_photos")
            unit = f.PublishedUnitFactory(
                property=prop if i % 2 else self.prop, address_city=f"City {len(self.units)}"
            )
            stored_media(unit, "unit_photos")
            self.units.append(unit)
            f.AvailabilityFactory(
                property=self.prop, unit=self.unit, start_time=f"{i:02d}:00", end_time=f"{i:02d}:30"
            )
            f.AvailabilityFactory(
                property=unit.property,
                unit=unit,
                availability_type="ONE_TIME",
                day_of_week=None,
                date="2030-01-07T00:00:00Z",
            )
            f.FavoriteFactory(user=self.tenant, unit=unit)
            f.FavoriteFactory(user=self.fan, unit=unit)
            stored_media(self.prop, "property_photos")
            stored_media(self.unit, "unit_photos")


LISTS = {
    "properties": ("landlord_user", "/properties?limit=100"),
    "properties-tenant": ("tenant", "/properties?limit=100"),
    "properties-fan": ("fan", "/properties?limit=100"),
    "property-units": ("landlord_user", "/properties/{p}/units?limit=100"),
    "units": ("landlord_user", "/units?limit=100"),
    "units-tenant": ("tenant", "/units"),
    "units-contractor": ("contractor", "/units"),
    "units-overview": ("landlord_user", "/units/stats/overview"),
    "property-media": ("landlord_user", "/properties/{p}/media"),
    "unit-media": ("landlord_user", "/units/{u}/media"),
    "marketplace": (None, "/units/marketplace"),
    "marketplace-visits": ("tenant", "/units/marketplace?availableForVisits=true"),
    "marketplace-cities": (None, "/units/marketplace/cities"),
    "availability": ("landlord_user", "/availability?limit=100"),
    "weekly": ("landlord_user", "/availability/weekly-schedule"),
    "by-date": ("landlord_user", "/availability/date/2030-01-07"),
    "visit-request": (None, "/availability/visit-request/2030-01-07?propertyId={p}&unitId={u}"),
    "unit-slots": ("landlord_user", "/availability/unit/{u}"),
    "property-slots": ("landlord_user", "/availability/property/{p}"),
    "favorites": ("tenant", "/favorites?limit=100"),
    "favorites-check": ("tenant", "/favorites/check?{ids}"),
    "admin-properties": ("superadmin", "/admin/properties?limit=100"),
    "admin-units": ("superadmin", "/admin/units?limit=100"),
}


@pytest.fixture
def party_providers(monkeypatch):
    """The world's tenant and contractor are party to every unit of the world (as leases and
    tickets would make them); any other organization (the ``fan``'s) to none."""
    state = {"ids": [], "orgs": set()}
    for name in ("tenant_leased_unit_ids", "contractor_unit_ids"):
        monkeypatch.setitem(
            parties.PROVIDERS, name, lambda org_id: list(state["ids"]) if org_id in state["orgs"] else []
        )
    return state


@pytest.mark.parametrize("name", list(LISTS))
def test_query_count_does_not_grow_with_the_page(auth_client, api_client, party_providers, name):
    actor, template = LISTS[name]
    world = World()

    def measure() -> tuple[int, int]:
        party_providers["ids"] = [unit.pk for unit in world.units]
        party_providers["orgs"] = {world.tenant.organization_id, world.contractor.organization_id}
        ids = "&".join(f"unitIds={unit.pk}" for unit in world.units)
        path = template.format(p=world.prop.pk, u=world.unit.pk, ids=ids)
        client = auth_client(getattr(world, actor)) if actor else api_client
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        data = body.get("data", body.get("slots")) if isinstance(body, dict) else body
        size = len(data) if isinstance(data, (list, dict)) else 0
        return len(ctx.captured_queries), size

    world.grow(2)
    small, small_size = measure()
    world.grow(5)
    large, large_size = measure()
    if name != "units-overview":
        assert large_size > small_size, (name, small_size, large_size)
    assert large == small, (name, small, large)
