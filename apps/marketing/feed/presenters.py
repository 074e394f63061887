"""FeedPost JSON (spec 04 section 3): ``id`` copies of ``_id`` on posts and poll options."""

from __future__ import annotations

from typing import Any

from apps.core.serializers import iso
from apps.marketing.models import FeedPost
from apps.media.services import media_to_dict
from apps.properties.models import ADDRESS_PARTS


def poll_to_dict(poll: dict | None) -> dict | None:
    if not poll:
        return None
    return {
        "options": [
            {
                "_id": option["_id"],
                "id": option["_id"],
                "text": option["text"],
                "votes": option.get("votes", 0),
                "voters": list(option.get("voters", [])),
            }
            for option in poll.get("options", [])
        ],
        "allow_multiple_votes": bool(poll.get("allow_multiple_votes", False)),
    }


def feed_post_to_dict(post: FeedPost, *, expand: bool = False, media=None) -> dict[str, Any]:
    """The post; with ``expand``, ``property``/``landlord`` from rows joined by ``select_related``
    and ``media`` (the first attached Media record) when given."""
    data: dict[str, Any] = {"_id": str(post.pk), "id": str(post.pk)}
    if expand:
        prop = post.property
        data["property"] = {
            "_id": str(prop.pk),
            "name": prop.name,
            "address": prop.address or dict.fromkeys(ADDRESS_PARTS),
        }
        data["landlord"] = {"_id": str(post.landlord_id), "company_name": post.landlord.name}
    else:
        data["property"] = str(post.property_id)
        data["landlord"] = str(post.landlord_id)
    data["title"] = post.title
    data["description"] = post.description
    poll = poll_to_dict(post.poll)
    if poll is not None:
        data["poll"] = poll
    data.update(
        {
            "upvotes": post.upvotes,
            "downvotes": post.downvotes,
            "upvoted_by": list(post.upvoted_by or []),
            "downvoted_by": list(post.downvoted_by or []),
        }
    )
    if media is not None:
        data["media"] = media_to_dict(media)
    data.update(
        {
            "deleted": post.deleted,
            "created_at": iso(post.created_at),
            "updated_at": iso(post.updated_at),
            "__v": post.version,
        }
    )
    return data
