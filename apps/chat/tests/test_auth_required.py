"""Every chat and notification route answers 401 without a token, before any validation."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.django_db

T, M = uuid.uuid4(), uuid.uuid4()
ROUTES = [
    ("get", "/chat/sessions"),
    ("post", "/chat/sessions"),
    ("get", f"/chat/sessions/{T}/messages"),
    ("post", f"/chat/sessions/{T}/messages"),
    ("put", f"/chat/sessions/{T}/read"),
    ("put", f"/chat/sessions/{T}/messages/{M}"),
    ("delete", f"/chat/sessions/{T}/messages/{M}"),
    ("post", "/chat/groups"),
    ("post", f"/chat/groups/{T}/members"),
    ("delete", f"/chat/groups/{T}/members/{M}"),
    ("post", f"/chat/groups/{T}/leave"),
    ("put", f"/chat/groups/{T}/name"),
    ("put", f"/chat/groups/{T}/avatar"),
    ("put", f"/chat/groups/{T}/ownership"),
    ("post", f"/chat/block/{M}"),
    ("delete", f"/chat/block/{M}"),
    ("get", "/chat/blocked-users"),
    ("post", f"/chat/sessions/{T}/mute"),
    ("delete", f"/chat/sessions/{T}/mute"),
    ("delete", f"/chat/sessions/{T}/history"),
    ("get", "/admin/threads"),
    ("get", f"/admin/threads/{T}"),
    ("get", "/notifications"),
    ("get", "/notifications/unread-count"),
    ("patch", f"/notifications/{T}/read"),
    ("patch", "/notifications/read-all"),
    ("delete", f"/notifications/{T}"),
    ("post", "/notifications/test"),
    ("get", "/notifications/preferences"),
    ("put", "/notifications/preferences"),
    ("post", "/notifications/preferences/initialize"),
    ("get", "/admin/notifications"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_unauthenticated_is_401(api_client, method, path):
    response = getattr(api_client, method)(path, {"invalid": "body"}, format="json")
    assert response.status_code == 401
    assert response.json() == {"statusCode": 401, "message": "Unauthorized", "error": "UNAUTHORIZED"}
