"""E-signature routes: L22-L25 (authenticated) and the public ``/sign/:token`` routes (spec 05 §5.2)."""

from __future__ import annotations

from django.http import HttpResponse
from rest_framework.response import Response

from apps.core.exceptions import BadRequest
from apps.core.serializers import iso
from apps.core.views import ApiView
from apps.leases import signing
from apps.leases.schema import doc
from apps.leases.serializers import SignInput
from apps.leases.views import LeaseMixin


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class SendForSignatureView(LeaseMixin, ApiView):
    policies = {"POST": [("update", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"POST": "sendForSignature"}

    @doc("signatures", "Send a lease for signature", status=201, path=("pk",))
    def post(self, request, pk):
        lease = self.get_lease(pk, action="update", message="Lease not found")
        result = signing.lease_send_for_signature(lease=lease)
        return Response(
            {
                "success": True,
                "data": {"expires_at": iso(result["expires_at"]), "signature_url": result["signature_url"]},
                "message": "Signature request sent to tenant",
            },
            status=201,
        )


class PreviewPdfView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "previewPdf"}

    @doc("signatures", "Unsigned PDF of a lease", path=("pk",), binary=True)
    def get(self, request, pk):
        lease = self.get_lease(pk)
        return pdf_response(signing.render_pdf(lease), f"lease-{lease.pk}-preview.pdf")


class SignatureStatusView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getSignatureStatus"}

    @doc("signatures", "Signature state of a lease", path=("pk",))
    def get(self, request, pk):
        return Response({"success": True, "data": signing.signature_status(self.get_lease(pk))})


class SignedPdfView(LeaseMixin, ApiView):
    policies = {"GET": [("read", "Lease")]}
    audit_controller = "LeasesController"
    audit_handlers = {"GET": "getSignedPdf"}

    @doc(
        "signatures",
        "Expiring URL of the signed PDF",
        path=("pk",),
        other={400: '{"success": false, "message": "This lease has not been signed yet"}'},
    )
    def get(self, request, pk):
        from apps.media import storage
        from apps.media.models import Media

        lease = self.get_lease(pk)
        media = (
            Media.objects.unscoped()
            .filter(pk=lease.signed_pdf_id, model_type="Lease", model_id=lease.pk)
            .first()
            if lease.signed_pdf_id
            else None
        )
        if lease.signed_at is None or media is None:
            return Response({"success": False, "message": "This lease has not been signed yet"}, status=400)
        return Response({"success": True, "data": {"url": storage.public_url(media)}})


# -- public ---------------------------------------------------------------------------------------
class SignView(ApiView):
    public = True
    rate_limit = {"POST": "10/minute", "GET": "30/minute"}
    audit_controller = "SignatureController"
    audit_handlers = {"GET": "getSigningData", "POST": "signLease"}

    @doc("signatures", "What a signing link shows (public)", path=("token",))
    def get(self, request, token):
        token_row = signing.token_validate(token)
        lease = token_row.lease
        unit = lease.unit
        return Response(
            {
                "success": True,
                "data": {
                    "lease": {
                        "id": str(lease.pk),
                        "start_date": iso(lease.start_date),
                        "end_date": iso(lease.end_date),
                        "rent_amount": lease.rent_amount,
                        "payment_cycle": lease.payment_cycle,
                        "terms": lease.terms,
                        "security_deposit": lease.security_deposit_amount
                        if lease.is_security_deposit
                        else None,
                    },
                    "tenant": {"name": lease.tenant.name},
                    "property": {
                        "name": unit.property.name,
                        "address": unit.property.address,
                    },
                    "unit": {"unit_number": unit.unit_number},
                },
            }
        )

    @doc("signatures", "Sign a lease (public)", request=SignInput, status=201, path=("token",), errors=(409,))
    def post(self, request, token):
        data = self.parse_body(SignInput)
        if not data["agreed_to_terms"]:
            raise BadRequest("You must agree to the terms to sign")
        lease = signing.lease_sign(
            raw=token,
            name=data["signature_name"],
            signature_data=data.get("signature_data") or None,
            ip=client_address(request),
            user_agent=request.META.get("HTTP_USER_AGENT") or "Unknown",
        )
        return Response(
            {
                "success": True,
                "data": {
                    "lease_id": str(lease.pk),
                    "signed_pdf_url": f"/leases/{lease.pk}/signed-pdf",
                    "signed_at": iso(lease.signed_at),
                },
                "message": "Lease signed successfully. You will receive a confirmation email shortly.",
            },
            status=201,
        )


class SignPreviewView(ApiView):
    public = True
    rate_limit = "30/minute"
    audit_controller = "SignatureController"
    audit_handlers = {"GET": "previewPdf"}

    @doc("signatures", "Unsigned PDF behind a signing link (public)", path=("token",), binary=True)
    def get(self, request, token):
        token_row = signing.token_validate(token)
        return pdf_response(signing.render_pdf(token_row.lease), "lease-preview.pdf")
