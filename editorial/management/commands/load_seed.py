"""Load the toolkit's seed content, but only into an empty database.

Staff edit the content in the admin; a second `make run` must never overwrite
those edits. So the seed is loaded only when none of the content tables holds a
row, all fixtures in one transaction.
"""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.versions import record_first_versions


def content_models():
    for app_label in settings.CONTENT_APPS:
        yield from apps.get_app_config(app_label).get_models()


def database_has_content() -> bool:
    return any(model.objects.exists() for model in content_models())


class Command(BaseCommand):
    help = "Laadt de startinhoud van de toolkit, alleen in een lege database."

    def handle(self, *args, **options):
        if database_has_content():
            self.stdout.write(
                "De database bevat al inhoud; de startinhoud is niet opnieuw geladen."
            )
            # A database from before the change history existed: give its entries a
            # first version, so the state before the first edit can be restored.
            # Does nothing for a model that already has versions.
            if written := record_first_versions():
                self.stdout.write(f"Eerste versie vastgelegd van {written} onderdelen.")
            return
        with transaction.atomic():
            call_command("loaddata", *settings.SEED_FIXTURES, verbosity=options["verbosity"])
            # loaddata saves raw, which records no history; give every seeded entry its
            # first version ("created", many-to-many choices included), so staff can
            # always go back to the seed text.
            record_first_versions()
        self.stdout.write(self.style.SUCCESS("De startinhoud is geladen."))
