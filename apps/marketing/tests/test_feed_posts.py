"""Feed posts, votes and polls (spec 04 section 3), scoped to the landlord and its residents."""

from __future__ import annotations

import json

import pytest

from apps.marketing.models import FeedPost
from apps.media.models import Media
from apps.notifications.models import Notification
from apps.properties.tests.factories import PropertyFactory
from apps.properties.tests.helpers import PDF_BYTES, png_upload

pytestmark = pytest.mark.django_db


def create(client, side, **extra):
    body = {"property": str(side.property.pk), "title": "Water cut", "description": "<p>Tuesday</p>", **extra}
    return client.post("/feed-posts", body, format="json")


def make_post(side, **extra) -> FeedPost:
    values = {
        "property": side.property,
        "landlord": side.landlord,
        "title": "Hello",
        "description": "d",
        **extra,
    }
    return FeedPost.objects.unscoped().create(**values)


class TestCreate:
    def test_create_with_poll_notifies_residents(self, auth_client, side_a, side_b, leases):
        leases(side_a.tenant_org, side_a.unit)
        leases(side_b.tenant_org, side_b.unit)
        response = create(
            auth_client(side_a.staff), side_a, poll={"options": ["Yes", " No "], "allowMultipleVotes": True}
        )
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["id"] == data["_id"] and data["title"] == "Water cut"
        assert data["landlord"] == {"_id": str(side_a.landlord.pk), "companyName": "Landlord A"}
        assert data["property"]["name"] == "Building A"
        assert data["upvotes"] == 0 and data["upvotedBy"] == [] and data["__v"] == 0
        poll = data["poll"]
        assert poll["allowMultipleVotes"] is True
        assert [(o["text"], o["votes"], o["voters"]) for o in poll["options"]] == [
            ("Yes", 0, []),
            ("No", 0, []),
        ]
        assert all(o["id"] == o["_id"] for o in poll["options"])
        notes = Notification.objects.all()
        assert [n.user_id for n in notes] == [side_a.tenant.pk]
        assert notes[0].title == "New Announcement" and notes[0].action_url == "/dashboard/tenant/feed"
        assert notes[0].notification_type == "feed_new_announcement"

    def test_multipart_with_image_and_poll_string(self, auth_client, side_a):
        body = {
            "property": str(side_a.property.pk),
            "title": "Photo",
            "description": "d",
            "poll": json.dumps({"options": ["a", "b"]}),
            "media_file": png_upload(),
        }
        response = auth_client(side_a.admin).post("/feed-posts", body, format="multipart")
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["poll"]["allowMultipleVotes"] is False
        assert data["media"]["model_type"] == "FeedPost" and data["media"]["url"]
        assert Media.objects.unscoped().filter(model_type="FeedPost", model_id=data["_id"]).count() == 1

    def test_non_image_is_refused(self, auth_client, side_a):
        from django.core.files.uploadedfile import SimpleUploadedFile

        body = {
            "property": str(side_a.property.pk),
            "title": "Doc",
            "description": "d",
            "media_file": SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf"),
        }
        response = auth_client(side_a.admin).post("/feed-posts", body, format="multipart")
        assert response.status_code == 400
        assert not FeedPost.objects.unscoped().exists() and not Media.objects.unscoped().exists()

    def test_validation(self, auth_client, side_a):
        client = auth_client(side_a.admin)
        response = client.post("/feed-posts", {"title": "x" * 201}, format="json")
        assert response.status_code == 400
        messages = response.json()["message"]
        assert "title must be shorter than or equal to 200 characters" in messages
        assert "property should not be empty" in messages and "description should not be empty" in messages
        response = create(client, side_a, poll={"options": ["only one"]})
        assert response.status_code == 400
        response = create(client, side_a, poll={"options": ["a", "b"], "extra": 1})
        assert (
            response.status_code == 400
            and "poll property extra should not exist" in response.json()["message"]
        )
        assert not FeedPost.objects.unscoped().exists()

    def test_another_landlords_property_is_not_found(self, auth_client, side_a, side_b):
        response = create(auth_client(side_b.admin), side_a)
        assert response.status_code == 404 and response.json()["message"] == "Property not found"
        assert not FeedPost.objects.unscoped().exists()

    def test_roles(self, api_client, auth_client, side_a, leases):
        leases(side_a.tenant_org, side_a.unit)
        assert create(api_client, side_a).status_code == 401
        assert create(auth_client(side_a.tenant), side_a).status_code == 403
        assert create(auth_client(side_a.contractor), side_a).status_code == 403
        assert not FeedPost.objects.unscoped().exists()


class TestRead:
    def test_list_scoped_and_filtered(self, auth_client, side_a, side_b, leases):
        other_property = PropertyFactory(landlord=side_a.landlord, name="Annex")
        mine = make_post(side_a, title="Pool open")
        annex = make_post(side_a, property=other_property, title="Annex news", description="boiler")
        theirs = make_post(side_b)
        client = auth_client(side_a.admin)
        body = client.get("/feed-posts").json()
        assert {row["_id"] for row in body["data"]} == {str(mine.pk), str(annex.pk)}
        assert body["total"] == 2 and body["page"] == 1 and body["hasNextPage"] is False
        assert client.get("/feed-posts", {"search": "BOIL"}).json()["data"][0]["_id"] == str(annex.pk)
        assert client.get("/feed-posts", {"property": str(side_a.property.pk)}).json()["total"] == 1
        ids = f"{side_a.property.pk},{side_b.property.pk}"
        assert client.get("/feed-posts", {"properties": ids}).json()["total"] == 1
        assert client.get("/feed-posts", {"properties": "nope"}).status_code == 400
        assert client.get("/feed-posts", {"limit": 101}).status_code == 400
        # a tenant reads the posts of the property it leases only
        leases(side_a.tenant_org, side_a.unit)
        tenant_rows = auth_client(side_a.tenant).get("/feed-posts").json()["data"]
        assert [row["_id"] for row in tenant_rows] == [str(mine.pk)]
        assert auth_client(side_b.tenant).get("/feed-posts").json()["total"] == 0
        assert auth_client(side_a.contractor).get("/feed-posts").status_code == 403
        assert str(theirs.pk) not in [row["_id"] for row in body["data"]]

    def test_detail(self, auth_client, side_a, side_b):
        post = make_post(side_a)
        client = auth_client(side_a.admin)
        assert client.get(f"/feed-posts/{post.pk}").json()["_id"] == str(post.pk)
        response = client.get("/feed-posts/nope")
        assert response.status_code == 400 and response.json()["message"] == "Invalid feed post ID"
        response = auth_client(side_b.admin).get(f"/feed-posts/{post.pk}")
        assert response.status_code == 404 and response.json()["message"] == "Feed post not found"
        assert auth_client(side_a.tenant).get(f"/feed-posts/{post.pk}").status_code == 404

    def test_list_query_count_is_constant(self, auth_client, side_a, django_assert_max_num_queries):
        for index in range(2):
            make_post(side_a, title=f"p{index}")
        client = auth_client(side_a.admin)
        with django_assert_max_num_queries(12) as small:
            client.get("/feed-posts")
        for index in range(10):
            make_post(side_a, title=f"q{index}")
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert len(client.get("/feed-posts", {"limit": 12}).json()["data"]) == 12


class TestWrite:
    def test_patch_replaces_poll_and_does_not_renotify(self, auth_client, side_a, leases):
        leases(side_a.tenant_org, side_a.unit)
        client = auth_client(side_a.admin)
        post_id = create(client, side_a, poll={"options": ["a", "b"]}).json()["_id"]
        option = FeedPost.objects.unscoped().get(pk=post_id).poll["options"][0]["_id"]
        tenant = auth_client(side_a.tenant)
        assert (
            tenant.post(f"/feed-posts/{post_id}/poll/vote", {"optionId": option}, format="json").status_code
            == 201
        )
        before = Notification.objects.count()
        response = client.patch(
            f"/feed-posts/{post_id}", {"title": "New", "poll": {"options": ["x", "y", "z"]}}, format="json"
        )
        assert response.status_code == 200, response.json()
        data = response.json()
        assert data["title"] == "New" and [o["votes"] for o in data["poll"]["options"]] == [0, 0, 0]
        assert option not in [o["_id"] for o in data["poll"]["options"]]
        assert Notification.objects.count() == before

    def test_patch_refuses_poll_string_and_tenants(self, auth_client, side_a, leases):
        leases(side_a.tenant_org, side_a.unit)
        post = make_post(side_a)
        client = auth_client(side_a.admin)
        response = client.patch(
            f"/feed-posts/{post.pk}", {"poll": json.dumps({"options": ["a", "b"]})}, format="json"
        )
        assert response.status_code == 400
        response = auth_client(side_a.tenant).patch(
            f"/feed-posts/{post.pk}", {"title": "Mine"}, format="json"
        )
        assert response.status_code == 403
        post.refresh_from_db()
        assert post.title == "Hello" and post.version == 0

    def test_patch_replaces_image(self, auth_client, side_a):
        client = auth_client(side_a.admin)
        post_id = client.post(
            "/feed-posts",
            {
                "property": str(side_a.property.pk),
                "title": "t",
                "description": "d",
                "media_file": png_upload(),
            },
            format="multipart",
        ).json()["_id"]
        first = Media.objects.unscoped().get(model_id=post_id)
        response = client.patch(
            f"/feed-posts/{post_id}", {"media_file": png_upload("b.png")}, format="multipart"
        )
        assert response.status_code == 200, response.json()
        remaining = list(Media.objects.unscoped().filter(model_id=post_id))
        assert len(remaining) == 1 and remaining[0].pk != first.pk

    def test_delete(self, auth_client, side_a, side_b, leases):
        leases(side_a.tenant_org, side_a.unit)
        post = make_post(side_a)
        assert auth_client(side_a.tenant).delete(f"/feed-posts/{post.pk}").status_code == 403
        assert auth_client(side_b.admin).delete(f"/feed-posts/{post.pk}").status_code == 404
        response = auth_client(side_a.staff).delete(f"/feed-posts/{post.pk}")
        assert response.status_code == 200 and response.content == b""
        assert FeedPost.objects.including_deleted().get(pk=post.pk).deleted
        assert auth_client(side_a.admin).get(f"/feed-posts/{post.pk}").status_code == 404


class TestVotes:
    def test_vote_sequence(self, auth_client, side_a, leases):
        leases(side_a.tenant_org, side_a.unit)
        post = make_post(side_a)
        client = auth_client(side_a.tenant)
        path = f"/feed-posts/{post.pk}/vote"
        counts = []
        for vote in ("upvote", "upvote", "downvote", "remove"):
            response = client.post(path, {"voteType": vote}, format="json")
            assert response.status_code == 201, response.json()
            counts.append((response.json()["upvotes"], response.json()["downvotes"]))
        assert counts == [(1, 0), (1, 0), (0, 1), (0, 0)]
        auth_client(side_a.admin).post(path, {"voteType": "upvote"}, format="json")
        response = client.post(path, {"voteType": "upvote"}, format="json")
        assert response.json()["upvotes"] == 2
        assert set(response.json()["upvotedBy"]) == {str(side_a.admin.pk), str(side_a.tenant.pk)}
        assert client.post(path, {"voteType": "love"}, format="json").status_code == 400

    def test_vote_outside_scope(self, auth_client, side_a, side_b, leases):
        leases(side_b.tenant_org, side_b.unit)
        post = make_post(side_a)
        for user in (side_b.admin, side_b.tenant):
            response = auth_client(user).post(
                f"/feed-posts/{post.pk}/vote", {"voteType": "upvote"}, format="json"
            )
            assert response.status_code == 404
        assert (
            auth_client(side_a.contractor)
            .post(f"/feed-posts/{post.pk}/vote", {"voteType": "upvote"}, format="json")
            .status_code
            == 403
        )
        post.refresh_from_db()
        assert post.upvotes == 0 and post.upvoted_by == []

    def test_single_choice_poll_moves_the_vote(self, auth_client, side_a):
        client = auth_client(side_a.admin)
        data = create(client, side_a, poll={"options": ["a", "b"]}).json()
        first, second = (o["_id"] for o in data["poll"]["options"])
        path = f"/feed-posts/{data['_id']}/poll/vote"
        votes = []
        for option in (first, first, second):
            response = client.post(path, {"optionId": option}, format="json")
            assert response.status_code == 201
            votes.append([o["votes"] for o in response.json()["poll"]["options"]])
        assert votes == [[1, 0], [1, 0], [0, 1]]
        missing = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        response = client.post(path, {"optionId": missing}, format="json")
        assert (
            response.status_code == 400 and response.json()["message"] == f"Poll option {missing} not found"
        )
        assert [o["votes"] for o in FeedPost.objects.unscoped().get(pk=data["_id"]).poll["options"]] == [0, 1]

    def test_multi_choice_poll_accumulates(self, auth_client, side_a):
        client = auth_client(side_a.admin)
        data = create(client, side_a, poll={"options": ["a", "b"], "allowMultipleVotes": True}).json()
        path = f"/feed-posts/{data['_id']}/poll/vote"
        for option in data["poll"]["options"]:
            response = client.post(path, {"optionId": option["_id"]}, format="json")
        assert [o["voters"] for o in response.json()["poll"]["options"]] == [[str(side_a.admin.pk)]] * 2

    def test_post_without_poll(self, auth_client, side_a):
        post = make_post(side_a)
        response = auth_client(side_a.admin).post(
            f"/feed-posts/{post.pk}/poll/vote",
            {"optionId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301"},
            format="json",
        )
        assert (
            response.status_code == 400
            and response.json()["message"] == "This feed post does not have a poll"
        )

    def test_concurrent_writer_does_not_lose_a_vote(self, side_a, side_b):
        from apps.marketing.feed.services import feed_post_vote

        post = make_post(side_a)
        stale = FeedPost.objects.unscoped().get(pk=post.pk)
        feed_post_vote(post=post, user_id=side_a.admin.pk, vote_type="upvote")
        result = feed_post_vote(post=stale, user_id=side_a.staff.pk, vote_type="upvote")
        assert result.upvotes == 2 and result.version == 2
