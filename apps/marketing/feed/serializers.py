"""Request bodies and query strings of the feed post routes (spec 04 section 3)."""

from __future__ import annotations

import json

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.pagination import ListQuery
from apps.core.serializers import InputSerializer


def trimmed(**kwargs) -> serializers.CharField:
    return serializers.CharField(trim_whitespace=True, **kwargs)


class PollInput(InputSerializer):
    options = serializers.ListField(
        child=trimmed(max_length=200), min_length=2, max_length=20, allow_empty=False
    )
    allow_multiple_votes = serializers.BooleanField(required=False, default=False)


@extend_schema_field(PollInput)
class PollField(serializers.Field):
    """A poll object; in a multipart form (create only) the same object as a JSON string."""

    default_error_messages = {
        "invalid": "poll must be an object",
        "invalid_json": "poll must be a valid JSON object",
        "string": "poll must be sent as a JSON object",
    }

    def __init__(self, *, accept_string: bool, **kwargs):
        self.accept_string = accept_string
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            if not self.accept_string:
                self.fail("string")
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid_json")
            data = _underscore_keys(data)
        if not isinstance(data, dict):
            self.fail("invalid")
        serializer = PollInput(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def to_representation(self, value):
        return value


def _underscore_keys(data):
    """A JSON string inside a form field escapes the camel-case parser: convert its keys here."""
    from djangorestframework_camel_case.util import underscoreize

    return underscoreize(data) if isinstance(data, dict) else data


class FeedPostCreateInput(InputSerializer):
    property = serializers.UUIDField()
    title = trimmed(max_length=200)
    description = trimmed(max_length=5000)
    poll = PollField(accept_string=True, required=False)


class FeedPostUpdateInput(InputSerializer):
    title = trimmed(required=False, max_length=200)
    description = trimmed(required=False, max_length=5000)
    poll = PollField(accept_string=False, required=False)


class VoteInput(InputSerializer):
    vote_type = serializers.ChoiceField(choices=["upvote", "downvote", "remove"])


class PollVoteInput(InputSerializer):
    option_id = serializers.UUIDField()


class FeedPostListQuery(ListQuery):
    property = serializers.UUIDField(required=False)
    properties = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    sortable = {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "title": "title",
        "upvotes": "upvotes",
        "downvotes": "downvotes",
    }
