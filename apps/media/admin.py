from django.contrib import admin

from apps.core.admin import UnscopedAdmin
from apps.media.models import Media


@admin.register(Media)
class MediaAdmin(UnscopedAdmin):
    list_display = ("created_at", "name", "model_type", "model_id", "collection_name", "type", "disk", "size")
    list_filter = ("model_type", "collection_name", "type", "disk")
    search_fields = ("name", "file_name", "path")
    readonly_fields = (
        "model_type",
        "model_id",
        "landlord",
        "uploaded_by",
        "file_name",
        "mime_type",
        "size",
        "type",
        "disk",
        "path",
    )
    ordering = ("-created_at",)

    def delete_model(self, request, obj):
        from apps.media.services import media_delete

        media_delete(media=obj)

    def delete_queryset(self, request, queryset):
        from apps.media.services import media_delete

        for media in queryset:
            media_delete(media=media)
