"""``manage.py seed_admin``: create the platform's SuperAdmin once (spec 00 section 16).

Outside production the account defaults to ``admin@example.com`` / ``password123`` (the original's
seeder). In production ``ADMIN_EMAIL`` and ``ADMIN_PASSWORD`` are required and the default password
is refused. Running it again changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.accounts.models import User
from apps.core.scope import Role, UserType, system_scope

DEFAULT_EMAIL = "admin@example.com"
DEFAULT_PASSWORD = "password123"


def admin_seed(*, email: str, password: str, username: str) -> tuple[User, bool]:
    """The admin user with ``email``, created when missing; ``(user, created)``."""
    email = email.strip().lower()
    existing = User.objects.including_deleted().filter(email=email).first()
    if existing is not None:
        return existing, False
    user = User(
        username=username,
        first_name="System",
        last_name="Admin",
        email=email,
        phone="+1000000000",
        user_type=UserType.ADMIN,
        role=Role.SUPER_ADMIN,
        is_primary=True,
        email_verified_at=timezone.now(),
    )
    user.set_password(password)
    user.save()
    return user, True


class Command(BaseCommand):
    help = "Create the SuperAdmin account if it does not exist."

    def handle(self, *args, **options):
        email = settings.ADMIN_EMAIL
        password = settings.ADMIN_PASSWORD
        if settings.IS_PRODUCTION:
            if not email or not password:
                raise CommandError("In production set ADMIN_EMAIL and ADMIN_PASSWORD to seed the admin.")
            if password == DEFAULT_PASSWORD or len(password) < 12:
                raise CommandError("ADMIN_PASSWORD must not be the default and needs at least 12 characters.")
        email = email or DEFAULT_EMAIL
        password = password or DEFAULT_PASSWORD
        username = settings.ADMIN_USERNAME or "admin"
        with system_scope():
            if (
                User.objects.including_deleted()
                .filter(username=username)
                .exclude(email=email.lower())
                .exists()
            ):
                username = f"{username}-{email.split('@')[0]}"[:64]
            user, created = admin_seed(email=email, password=password, username=username)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Admin user {user.email} created."))
        else:
            self.stdout.write(f"Admin user {user.email} already exists.")
