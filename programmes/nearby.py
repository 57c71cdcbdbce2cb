"""The directory by distance (/opleidingen/?bij=Zwolle): how far each programme's
nearest campus is from the school's place, in memory.

The campus positions are worked out once per content version, from the catalogue's
campus rows and the offline gazetteer (programmes/places.py), and kept with the
catalogue (``Catalogue.derived``); a request only computes the distances, without a
query. The rule, as in the Routewijzer: a programme without campuses of its own is
placed at its hogeschool's campuses, which is less sure; one with neither has no
known place and goes last. Why: docs/decisions/0043-directory-by-distance.md.
"""

from dataclasses import dataclass

from . import places

# The radii (km) the directory offers; any other value is ignored with a notice.
RADII = (25, 50, 100)

OWN = "own"  # the programme's own campus
INSTITUTION = "institution"  # a campus of the programme's hogeschool


@dataclass(frozen=True)
class Positions:
    """Every campus place once (``points``: (latitude, longitude, name)), and per
    programme id the kind of its campuses and the indexes of their points."""

    points: tuple[tuple[float, float, str], ...]
    programmes: dict[int, tuple[str, tuple[int, ...]]]
    # The same, grouped for speed: the ids of the programmes whose campuses are all in
    # one place, per point; and (id, indexes) of the others.
    at_point: tuple[tuple[int, ...], ...] = ()
    spread: tuple[tuple[int, tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class Distance:
    """How far one programme is: km to its nearest campus (None: place not known)."""

    km: float | None
    kind: str | None = None  # OWN or INSTITUTION
    city: str = ""  # the nearest campus's place
    latitude: float | None = None
    longitude: float | None = None

    @property
    def label(self):
        return distance_label(self.km)

    @property
    def of_institution(self):
        return self.kind == INSTITUTION


def distance_label(km):
    """'ongeveer 12 km' (whole km, half up), 'minder dan 1 km', or '' when unknown."""
    if km is None:
        return ""
    whole = whole_km(km)
    return "minder dan 1 km" if km < 1 else f"ongeveer {whole} km"


def whole_km(km):
    """km rounded half up to a whole number (Python's round() rounds half to even)."""
    return int(km + 0.5)


def positions(catalogue):
    """The campus positions of the catalogue's programmes, built once per content version."""
    return catalogue.derived(("nearby-positions",), lambda: _build_positions(catalogue))


def _build_positions(catalogue):
    point_of = {}  # Place -> index in points
    points = []
    found = {}  # (city, province) -> Place or None

    def indexes(campuses):
        result = []
        for city, province in campuses:
            key = (city, province)
            if key not in found:
                found[key] = places.place_for_location(city, province)
            place = found[key]
            if place is None:
                continue
            if place not in point_of:
                point_of[place] = len(points)
                points.append((place.latitude, place.longitude, place.name))
            if point_of[place] not in result:
                result.append(point_of[place])
        return tuple(result)

    programmes = {}
    for pk in catalogue.all_ids:
        own = indexes(catalogue.campuses.get(pk, ()))
        if own:
            programmes[pk] = (OWN, own)
            continue
        institution = catalogue.institution_of.get(pk)
        shared = indexes(catalogue.institution_campuses.get(institution, ()))
        if shared:
            programmes[pk] = (INSTITUTION, shared)
    at_point = [[] for _point in points]
    spread = []
    for pk, (_kind, point_indexes) in programmes.items():
        if len(point_indexes) == 1:
            at_point[point_indexes[0]].append(pk)
        else:
            spread.append((pk, point_indexes))
    return Positions(
        tuple(points), programmes, tuple(tuple(pks) for pks in at_point), tuple(spread)
    )


class NearbySearch:
    """The distances from one place to every programme of a catalogue."""

    def __init__(self, catalogue, place):
        self.place = place
        self.positions = positions(catalogue)
        lat, lon = place.latitude, place.longitude
        point_km = [
            places.distance_km(lat, lon, p_lat, p_lon)
            for p_lat, p_lon, _name in self.positions.points
        ]
        # pk -> km to the nearest campus, and the index of that campus's point: per
        # point at once for the programmes in one place (dict.fromkeys runs in C).
        self._km = {}
        self._best = {}
        for index, pks in enumerate(self.positions.at_point):
            if pks:
                self._km.update(dict.fromkeys(pks, point_km[index]))
                self._best.update(dict.fromkeys(pks, index))
        for pk, indexes in self.positions.spread:
            best = min(indexes, key=point_km.__getitem__)
            self._km[pk] = point_km[best]
            self._best[pk] = best
        self.unknown_ids = catalogue.all_ids - self._km.keys()

    def order(self, default_order):
        """The ids of `default_order`, nearest first; ties keep the default order
        (the sort is stable) and programmes without a known place come last."""
        km = self._km
        known = sorted((pk for pk in default_order if pk in km), key=km.__getitem__)
        return known + [pk for pk in default_order if pk not in km]

    def within(self, radius):
        """The ids of the programmes whose nearest campus is at most `radius` km away."""
        return frozenset(pk for pk, km in self._km.items() if km <= radius)

    def distance(self, pk):
        """The Distance of one programme."""
        km = self._km.get(pk)
        if km is None:
            return Distance(None)
        kind = self.positions.programmes[pk][0]
        lat, lon, name = self.positions.points[self._best[pk]]
        return Distance(km, kind, name, lat, lon)

    def nearest(self, pk):
        """(km, kind, place name) of one programme, or None: Distance without the
        object, for the thousands of rows of the CSV."""
        km = self._km.get(pk)
        if km is None:
            return None
        return km, self.positions.programmes[pk][0], self.positions.points[self._best[pk]][2]
