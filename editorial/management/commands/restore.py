"""Load a backup into an empty database (`make restore FILE=...`); see editorial/backups/."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from editorial.backups.contents import BackupError, describe
from editorial.backups.restoring import restore_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up (van manage.py backup) terug in een lege database, die met "
        "manage.py migrate is ingericht. Weigert een database die al gegevens bevat."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het back-upbestand, bijv. var/backups/toolkit-....tar.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="De database.")

    def handle(self, *args, file, database=DEFAULT_DB_ALIAS, **options):
        try:
            manifest = restore_backup(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Back-up teruggezet: {file}"))
        self.stdout.write(describe(manifest))
