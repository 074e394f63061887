from django.urls import path

from apps.marketing.feed import views as feed
from apps.marketing.feedback import views as feedback
from apps.marketing.inquiries import views as inquiries

app_name = "marketing"

urlpatterns = [
    path("inquiries", inquiries.InquiryListView.as_view(), name="inquiry-list"),
    path("inquiries/contact", inquiries.InquiryContactView.as_view(), name="inquiry-contact"),
    path("inquiries/contact/verify", inquiries.InquiryVerifyView.as_view(), name="inquiry-verify"),
    path("inquiries/contact/<str:pk>/resend", inquiries.InquiryResendView.as_view(), name="inquiry-resend"),
    path("inquiries/<str:pk>/reply", inquiries.InquiryReplyView.as_view(), name="inquiry-reply"),
    path("inquiries/<str:pk>", inquiries.InquiryDetailView.as_view(), name="inquiry-detail"),
    path("feed-posts", feed.FeedPostListView.as_view(), name="feed-post-list"),
    path("feed-posts/<str:pk>/vote", feed.FeedPostVoteView.as_view(), name="feed-post-vote"),
    path("feed-posts/<str:pk>/poll/vote", feed.FeedPostPollVoteView.as_view(), name="feed-post-poll-vote"),
    path("feed-posts/<str:pk>", feed.FeedPostDetailView.as_view(), name="feed-post-detail"),
    path("feedback", feedback.FeedbackListView.as_view(), name="feedback-list"),
    path("feedback/landing/auto", feedback.LandingFeedbackView.as_view(), name="feedback-landing"),
    path("feedback/<str:pk>", feedback.FeedbackDetailView.as_view(), name="feedback-detail"),
]
