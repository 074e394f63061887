from django.core.management.base import BaseCommand

from apps.core.jobs import dispatch_pending


class Command(BaseCommand):
    help = "Dispatch pending background jobs (those Redis did not take, or that are due a retry)."

    def handle(self, *args, **options):
        count = dispatch_pending()
        self.stdout.write(f"Dispatched {count} job(s).")
