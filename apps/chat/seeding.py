"""Development chat data for ``manage.py seed_dev_data``: a direct chat and a group.

Runs after the identity seeder (``ORDER`` 10) and uses its people: the landlord
``landlord@example.com``, tenants ``tenant1..`` and contractor ``contractor1``.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.chat.models import (
    LinkedEntityType,
    SenderType,
    SystemMessageType,
    Thread,
    ThreadMessage,
    ThreadType,
)
from apps.chat.services import participant_add  # noqa: E402 - after the model imports

ORDER = 60


def _thread(**fields) -> Thread:
    return Thread.objects.unscoped().create(
        linked_entity_type=LinkedEntityType.TENANT_CHAT, linked_entity_model="User", **fields
    )


def _join(thread, *people) -> None:
    for person in people:
        participant_add(thread, person)


def _say(thread, sender, text, at, **extra) -> ThreadMessage:
    message = ThreadMessage.objects.unscoped().create(
        thread=thread,
        content=text,
        sender=sender,
        sender_type=SenderType.SYSTEM if sender is None else SenderType.TENANT,
        sender_model="" if sender is None else "User",
        read_by=[] if sender is None else [str(sender.pk)],
        created_at=at,
        **extra,
    )
    thread.last_message = message
    thread.save(update_fields=["last_message"])
    return message


def seed(*, progress) -> dict[str, int]:
    users = {u.email: u for u in get_user_model().objects.unscoped().filter(email__endswith="@example.com")}
    landlord, tenant1, tenant2 = (
        users.get(e) for e in ("landlord@example.com", "tenant1@example.com", "tenant2@example.com")
    )
    contractor = users.get("contractor1@example.com")
    if not (landlord and tenant1 and tenant2):
        return {"chat threads": 0}
    start = timezone.now() - timedelta(hours=3)
    direct = _thread(
        title="Chat between users",
        linked_entity_id=min(landlord.pk, tenant1.pk, key=str),
        thread_type=ThreadType.TENANT_TENANT,
        created_by=tenant1,
    )
    _join(direct, tenant1, landlord)
    lines = [
        (tenant1, "Hi John, the kitchen tap has been dripping since yesterday."),
        (landlord, "Thanks Michael, I'll ask a plumber to stop by this week."),
        (tenant1, "Great, Thursday afternoon works for me."),
    ]
    for index, (sender, text) in enumerate(progress(lines, "chat messages")):
        _say(direct, sender, text, start + timedelta(minutes=10 * index))

    members = [p for p in (tenant1, tenant2, contractor) if p is not None]
    group = _thread(
        title="Building A residents",
        linked_entity_id=tenant1.pk,
        thread_type=ThreadType.TENANT_TENANT_GROUP,
        created_by=tenant1,
        admins=[str(tenant1.pk)],
    )
    _join(group, *members)
    _say(
        group,
        None,
        f"{tenant1.first_name} {tenant1.last_name} created the group",
        start,
        is_system_message=True,
        system_message_type=SystemMessageType.USER_JOINED,
        metadata={"userId": str(tenant1.pk)},
    )
    _say(group, tenant2, "Recycling pickup moved to Friday this week.", start + timedelta(minutes=45))
    return {"chat threads": 2, "chat messages": 5}
