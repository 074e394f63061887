"""``email-templates:backfill`` of spec 00 section 16: upsert the shipped templates (idempotent)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.messaging.models import EmailTemplate


def shipped_templates() -> dict[str, dict[str, str]]:
    """``{name: {subject, html, text}}`` of every ``templates/email/<name>/`` folder."""
    root = Path(settings.BASE_DIR) / "templates" / "email"
    found = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = {name: folder / name for name in ("subject.txt", "body.html", "body.txt")}
        if not (files["subject.txt"].exists() and files["body.html"].exists()):
            continue
        found[folder.name] = {
            "subject": files["subject.txt"].read_text().strip(),
            "html": files["body.html"].read_text(),
            "text": files["body.txt"].read_text() if files["body.txt"].exists() else "",
        }
    return found


class Command(BaseCommand):
    help = "Upsert the email templates shipped under templates/email/ into the database."

    def handle(self, *args, **options):
        created = updated = unchanged = 0
        for name, fields in shipped_templates().items():
            row = EmailTemplate.objects.filter(name=name).first()
            if row is None:
                EmailTemplate.objects.create(name=name, **fields)
                created += 1
            elif any(getattr(row, key) != value for key, value in fields.items()):
                for key, value in fields.items():
                    setattr(row, key, value)
                row.save()
                updated += 1
            else:
                unchanged += 1
        self.stdout.write(f"Email templates: {created} created, {updated} updated, {unchanged} unchanged.")
