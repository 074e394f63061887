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


# -- leases (apps.leases.selectors) -----------------------------------------------------------------
def active_lease_count(*, landlord_id=None) -> int | None:
    return None


def pending_transaction_count() -> int | None:
    return None


def transaction_count(*, created_since) -> int | None:
    return None


# -- maintenance (apps.maintenance.selectors) -------------------------------------------------------
def open_ticket_count() -> int | None:
    return None


def ticket_count(*, created_since) -> int | None:
    return None


# -- tasks --------------------------------------------------------------------------------------
from apps.tasks.selectors import open_task_count  # noqa: E402,F401
