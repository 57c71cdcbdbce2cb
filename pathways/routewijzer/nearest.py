"""The programmes where a route ends, nearest to the school first.

`programmes_for_step()` lists the first PROGRAMMES_SHOWN programmes that fit and that
may fit (see `candidates`), each group nearest first, and how many there are in all.
The rule: only a bounded part of the programmes is read, whatever their number, and
the order is still exact. How, and why: docs/decisions/0029-nearest-programmes-search.md.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from programmes import places
from programmes.models import Module, Programme, ProgrammeContact

from ..models import Step
from .candidates import Candidates, Ring
from .data import Campus

# How many programmes of each kind (fit, may fit) the advice lists; the rest are
# one link away in the directory.
PROGRAMMES_SHOWN = 5

# How many of the nearest campuses the searches for programmes cover, one after the
# other while too few are found; the last search covers the whole country.
NEAREST_CAMPUSES = (32, 128)


@dataclass
class ProgrammeMatch:
    programme: Programme
    fits: bool  # False: may fit, something is not known yet
    unknown: list = field(default_factory=list)  # what is not known (Dutch phrases)
    location: Campus | None = None  # the nearest campus
    campus_of_institution: bool = False  # the campus is the hogeschool's, not the programme's
    distance_km: float | None = None
    in_province: bool = False
    contacts: list = field(default_factory=list)
    remaining_modules: list = field(default_factory=list)
    exemption_modules: list = field(default_factory=list)
    key: tuple = ()  # the order: nearest first, then by id

    @property
    def missing(self):
        """Everything not known of the programme, for one unknowns line."""
        missing = [] if self.location else ["waar de opleiding is"]
        missing += self.unknown
        if not self.contacts:
            missing.append("wie de contactpersoon is")
        return missing


@dataclass
class ProgrammeAdvice:
    step: Step
    fitting: list
    possible: list
    fitting_total: int
    possible_total: int
    directory_url: str  # the directory, filtered on what fits
    all_url: str  # every programme of the directory

    @property
    def fitting_more(self):
        return self.fitting_total - len(self.fitting)

    @property
    def possible_more(self):
        return self.possible_total - len(self.possible)


def ends_in_programmes(step, qualifications):
    """Whether a step is where a route meets the list of programmes: staff linked
    programmes to it, or it yields a qualification that programmes give."""
    return bool(step.linked_programmes) or step.yields_id in qualifications


class Origin:
    """Where the school is: a place (distances in km) or only a province."""

    def __init__(self, place=None, province=""):
        self.place = place
        self.province = place.province if place else province
        centre = (place.latitude, place.longitude) if place else places.province_centre(province)
        self.centre = centre

    def distance(self, place):
        if self.centre is None or place is None:
            return None
        return places.distance_km(*self.centre, place.latitude, place.longitude)

    def campus_key(self, campus):
        """(sort key, distance in km or None, in the province): nearest first; with
        only a province, the campuses in that province first."""
        distance = self.distance(_campus_place(campus.city, campus.province))
        in_province = campus.province == self.province
        key = (self.place is None and not in_province, distance is None, distance or 0.0)
        return key, distance, in_province


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


def programmes_for_step(step, profile, origin, campuses):
    """The programmes where `step` ends, that fit or may fit `profile`, nearest first:
    the first PROGRAMMES_SHOWN of each kind, and how many there are in all.

    Six queries (at most eleven), and only a bounded part of the programmes is
    read: one count (not needed when the first search covers the whole country),
    every campus (a few hundred rows) ranked by its distance in
    Python, the programmes with a campus among the nearest NEAREST_CAMPUSES as
    compact rows (ids only), wider only while there are too few of a kind. A
    programme found near has its nearest campus among the near ones (every campus
    outside is further away), so the order is exact. Then the details (hogeschool,
    contacts, modules) of the programmes shown.
    """
    candidates = Candidates(step, profile)
    if not candidates.ends_here:
        return None
    ranked = ranked_campuses(origin, campuses)
    campus_by_pk = {campus.pk: (key, campus) for key, campus in ranked}
    institution_campuses = {}
    for key, campus in ranked:
        institution_campuses.setdefault(campus.institution_id, []).append((key, campus))

    matches = {}
    # The sort key of a programme without any campus: after every campus.
    no_campus = (origin.place is None, True, 0.0)

    def collect(rows):
        for pk, location_id, institution_id, qualification_id, for_profile in rows:
            if location_id is None:
                options = institution_campuses.get(institution_id, [])[:1]
            else:
                options = [campus_by_pk[location_id]]
            match = matches.get(pk)
            if match is None:
                unknown = candidates.unknown(qualification_id, for_profile)
                match = matches[pk] = ProgrammeMatch(
                    programme=pk,
                    fits=not unknown,
                    unknown=unknown,
                    campus_of_institution=location_id is None and bool(options),
                    key=(*no_campus, pk),
                )
            for (key, distance, in_province), campus in options:
                if match.location is None or (key, campus.pk) < (match.key[:3], match.location.pk):
                    match.key = (*key, pk)
                    match.location = campus
                    match.distance_km = distance
                    match.in_province = in_province

    def limit_for(size):
        return ranked[size - 1][0][0] if size is not None and size < len(ranked) else None

    # Staff linked a handful of programmes: no need to search near first.
    sizes = (None,) if candidates.linked else (*NEAREST_CAMPUSES, None)
    first = limit_for(sizes[0])
    if first is None or first >= no_campus:
        # The first search is the whole country already (few campuses, as with the
        # seed, or linked programmes): it finds every candidate, so it gives the totals
        # too, without the count query.
        collect(candidates.near(None))
        fitting_total = sum(1 for match in matches.values() if match.fits)
        possible_total = len(matches) - fitting_total
        sizes = ()
    else:
        fitting_total, possible_total = candidates.totals()
    wanted = (min(PROGRAMMES_SHOWN, fitting_total), min(PROGRAMMES_SHOWN, possible_total))
    kind = None  # which kind to look for: None both, True those that fit, False the others
    for size in sizes:
        limit = limit_for(size)
        if limit is None or limit >= no_campus:
            # The whole country, and the programmes without a known campus (which,
            # like campuses in unknown places, come last).
            collect(candidates.near(None, kind))
            break
        near = [campus for (key, *_rest), campus in ranked if key <= limit]
        ring = Ring(
            campus_ids={campus.pk for campus in near},
            institution_ids={campus.institution_id for campus in near},
        )
        collect(candidates.near(ring, kind))
        found_fitting = sum(1 for match in matches.values() if match.fits)
        short_fitting = found_fitting < wanted[0]
        short_possible = len(matches) - found_fitting < wanted[1]
        if not (short_fitting or short_possible):
            break
        # Wider, for the kind that is short only.
        kind = short_fitting if short_fitting != short_possible else None

    ordered = sorted(matches.values(), key=lambda match: match.key)
    fitting = [match for match in ordered if match.fits][:PROGRAMMES_SHOWN]
    possible = [match for match in ordered if not match.fits][:PROGRAMMES_SHOWN]
    _add_details(fitting + possible)
    directory = reverse("programmes:programme_list")
    query = {}
    if profile:
        query["profiel"] = profile.slug
    if not candidates.linked and step.yields is not None:
        query["leidt_tot"] = step.yields.slug
    return ProgrammeAdvice(
        step=step,
        fitting=fitting,
        possible=possible,
        fitting_total=fitting_total,
        possible_total=possible_total,
        directory_url=directory + ("?" + urlencode(query) if query else ""),
        all_url=directory,
    )


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
