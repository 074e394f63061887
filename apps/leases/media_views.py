"""Media of leases and transactions (spec 05 L9-L11, L19-L21 and the transaction media routes)."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.schema import doc
from apps.core.views import ApiView, parse_id
from apps.leases import selectors
from apps.leases.serializers import LeaseMediaQuery, LeaseMediaUploadInput
from apps.media import views as media_views
from apps.media.services import media_for_owners, media_to_dict


class OwnerMediaMixin(media_views.OwnerMediaMixin):
    owner_type = "Lease"
    default_collection = "lease_documents"
    #: a fixed collection (``documents``, ``contracts``, ``receipts``) or None for all
    collection: str | None = None

    def get_owner(self, pk):
        if self.owner_type == "Lease":
            return selectors.lease_get(parse_id(pk))
        return selectors.transaction_get(parse_id(pk))


class MediaListView(OwnerMediaMixin, ApiView):
    @doc("media", "Media of a lease or transaction", query=LeaseMediaQuery, path=("pk",))
    def get(self, request, pk):
        owner = self.get_owner(pk)
        query = self.parse_query(LeaseMediaQuery).validated_data
        wanted = self.collection or query.get("collection_name")
        items = media_for_owners(self.owner_type, [owner.pk], collections=[wanted] if wanted else None).get(
            owner.pk, []
        )
        if query.get("media_type"):
            items = [item for item in items if item.type == query["media_type"]]
        return Response({"success": True, "data": [media_to_dict(item) for item in items]})


class MediaUploadView(OwnerMediaMixin, ApiView):
    @doc(
        "media",
        "Upload a file to a lease or transaction",
        request=LeaseMediaUploadInput,
        status=201,
        path=("pk",),
        multipart=True,
    )
    def post(self, request, pk):
        owner = self.get_owner(pk)
        data = self.parse_body(LeaseMediaUploadInput)
        return self.upload_owner_media(owner, data)


class MediaDeleteView(OwnerMediaMixin, ApiView):
    @doc("media", "Delete a media file of a lease or transaction", path=("pk", "media_id"))
    def delete(self, request, pk, media_id):
        return self.delete_owner_media(pk, media_id)


class MediaUrlView(OwnerMediaMixin, ApiView):
    @doc("media", "Expiring URL of a media file", path=("pk", "media_id"))
    def get(self, request, pk, media_id):
        return self.owner_media_url(pk, media_id)


def _view(base, name: str, **attrs):
    return type(name, (base,), attrs)


def media_views(owner_type: str, subject: str, controller: str, default_collection: str) -> dict:
    common = {
        "owner_type": owner_type,
        "default_collection": default_collection,
        "audit_controller": controller,
    }
    read = {"GET": [("read", subject), ("read", "Media")]}
    return {
        "list": _view(
            MediaListView,
            f"{owner_type}MediaList",
            policies=read,
            audit_handlers={"GET": "getMedia"},
            **common,
        ),
        "upload": _view(
            MediaUploadView,
            f"{owner_type}MediaUpload",
            policies={"POST": [("read", subject), ("create", "Media")]},
            audit_handlers={"POST": "uploadMedia"},
            **common,
        ),
        "delete": _view(
            MediaDeleteView,
            f"{owner_type}MediaDelete",
            policies={"DELETE": [("read", subject), ("delete", "Media")]},
            audit_handlers={"DELETE": "deleteMedia"},
            **common,
        ),
        "url": _view(
            MediaUrlView,
            f"{owner_type}MediaUrl",
            policies=read,
            audit_handlers={"GET": "getMediaUrl"},
            **common,
        ),
        **{
            collection: _view(
                MediaListView,
                f"{owner_type}{collection.title()}List",
                policies=read,
                collection=collection,
                audit_handlers={"GET": f"get{collection.title()}"},
                **common,
            )
            for collection in (
                ("documents", "contracts") if owner_type == "Lease" else ("receipts", "documents")
            )
        },
    }


LEASE_MEDIA = media_views("Lease", "Lease", "LeasesController", "lease_documents")
TRANSACTION_MEDIA = media_views(
    "Transaction", "Transaction", "TransactionsController", "transaction_receipts"
)
