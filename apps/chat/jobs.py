"""Jobs of the chat domain: the scheduled ones (registered in :mod:`myte.scheduler`), each
idempotent, and the outbox job of a message's notifications."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.chat.selectors import mute_expired


def clear_expired_mutes() -> dict[str, int]:
    User = get_user_model()
    now = timezone.now()
    users = cleared = 0
    for pk, muted in User.objects.unscoped().values_list("pk", "muted_threads").iterator(chunk_size=500):
        if not muted:
            continue
        keep = [entry for entry in muted if not mute_expired(entry, now)]
        if len(keep) != len(muted):
            users += 1
            cleared += len(muted) - len(keep)
            User.objects.unscoped().filter(pk=pk).update(muted_threads=keep)
    return {"users": users, "mutesCleared": cleared}


def message_notify(*, message_id: str, recipient_ids: list[str]) -> int:
    """Outbox job (``apps.chat.jobs.message_notify``): a sent message's in-app notifications."""
    from apps.chat.services import message_notify as notify

    return notify(message_id=message_id, recipient_ids=recipient_ids)
