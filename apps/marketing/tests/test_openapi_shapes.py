"""The documented response shapes match what the marketing routes answer (schemathesis runs the
same check over every route in CI; this keeps it local and fast)."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from apps.marketing.models import FeedbackEntry, FeedPost, Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def check(openapi, path: str, method: str, status: int, body) -> None:
    schema = openapi["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    registry = Registry().with_resource("urn:openapi", Resource(contents=openapi, specification=DRAFT7))
    validator = Draft7Validator(
        {"$ref": "urn:openapi#" + schema["$ref"][1:]} if "$ref" in schema else schema, registry=registry
    )
    if "$ref" not in schema and schema.get("type") == "array":
        item_ref = schema["items"]["$ref"]
        validator = Draft7Validator(
            {"type": "array", "items": {"$ref": "urn:openapi#" + item_ref[1:]}}, registry=registry
        )
    errors = sorted(validator.iter_errors(body), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_inquiry_post_and_feedback_responses_match_the_document(openapi, auth_client, side_a):
    client = auth_client(side_a.admin)
    inquiry = Inquiry.objects.unscoped().create(
        inquiry_type="VISIT",
        landlord=side_a.landlord,
        property=side_a.property,
        unit=side_a.unit,
        tenant=side_a.tenant,
        message="m",
        reply="r",
    )
    check(openapi, "/inquiries", "get", 200, client.get("/inquiries").json())
    check(openapi, "/inquiries/{id}", "get", 200, client.get(f"/inquiries/{inquiry.pk}").json())
    reply = client.post(f"/inquiries/{inquiry.pk}/reply", {"reply": "yes"}, format="json").json()
    check(openapi, "/inquiries/{id}/reply", "post", 201, reply)

    post = FeedPost.objects.unscoped().create(
        property=side_a.property,
        landlord=side_a.landlord,
        title="t",
        description="d",
        poll={
            "options": [
                {"_id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "text": "a", "votes": 0, "voters": []}
            ]
        },
    )
    voted = client.post(f"/feed-posts/{post.pk}/vote", {"voteType": "upvote"}, format="json").json()
    check(openapi, "/feed-posts/{id}/vote", "post", 201, voted)
    check(openapi, "/feed-posts", "get", 200, client.get("/feed-posts").json())

    FeedbackEntry.objects.unscoped().create(
        user=side_a.admin,
        user_email=side_a.admin.email,
        conversation=[{"role": "user", "content": "x", "timestamp": "2026-01-01T00:00:00.000Z"}],
        analysis={"summary": "s", "action_items": [], "tags": [], "sentiment": "neutral"},
    )
    check(openapi, "/feedback", "get", 200, client.get("/feedback").json())


def test_public_contact_response_matches_the_document(openapi, api_client, side_a):
    body = {"unitId": str(side_a.unit.pk), "message": "hi", "name": "Pat", "email": "pat@example.com"}
    response = api_client.post("/inquiries/contact", body, format="json")
    check(openapi, "/inquiries/contact", "post", 201, response.json())
