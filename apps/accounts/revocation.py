"""Ending everything a user is signed in with, at once (issue 8, "Sockets follow the account").

A password reset, logout-all, deletion, disabling or removal of a user:

* revokes every refresh session;
* raises the user's ``token_version``: access tokens carry the version they were issued under
  (claim ``ver``) and authentication compares it on every request and socket connect, so tokens
  issued before stop working without waiting for their expiry;
* once the transaction commits, sends ``user.revoke`` to the user's account group, which every
  chat and notification socket of the user joins; the consumers answer it by closing.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.sessions import revoke_all_sessions
from apps.core.db import atomic, on_commit

logger = logging.getLogger("myte.realtime")

#: channel-layer message type the consumers handle (method ``user_revoke``)
REVOKE = "user.revoke"


def account_group(user_id: Any) -> str:
    """The channel-layer group of every open socket of one user."""
    return f"account.user.{user_id}"


def user_credentials_revoke(*, user: User) -> None:
    """Revoke sessions and access tokens of ``user`` and close its sockets after commit."""
    with atomic():
        User.objects.including_deleted().filter(pk=user.pk).update(
            token_version=F("token_version") + 1, updated_at=timezone.now()
        )
        revoke_all_sessions(user)
        user.token_version = (
            User.objects.including_deleted()
            .filter(pk=user.pk)
            .values_list("token_version", flat=True)
            .first()
            or 0
        )
        user_id = user.pk
        on_commit(lambda: user_sockets_close(user_id))


def user_sockets_close(user_id: Any) -> None:
    """Tell every open socket of the user to close; a lost message never fails the caller (the
    sockets also re-check the account on their next frame)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(account_group(user_id), {"type": REVOKE})
    except Exception:  # noqa: BLE001 - e.g. Redis down: the database change stands
        logger.warning("Could not close the sockets of user %s", user_id, exc_info=True)
