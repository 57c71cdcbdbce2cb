"""Load the toolkit's seed content into an empty database, or bring a database
that already holds content up to date with it.

An empty database gets the whole seed, all fixtures in one transaction. A database
with content keeps every staff edit: the seed only adds missing entries and fills
fields that are empty and were never filled (editorial/seed_update.py), and the
command lists what it left alone so staff can review it.
"""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.seed_update import update_from_seed
from editorial.versions import record_first_versions


def content_models():
    for app_label in settings.CONTENT_APPS:
        yield from apps.get_app_config(app_label).get_models()


def database_has_content() -> bool:
    return any(model.objects.exists() for model in content_models())


class Command(BaseCommand):
    help = (
        "Laadt de startinhoud van de toolkit in een lege database, of vult een database "
        "met inhoud aan met wat nieuw is, zonder iets te wijzigen dat de redactie aanpaste."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if database_has_content():
            with transaction.atomic():
                # A database from before the change history existed: give its entries
                # a first version first, so the state before the update can be
                # restored. Does nothing for a model that already has versions.
                written = record_first_versions()
                report = update_from_seed(settings.SEED_FIXTURES)
            if verbosity:
                self.stdout.write(
                    "De database bevat al inhoud; de startinhoud is niet opnieuw geladen, "
                    "alleen aangevuld met wat ontbrak."
                )
                if written:
                    self.stdout.write(f"Eerste versie vastgelegd van {written} onderdelen.")
                for line in report.lines():
                    self.stdout.write(line)
            return
        with transaction.atomic():
            call_command("loaddata", *settings.SEED_FIXTURES, verbosity=verbosity)
            # loaddata saves raw, which records no history; give every seeded entry its
            # first version ("created", many-to-many choices included), so staff can
            # always go back to the seed text.
            record_first_versions()
        self.stdout.write(self.style.SUCCESS("De startinhoud is geladen."))
