"""Feedback routes (spec 04 section 5): each user's own entries, and the public landing chat."""

from __future__ import annotations

from rest_framework.response import Response

from apps.core.views import ApiView
from apps.marketing import schema
from apps.marketing.feedback import selectors, services
from apps.marketing.feedback.presenters import feedback_to_dict
from apps.marketing.feedback.serializers import FeedbackCreateInput, FeedbackListQuery, LandingFeedbackInput
from apps.marketing.models import FeedbackEntry
from apps.marketing.schema import doc

TAG = "feedback"
MAX_LIST = 100
LANDING_MESSAGE = (
    "Thanks for sharing your feedback. We are processing it in the background and will factor it "
    "into how we shape MYTE Estates."
)


class FeedbackListView(ApiView):
    policies = {"GET": [("read", "Feedback")], "POST": [("create", "Feedback")]}
    audit_controller = "FeedbackController"

    @doc(
        TAG,
        "The caller's feedback entries, newest first (a plain array)",
        query=FeedbackListQuery,
        response=schema.FEEDBACK_ENTRY_LIST,
    )
    def get(self, request):
        limit = min(self.parse_query(FeedbackListQuery).validated_data["limit"], MAX_LIST)
        entries = selectors.feedback_list(user_id=self.principal.user_id, limit=limit)
        return Response([feedback_to_dict(entry) for entry in entries])

    @doc(
        TAG,
        "Submit feedback (analysed in the feedback-analysis queue)",
        request=FeedbackCreateInput,
        status=201,
        response=schema.FEEDBACK_ENTRY,
    )
    def post(self, request):
        data = self.parse_body(FeedbackCreateInput)
        entry = services.feedback_create(
            user=request.user, conversation=data["conversation"], priority=data.get("priority")
        )
        return Response(feedback_to_dict(entry), status=201)


class FeedbackDetailView(ApiView):
    policies = {"GET": [("read", "Feedback")]}
    audit_controller = "FeedbackController"
    audit_handlers = {"GET": "findOne"}

    @doc(TAG, "One of the caller's feedback entries", with_id=True, response=schema.FEEDBACK_ENTRY)
    def get(self, request, pk):
        return Response(feedback_to_dict(self.load(FeedbackEntry, pk, not_found="Feedback not found")))


class LandingFeedbackView(ApiView):
    public = True
    rate_limit = "5/minute"
    audit_controller = "FeedbackController"
    audit_handlers = {"POST": "landingAuto"}

    @doc(
        TAG,
        "Landing chat feedback (public; processed in the background)",
        request=LandingFeedbackInput,
        status=201,
        response=schema.LANDING_RESULT,
    )
    def post(self, request):
        data = self.parse_body(LandingFeedbackInput)
        services.landing_feedback_submit(
            email=data["email"],
            channel=data["channel"],
            name=data.get("name"),
            conversation=data["conversation"],
        )
        return Response({"status": "ok", "message": LANDING_MESSAGE}, status=201)
