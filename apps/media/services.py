"""Upload, list and delete media (spec 03 section 6)."""

from __future__ import annotations

import logging
import os
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from apps.core.db import atomic, on_commit
from apps.core.exceptions import BadRequest
from apps.core.sniffing import ALLOWED_MIME_TYPES, EXTENSIONS, media_type_of, sniff_mime_type
from apps.media import storage
from apps.media.models import Media

logger = logging.getLogger("myte.media")

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def media_validate_upload(upload, allowed_types: Iterable[str] | None = None) -> str:
    """400 for a missing, too large or disallowed file; returns the sniffed MIME type.

    ``allowed_types`` narrows the service's list for a route that takes fewer types.
    """
    if upload is None or not hasattr(upload, "read"):
        raise BadRequest("No file provided")
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise BadRequest("File size too large. Maximum allowed: 10 MB")
    allowed = tuple(ALLOWED_MIME_TYPES if allowed_types is None else allowed_types)
    mime_type = sniff_mime_type(upload)
    if mime_type not in allowed:
        raise BadRequest("File type not allowed. Allowed types: " + ", ".join(allowed))
    return mime_type


def _storage_path(owner_type: str, owner_id, collection: str, file_name: str) -> str:
    today = timezone.now()
    return f"{owner_type.lower()}/{owner_id}/{collection}/{today:%Y}/{today:%m}/{today:%d}/{file_name}"


def _original_name(upload) -> str:
    name = os.path.basename(str(getattr(upload, "name", "") or "file")).strip()
    return name[:255] or "file"


def media_upload(
    *,
    upload,
    owner_type: str,
    owner_id: uuid.UUID,
    landlord_id: uuid.UUID | None,
    uploaded_by_id: uuid.UUID | None,
    collection_name: str = "default",
    disk: str | None = None,
    allowed_types: Iterable[str] | None = None,
) -> Media:
    """Validate, store and record one file. The stored object is removed if the write rolls back."""
    mime_type = media_validate_upload(upload, allowed_types)
    disk = disk or storage.default_disk()
    file_name = f"{uuid.uuid4()}{EXTENSIONS.get(mime_type, '')}"
    path = storage.save(
        disk, _storage_path(owner_type, owner_id, collection_name, file_name), upload, mime_type
    )
    try:
        with atomic():
            return Media.objects.unscoped().create(
                model_type=owner_type,
                model_id=owner_id,
                landlord_id=landlord_id,
                uploaded_by_id=uploaded_by_id,
                name=_original_name(upload),
                file_name=file_name,
                mime_type=mime_type,
                size=upload.size,
                type=media_type_of(mime_type),
                disk=disk,
                path=path,
                collection_name=collection_name or "default",
            )
    except Exception:
        storage.delete(disk, path)
        raise


def media_upload_many(*, uploads: Iterable, **kwargs: Any) -> list[Media]:
    """Several files for one record: all are validated before any is stored, and either all
    records are written or none (their stored objects are removed again on failure)."""
    uploads = list(uploads)
    for upload in uploads:
        media_validate_upload(upload)
    stored: list[Media] = []
    try:
        with atomic():
            for upload in uploads:
                stored.append(media_upload(upload=upload, **kwargs))
    except Exception:
        for media in stored:
            storage.delete(media.disk, media.path)
        raise
    return stored


def media_delete(*, media: Media) -> None:
    """Hard-delete the record; the stored object goes once the deletion is committed."""
    disk, path = media.disk, media.path
    with atomic():
        Media.objects.unscoped().filter(pk=media.pk).delete()
        on_commit(lambda: _delete_quietly(disk, path))


def _delete_quietly(disk: str, path: str) -> None:
    try:
        storage.delete(disk, path)
    except Exception:  # noqa: BLE001 - the record is gone; a stray object is logged, not raised
        logger.exception("Could not delete stored media %s:%s", disk, path)


def media_for_owners(
    owner_type: str, owner_ids: Iterable, *, collections: Iterable[str] | None = None
) -> dict[uuid.UUID, list[Media]]:
    """Media of many records of one type in a single query, grouped by owner id."""
    owner_ids = list(owner_ids)
    grouped: dict[uuid.UUID, list[Media]] = defaultdict(list)
    if not owner_ids:
        return grouped
    queryset = Media.objects.unscoped().filter(model_type=owner_type, model_id__in=owner_ids)
    if collections is not None:
        queryset = queryset.filter(collection_name__in=list(collections))
    for media in queryset.order_by("created_at", "id"):
        grouped[media.model_id].append(media)
    return grouped


def media_to_dict(media: Media, *, with_url: bool = True) -> dict[str, Any]:
    from apps.core.serializers import iso

    data = {
        "_id": str(media.pk),
        "model_type": media.model_type,
        "model_id": str(media.model_id),
        "name": media.name,
        "file_name": media.file_name,
        "mime_type": media.mime_type,
        "size": media.size,
        "type": media.type,
        "disk": media.disk,
        "path": media.path,
        "collection_name": media.collection_name,
        "metadata": media.metadata or {},
        "deleted": media.deleted,
        "created_at": iso(media.created_at),
        "updated_at": iso(media.updated_at),
        "__v": media.version,
    }
    if with_url:
        data["url"] = storage.public_url(media)
    return data


def media_list(media: Iterable[Media]) -> list[dict[str, Any]]:
    return [media_to_dict(item) for item in media]
