"""factory_boy factory of tasks."""

from __future__ import annotations

import factory

from apps.accounts.tests.factories import LandlordUserFactory
from apps.properties.tests.factories import PropertyFactory
from apps.tasks.models import Task


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    created_by = factory.SubFactory(LandlordUserFactory)
    property = factory.SubFactory(PropertyFactory)
    landlord = factory.LazyAttribute(lambda o: o.property.landlord)
    title = factory.Sequence(lambda n: f"Task {n}")
    description = "Check the boiler"
