"""Django admin for staff: inquiries, feed posts, feedback entries and subscribers."""

from django.contrib import admin

from apps.core.admin import UnscopedAdmin
from apps.marketing.models import FeedbackEntry, FeedPost, Inquiry, Subscriber


@admin.register(Inquiry)
class InquiryAdmin(UnscopedAdmin):
    list_display = (
        "inquiry_type",
        "status",
        "name",
        "email",
        "property",
        "landlord",
        "deleted",
        "created_at",
    )
    list_filter = ("inquiry_type", "status", "deleted")
    search_fields = ("name", "email", "phone", "message")
    list_select_related = ("property", "landlord")
    raw_id_fields = ("landlord", "tenant", "property", "unit")
    #: the code's hash is never shown, not even to staff
    exclude = ("verification_code_hash",)
    ordering = ("-created_at",)


@admin.register(FeedPost)
class FeedPostAdmin(UnscopedAdmin):
    list_display = ("title", "property", "landlord", "upvotes", "downvotes", "deleted", "created_at")
    list_filter = ("deleted",)
    search_fields = ("title", "description")
    list_select_related = ("property", "landlord")
    raw_id_fields = ("property", "landlord")
    ordering = ("-created_at",)


@admin.register(FeedbackEntry)
class FeedbackEntryAdmin(UnscopedAdmin):
    list_display = ("user_email", "priority", "status", "analyzed_at", "created_at")
    list_filter = ("status", "priority")
    search_fields = ("user_email", "failure_reason")
    raw_id_fields = ("user",)
    readonly_fields = ("analysis", "analyzed_at", "failure_reason")
    ordering = ("-created_at",)


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "last_channel", "last_sentiment", "last_feedback_at")
    search_fields = ("email", "name")
    ordering = ("-last_feedback_at",)
