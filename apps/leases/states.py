"""The lease state machine of spec 05 section 3.1, as data.

``PATCH_TRANSITIONS`` are the moves a plain update may make (they have no side effects; the
terminate route is the way to end an active lease with its effects). The other transitions are
made only by their services: signing (PENDING_SIGNATURE -> ACTIVE), termination (ACTIVE ->
TERMINATED) and the daily status updater (ACTIVE -> EXPIRED).
"""

from __future__ import annotations

from apps.core.exceptions import Unprocessable
from apps.leases.models import LeaseStatus

S = LeaseStatus

PATCH_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.PENDING_SIGNATURE, S.TERMINATED),
    S.PENDING_SIGNATURE: (S.DRAFT, S.TERMINATED),
    S.ACTIVE: (S.EXPIRED, S.TERMINATED),
    S.EXPIRED: (),
    S.TERMINATED: (),
}

SENDABLE = (S.DRAFT, S.PENDING_SIGNATURE)
#: fields whose change makes an outstanding signing link stale (spec 05 section 4.7)
CONTENT_FIELDS = (
    "tenant_id",
    "unit_id",
    "start_date",
    "end_date",
    "rent_amount",
    "payment_cycle",
    "terms",
    "security_deposit_amount",
)


def check_patch_transition(current: str, target: str) -> None:
    """422 with the spec's message unless ``current -> target`` is allowed by an update."""
    if current == target:
        return
    if current == S.DRAFT and target == S.ACTIVE:
        raise Unprocessable(
            'Cannot directly activate a draft lease. Please use "Send for Signature" to have the '
            "tenant sign the lease first."
        )
    allowed = PATCH_TRANSITIONS.get(current, ())
    if target not in allowed:
        names = ", ".join(allowed) if allowed else "none"
        raise Unprocessable(
            f"Invalid status transition from {current} to {target}. Allowed transitions: {names}"
        )
