"""Invoice data extraction for the expense form (spec 09 section 1).

The file is checked here (present, a type the AI service can read, at most 10 MiB) and forwarded to
the AI service's classifier. Whatever goes wrong over there, the caller gets an empty result to fill
the form by hand: ``{}``. Nothing is stored.
"""

from __future__ import annotations

import logging

from apps.ai.service_client import AIServiceError, post_file
from apps.core.exceptions import BadRequest
from apps.core.sniffing import EXTENSIONS, sniff_mime_type

logger = logging.getLogger("myte.ai")

CLASSIFIER_PATH = "/invoice-classifier/parse-and-classify-invoice"
EXTRACTION_TIMEOUT_SECONDS = 30.0
MAX_INVOICE_BYTES = 10 * 1024 * 1024
#: what the AI service reads (spec 09 open question 3: gif and webp would always come back empty)
READABLE_TYPES = ("application/pdf", "image/jpeg", "image/png")


def invoice_file_check(upload) -> str:
    """The sniffed MIME type of an acceptable invoice upload, or the spec's 400 for the first problem."""
    if upload is None:
        raise BadRequest("No file provided")
    mime_type = sniff_mime_type(upload)
    if mime_type not in READABLE_TYPES:
        raise BadRequest("Invalid file type. Only PDF and image files are allowed.")
    if upload.size > MAX_INVOICE_BYTES:
        raise BadRequest("File size exceeds 10MB limit")
    return mime_type


def invoice_extract(*, upload) -> dict:
    """The AI service's reading of an invoice (``expense_class``, ``total_amount``...), or ``{}``."""
    mime_type = invoice_file_check(upload)
    stem = (upload.name or "invoice").rsplit(".", 1)[0] or "invoice"
    filename = f"{stem}{EXTENSIONS[mime_type]}"  # the service goes by the extension
    upload.seek(0)
    try:
        return post_file(
            CLASSIFIER_PATH,
            filename=filename,
            data=upload.read(),
            content_type=mime_type,
            timeout=EXTRACTION_TIMEOUT_SECONDS,
        )
    except AIServiceError as exc:
        logger.warning("Invoice extraction failed: %s", exc)
        return {}
