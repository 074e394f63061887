"""Media routes (spec 03 sections 6.4 and 6.5) and the serving view of signed local links."""

from __future__ import annotations

from django.core import signing
from django.http import FileResponse, HttpResponseRedirect
from rest_framework.response import Response

from apps.core.exceptions import Forbidden, NotFound
from apps.core.ids import is_uuid
from apps.core.schema import doc
from apps.core.views import ApiView
from apps.media import storage
from apps.media.models import Media
from apps.media.services import media_to_dict


class MediaDetailView(ApiView):
    policies = {"GET": [("read", "Media")]}
    audit_controller = "MediaController"
    audit_handlers = {"GET": "getMedia"}

    @doc("media", "Get a media record with its URL", path=("pk",))
    def get(self, request, pk):
        media = self.load(Media, pk, not_found="Media not found")
        return Response({"success": True, "data": media_to_dict(media)})


class MediaDownloadView(ApiView):
    policies = {"GET": [("read", "Media")]}
    audit_controller = "MediaController"
    audit_handlers = {"GET": "downloadMedia"}

    @doc("media", "Download a file (S3: redirect to a presigned URL)", path=("pk",), binary=True)
    def get(self, request, pk):
        media = self.load(Media, pk, not_found="Media not found")
        if media.disk == "s3":
            return HttpResponseRedirect(storage.public_url(media))
        return _file_response(media, attachment=True)


class MediaFileView(ApiView):
    """``GET /media/file/<token>``: a local file behind an expiring signed link (no login)."""

    public = True
    audit_controller = "MediaController"
    audit_handlers = {"GET": "serveFile"}

    @doc("media", "A local file behind a signed, expiring link (public)", binary=True)
    def get(self, request, token):
        try:
            payload = storage.read_local_token(token)
        except signing.SignatureExpired:
            raise Forbidden("This link has expired") from None
        except signing.BadSignature:
            raise NotFound("Media not found") from None
        media = None
        if isinstance(payload, dict) and is_uuid(payload.get("m")) and isinstance(payload.get("p"), str):
            media = Media.objects.unscoped().filter(pk=payload["m"], path=payload["p"], disk="local").first()
        if media is None:
            raise NotFound("Media not found")
        return _file_response(media, attachment=False)


def _file_response(media: Media, *, attachment: bool) -> FileResponse:
    try:
        handle = storage.storage_for(media.disk).open(media.path, "rb")
    except FileNotFoundError:
        raise NotFound("Media not found") from None
    response = FileResponse(
        handle, as_attachment=attachment, filename=media.name, content_type=media.mime_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    if not attachment:
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
