"""Check every external address the site shows and record, per address, whether it works.

Run it now and then (for example weekly from cron). Results show in the admin:
"Linkcontroles", and the "linkcontrole" filter on programmes, websites,
hogescholen, organisations, resources, offers and sources.

A broken link is a finding, not a failure of the command: it exits 0 and says
in Dutch how many addresses it checked and how many did not work.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from editorial.linkcheck.addresses import (
    collect_urls,
    record_result,
    unused_results_count,
    urls_to_check,
)
from editorial.linkcheck.checking import DEFAULT_TIMEOUT, DEFAULT_WORKERS, check_urls

MAX_WORKERS = 16


class Command(BaseCommand):
    help = (
        "Controleert alle externe links van de site (websites van opleidingen, hogescholen "
        "en organisaties, hulpbronnen, aanbod en bronnen) en bewaart per adres of het werkt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT,
            help=f"Hoeveel seconden wachten op een antwoord (standaard {DEFAULT_TIMEOUT}).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=DEFAULT_WORKERS,
            help=(
                f"Hoeveel adressen tegelijk (standaard {DEFAULT_WORKERS}, hoogstens {MAX_WORKERS})."
            ),
        )
        parser.add_argument(
            "--only-broken",
            action="store_true",
            help="Alleen de adressen die bij de vorige controle niet werkten.",
        )
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAGEN",
            help=(
                "Alleen adressen die nog nooit of langer dan DAGEN dagen geleden "
                "zijn gecontroleerd."
            ),
        )

    def handle(self, *args, **options):
        timeout = options["timeout"]
        workers = options["workers"]
        older_than = options["older_than"]
        if timeout <= 0:
            raise CommandError("--timeout moet meer dan 0 seconden zijn.")
        if not 1 <= workers <= MAX_WORKERS:
            raise CommandError(f"--workers moet tussen 1 en {MAX_WORKERS} liggen.")
        if older_than is not None and older_than < 0:
            raise CommandError("--older-than moet 0 of meer dagen zijn.")

        checked_before = None
        if older_than is not None:
            checked_before = timezone.now() - datetime.timedelta(days=older_than)
        all_urls = collect_urls()
        urls = urls_to_check(
            all_urls, only_broken=options["only_broken"], checked_before=checked_before
        )
        verbosity = options["verbosity"]
        if not urls:
            self.stdout.write("Geen adressen om te controleren.")
            return

        checked = broken = answered = 0
        for result in check_urls(urls, timeout=timeout, workers=workers):
            record_result(result, timezone.now())
            checked += 1
            answered += result.status_code is not None
            if not result.ok:
                broken += 1
                if verbosity >= 1:
                    self.stdout.write(f"✗ {result.url}: {result.error}")
            elif verbosity >= 2:
                redirect = f" → {result.final_url}" if result.redirected else ""
                self.stdout.write(f"✓ {result.url}{redirect}")

        summary = (
            f"{checked} {'adres' if checked == 1 else 'adressen'} gecontroleerd, "
            f"{broken} {'werkt' if broken == 1 else 'werken'} niet."
        )
        self.stdout.write(self.style.WARNING(summary) if broken else self.style.SUCCESS(summary))
        if checked > 1 and not answered:
            # Then the fault is more likely here than at every website at once.
            self.stdout.write(
                self.style.WARNING(
                    "Geen enkele server gaf antwoord. Controleer de internetverbinding "
                    "van deze server en voer de controle daarna opnieuw uit."
                )
            )

        unused = unused_results_count(all_urls)
        if unused and verbosity >= 1:
            self.stdout.write(
                f"{unused} opgeslagen {'resultaat hoort' if unused == 1 else 'resultaten horen'} "
                "bij een adres dat de site niet meer toont. U kunt ze in het beheer verwijderen "
                "(Linkcontroles)."
            )
