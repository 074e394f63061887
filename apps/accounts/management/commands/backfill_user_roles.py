"""``manage.py backfill_user_roles``: store the resolved role on users without one (spec 00 section 16)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import Q

from apps.accounts.models import User
from apps.core.scope import UserType, resolve_role, system_scope

BATCH = 500


def roles_backfill() -> dict[str, int]:
    """Give every user with no stored role its derived role; idempotent."""
    updated = skipped = 0
    queryset = User.objects.including_deleted().filter(Q(role__isnull=True) | Q(role=""))
    total = queryset.count()
    for user in queryset.order_by("created_at").iterator(chunk_size=BATCH):
        if user.user_type not in UserType.ALL:
            skipped += 1
            continue
        role = resolve_role(stored_role=None, user_type=user.user_type, is_primary=user.is_primary)
        # conditional update: a role stored meanwhile is left alone
        changed = (
            User.objects.including_deleted()
            .filter(Q(role__isnull=True) | Q(role=""), pk=user.pk)
            .update(role=role, is_superuser=role == "SuperAdmin")
        )
        if changed:
            updated += 1
        else:
            skipped += 1
    return {"updated": updated, "skipped": skipped, "total": total}


class Command(BaseCommand):
    help = "Store the resolved role on every user that has none."

    def handle(self, *args, **options):
        with system_scope():
            result = roles_backfill()
        self.stdout.write(
            f"Roles backfilled: updated={result['updated']} skipped={result['skipped']} total={result['total']}"
        )
