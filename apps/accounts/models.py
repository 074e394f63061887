"""Users and the organizations they belong to (spec 02 section 1)."""

from __future__ import annotations

import bcrypt
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
from django.db import models

from apps.core.models import ScopedManager, ScopedModel, SoftDeleteModel
from apps.core.scope import Role, UserType, resolve_role

LEGACY_BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")


class UserManager(ScopedManager):
    use_in_migrations = False

    def get_by_natural_key(self, email):
        """Used by the Django admin login (no access scope there): reads unscoped."""
        return self.unscoped().get(email=str(email).strip().lower())


class User(AbstractBaseUser, PermissionsMixin, ScopedModel):
    """A person who signs in. Belongs to a Landlord, Tenant or Contractor organization."""

    access_subject = "User"

    class UserTypes(models.TextChoices):
        LANDLORD = UserType.LANDLORD
        TENANT = UserType.TENANT
        CONTRACTOR = UserType.CONTRACTOR
        ADMIN = UserType.ADMIN

    class Roles(models.TextChoices):
        SUPER_ADMIN = Role.SUPER_ADMIN
        LANDLORD_ADMIN = Role.LANDLORD_ADMIN
        LANDLORD_STAFF = Role.LANDLORD_STAFF
        TENANT = Role.TENANT
        CONTRACTOR = Role.CONTRACTOR

    username = models.CharField(max_length=64, unique=True)
    first_name = models.CharField(max_length=50)
    last_name = models.CharField(max_length=50)
    email = models.EmailField(max_length=254, unique=True)
    phone = models.CharField(max_length=40, blank=True, default="")
    user_type = models.CharField(max_length=16, choices=UserTypes.choices)
    organization_id = models.UUIDField(null=True, blank=True)
    is_primary = models.BooleanField(default=False)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    role = models.CharField(max_length=16, choices=Roles.choices, null=True, blank=True)
    # No longer written: the lockout is keyed by email and client address, unknown emails
    # included (apps.accounts.login_lockout). Kept for the records of earlier versions.
    failed_login_attempts = models.PositiveIntegerField(default=0)
    lockout_expires_at = models.DateTimeField(null=True, blank=True)
    is_disabled = models.BooleanField(default=False)
    #: raised by a password reset, logout-all, deletion or disabling: access tokens carry the
    #: version they were issued under and older ones stop working at once
    token_version = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    profile_picture = models.CharField(max_length=1000, blank=True, default="")
    allow_neighbors_to_message = models.BooleanField(default=True)
    allow_group_chat_invites = models.BooleanField(default=True)
    blocked_users = models.JSONField(default=list, blank=True)
    muted_threads = models.JSONField(default=list, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["username", "first_name", "last_name", "user_type"]

    class Meta:
        db_table = "users"
        indexes = [
            models.Index(fields=["organization_id", "user_type"], name="user_org_type"),
            models.Index(fields=["deleted", "-created_at"], name="user_deleted_created"),
        ]

    def __str__(self) -> str:
        return f"{self.username} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.is_superuser = self.role == Role.SUPER_ADMIN
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "is_superuser" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "is_superuser"]
        super().save(*args, **kwargs)

    @property
    def effective_role(self) -> str | None:
        return resolve_role(stored_role=self.role, user_type=self.user_type, is_primary=self.is_primary)

    @property
    def is_staff(self) -> bool:
        """Django admin access: stored role SuperAdmin only."""
        return self.role == Role.SUPER_ADMIN and not self.is_disabled

    @property
    def is_active(self) -> bool:
        return not self.is_disabled and not self.deleted

    def check_password(self, raw_password: str) -> bool:
        """Argon2 (current) and the original's bare bcrypt hashes, upgraded on success."""
        encoded = self.password or ""
        if encoded.startswith(LEGACY_BCRYPT_PREFIXES):
            try:
                valid = bcrypt.checkpw(raw_password.encode(), encoded.encode())
            except ValueError:
                return False
            if valid:
                self.set_password(raw_password)
                if self.pk and not self._state.adding:
                    type(self).objects.unscoped().filter(pk=self.pk).update(password=self.password)
            return valid
        return super().check_password(raw_password)


class Organization(models.Model):
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Landlord(Organization, SoftDeleteModel):
    """A landlord organization: the tenancy boundary of the platform."""

    stripe_config = models.JSONField(null=True, blank=True)
    payment_settings = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "landlords"


class Tenant(Organization, ScopedModel):
    """A tenant organization (household, company); linked to the landlords it rents from."""

    access_subject = "Tenant"
    invitation_context = models.JSONField(default=dict, blank=True)
    landlords = models.ManyToManyField(Landlord, related_name="tenants", blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "tenants"


class Contractor(Organization, ScopedModel):
    """A contractor organization; linked to the landlords it works for."""

    access_subject = "Contractor"
    category = models.CharField(max_length=100)
    landlords = models.ManyToManyField(Landlord, related_name="contractors", blank=True)

    objects = ScopedManager()

    class Meta:
        db_table = "contractors"


class Session(SoftDeleteModel):
    """A refresh-token session (spec 02 section 1.6). Only the token's hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions", db_index=True)
    refresh_token_hash = models.CharField(max_length=128, unique=True)
    ip = models.CharField(max_length=200, blank=True, default="")
    user_agent = models.CharField(max_length=500, blank=True, default="")
    expires_at = models.DateTimeField(db_index=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "sessions"
        indexes = [models.Index(fields=["user", "revoked"], name="session_user_revoked")]


class PasswordReset(SoftDeleteModel):
    """A password-reset token (1 hour). Only the token's hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_resets")
    token_hash = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)
    used = models.BooleanField(default=False)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "passwordresets"


class VerificationToken(SoftDeleteModel):
    """An email-verification link token and 6-digit code (24 hours); hashes only."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verification_tokens")
    token_hash = models.CharField(max_length=128, unique=True)
    code_hash = models.CharField(max_length=128, db_index=True)
    expires_at = models.DateTimeField(db_index=True)
    used = models.BooleanField(default=False)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "verificationtokens"


class Invitation(ScopedModel):
    """An invitation to join as a tenant, contractor or landlord staff (spec 02 section 1.5).

    Unlike the original, an invitation records the landlord organization it was sent for, so that
    landlords see and manage only their own invitations (spec README rule 1).
    """

    access_subject = "Invitation"

    class EntityType(models.TextChoices):
        TENANT = "tenant"
        CONTRACTOR = "contractor"
        LANDLORD_STAFF = "landlord-staff"

    class Status(models.TextChoices):
        PENDING = "pending"
        ACCEPTED = "accepted"
        EXPIRED = "expired"
        REVOKED = "revoked"

    invited_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations_sent")
    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True
    )
    entity_type = models.CharField(max_length=20, choices=EntityType.choices)
    email = models.EmailField(max_length=254)
    entity_data = models.JSONField(default=dict, blank=True)
    invitation_token = models.CharField(max_length=128, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "invitations"
        indexes = [
            models.Index(fields=["landlord", "status"], name="invitation_landlord_status"),
            models.Index(fields=["email"], name="invitation_email"),
        ]
