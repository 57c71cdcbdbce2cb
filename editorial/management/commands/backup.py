"""Write a backup of the whole database (`make backup`); see editorial/backups/."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from editorial.backups.contents import BackupError, describe
from editorial.backups.making import make_backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de hele database in var/backups/toolkit-JJJJMMDD-UUMMSS.tar.gz. "
        "Terugzetten in een lege database: manage.py restore BESTAND."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="Het bestand om te schrijven (standaard in var/backups/)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="De database.")

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        try:
            path, manifest = make_backup(output, using=database)
        except (BackupError, OSError) as error:
            raise CommandError(f"De back-up is niet gemaakt: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Back-up geschreven: {path}"))
        self.stdout.write(describe(manifest))
