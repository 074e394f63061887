"""The content type of an upload, read from its bytes (the client's claim is never trusted)."""

from __future__ import annotations

import io
import zipfile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_MIME_TYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "application/msword",
    DOCX,
)
#: what the property and unit upload routes take (spec 03 section 2.10: images, PDF, Word)
PHOTO_AND_DOCUMENT_TYPES = tuple(mime for mime in ALLOWED_MIME_TYPES if mime != "text/plain")
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "application/msword": ".doc",
    DOCX: ".docx",
}
HEAD_BYTES = 4096


def sniff_mime_type(upload) -> str:
    """The MIME type the bytes of ``upload`` prove, ``application/octet-stream`` if unknown."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/msword"
    if head.startswith(b"PK\x03\x04"):
        return DOCX if _is_docx(upload) else "application/zip"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if _is_text(head):
        return "text/plain"
    return "application/octet-stream"


def _is_docx(upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 3:
            return False
    return True


def media_type_of(mime_type: str) -> str:
    """``image``, ``video``, ``audio``, ``document`` or ``other`` (spec 03 section 6.2)."""
    if mime_type.startswith("image/"):
        return "image"
    if mime_type.startswith("video/"):
        return "video"
    if mime_type.startswith("audio/"):
        return "audio"
    if any(word in mime_type for word in ("pdf", "document", "text")) or mime_type.startswith("application/"):
        return "document"
    return "other"
