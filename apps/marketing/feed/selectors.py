"""Reads of the feed post routes: the caller's posts with property, landlord and first image."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from apps.core.pagination import search_filter
from apps.marketing.feed.presenters import feed_post_to_dict
from apps.marketing.models import FeedPost
from apps.media.services import media_for_owners


def feed_post_queryset() -> QuerySet[FeedPost]:
    return FeedPost.objects.select_related("property", "landlord")


def feed_post_list_queryset(*, query: dict[str, Any], property_ids: list | None) -> QuerySet[FeedPost]:
    queryset = feed_post_queryset()
    if property_ids:
        queryset = queryset.filter(property_id__in=property_ids)
    elif query.get("property") is not None:
        queryset = queryset.filter(property_id=query["property"])
    clause = search_filter(query.get("search"), "title", "description")
    return queryset if clause is None else queryset.filter(clause)


def present_feed_posts(posts: list[FeedPost]) -> list[dict[str, Any]]:
    """Posts with their expansions: one media query for the whole page."""
    media = media_for_owners("FeedPost", [post.pk for post in posts])
    return [feed_post_to_dict(post, expand=True, media=(media.get(post.pk) or [None])[0]) for post in posts]
