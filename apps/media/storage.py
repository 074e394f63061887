"""Where media bytes live: a local folder or S3, through Django's storage API.

The disk of a record is stored on it (``local`` or ``s3``) and used for its URL and deletion, so
switching ``MEDIA_DEFAULT_DISK`` never strands older files. URLs expire: S3 URLs are presigned;
local URLs carry a Django signature with a timestamp that the serving view checks.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.files.storage import FileSystemStorage, Storage
from django.urls import reverse

logger = logging.getLogger("myte.media")

SIGNING_SALT = "myte.media.file"


def url_expiry_seconds() -> int:
    return int(getattr(settings, "AWS_QUERYSTRING_EXPIRE", 3600) or 3600)


def private_root() -> str:
    """Local folder of media served only through signed links.

    Not under ``MEDIA_ROOT``: that folder is mounted publicly at ``/uploads/`` (profile pictures,
    chat files), and a file reachable there would outlive its link's expiry. ``MEDIA_PRIVATE_ROOT``
    overrides the default ``<MEDIA_ROOT>-private``.
    """
    configured = getattr(settings, "MEDIA_PRIVATE_ROOT", None)
    return str(configured or f"{str(settings.MEDIA_ROOT).rstrip('/')}-private")


def default_disk() -> str:
    disk = (getattr(settings, "MEDIA_DEFAULT_DISK", "local") or "local").lower()
    return "s3" if disk == "s3" else "local"


@lru_cache(maxsize=8)
def _local_storage(location: str) -> FileSystemStorage:
    return FileSystemStorage(location=location)


@lru_cache(maxsize=8)
def _s3_storage(bucket, region, endpoint, access_key, secret_key, expire) -> Storage:
    from storages.backends.s3 import S3Storage

    return S3Storage(
        bucket_name=bucket,
        region_name=region,
        endpoint_url=endpoint,
        access_key=access_key,
        secret_key=secret_key,
        querystring_auth=True,
        signature_version="s3v4",
        querystring_expire=expire,
        custom_domain=None,
        file_overwrite=True,  # names are fresh UUIDs: skip the existence check (one request less)
        default_acl=None,
    )


def storage_for(disk: str) -> Storage:
    if disk == "s3":
        return _s3_storage(
            settings.AWS_STORAGE_BUCKET_NAME,
            getattr(settings, "AWS_S3_REGION_NAME", None) or "us-east-1",
            getattr(settings, "AWS_S3_ENDPOINT_URL", None),
            getattr(settings, "AWS_ACCESS_KEY_ID", None),
            getattr(settings, "AWS_SECRET_ACCESS_KEY", None),
            url_expiry_seconds(),
        )
    return _local_storage(private_root())


def save(disk: str, path: str, upload, content_type: str) -> str:
    """Store ``upload`` at ``path``; returns the name actually used."""
    storage = storage_for(disk)
    upload.seek(0)
    if disk == "s3":
        upload.content_type = content_type  # S3Storage sends it as the object's ContentType
    return storage.save(path, upload)


def delete(disk: str, path: str) -> None:
    """Remove a stored object; a missing one is not an error."""
    try:
        storage_for(disk).delete(path)
    except FileNotFoundError:
        pass


def signed_local_token(media) -> str:
    return signing.dumps({"m": str(media.pk), "p": media.path}, salt=SIGNING_SALT, compress=True)


def read_local_token(token: str) -> dict:
    """The payload of a local file link; raises ``signing.BadSignature`` (or ``SignatureExpired``)."""
    return signing.loads(token, salt=SIGNING_SALT, max_age=url_expiry_seconds())


def public_url(media) -> str:
    """An expiring URL for ``media``: presigned on S3, signed by us for local files."""
    if media.disk == "s3":
        try:
            return storage_for("s3").url(media.path)
        except Exception:  # noqa: BLE001 - signing problems fall back to the plain URL (spec 6.1)
            logger.exception("Could not presign media %s", media.pk)
            base = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)
            if base:
                base = base if base.startswith("http") else f"https://{base}"
            else:
                base = (
                    f"https://{settings.AWS_STORAGE_BUCKET_NAME}.s3."
                    f"{getattr(settings, 'AWS_S3_REGION_NAME', 'us-east-1')}.amazonaws.com"
                )
            return f"{base.rstrip('/')}/{media.path}"
    base = str(getattr(settings, "APP_BASE_URL", "") or "").rstrip("/")
    return base + reverse("media:file", kwargs={"token": signed_local_token(media)})
