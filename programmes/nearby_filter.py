"""The directory's distance parameters for one request: `bij` (the school's place),
`bij_provincie` (which one, when several places have that name) and `straal` (25, 50
or 100 km).

NearbyFilter reads them leniently, as ProgrammeFilterSet reads the other filters: what
it understands goes into the canonical query, the rest becomes one Dutch notice and is
left out, so the other filters still apply. The parameters are in the README ("Filters
in het adres"); the choices made: docs/decisions/0043-directory-by-distance.md.
"""

import unicodedata

from . import place_search, places
from .models import Province
from .nearby import RADII, NearbySearch

PLACE_MAX_LENGTH = 100
UNKNOWN_HINT = "We kennen alleen plaatsen in Nederland. Controleer de spelling."


class NearbyFilter:
    """What `bij`, `bij_provincie` and `straal` ask for, understood or not."""

    def __init__(self, data, catalogue, ignore):
        self.place = None  # the Place, once understood
        self.radius = None  # km, one of RADII
        self.typed = ""  # the name as typed, when it was not understood
        self.message = ""  # why not, for beside the field
        self.message_field = ""  # "bij" or "bij_provincie"
        self.provinces = ()  # Province values to choose from, for a name in several
        self.search = None  # NearbySearch, once the place is known
        self._read(data, ignore)
        if self.place is not None:
            self.search = NearbySearch(catalogue, self.place)

    def _read(self, data, ignore):
        names = [_clean(value) for value in data.getlist("bij")]
        names = [name for name in names if name]
        raw_names = [value for value in data.getlist("bij") if value.strip()]
        radius = self._read_radius(data, ignore)
        if not names:
            if raw_names:
                ignore("Bij ‘In welke plaats staat uw school?’ staat geen plaatsnaam.")
            if radius is not None:
                ignore("Een afstand werkt alleen met een plaats. Vul de plaats van uw school in.")
            return
        name = names[0]
        if len({places.normalise(other) for other in names}) > 1:
            ignore(f"U kunt één plaats tegelijk kiezen. We zoeken bij ‘{_shortened(name)}’.")
        if len(name) > PLACE_MAX_LENGTH:
            ignore(f"Een plaatsnaam is korter dan {PLACE_MAX_LENGTH} tekens. Vul een kortere in.")
            self.typed = _shortened(name, PLACE_MAX_LENGTH)
            self.message = ignore.last
            self.message_field = "bij"
            return
        province = _clean(data.get("bij_provincie", ""))
        if province and _province_value(province) is None:
            ignore(f"We kennen de provincie ‘{_shortened(province)}’ niet.")
            province = ""
        resolution = place_search.resolve_place(name, unknown_hint=UNKNOWN_HINT)
        if resolution.place is None and province and resolution.provinces:
            # Several places have this name: the province says which one.
            resolution = place_search.resolve_place(name, province, unknown_hint=UNKNOWN_HINT)
        self.provinces = resolution.provinces
        if resolution.place is None:
            message = resolution.message.replace(f"‘{name}’", f"‘{_shortened(name)}’")
            ignore(message)
            self.typed = _shortened(name, PLACE_MAX_LENGTH)
            self.message = message
            self.message_field = "bij_provincie" if resolution.field == "provincie" else "bij"
            if radius is not None:
                self.radius = None
            return
        self.place = resolution.place
        self.radius = radius

    def _read_radius(self, data, ignore):
        values = [value.strip() for value in data.getlist("straal") if value.strip()]
        if not values:
            return None
        if len(set(values)) > 1:
            ignore("U kunt één afstand tegelijk kiezen. We gebruiken de eerste.")
        value = values[0].removesuffix("km").strip()
        if value.isdigit() and int(value) in RADII:
            return int(value)
        ignore(
            f"We kennen de afstand ‘{_shortened(values[0])}’ niet. Kies 25, 50 of 100 km, "
            "of laat de afstand open."
        )
        return None

    # What the page shows ----------------------------------------------------

    @property
    def ambiguous(self):
        """Whether more provinces have a place with this name (then the form asks which)."""
        return len(self.provinces) > 1

    @property
    def place_label(self):
        """'Zwolle', or 'Hengelo (Gelderland)' when the name alone does not say which."""
        if self.place is None:
            return ""
        if self.ambiguous:
            return f"{self.place.name} ({self.place.province_name})"
        return self.place.name

    def query_items(self):
        """The understood parameters, canonical: [(name, value), ...]."""
        if self.place is None:
            return []
        items = [("bij", self.place.name)]
        if self.ambiguous:
            items.append(("bij_provincie", self.place.province))
        if self.radius is not None:
            items.append(("straal", str(self.radius)))
        return items

    def describe(self):
        """'bij Zwolle' or 'binnen 50 km van Zwolle', for the list's name."""
        if self.radius is not None:
            return f"binnen {self.radius} km van {self.place_label}"
        return f"bij {self.place_label}"

    def chip_label(self):
        label = f"Bij {self.place_label}"
        return f"{label}, binnen {self.radius} km" if self.radius is not None else label

    def province_choices(self):
        """The choices of the province select: only the provinces that have a place
        with the typed name."""
        return [("", "Kies een provincie")] + [
            (value, Province(value).label) for value in self.provinces
        ]


class Notices:
    """A callable that passes a notice on and remembers the last one."""

    def __init__(self, add):
        self.add = add
        self.last = ""

    def __call__(self, message):
        self.last = message
        self.add(message)


def _province_value(text):
    key = places.normalise(text).replace(" ", "-")
    return key if key in Province.values else None


def _clean(text):
    """The text without control characters (such as %00) and with single spaces."""
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C")
    return " ".join(text.split())


def _shortened(text, length=40):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
