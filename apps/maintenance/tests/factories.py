"""factory_boy factories of maintenance records."""

from __future__ import annotations

import factory

from apps.accounts.tests.factories import TenantUserFactory
from apps.maintenance.models import Invoice, MaintenanceTicket, ScopeOfWork, TicketComment
from apps.properties.tests.factories import PropertyFactory


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenanceTicket

    property = factory.SubFactory(PropertyFactory)
    landlord = factory.LazyAttribute(lambda o: o.property.landlord)
    title = factory.Sequence(lambda n: f"Leaking tap {n}")
    description = "Water everywhere"
    category = "PLUMBING"
    requested_by = factory.SubFactory(TenantUserFactory)
    ticket_number = factory.Sequence(lambda n: f"MT2026-{900000 + n:06d}")


class SowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScopeOfWork

    landlord = factory.LazyAttribute(lambda o: o.property.landlord)
    property = factory.SubFactory(PropertyFactory)
    title = factory.Sequence(lambda n: f"Job {n}")
    sow_number = factory.Sequence(lambda n: f"SOW2026-{900000 + n:06d}")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketComment

    ticket = factory.SubFactory(TicketFactory)
    author = factory.LazyAttribute(lambda o: o.ticket.requested_by)
    content = "Any news?"


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    ticket = factory.SubFactory(TicketFactory)
    landlord = factory.LazyAttribute(lambda o: o.ticket.landlord)
    amount = "120.50"
    issuer = "CONTRACTOR"
    linked_entity_type = "TICKET"
