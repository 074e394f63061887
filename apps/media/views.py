"""Media routes (spec 03 sections 6.4 and 6.5) and the serving view of signed local links."""

from __future__ import annotations

from django.core import signing
from django.http import FileResponse, HttpResponseRedirect
from rest_framework.response import Response

from apps.core import access
from apps.core.exceptions import AccessDenied, Forbidden, NotFound
from apps.core.ids import is_uuid
from apps.core.schema import doc
from apps.core.views import ApiView, parse_id
from apps.media import storage
from apps.media.models import Media
from apps.media.services import media_delete, media_to_dict, media_upload


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


class OwnerMediaMixin:
    """The media routes of one owner record (``/properties/:id/media``, ``/leases/:id/media``...).

    The owning app's views set ``owner_type`` and ``default_collection``, load the owner in scope
    (``get_owner``) and may narrow the collections the caller sees (``visible_collections``);
    each view keeps its own ``doc`` and calls the shared body.
    """

    owner_type: str
    default_collection: str

    def get_owner(self, pk):
        raise NotImplementedError

    def visible_collections(self, owner) -> list[str] | None:
        """The collections of ``owner`` the caller may see; None for all of them."""
        return None

    def get_owner_media(self, owner, media_id) -> Media:
        pk = parse_id(media_id)
        media = Media.objects.unscoped().filter(pk=pk, model_type=self.owner_type, model_id=owner.pk).first()
        visible = self.visible_collections(owner)
        if media is None or (visible is not None and media.collection_name not in visible):
            raise NotFound("Media not found")
        return media

    def upload_owner_media(self, owner, data: dict, **options) -> Response:
        media = media_upload(
            upload=data.get("file"),
            owner_type=self.owner_type,
            owner_id=owner.pk,
            landlord_id=owner.landlord_id,
            uploaded_by_id=self.principal.user_id,
            collection_name=data.get("collection_name") or self.default_collection,
            **options,
        )
        return Response(
            {
                "success": True,
                "data": media_to_dict(media, with_url=False),
                "message": "Media uploaded successfully",
            },
            status=201,
        )

    def delete_owner_media(self, pk, media_id) -> Response:
        media = self.get_owner_media(self.get_owner(pk), media_id)
        if not access.can_on(self.principal, "delete", media):
            raise AccessDenied()
        media_delete(media=media)
        return Response({"success": True, "message": "Media deleted successfully"})

    def owner_media_url(self, pk, media_id) -> Response:
        media = self.get_owner_media(self.get_owner(pk), media_id)
        return Response({"success": True, "data": {"url": storage.public_url(media)}})
