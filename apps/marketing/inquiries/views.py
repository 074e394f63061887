"""Inquiry routes (spec 04 section 2).

Submitting is public (with the email verification flow, rate-limited per client address); listing,
reading, answering, editing and deleting are the owning landlord's (spec 04 open question 1).
"""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.ids import parse_id
from apps.core.views import ApiView
from apps.marketing import schema
from apps.marketing.inquiries import selectors, services
from apps.marketing.inquiries.presenters import inquiry_list_item, inquiry_to_dict
from apps.marketing.inquiries.serializers import (
    InquiryContactInput,
    InquiryCreateInput,
    InquiryListQuery,
    InquiryReplyInput,
    InquiryUpdateInput,
    InquiryVerifyInput,
)
from apps.marketing.models import Inquiry
from apps.marketing.schema import doc

TAG = "inquiries"


class PublicMethodsMixin:
    """Some methods of a path are public (``POST /inquiries``), the others are not (``GET``)."""

    public_methods: tuple[str, ...] = ()

    @property
    def public(self) -> bool:
        request = getattr(self, "request", None)
        return request is not None and request.method in self.public_methods


class InquiryMixin:
    def get_inquiry(self, pk, action: str | None = None) -> Inquiry:
        return self.load(
            selectors.inquiry_detail_queryset(),
            pk,
            action=action,
            not_found=f"Inquiry with ID {pk} not found",
        )


class InquiryListView(PublicMethodsMixin, ApiView):
    public_methods = ("POST",)
    policies = {"GET": [("read", "Inquiry")]}
    rate_limit = {"POST": "10/minute"}
    audit_controller = "InquiriesController"

    @doc(
        TAG,
        "List the caller's inquiries (owning landlord only)",
        query=InquiryListQuery,
        response=schema.page_of("InquiryPage", schema.INQUIRY),
    )
    def get(self, request):
        query = self.parse_query(InquiryListQuery)
        queryset = selectors.inquiry_list_queryset(query=query.validated_data)
        return Response(
            query.page_of(queryset, serialize=lambda rows: [inquiry_list_item(row) for row in rows])
        )

    @doc(
        TAG,
        "Submit an inquiry (public)",
        request=InquiryCreateInput,
        status=201,
        response=schema.INQUIRY_RESULT,
        errors=(422,),
    )
    def post(self, request):
        data = self.parse_body(InquiryCreateInput)
        inquiry = services.inquiry_create(data=data)
        return Response(
            {
                "success": True,
                "data": {"inquiry": inquiry_to_dict(inquiry)},
                "message": "Inquiry created successfully",
            },
            status=201,
        )


class InquiryContactView(ApiView):
    public = True
    rate_limit = "5/minute"
    audit_controller = "InquiriesController"
    audit_handlers = {"POST": "submitContact"}

    @doc(
        TAG,
        "Contact the landlord of a unit (public; email verification for unknown emails)",
        request=InquiryContactInput,
        status=201,
        response=schema.CONTACT_RESULT,
        errors=(422,),
    )
    def post(self, request):
        data = self.parse_body(InquiryContactInput)
        user = (
            request.user
            if getattr(request, "user", None) is not None and request.user.is_authenticated
            else None
        )
        inquiry, requires_verification = services.inquiry_contact(
            user=user,
            unit_id=data["unit_id"],
            message=data["message"],
            name=data.get("name"),
            email=data.get("email"),
        )
        if requires_verification:
            body = {
                "success": True,
                "data": {
                    "inquiry_id": str(inquiry.pk),
                    "requires_verification": True,
                    "email": request.data.get("email"),
                },
                "message": "Verification code sent to your email",
            }
        else:
            body = {
                "success": True,
                "data": {"inquiry": inquiry_to_dict(inquiry), "requires_verification": False},
                "message": "Inquiry submitted successfully",
            }
        return Response(body, status=201)


class InquiryVerifyView(ApiView):
    public = True
    rate_limit = "10/minute"
    audit_controller = "InquiriesController"
    audit_handlers = {"POST": "verifyContact"}

    @doc(
        TAG,
        "Verify the email of a contact inquiry (public)",
        request=InquiryVerifyInput,
        status=201,
        response=schema.INQUIRY_RESULT,
    )
    def post(self, request):
        data = self.parse_body(InquiryVerifyInput)
        inquiry = services.inquiry_verify(inquiry_id=data["inquiry_id"], code=data["code"])
        return Response(
            {
                "success": True,
                "data": {"inquiry": inquiry_to_dict(inquiry)},
                "message": "Email verified successfully. Your inquiry has been submitted.",
            },
            status=201,
        )


class InquiryResendView(ApiView):
    public = True
    rate_limit = "3/minute"
    audit_controller = "InquiriesController"
    audit_handlers = {"POST": "resendVerification"}

    @doc(
        TAG,
        "Send a new verification code (public)",
        status=201,
        with_id=True,
        response=schema.SUCCESS_MESSAGE,
    )
    def post(self, request, pk):
        services.inquiry_resend_code(inquiry_id=parse_id(pk))
        return Response({"success": True, "message": "Verification code resent successfully"}, status=201)


class InquiryReplyView(InquiryMixin, ApiView):
    policies = {"POST": [("update", "Inquiry")]}
    audit_controller = "InquiriesController"
    audit_handlers = {"POST": "reply"}

    @doc(
        TAG,
        "Reply to an inquiry (owning landlord)",
        request=InquiryReplyInput,
        status=201,
        with_id=True,
        response=schema.INQUIRY_RESULT,
    )
    def post(self, request, pk):
        parse_id(pk)
        data = self.parse_body(InquiryReplyInput)
        inquiry = services.inquiry_reply(inquiry=self.get_inquiry(pk, action="update"), reply=data["reply"])
        item = inquiry_to_dict(inquiry, expand_place=True, with_address=False, expand_tenant=True)
        return Response(
            {"success": True, "data": {"inquiry": item}, "message": "Reply sent successfully"}, status=201
        )


class InquiryDetailView(InquiryMixin, ApiView):
    policies = {
        "GET": [("read", "Inquiry")],
        "PATCH": [("update", "Inquiry")],
        "DELETE": [("delete", "Inquiry")],
    }
    audit_controller = "InquiriesController"
    audit_handlers = {"GET": "findOne", "PATCH": "update", "DELETE": "remove"}

    @doc(TAG, "Get an inquiry (owning landlord)", with_id=True, response=schema.INQUIRY_RESULT)
    def get(self, request, pk):
        inquiry = self.get_inquiry(pk)
        return Response({"success": True, "data": {"inquiry": inquiry_to_dict(inquiry, expand_place=True)}})

    @doc(
        TAG,
        "Update an inquiry (owning landlord)",
        request=InquiryUpdateInput,
        with_id=True,
        response=schema.INQUIRY_RESULT,
        errors=(422,),
    )
    def patch(self, request, pk):
        parse_id(pk)
        data = self.parse_body(InquiryUpdateInput)
        inquiry = services.inquiry_update(inquiry=self.get_inquiry(pk, action="update"), data=data)
        return Response(
            {
                "success": True,
                "data": {"inquiry": inquiry_to_dict(inquiry, expand_place=True)},
                "message": "Inquiry updated successfully",
            }
        )

    @doc(TAG, "Delete an inquiry (soft; owning landlord)", status=204, with_id=True, empty=True)
    def delete(self, request, pk):
        services.inquiry_delete(inquiry=self.get_inquiry(pk, action="delete"))
        return Response(status=204)
