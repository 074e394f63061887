"""Counters the admin console shows from the domains above accounts (leases, tickets, tasks).

The seam between the console (top floor) and those domains, the same pattern as
:mod:`apps.people.figures`: until a domain is installed its counters are **absent** (``None``),
and the overview omits them rather than showing a zero for a domain that does not exist. The
properties counters come from :mod:`apps.properties.selectors` directly.

The contract, one import per domain once it lands (SuperAdmin reads, through the scoped
managers, soft-deleted rows excluded):

``apps.leases.selectors``
    ``active_lease_count(*, landlord_id=None) -> int``  leases with status ACTIVE
    ``pending_transaction_count() -> int``              transactions with status PENDING
    ``transaction_count(*, created_since) -> int``      transactions created since then
``apps.maintenance.selectors``
    ``open_ticket_count() -> int``                      tickets not CLOSED and not DONE
    ``ticket_count(*, created_since) -> int``           tickets created since then
``apps.tasks.selectors``
    ``open_task_count() -> int``                        tasks OPEN or IN_PROGRESS

Wiring a domain: replace its functions below with the import.
"""

from __future__ import annotations

from apps.leases.selectors import active_lease_count, pending_transaction_count, transaction_count
from apps.maintenance.selectors import open_ticket_count, ticket_count
from apps.tasks.selectors import open_task_count

__all__ = [
    "active_lease_count",
    "open_task_count",
    "open_ticket_count",
    "pending_transaction_count",
    "ticket_count",
    "transaction_count",
]
