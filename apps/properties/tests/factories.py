"""factory_boy factories of properties, units, availability slots and favorites."""

from __future__ import annotations

import factory

from apps.accounts.tests.factories import LandlordFactory, UserFactory
from apps.properties.models import Availability, Favorite, Property, Unit


class AddressedFactory(factory.django.DjangoModelFactory):
    """A full address in Springfield, IL (shared by properties and published units)."""

    class Meta:
        abstract = True

    address_street = "1 Main St"
    address_city = "Springfield"
    address_state = "IL"
    address_postal_code = "62701"
    address_country = "United States"
    address_country_code = "US"


class PropertyFactory(AddressedFactory):
    class Meta:
        model = Property

    landlord = factory.SubFactory(LandlordFactory)
    name = factory.Sequence(lambda n: f"Property {n}")
    description = "A nice place"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    property = factory.SubFactory(PropertyFactory)
    landlord = factory.LazyAttribute(lambda o: o.property.landlord)
    unit_number = factory.Sequence(lambda n: f"{100 + n}")
    size = 800
    type = "APARTMENT"


class PublishedUnitFactory(UnitFactory, AddressedFactory):
    class Meta:
        model = Unit

    publish_to_marketplace = True
    market_rent = 1500
    address_postal_code = None


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Availability

    property = factory.SubFactory(PropertyFactory)
    landlord = factory.LazyAttribute(lambda o: o.property.landlord)
    created_by = "LANDLORD"
    availability_type = "RECURRING"
    day_of_week = "MONDAY"
    start_time = "09:00"
    end_time = "11:00"


class FavoriteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Favorite

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(PublishedUnitFactory)
