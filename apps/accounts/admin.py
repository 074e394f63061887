"""Django admin pages for identity records (staff only, every organization)."""

from django.contrib import admin
from django.utils import timezone

from apps.accounts.models import Contractor, Landlord, Session, Tenant, User
from apps.accounts.revocation import user_credentials_revoke, user_sockets_close
from apps.core.admin import ReadOnlyAdmin, UnscopedAdmin


@admin.register(User)
class UserAdmin(UnscopedAdmin):
    list_display = ("email", "username", "user_type", "role", "is_primary", "organization_id", "created_at")
    list_filter = ("user_type", "role", "is_primary", "is_disabled")
    search_fields = ("email", "username", "first_name", "last_name")
    ordering = ("-created_at",)
    exclude = ("password", "groups", "user_permissions")
    readonly_fields = ("last_login", "created_at", "updated_at", "email_verified_at")

    def save_model(self, request, obj, form, change):
        """Disabling a user here ends its sessions, access tokens and open sockets at once."""
        disabling = change and "is_disabled" in form.changed_data and obj.is_disabled
        if disabling:
            obj.disabled_at = timezone.now()
        super().save_model(request, obj, form, change)
        if disabling:
            user_credentials_revoke(user=obj)

    def delete_model(self, request, obj):
        user_id = obj.pk
        super().delete_model(request, obj)
        user_sockets_close(user_id)

    def delete_queryset(self, request, queryset):
        user_ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for user_id in user_ids:
            user_sockets_close(user_id)


@admin.register(Landlord)
class LandlordAdmin(UnscopedAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
    exclude = ("stripe_config",)


@admin.register(Tenant)
class TenantAdmin(UnscopedAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
    filter_horizontal = ("landlords",)


@admin.register(Contractor)
class ContractorAdmin(UnscopedAdmin):
    list_display = ("name", "category", "created_at")
    list_filter = ("category",)
    search_fields = ("name",)
    filter_horizontal = ("landlords",)


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    """Refresh sessions, read-only; the token hash is never shown. Revoke through the API."""

    list_display = ("user", "ip", "user_agent", "created_at", "expires_at", "revoked", "revoked_at")
    list_filter = ("revoked",)
    search_fields = ("user__email", "ip")
    ordering = ("-created_at",)
    list_select_related = ("user",)
    exclude = ("refresh_token_hash",)
    readonly_fields = ("user", "ip", "user_agent", "expires_at", "revoked", "revoked_at")
