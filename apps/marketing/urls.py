from django.urls import path

from apps.marketing.inquiries import views as inquiries

app_name = "marketing"

urlpatterns = [
    path("inquiries", inquiries.InquiryListView.as_view(), name="inquiry-list"),
    path("inquiries/contact", inquiries.InquiryContactView.as_view(), name="inquiry-contact"),
    path("inquiries/contact/verify", inquiries.InquiryVerifyView.as_view(), name="inquiry-verify"),
    path("inquiries/contact/<str:pk>/resend", inquiries.InquiryResendView.as_view(), name="inquiry-resend"),
    path("inquiries/<str:pk>/reply", inquiries.InquiryReplyView.as_view(), name="inquiry-reply"),
    path("inquiries/<str:pk>", inquiries.InquiryDetailView.as_view(), name="inquiry-detail"),
]
