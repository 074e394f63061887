"""Writes of scopes of work (spec 07 section 5)."""

from __future__ import annotations

from django.utils import timezone

from apps.maintenance import cascade
from apps.maintenance.models import ScopeOfWork, TicketStatus


def sow_reopen_chain(*, sow: ScopeOfWork) -> None:
    """A ticket of ``sow`` was reopened: the SOW and every ancestor go back to IN_PROGRESS."""
    ids = [sow.pk, *cascade.ancestor_ids(sow)]
    ScopeOfWork.objects.unscoped().filter(pk__in=ids).update(
        status=TicketStatus.IN_PROGRESS, completed_date=None, updated_at=timezone.now()
    )
