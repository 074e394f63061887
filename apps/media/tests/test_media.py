"""Media: uploads through property and unit routes, storage (local and S3), signed URLs."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import Landlord
from apps.accounts.tests.factories import LandlordUserFactory, TenantUserFactory
from apps.core.sniffing import sniff_mime_type
from apps.media import storage
from apps.media.models import Media
from apps.media.services import MAX_UPLOAD_BYTES
from apps.properties.tests.factories import PropertyFactory, UnitFactory
from apps.properties.tests.helpers import PDF_BYTES, PNG_BYTES, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord_user():
    return LandlordUserFactory()


@pytest.fixture
def prop(landlord_user):
    return PropertyFactory(landlord=Landlord.objects.get(pk=landlord_user.organization_id))


def upload(client, prop, file=None, **extra):
    return client.post(
        f"/properties/{prop.pk}/media/upload", {"file": file or png_upload(), **extra}, format="multipart"
    )


# -- sniffing -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (PNG_BYTES, "image/png"),
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (PDF_BYTES, "application/pdf"),
        (b"plain text notes\n", "text/plain"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/msword"),
        (b"\x00\x01\x02binary", "application/octet-stream"),
        (b"PK\x03\x04notazip", "application/zip"),
    ],
)
def test_sniffing(payload, expected):
    assert sniff_mime_type(SimpleUploadedFile("x", payload)) == expected


def test_sniffing_docx():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    mime = sniff_mime_type(SimpleUploadedFile("x.docx", buffer.getvalue()))
    assert mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- upload (local disk) ------------------------------------------------------------------------
def test_upload_local_then_list_url_serve_delete(
    auth_client, landlord_user, prop, api_client, settings, django_capture_on_commit_callbacks
):
    client = auth_client(landlord_user)
    response = upload(client, prop, png_upload("holiday.jpg", content_type="image/jpeg"))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["message"] == "Media uploaded successfully"
    media = body["data"]
    assert "url" not in media
    # the type comes from the bytes, not from the client's claim or the file name
    assert media["mime_type"] == "image/png" and media["type"] == "image"
    assert media["name"] == "holiday.jpg" and media["file_name"].endswith(".png")
    assert media["collection_name"] == "property_photos" and media["disk"] == "local"
    assert media["model_type"] == "Property" and media["model_id"] == str(prop.pk)
    assert media["path"].startswith(f"property/{prop.pk}/property_photos/")
    stored = Path(storage.private_root()) / media["path"]
    assert not (settings.MEDIA_ROOT / media["path"]).exists()  # never under the public /uploads/
    assert stored.read_bytes() == PNG_BYTES

    listed = client.get(f"/properties/{prop.pk}/media").json()
    assert listed["success"] is True and len(listed["data"]) == 1
    assert client.get(f"/properties/{prop.pk}/media?collection_name=documents").json()["data"] == []
    assert client.get(f"/properties/{prop.pk}/media?mediaType=image").json()["data"] != []
    url = client.get(f"/properties/{prop.pk}/media/{media['_id']}/url").json()["data"]["url"]
    assert url.startswith("http://testserver/media/file/")

    served = api_client.get(url.replace("http://testserver", ""))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PNG_BYTES
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"

    detail = client.get(f"/media/{media['_id']}").json()
    assert detail["success"] is True and detail["data"]["url"].startswith("http://testserver/media/file/")
    download = client.get(f"/media/{media['_id']}/download")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/properties/{prop.pk}/media/{media['_id']}")
    assert response.json() == {"success": True, "message": "Media deleted successfully"}
    assert not stored.exists()
    assert not Media.objects.unscoped().exists()
    assert api_client.get(url.replace("http://testserver", "")).status_code == 404


def test_signed_links_expire_and_cannot_be_forged(auth_client, landlord_user, prop, api_client, settings):
    media_id = upload(auth_client(landlord_user), prop).json()["data"]["_id"]
    media = Media.objects.unscoped().get(pk=media_id)
    token = storage.signed_local_token(media)
    assert api_client.get(f"/media/file/{token}").status_code == 200
    assert api_client.get(f"/media/file/{token[:-2]}xx").status_code == 404
    settings.AWS_QUERYSTRING_EXPIRE = -1
    response = api_client.get(f"/media/file/{token}")
    assert response.status_code == 403 and response.json()["message"] == "This link has expired"


def test_upload_validation(auth_client, landlord_user, prop):
    client = auth_client(landlord_user)
    response = client.post(f"/properties/{prop.pk}/media/upload", {}, format="multipart")
    assert response.status_code == 400 and response.json()["message"] == "No file provided"
    evil = SimpleUploadedFile("x.png", b"\x00\x01binary-executable", content_type="image/png")
    response = upload(client, prop, evil)
    assert response.status_code == 400 and response.json()["message"].startswith(
        "File type not allowed. Allowed types: image/jpeg"
    )
    big = SimpleUploadedFile("big.png", PNG_BYTES + b"\x00" * MAX_UPLOAD_BYTES, content_type="image/png")
    response = upload(client, prop, big)
    assert (
        response.status_code == 400
        and response.json()["message"] == "File size too large. Maximum allowed: 10 MB"
    )
    response = upload(client, prop, png_upload(), bogus="1")
    assert response.status_code == 400
    assert not Media.objects.unscoped().exists()


def test_upload_pdf_to_unit_documents(auth_client, landlord_user, prop):
    unit = UnitFactory(property=prop)
    client = auth_client(landlord_user)
    pdf = SimpleUploadedFile("lease.pdf", PDF_BYTES, content_type="application/octet-stream")
    response = client.post(
        f"/units/{unit.pk}/media/upload", {"file": pdf, "collection_name": "documents"}, format="multipart"
    )
    assert response.status_code == 201
    media = response.json()["data"]
    assert media["mime_type"] == "application/pdf" and media["type"] == "document"
    assert media["collection_name"] == "documents" and media["model_type"] == "Unit"
    assert len(client.get(f"/units/{unit.pk}/media").json()["data"]) == 1
    assert client.get(f"/units/{unit.pk}").json()["media"][0]["_id"] == media["_id"]
    assert client.get(f"/units/{unit.pk}/media/{media['_id']}/url").status_code == 200
    # a media id of another record is not reachable through this unit
    other = UnitFactory(property=prop)
    assert client.get(f"/units/{other.pk}/media/{media['_id']}/url").status_code == 404
    assert client.delete(f"/units/{other.pk}/media/{media['_id']}").status_code == 404
    assert client.delete(f"/units/{unit.pk}/media/{media['_id']}").status_code == 200


def test_media_access_rules(auth_client, api_client, landlord_user, prop):
    media_id = upload(auth_client(landlord_user), prop).json()["data"]["_id"]
    outsider = auth_client(LandlordUserFactory())
    assert outsider.get(f"/media/{media_id}").status_code == 404
    assert outsider.get(f"/media/{media_id}/download").status_code == 404
    assert outsider.get(f"/properties/{prop.pk}/media").status_code == 404
    assert outsider.delete(f"/properties/{prop.pk}/media/{media_id}").status_code == 404
    assert upload(outsider, prop).status_code == 404
    tenant = auth_client(TenantUserFactory())
    assert tenant.delete(f"/properties/{prop.pk}/media/{media_id}").status_code == 403
    assert tenant.get(f"/media/{media_id}").status_code == 404
    assert upload(tenant, prop).status_code == 404
    assert api_client.get(f"/media/{media_id}").status_code == 401
    assert api_client.post(f"/properties/{prop.pk}/media/upload", {}, format="multipart").status_code == 401
    assert auth_client(landlord_user).get("/media/not-an-id").status_code == 400
    assert auth_client(landlord_user).get(f"/media/{uuid.uuid4()}").json()["message"] == "Media not found"
    assert Media.objects.unscoped().count() == 1


# -- S3 through a local moto server -------------------------------------------------------------
def test_s3_upload_presigned_url_download_and_delete(
    auth_client, landlord_user, prop, s3, django_capture_on_commit_callbacks
):
    client_s3, bucket = s3
    client = auth_client(landlord_user)
    response = upload(client, prop)
    assert response.status_code == 201, response.json()
    media = response.json()["data"]
    assert media["disk"] == "s3"
    head = client_s3.head_object(Bucket=bucket, Key=media["path"])
    assert head["ContentType"] == "image/png"

    url = client.get(f"/properties/{prop.pk}/media/{media['_id']}/url").json()["data"]["url"]
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url
    assert httpx.get(url).content == PNG_BYTES
    redirect = client.get(f"/media/{media['_id']}/download")
    assert redirect.status_code == 302 and "X-Amz-Signature=" in redirect["Location"]

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/properties/{prop.pk}/media/{media['_id']}").status_code == 200
    assert client_s3.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
    assert not Media.objects.unscoped().exists()


def test_s3_url_falls_back_when_signing_fails(prop, s3, settings, monkeypatch):
    media = Media.objects.unscoped().create(
        model_type="Property",
        model_id=prop.pk,
        name="x.png",
        file_name="x.png",
        mime_type="image/png",
        disk="s3",
        path="property/x.png",
    )

    def boom(*args, **kwargs):
        raise RuntimeError("no credentials")

    monkeypatch.setattr(type(storage.storage_for("s3")), "url", boom)
    settings.AWS_S3_CUSTOM_DOMAIN = "cdn.example.com"
    assert storage.public_url(media) == "https://cdn.example.com/property/x.png"


def test_upload_many_is_all_or_nothing(prop, monkeypatch, settings, tmp_path):
    """A failure while storing the second file leaves no record and no stored file behind."""
    from apps.media import services

    real_save = storage.save
    calls = []

    def flaky_save(disk, path, upload, content_type):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(disk, path, upload, content_type)

    monkeypatch.setattr(storage, "save", flaky_save)
    with pytest.raises(OSError):
        services.media_upload_many(
            uploads=[png_upload("a.png"), png_upload("b.png")],
            owner_type="Property",
            owner_id=prop.pk,
            landlord_id=prop.landlord_id,
            uploaded_by_id=None,
            collection_name="property_photos",
        )
    assert not Media.objects.unscoped().exists()
    root = Path(storage.private_root())
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))
