"""The programmes where a route ends, as one list: nearest to the school first.

`programmes_for_step()` lists the first PROGRAMMES_SHOWN programmes that fit or may
fit (see `candidates`), by distance only, each with its fit as a label; programmes
without a known place come last. It also counts the programmes left out because they
are for another profiel. The rule: only a bounded part of the programmes is read,
whatever their number, and the order is still exact. The sentences that describe the
order come from the list shown (`order_text`). How, and why:
docs/decisions/0029-nearest-programmes-search.md.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from programmes import places
from programmes.models import Module, Programme, ProgrammeContact, Province

from ..models import Step
from . import order_text
from .advice_map import advice_map
from .candidates import Candidates, Ring
from .data import Campus
from .order_text import NEAR, NO_PLACE, OUTSIDE_PROVINCE

# How many programmes the advice lists; the rest are one link away in the directory.
PROGRAMMES_SHOWN = 5

# How many of the nearest campuses the searches for programmes cover, one after the
# other while too few are found; the last search covers the whole country.
NEAREST_CAMPUSES = (32, 128)

# The sort key of a programme without any campus: after every campus.
NO_CAMPUS_KEY = (NO_PLACE, True, 0.0)


@dataclass
class ProgrammeMatch:
    programme: Programme
    fits: bool  # False: may fit, something is not known yet
    unknown: list = field(default_factory=list)  # what is not known (Dutch phrases)
    location: Campus | None = None  # the nearest campus
    place: places.Place | None = None  # where that campus is, if the place is known
    campus_of_institution: bool = False  # the campus is the hogeschool's, not the programme's
    distance_km: float | None = None
    in_province: bool = False
    labels: list = field(default_factory=list)  # (text, kind) pairs: the fit, in words
    contacts: list = field(default_factory=list)
    remaining_modules: list = field(default_factory=list)
    exemption_modules: list = field(default_factory=list)
    key: tuple = NO_CAMPUS_KEY  # the order: (group, no distance, distance), then id

    @property
    def missing(self):
        """Everything not known of the programme, for one unknowns line."""
        missing = [] if self.location else ["waar de opleiding is"]
        missing += self.unknown
        if not self.contacts:
            missing.append("wie de contactpersoon is")
        return missing


class Origin:
    """Where the school is: a place (distances in km) or only a province."""

    def __init__(self, place=None, province=""):
        self.place = place
        self.province = place.province if place else province
        centre = (place.latitude, place.longitude) if place else places.province_centre(province)
        self.centre = centre

    @property
    def province_name(self):
        return Province(self.province).label if self.province in Province.values else ""

    def distance(self, place):
        if self.centre is None or place is None:
            return None
        return places.distance_km(*self.centre, place.latitude, place.longitude)

    def campus_key(self, campus):
        """(sort key, distance in km or None, in the province, Place or None): nearest
        first; with only a province, the campuses in that province first."""
        place = _campus_place(campus.city, campus.province)
        distance = self.distance(place)
        in_province = campus.province == self.province
        group = NEAR if self.place is not None or in_province else OUTSIDE_PROVINCE
        return (group, distance is None, distance or 0.0), distance, in_province, place


@dataclass
class ProgrammeAdvice:
    """The programmes of one step for the advice page (and its summary)."""

    step: Step
    matches: list  # the ProgrammeMatch shown, in order: nearest first
    total: int  # the programmes that fit or may fit, shown or not
    other_profile: int  # left out: known to be for other profielen only
    origin: Origin
    profile_name: str  # the profiel's code (or name), "" without one
    nearest_fitting: ProgrammeMatch | None  # the nearest that fits for sure, maybe not shown
    directory_url: str  # the directory's nearby search, filtered on the profiel
    all_url: str  # every programme of the directory
    map_figure: object = None  # programmes.maps.MapFigure, or None

    @property
    def nearest(self):
        return self.matches[0] if self.matches else None

    @property
    def more(self):
        return self.total - len(self.matches)

    def order_sentences(self):
        """The sentences that say how the list is ordered, true for the list shown."""
        return order_text.order_sentences(self.matches, self.origin)

    @property
    def other_profile_sentence(self):
        return order_text.other_profile_sentence(self.other_profile, self.profile_name)


def ends_in_programmes(step, qualifications):
    """Whether a step is where a route meets the list of programmes: staff linked
    programmes to it, or it yields a qualification that programmes give."""
    return bool(step.linked_programmes) or step.yields_id in qualifications


# (place index, {(city, province): Place or None}); replaced, never cleared, so that
# threads reading it at the same time are safe.
_campus_places = (None, {})


def _campus_place(city, province):
    """places.place_for_location, remembered for as long as the place index is the same
    (every advice looks up every campus city; there are a few hundred)."""
    global _campus_places
    index = places.places()
    cached_index, found = _campus_places
    if cached_index is not index:
        found = {}
        _campus_places = (index, found)
    key = (city, province)
    if key not in found:
        found[key] = places.place_for_location(city, province)
    return found[key]


def ranked_campuses(origin, campuses):
    """Every campus (LoadedData.campuses) with its sort key, nearest first."""
    ranked = [(origin.campus_key(campus), campus) for campus in campuses]
    ranked.sort(key=lambda item: (item[0][0], item[1].pk))
    return ranked


def fit_labels(match, profile, linked):
    """The fit of a programme in words, as (text, kind) pairs; kind is for the style."""
    labels = []
    if match.fits:
        labels.append((f"past bij {profile}" if profile else "past bij deze stap", "fits"))
    else:
        if profile and "voor welke vmbo-profielen de opleiding is" in match.unknown:
            labels.append(("profiel nog niet bekend", "unknown"))
        if not linked and "welke bevoegdheid de opleiding geeft" in match.unknown:
            labels.append(("bevoegdheid nog niet bekend", "unknown"))
    if match.location is None:
        labels.append(("plaats nog niet bekend", "unknown"))
    return labels


class _Search:
    """The candidates found so far, each at its nearest campus."""

    def __init__(self, candidates, ranked):
        self.candidates = candidates
        self.campus_by_pk = {campus.pk: (key, campus) for key, campus in ranked}
        self.institution_campuses = {}
        for key, campus in ranked:
            self.institution_campuses.setdefault(campus.institution_id, []).append((key, campus))
        self.matches = {}
        self.others = set()  # ids of programmes known to be for other profielen

    def collect(self, rows):
        for pk, location_id, institution_id, qualification_id, for_profile, other in rows:
            if other:
                self.others.add(pk)
                continue
            if location_id is None:
                options = self.institution_campuses.get(institution_id, [])[:1]
            else:
                options = [self.campus_by_pk[location_id]]
            match = self.matches.get(pk)
            if match is None:
                unknown = self.candidates.unknown(qualification_id, for_profile)
                match = self.matches[pk] = ProgrammeMatch(
                    programme=pk,
                    fits=not unknown,
                    unknown=unknown,
                    campus_of_institution=location_id is None and bool(options),
                    key=(*NO_CAMPUS_KEY, pk),
                )
            for (key, distance, in_province, place), campus in options:
                if match.location is None or (key, campus.pk) < (match.key[:3], match.location.pk):
                    match.key = (*key, pk)
                    match.location = campus
                    match.place = place
                    match.distance_km = distance
                    match.in_province = in_province

    @property
    def found_fitting(self):
        return any(match.fits for match in self.matches.values())


def programmes_for_step(step, profile, origin, campuses):
    """The programmes where `step` ends, that fit or may fit `profile`, nearest first:
    the first PROGRAMMES_SHOWN, how many there are in all, and how many are left out
    because they are for another profiel.

    Six queries (at most eleven), and only a bounded part of the programmes is
    read: one count (not needed when the first search covers the whole country),
    every campus (a few hundred rows) ranked by its distance in Python, the
    programmes with a campus among the nearest NEAREST_CAMPUSES as compact rows (ids
    only), wider only while there are too few (or none that fits for sure, while
    one exists). A programme found near has its nearest campus among the near ones
    (every campus outside is further away), so the order is exact. Then the details
    (hogeschool, contacts, modules) of the programmes shown.
    """
    candidates = Candidates(step, profile)
    if not candidates.ends_here:
        return None
    ranked = ranked_campuses(origin, campuses)
    search = _Search(candidates, ranked)

    def limit_for(size):
        """The sort key of the last campus of the `size` nearest, or None for the whole
        country: also when that campus has no known distance (the campuses in places
        the toolkit does not know come after all others of their group, so a search
        that reaches them reads nearly everything anyway)."""
        if size is None or size >= len(ranked) or ranked[size - 1][0][0][1]:
            return None
        return ranked[size - 1][0][0]

    # Staff linked a handful of programmes: no need to search near first.
    sizes = (None,) if candidates.linked else (*NEAREST_CAMPUSES, None)
    first = limit_for(sizes[0])
    if first is None:
        # The first search is the whole country already (few campuses, as with the
        # seed, or linked programmes): it finds every candidate, and the programmes
        # for other profielen, so it gives the totals too, without the count query.
        search.collect(candidates.near(None, others=True))
        fitting_total = sum(1 for match in search.matches.values() if match.fits)
        total, other_profile = len(search.matches), len(search.others)
        sizes = ()
    else:
        fitting_total, possible_total, other_profile = candidates.totals()
        total = fitting_total + possible_total
    wanted = min(PROGRAMMES_SHOWN, total)
    kind = None  # None: every candidate; True: only those that fit for sure
    for size in sizes:
        limit = limit_for(size)
        if limit is None:
            # The whole country, and the programmes without a known campus (which,
            # like campuses in unknown places, come last).
            search.collect(candidates.near(None, kind))
            break
        near = [campus for (key, *_rest), campus in ranked if key <= limit]
        ring = Ring(
            campus_ids={campus.pk for campus in near},
            institution_ids={campus.institution_id for campus in near},
        )
        search.collect(candidates.near(ring, kind))
        if len(search.matches) < wanted:
            continue
        if fitting_total and not search.found_fitting:
            kind = True  # enough to show, but the nearest that fits is further away
            continue
        break

    ordered = sorted(search.matches.values(), key=lambda match: match.key)
    shown = ordered[:PROGRAMMES_SHOWN]
    nearest_fitting = next((match for match in ordered if match.fits), None)
    detailed = list(shown)
    if nearest_fitting is not None and all(nearest_fitting is not match for match in shown):
        detailed.append(nearest_fitting)
    _add_details(detailed)
    profile_name = (profile.code or profile.name) if profile else ""
    for match in detailed:
        match.labels = fit_labels(match, profile_name, candidates.linked)
    advice = ProgrammeAdvice(
        step=step,
        matches=shown,
        total=total,
        other_profile=other_profile,
        origin=origin,
        profile_name=profile_name,
        nearest_fitting=nearest_fitting,
        directory_url=directory_url(step, profile, origin, candidates.linked),
        all_url=reverse("programmes:programme_list"),
    )
    advice.map_figure = advice_map(advice)
    return advice


def directory_url(step, profile, origin, linked):
    """The directory's list of programmes for the profiel (and the step's qualification),
    nearest to the school's place first (`bij`, the directory's nearby search; with
    `bij_provincie` when places in other provinces have the same name)."""
    query = {}
    if origin.place is not None:
        query["bij"] = origin.place.name
        if len(places.find_places(origin.place.name)) > 1:
            query["bij_provincie"] = origin.place.province
    if profile:
        query["profiel"] = profile.slug
    if not linked and step.yields is not None:
        query["leidt_tot"] = step.yields.slug
    directory = reverse("programmes:programme_list")
    return directory + ("?" + urlencode(query) if query else "")


def _add_details(matches):
    """Name, hogeschool, contacts and modules of the programmes shown. Three queries."""
    if not matches:
        return
    pks = [match.programme for match in matches]
    by_pk = {
        programme.pk: programme
        for programme in Programme.objects.filter(pk__in=pks).select_related("institution")
    }
    by_programme = {pk: match for pk, match in zip(pks, matches, strict=True)}
    for match in matches:
        match.programme = by_pk[match.programme]
    for contact in ProgrammeContact.objects.filter(programme_id__in=pks).order_by("order", "pk"):
        by_programme[contact.programme_id].contacts.append(contact)
    for module in Module.objects.filter(programme_id__in=pks).order_by("order", "pk"):
        match = by_programme[module.programme_id]
        if module.exemption_possible:
            match.exemption_modules.append(module)
        else:
            match.remaining_modules.append(module)
