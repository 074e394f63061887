"""Feed post routes (spec 04 section 3).

Scoped as spec 04 open question 5 should have been answered: landlord users act on their own
landlord's posts, tenants read and vote on the posts of the properties they lease, contractors have
no feed. Create and PATCH accept JSON or multipart/form-data (``media_file``: one image).
"""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.exceptions import BadRequest
from apps.core.ids import is_uuid, parse_id
from apps.core.views import ApiView
from apps.marketing import schema
from apps.marketing.feed import selectors, services
from apps.marketing.feed.serializers import (
    FeedPostCreateInput,
    FeedPostListQuery,
    FeedPostUpdateInput,
    PollVoteInput,
    VoteInput,
)
from apps.marketing.models import FeedPost
from apps.marketing.schema import doc

TAG = "feed-posts"
FILE_FIELD = "media_file"


def split_body(request) -> tuple[dict, object]:
    """The body as a plain dict (last value of each form key) and the uploaded ``media_file``."""
    data = request.data
    upload = request.FILES.get(FILE_FIELD) if getattr(request, "FILES", None) else None
    if hasattr(data, "lists"):
        plain = {key: values[-1] for key, values in data.lists() if key != FILE_FIELD}
    elif isinstance(data, dict):
        plain = dict(data)
    else:
        raise BadRequest(["request body must be a JSON object"])
    return plain, upload


class FeedPostMixin:
    def get_post(self, pk, action: str | None = None) -> FeedPost:
        if not is_uuid(pk):
            raise BadRequest("Invalid feed post ID")
        return self.load(selectors.feed_post_queryset(), pk, action=action, not_found="Feed post not found")

    def parse_form(self, serializer_class, data: dict) -> dict:
        serializer = serializer_class(data=data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def present(self, post: FeedPost) -> dict:
        return selectors.present_feed_posts([post])[0]


def _property_ids(request) -> list:
    """``properties``: comma-separated ids, or the parameter repeated (``properties[]`` too)."""
    raw = [*request.query_params.getlist("properties"), *request.query_params.getlist("properties[]")]
    ids = []
    for value in raw:
        for part in value.split(","):
            if part.strip():
                ids.append(parse_id(part.strip()))
    return ids


class FeedPostListView(FeedPostMixin, ApiView):
    policies = {"GET": [("read", "FeedPost")], "POST": [("create", "FeedPost")]}
    audit_controller = "FeedPostsController"

    @doc(
        TAG,
        "List feed posts the caller may read",
        query=FeedPostListQuery,
        response=schema.page_of("FeedPostPage", schema.FEED_POST),
    )
    def get(self, request):
        params = {k: v for k, v in request.query_params.dict().items() if k != "properties[]"}
        query = FeedPostListQuery(data=params)
        query.is_valid(raise_exception=True)
        queryset = selectors.feed_post_list_queryset(
            query=query.validated_data, property_ids=_property_ids(request)
        )
        return Response(query.page_of(queryset, serialize=selectors.present_feed_posts))

    @doc(
        TAG,
        "Create a feed post on one of the caller's properties",
        request=FeedPostCreateInput,
        status=201,
        multipart=True,
        response=schema.FEED_POST,
    )
    def post(self, request):
        data, upload = split_body(request)
        validated = self.parse_form(FeedPostCreateInput, data)
        post = services.feed_post_create(principal=self.principal, data=validated, upload=upload)
        return Response(self.present(post), status=201)


class FeedPostDetailView(FeedPostMixin, ApiView):
    policies = {
        "GET": [("read", "FeedPost")],
        "PATCH": [("update", "FeedPost")],
        "DELETE": [("delete", "FeedPost")],
    }
    audit_controller = "FeedPostsController"
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @doc(TAG, "Get a feed post", with_id=True, response=schema.FEED_POST)
    def get(self, request, pk):
        return Response(self.present(self.get_post(pk)))

    @doc(
        TAG,
        "Update a feed post (a new poll resets its votes)",
        request=FeedPostUpdateInput,
        with_id=True,
        multipart=True,
        response=schema.FEED_POST,
    )
    def patch(self, request, pk):
        post = self.get_post(pk, action="update")
        data, upload = split_body(request)
        validated = self.parse_form(FeedPostUpdateInput, data)
        post = services.feed_post_update(principal=self.principal, post=post, data=validated, upload=upload)
        return Response(self.present(post))

    @doc(TAG, "Delete a feed post (soft)", with_id=True, empty=True)
    def delete(self, request, pk):
        services.feed_post_delete(post=self.get_post(pk, action="delete"))
        return Response(status=200)


class FeedPostVoteView(FeedPostMixin, ApiView):
    policies = {"POST": [("read", "FeedPost")]}
    audit_controller = "FeedPostsController"
    audit_handlers = {"POST": "vote"}

    @doc(
        TAG,
        "Up-vote, down-vote or remove the caller's vote",
        request=VoteInput,
        status=201,
        with_id=True,
        response=schema.FEED_POST,
        errors=(409,),
    )
    def post(self, request, pk):
        post = self.get_post(pk)
        data = self.parse_body(VoteInput)
        post = services.feed_post_vote(post=post, user_id=self.principal.user_id, vote_type=data["vote_type"])
        return Response(self.present(post), status=201)


class FeedPostPollVoteView(FeedPostMixin, ApiView):
    policies = {"POST": [("read", "FeedPost")]}
    audit_controller = "FeedPostsController"
    audit_handlers = {"POST": "votePoll"}

    @doc(
        TAG,
        "Vote for a poll option",
        request=PollVoteInput,
        status=201,
        with_id=True,
        response=schema.FEED_POST,
        errors=(409,),
    )
    def post(self, request, pk):
        post = self.get_post(pk)
        data = self.parse_body(PollVoteInput)
        post = services.feed_post_poll_vote(
            post=post, user_id=self.principal.user_id, option_id=data["option_id"]
        )
        return Response(self.present(post), status=201)
