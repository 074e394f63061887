"""Chat files live in the media module's private storage, behind expiring signed links.

Message media (route 4) and group avatars (route 13) must never be reachable under the public
``/uploads/`` mount; their URLs are signed on every read and stop working when they expire.
"""

from __future__ import annotations

import time
from pathlib import Path
from unittest import mock
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.chat import services
from apps.chat.models import Thread, ThreadMessage
from apps.chat.tests.factories import direct_thread, group_thread
from apps.media.models import Media

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%fake\n"


def png(name="photo.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def files_under(root) -> list[Path]:
    root = Path(root)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def send(client, thread, *uploads, text="look"):
    return client.post(
        f"/chat/sessions/{thread.pk}/messages", {"message": text, "media": list(uploads)}, format="multipart"
    )


def local_path(url: str) -> str:
    return urlparse(url).path


def test_message_files_are_private_and_served_by_signed_links(auth_client, community, settings, api_client):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    response = send(
        auth_client(c.tenant),
        thread,
        png(),
        SimpleUploadedFile("lease.pdf", PDF, content_type="application/pdf"),
    )
    assert response.status_code == 201, response.content
    media = response.json()["media"]
    assert [m["name"] for m in media] == ["photo.png", "lease.pdf"]
    assert [m["mime_type"] for m in media] == ["image/png", "application/pdf"]
    assert {m["model_type"] for m in media} == {"ThreadMessage"}
    assert {m["model_id"] for m in media} == {response.json()["_id"]}
    assert {m["collection_name"] for m in media} == {"chat-messages"}

    # Stored in the private folder only; nothing under the public /uploads/ mount.
    assert files_under(settings.MEDIA_ROOT) == []
    assert len(files_under(settings.MEDIA_PRIVATE_ROOT)) == 2
    assert api_client.get(f"/uploads/{media[0]['path']}").status_code == 404

    # The signed link serves the bytes without a login (as the original's public URLs did) ...
    served = api_client.get(local_path(media[0]["url"]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PNG
    assert served["Content-Type"] == "image/png"

    # ... the other participant gets a fresh link from the message list ...
    listed = auth_client(c.neighbor).get(f"/chat/sessions/{thread.pk}/messages").json()["messages"]
    assert [m["name"] for m in listed[0]["media"]] == ["photo.png", "lease.pdf"]
    assert api_client.get(local_path(listed[0]["media"][1]["url"])).status_code == 200

    # ... and a link stops working once it has expired.
    later = time.time() + settings.AWS_QUERYSTRING_EXPIRE + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        expired = api_client.get(local_path(media[0]["url"]))
    assert expired.status_code == 403
    assert expired.json()["message"] == "This link has expired"
    assert api_client.get(local_path(media[0]["url"]) + "x").status_code == 404  # tampered


def test_declared_type_is_not_trusted(auth_client, community, settings):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    disguised = SimpleUploadedFile(
        "x.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    response = send(auth_client(c.tenant), thread, disguised)
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Invalid media type. Only images and PDFs are allowed. Found: text/plain"
    )
    assert ThreadMessage.objects.unscoped().count() == 0
    assert Media.objects.unscoped().count() == 0
    assert files_under(settings.MEDIA_PRIVATE_ROOT) == []


def test_too_large_file_is_refused_before_anything_is_saved(auth_client, community, settings):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (10 * 1024 * 1024), content_type="image/png")
    response = send(auth_client(c.tenant), thread, big)
    assert response.status_code == 400
    assert response.json()["message"] == "File too large. Maximum size is 10MB"
    assert ThreadMessage.objects.unscoped().count() == 0
    assert files_under(settings.MEDIA_PRIVATE_ROOT) == []


def test_failed_send_leaves_no_row_and_no_stored_file(auth_client, community, settings):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    client.raise_request_exception = False
    with mock.patch.object(services, "_touch", side_effect=RuntimeError("boom")):
        response = send(client, thread, png())
    assert response.status_code == 500
    assert ThreadMessage.objects.unscoped().count() == 0
    assert Media.objects.unscoped().count() == 0
    assert files_under(settings.MEDIA_PRIVATE_ROOT) == []


def test_deleting_a_message_deletes_its_files(
    auth_client, community, settings, django_capture_on_commit_callbacks
):
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    message_id = send(client, thread, png()).json()["_id"]
    assert len(files_under(settings.MEDIA_PRIVATE_ROOT)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/chat/sessions/{thread.pk}/messages/{message_id}").status_code == 200
    assert Media.objects.unscoped().count() == 0
    assert files_under(settings.MEDIA_PRIVATE_ROOT) == []


def test_group_avatar_is_private_signed_on_read_and_replaced(
    auth_client, community, settings, api_client, django_capture_on_commit_callbacks
):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    owner = auth_client(c.tenant)
    first = owner.put(f"/chat/groups/{thread.pk}/avatar", {"avatar": png("a.png")}, format="multipart")
    assert first.status_code == 200, first.content
    thread = Thread.objects.unscoped().get(pk=thread.pk)
    first_media = thread.avatar_media
    assert (first_media.model_type, first_media.collection_name) == ("Thread", "group-avatars")
    assert files_under(settings.MEDIA_ROOT) == []

    session = next(
        s for s in auth_client(c.neighbor).get("/chat/sessions").json() if s["_id"] == str(thread.pk)
    )
    assert session["avatarUrl"].startswith("http://testserver/media/file/")
    assert api_client.get(local_path(session["avatarUrl"])).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        again = owner.put(
            f"/chat/groups/{thread.pk}/avatar",
            {"avatar": SimpleUploadedFile("b.gif", b"GIF89a" + b"\x00" * 16, content_type="image/gif")},
            format="multipart",
        )
    assert again.status_code == 200
    assert not Media.objects.unscoped().filter(pk=first_media.pk).exists()
    assert [p.suffix for p in files_under(settings.MEDIA_PRIVATE_ROOT)] == [".gif"]
    change = (
        ThreadMessage.objects.unscoped().filter(thread=thread, system_message_type="AVATAR_CHANGED").first()
    )
    assert set(change.metadata) == {"userId", "mediaId"}  # no expiring URL stored


def test_avatar_must_be_an_image_by_its_bytes(auth_client, community, settings):
    c = community
    thread = group_thread(c.tenant, c.neighbor)
    pdf = SimpleUploadedFile("a.png", PDF, content_type="image/png")
    response = auth_client(c.tenant).put(
        f"/chat/groups/{thread.pk}/avatar", {"avatar": pdf}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Invalid file type. Only images are allowed. Found: application/pdf"
    assert files_under(settings.MEDIA_PRIVATE_ROOT) == []


def test_on_s3_chat_files_get_presigned_links(auth_client, community, s3, django_capture_on_commit_callbacks):
    import httpx

    client_s3, bucket = s3
    c = community
    thread = direct_thread(c.tenant, c.neighbor)
    client = auth_client(c.tenant)
    sent = send(client, thread, png())
    assert sent.status_code == 201, sent.content
    [media] = sent.json()["media"]
    assert media["disk"] == "s3"
    assert client_s3.head_object(Bucket=bucket, Key=media["path"])["ContentType"] == "image/png"
    listed = auth_client(c.neighbor).get(f"/chat/sessions/{thread.pk}/messages").json()["messages"]
    url = listed[0]["media"][0]["url"]
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=" in url
    assert httpx.get(url).content == PNG
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/chat/sessions/{thread.pk}/messages/{sent.json()['_id']}").status_code == 200
    assert client_s3.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
