"""Bad transport on the marketing routes is a 4xx in the error format, never a 500."""

from __future__ import annotations

import pytest

from apps.core.models import AuditLog

pytestmark = pytest.mark.django_db

ROUTES = [
    ("post", "/inquiries"),
    ("post", "/inquiries/contact"),
    ("post", "/inquiries/contact/verify"),
    ("patch", "/inquiries/not-an-id"),
    ("post", "/feed-posts"),
    ("patch", "/feed-posts/not-an-id"),
    ("post", "/feed-posts/not-an-id/vote"),
    ("post", "/feed-posts/not-an-id/poll/vote"),
    ("post", "/feedback"),
    ("post", "/feedback/landing/auto"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize(
    ("content_type", "payload"),
    [("text/plain", b"hello"), ("application/json", b"\x00"), ("application/json", b'{"a": ')],
)
def test_bad_bodies_are_client_errors(auth_client, side_a, method, path, content_type, payload):
    client = auth_client(side_a.admin)
    response = getattr(client, method)(path, payload, content_type=content_type)
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:200])
    assert response.json()["statusCode"] == response.status_code


def test_audit_entry_of_a_refused_body_has_no_body(auth_client, side_a):
    response = auth_client(side_a.admin).patch("/feed-posts/not-an-id", b"hello", content_type="text/plain")
    assert response.status_code == 400
    entry = AuditLog.objects.get(action="FeedPostsController.update")
    assert entry.details["request"]["statusCode"] == 400 and entry.details["request"]["body"] is None
