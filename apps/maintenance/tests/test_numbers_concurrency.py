"""Ticket numbers under concurrency: 20 parallel creates, 20 distinct sequential numbers.

Runs on PostgreSQL (``DATABASE_URL=postgres://...``), where the threads really race; SQLite
serializes writers on one file lock and is skipped.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from apps.core.scope import system_scope
from apps.maintenance.models import MaintenanceTicket

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrency"
)


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_creates_get_distinct_numbers():
    from apps.accounts.tests.factories import LandlordUserFactory
    from apps.maintenance.services import ticket_create
    from apps.properties.tests.factories import PropertyFactory

    with system_scope():
        admin = LandlordUserFactory()
        prop = PropertyFactory(landlord_id=admin.organization_id)
    start = threading.Barrier(20)
    errors: list[BaseException] = []

    def create(index: int) -> None:
        from django.db import connections

        try:
            with system_scope():
                start.wait()
                ticket_create(
                    actor=admin,
                    property_id=prop.pk,
                    title=f"Leak {index}",
                    description="d",
                    category="PLUMBING",
                )
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=create, args=(i,)) for i in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    with system_scope():
        numbers = sorted(MaintenanceTicket.objects.unscoped().values_list("ticket_number", flat=True))
    assert len(numbers) == 20 == len(set(numbers))
    assert [int(number.rsplit("-", 1)[1]) for number in numbers] == list(range(1, 21))
