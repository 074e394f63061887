"""factory_boy factory of collection schedules."""

from __future__ import annotations

from datetime import UTC, datetime

import factory

from apps.accounts.tests.factories import LandlordUserFactory
from apps.properties.tests.factories import PropertyFactory
from apps.schedules.models import Schedule


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    property = factory.SubFactory(PropertyFactory)
    landlord = factory.LazyAttribute(lambda o: o.property.landlord)
    created_by = factory.SubFactory(LandlordUserFactory)
    type = "garbage"
    scheduled_date = datetime(2027, 1, 5, 8, 0, tzinfo=UTC)
