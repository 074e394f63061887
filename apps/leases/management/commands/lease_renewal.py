"""``manage.py lease_renewal process|preview``: automatic lease renewal (spec 05 section 7.2).

Dry run unless ``--no-dry-run`` is given (or ``RENEWAL_DRY_RUN=false``); ``preview`` is always dry.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from apps.core.audit import audit_system
from apps.core.scope import system_scope
from apps.leases.renewals import RenewalConfig, process


class Command(BaseCommand):
    help = "Renew ACTIVE leases with autoRenewal that end within the renewal window."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["process", "preview"])
        parser.add_argument("--no-dry-run", action="store_true", help="really renew (process only)")
        parser.add_argument("-d", "--days", type=int, help="renewal window in days (RENEWAL_WINDOW_DAYS)")
        parser.add_argument(
            "-i", "--increase", type=str, help="default rent increase %% (DEFAULT_RENT_INCREASE_PERCENTAGE)"
        )
        parser.add_argument("-b", "--batch-size", type=int, help="leases per batch (RENEWAL_BATCH_SIZE)")
        parser.add_argument(
            "-t", "--term-months", type=int, help="renewal term (DEFAULT_RENEWAL_TERM_MONTHS)"
        )

    def handle(self, *args, **options):
        config = RenewalConfig()
        if options["days"] is not None:
            config.window_days = options["days"]
        if options["increase"] is not None:
            try:
                config.default_increase = Decimal(options["increase"])
            except ArithmeticError:
                raise CommandError("--increase must be a number") from None
        if options["batch_size"] is not None:
            config.batch_size = options["batch_size"]
        if options["term_months"] is not None:
            config.term_months = options["term_months"]
        if options["action"] == "preview":
            config.dry_run = True
        elif options["no_dry_run"]:
            config.dry_run = False
        action = f"LeaseRenewalService.{'previewRenewals' if options['action'] == 'preview' else 'processAutoRenewals'}"
        with system_scope():
            result = process(config)
            audit_system(
                action,
                dryRun=config.dry_run,
                processed=result["processed"],
                successful=result["successful"],
                failed=result["failed"],
            )
        self.stdout.write(json.dumps(result, cls=DjangoJSONEncoder, indent=2))
        if result["failed"]:
            raise CommandError(f"{result['failed']} lease(s) could not be renewed")
