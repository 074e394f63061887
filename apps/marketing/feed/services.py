"""Every write of the feed post routes (spec 04 section 3).

Posts are loaded through the scoped manager by the views, so a service only ever sees a post the
caller may read. Votes change the post with a conditional update on ``version`` and retry when
another vote got there first: no lock (MongoDB has none to give) and no lost vote.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.core.db import atomic
from apps.core.exceptions import BadRequest, Conflict, NotFound
from apps.core.scope import Principal, UserType
from apps.marketing.models import FeedPost
from apps.marketing.parties import resident_tenant_org_ids
from apps.media.models import Media
from apps.media.services import media_delete, media_upload, media_validate_upload
from apps.notifications.services import notify_many
from apps.notifications.types import NotificationType
from apps.properties.models import Property

logger = logging.getLogger("myte.marketing")

IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif")
VOTE_RETRIES = 8
FEED_URL = "/dashboard/tenant/feed"


def _new_poll(poll: dict[str, Any] | None) -> dict[str, Any] | None:
    if poll is None:
        return None
    return {
        "options": [
            {"_id": str(uuid.uuid4()), "text": text, "votes": 0, "voters": []} for text in poll["options"]
        ],
        "allow_multiple_votes": bool(poll.get("allow_multiple_votes", False)),
    }


def _check_image(upload) -> None:
    if upload is not None and media_validate_upload(upload) not in IMAGE_TYPES:
        raise BadRequest("Only image files are allowed (jpeg, png, gif)")


def _store_image(post: FeedPost, upload, principal: Principal) -> None:
    media_upload(
        upload=upload,
        owner_type="FeedPost",
        owner_id=post.pk,
        landlord_id=post.landlord_id,
        uploaded_by_id=principal.user_id,
        collection_name="default",
    )


def feed_post_notify_residents(*, post: FeedPost) -> None:
    """``feed_new_announcement`` to the tenant users of the property's ACTIVE leases. Never raises."""
    try:
        org_ids = resident_tenant_org_ids(post.property)
        if not org_ids:
            return
        users = list(
            get_user_model()
            .objects.unscoped()
            .filter(user_type=UserType.TENANT, organization_id__in=list(org_ids), is_disabled=False)
        )
        if not users:
            return
        notify_many(
            users=users,
            type=NotificationType.FEED_NEW_ANNOUNCEMENT,
            title="New Announcement",
            content=f"📢 {post.title}",
            data={
                "propertyName": post.property.name,
                "announcementTitle": post.title,
                "postId": str(post.pk),
            },
            action_url=FEED_URL,
        )
    except Exception:  # noqa: BLE001 - spec 04 section 3: notification failures are swallowed
        logger.exception("Could not notify the residents of feed post %s", post.pk)


@atomic
def feed_post_create(*, principal: Principal, data: dict[str, Any], upload=None) -> FeedPost:
    """A post on one of the caller's properties (another landlord's property is not found)."""
    if principal.user_type == UserType.LANDLORD and principal.organization_id is None:
        raise BadRequest("User is not associated with a landlord")
    prop = Property.objects.filter(pk=data["property"]).first()
    if prop is None:
        raise NotFound("Property not found")
    _check_image(upload)
    post = FeedPost.objects.create(
        property=prop,
        landlord_id=prop.landlord_id,
        title=data["title"],
        description=data["description"],
        poll=_new_poll(data.get("poll")),
    )
    if upload is not None:
        _store_image(post, upload, principal)
    feed_post_notify_residents(post=post)
    return post


@atomic
def feed_post_update(*, principal: Principal, post: FeedPost, data: dict[str, Any], upload=None) -> FeedPost:
    """Title, description, poll (replaced whole: new option ids, votes reset) and the image.

    Residents are not notified again (spec 04 open question 6): an edit is not a new announcement.
    """
    fields = [name for name in ("title", "description") if name in data]
    for name in fields:
        setattr(post, name, data[name])
    if "poll" in data:
        post.poll = _new_poll(data["poll"])
        fields.append("poll")
    if upload is not None:
        _check_image(upload)
        for media in Media.objects.unscoped().filter(model_type="FeedPost", model_id=post.pk):
            media_delete(media=media)
        _store_image(post, upload, principal)
    post.version += 1
    post.save(update_fields=[*fields, "version"])
    return post


def feed_post_delete(*, post: FeedPost) -> None:
    post.soft_delete()


def _change(post: FeedPost, mutate: Callable[[FeedPost], None]) -> FeedPost:
    """Apply ``mutate`` to the stored post and write it only if nobody changed it meanwhile."""
    for _ in range(VOTE_RETRIES):
        current = post.version
        mutate(post)
        written = (
            FeedPost.objects.unscoped()
            .filter(pk=post.pk, version=current)
            .update(
                upvotes=post.upvotes,
                downvotes=post.downvotes,
                upvoted_by=post.upvoted_by,
                downvoted_by=post.downvoted_by,
                poll=post.poll,
                version=current + 1,
                updated_at=timezone.now(),
            )
        )
        if written:
            post.refresh_from_db()
            return post
        post.refresh_from_db()
    raise Conflict("The post changed while voting; please try again")


def feed_post_vote(*, post: FeedPost, user_id, vote_type: str) -> FeedPost:
    """At most one up- or down-vote per user: ``upvote``/``downvote`` move it, ``remove`` drops it."""
    voter = str(user_id)

    def mutate(target: FeedPost) -> None:
        up = [pk for pk in target.upvoted_by or [] if pk != voter]
        down = [pk for pk in target.downvoted_by or [] if pk != voter]
        if vote_type == "upvote":
            up.append(voter)
        elif vote_type == "downvote":
            down.append(voter)
        target.upvoted_by, target.downvoted_by = up, down
        target.upvotes, target.downvotes = len(up), len(down)

    return _change(post, mutate)


def feed_post_poll_vote(*, post: FeedPost, user_id, option_id) -> FeedPost:
    """Single-choice polls move the caller's vote; multi-choice polls add to it (no un-vote)."""
    voter = str(user_id)
    option_key = str(option_id)

    def mutate(target: FeedPost) -> None:
        poll = target.poll
        if not poll or not poll.get("options"):
            raise BadRequest("This feed post does not have a poll")
        options = [dict(option, voters=list(option.get("voters", []))) for option in poll["options"]]
        chosen = next((option for option in options if option["_id"] == option_key), None)
        if chosen is None:
            raise BadRequest(f"Poll option {option_key} not found")
        if not poll.get("allow_multiple_votes"):
            for option in options:
                if voter in option["voters"] and option is not chosen:
                    option["voters"].remove(voter)
        if voter not in chosen["voters"]:
            chosen["voters"].append(voter)
        for option in options:
            option["votes"] = len(option["voters"])
        target.poll = {**poll, "options": options}

    return _change(post, mutate)
