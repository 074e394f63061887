"""The one notification entry point every module calls (spec 08 section 3).

``notify`` decides each channel from the user's stored preference for the type, else the type's
default (unknown type or a failed lookup: send). In-app notifications are rows written in the
caller's transaction and pushed to ``/ws/notifications/`` after commit; email and SMS go through
the outbox (:func:`apps.core.jobs.enqueue`), so nothing is lost while Redis is down.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.core.serializers import iso
from apps.notifications.content import EMAIL_TEMPLATE_BY_TYPE, display_name, sms_text
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.realtime import notifications_user_group, push, push_each
from apps.notifications.types import CHANNELS, default_channel, defaults_for_user_type

logger = logging.getLogger("myte.notifications")


def notification_event_data(notification: Notification) -> dict[str, Any]:
    return {
        "id": str(notification.pk),
        "title": notification.title,
        "content": notification.content,
        "actionUrl": notification.action_url,
        "readAt": iso(notification.read_at),
        "createdAt": iso(notification.created_at),
    }


def channels_for(user_id: Any, notification_type: str) -> dict[str, bool]:
    """``{in_app, email, sms}``: stored preference, else the type's defaults."""
    return channels_for_many([user_id], notification_type)[user_id]


def channels_for_many(user_ids: list[Any], notification_type: str) -> dict[Any, dict[str, bool]]:
    """:func:`channels_for` of many users in one query."""
    defaults = {channel: default_channel(notification_type, channel) for channel in CHANNELS}
    try:
        stored = {
            row.user_id: {"in_app": row.in_app, "email": row.email, "sms": row.sms}
            for row in NotificationPreference.objects.filter(
                user_id__in=list(user_ids), notification_type=notification_type
            )
        }
    except Exception:  # noqa: BLE001 - a failed lookup sends (spec 08 section 3)
        logger.warning("Preference lookup failed for %s", notification_type, exc_info=True)
        return {pk: dict.fromkeys(CHANNELS, True) for pk in user_ids}
    return {pk: stored.get(_as_uuid(pk), stored.get(pk, defaults)) for pk in user_ids}


def _as_uuid(value: Any):
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return value


def notification_create(
    *,
    user_id: Any,
    title: str,
    content: str,
    action_url: str | None = None,
    notification_type: str = "",
    data=None,
) -> Notification:
    """Persist an in-app notification and push ``notification:new`` after commit."""
    notification = Notification.objects.create(
        user_id=user_id,
        title=str(title)[:255],
        content=str(content),
        action_url=action_url,
        notification_type=notification_type or "",
        data=data or {},
    )
    push([notifications_user_group(user_id)], "notification:new", notification_event_data(notification))
    return notification


def notify(
    *,
    user,
    type: str,  # noqa: A002 - the spec's name
    title: str,
    content: str,
    data: dict[str, Any] | None = None,
    action_url: str | None = None,
    email_template: str | None = None,
    email_context: dict[str, Any] | None = None,
    sms_body: str | None = None,
    channels: tuple[str, ...] = CHANNELS,
) -> dict[str, Any]:
    """Notify ``user`` (a User or its id) on every channel its preferences allow.

    * in-app: a :class:`Notification` row + ``notification:new`` push;
    * email: ``email_template`` (default: the type's template of spec 08 section 3) rendered with
      ``email_context`` (default: ``data``) to ``data.recipientEmail`` or the user's address;
    * SMS: ``sms_body`` (default: the type's SMS text) to ``data.recipientPhone`` or the user's
      phone, on the ``sms`` queue.

    Returns ``{success, channels: {inApp|email|sms: {enabled, sent, error?}}}``; failures are
    logged, never raised, so a notification can never break the operation that caused it.
    """
    user_obj = _user(user)
    if user_obj is None:
        return {"success": False, "channels": {}, "error": "User not found"}
    return notify_many(
        users=[user_obj],
        type=type,
        title=title,
        content=content,
        data=data,
        action_url=action_url,
        email_template=email_template,
        email_context=email_context,
        sms_body=sms_body,
        channels=channels,
    )[0]


def notify_many(
    *,
    users: list,
    type: str,  # noqa: A002 - the spec's name
    title: str,
    content: str | Callable[[Any], str],
    data: dict[str, Any] | None = None,
    action_url: str | Callable[[Any], str | None] | None = None,
    email_template: str | None = None,
    email_context: dict[str, Any] | None = None,
    sms_body: str | None = None,
    channels: tuple[str, ...] = CHANNELS,
) -> list[dict[str, Any]]:
    """:func:`notify` for many users (User instances): one preference query, one bulk insert,
    one batch of pushes. ``content`` and ``action_url`` may be callables of the user."""
    data = dict(data or {})
    users = list(users)
    enabled = channels_for_many([u.pk for u in users], type)
    results: list[dict[str, Any]] = []
    rows: list[Notification] = []

    for person in users:
        result: dict[str, Any] = {"success": True, "channels": {}}
        results.append(result)
        allowed = enabled[person.pk]
        url = action_url(person) if callable(action_url) else action_url
        text = content(person) if callable(content) else content

        def attempt(name: str, wire: str, action, result=result, allowed=allowed, person=person) -> None:
            on = allowed.get(name, False) and name in channels
            entry: dict[str, Any] = {"enabled": on, "sent": False}
            if on:
                try:
                    entry["sent"] = bool(action())
                except Exception as exc:  # noqa: BLE001 - reported in the result, never raised
                    logger.exception("Notification channel %s failed for %s", name, person.pk)
                    entry["error"] = str(exc)
                    result["success"] = False
            result["channels"][wire] = entry

        def in_app(person=person, url=url, text=text) -> bool:
            rows.append(
                Notification(
                    user_id=person.pk,
                    title=str(title)[:255],
                    content=str(text),
                    action_url=url,
                    notification_type=type,
                    data=data,
                )
            )
            return True

        def email(person=person) -> bool:
            from apps.messaging.email import email_send

            template = email_template or EMAIL_TEMPLATE_BY_TYPE.get(type)
            address = data.get("recipientEmail") if len(users) == 1 else None
            address = address or person.email
            if not template or not address:
                return False
            context = {"recipientName": display_name(person), **data, **(email_context or {})}
            email_send(to=address, template=template, context=context)
            return True

        def sms(person=person) -> bool:
            from apps.messaging.sms import sms_queue

            phone = (data.get("recipientPhone") if len(users) == 1 else None) or person.phone
            body = sms_body or sms_text(type, {"recipientName": display_name(person), **data})
            if not phone or not body:
                return False
            sms_queue(to=phone, body=body, user_id=str(person.pk), message_type=type)
            return True

        attempt("in_app", "inApp", in_app)
        attempt("email", "email", email)
        attempt("sms", "sms", sms)

    if rows:
        try:
            Notification.objects.bulk_create(rows)
        except Exception as exc:  # noqa: BLE001 - reported in the results, never raised
            logger.exception("Could not store %s in-app notification(s)", len(rows))
            for result in results:
                entry = result["channels"].get("inApp", {})
                if entry.get("sent"):
                    entry.update(sent=False, error=str(exc))
                    result["success"] = False
            rows = []
        push_each(
            [
                (notifications_user_group(row.user_id), "notification:new", notification_event_data(row))
                for row in rows
            ]
        )
    return results


def _user(user):
    if user is None:
        return None
    if isinstance(user, get_user_model()):
        return user
    try:
        return get_user_model().objects.unscoped().filter(pk=uuid.UUID(str(user))).first()
    except ValueError:
        return None


# -- the REST routes' services -------------------------------------------------------------------


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        push(
            [notifications_user_group(notification.user_id)],
            "notification:read",
            {"id": str(notification.pk), "readAt": iso(notification.read_at)},
        )
    return notification


def notification_mark_all_read(*, user_id: Any) -> int:
    modified = Notification.objects.filter(user_id=user_id, read_at__isnull=True).update(
        read_at=timezone.now(), updated_at=timezone.now()
    )
    push([notifications_user_group(user_id)], "notification:allRead", {"modifiedCount": modified})
    return modified


def notification_delete(*, notification: Notification) -> None:
    user_id, pk = notification.user_id, notification.pk
    notification.delete()
    push([notifications_user_group(user_id)], "notification:deleted", {"id": str(pk)})


def preferences_update(*, user_id: Any, preferences: list[dict[str, Any]]) -> None:
    from apps.core.db import atomic

    with atomic():
        for item in preferences:
            row, _ = NotificationPreference.objects.get_or_create(
                user_id=user_id, notification_type=item["notification_type"]
            )
            changed = [name for name in CHANNELS if name in item and item[name] is not None]
            for name in changed:
                setattr(row, name, item[name])
            if changed:
                row.save(update_fields=changed)


def preferences_initialize(*, user) -> int:
    from apps.core.db import atomic
    from apps.notifications.types import METADATA

    existing = set(
        NotificationPreference.objects.filter(user_id=user.pk).values_list("notification_type", flat=True)
    )
    created = [
        NotificationPreference(
            user_id=user.pk,
            notification_type=kind,
            in_app=METADATA[kind].in_app,
            email=METADATA[kind].email,
            sms=METADATA[kind].sms,
        )
        for kind in defaults_for_user_type(user.user_type)
        if kind not in existing
    ]
    with atomic():
        NotificationPreference.objects.bulk_create(created, ignore_conflicts=True)
    return len(created)
