"""The Routewijzer's pages: the questionnaire, the advice, and place suggestions.

The route itself comes from `routefinder.find_route`, a pure function; this module
loads the data it needs (a fixed number of queries, whatever the amount of data),
and then finds the teacher-training programmes where the route ends, nearest first.

Where a route ends in a programme
---------------------------------
A step "ends in a programme" when staff linked programmes to it (`Step.programmes`),
or when it yields a qualification that programmes give (`Programme.qualification`).
A programme *fits* when it gives that qualification (or is linked) and trains for
the chosen profiel. When the toolkit does not know a programme's qualification or
profielen yet, the programme *may fit*: it is listed after the ones that fit, with
what is unknown, so the school can ask. Programmes known to be for other profielen
are left out. Within each group the nearest comes first: the distance from the
school's place to the programme's nearest campus (its own locations, else those of
its hogeschool), as the crow flies. With only a province, campuses in that province
come first, then the rest by distance from the province's centre.

What the advice shows of them, and how it stays fast (decided for issue "fast advice")
--------------------------------------------------------------------------------------
The advice lists PROGRAMMES_SHOWN (5) programmes that fit and 5 that may fit, the
nearest first, each in full (contacts, modules). Below each list the page says how
many more there are and links to the directory: filtered on profiel and
qualification for those that fit; the whole directory for those that may fit (the
directory cannot filter on "not known yet"). One query counts both groups.

Only what is shown is loaded. Every campus (Location, a few hundred rows) is read as
a compact row and ranked in Python by its distance from the school. Then only the
candidates with a campus among the NEAREST_CAMPUSES[0] (32) nearest are read, as id
rows (programme, campus, hogeschool, qualification, for the profiel), with the
conditions in the database and each query led by its selective condition (which
campuses); status and qualification are written so that SQLite does not drive the
query through their unselective indexes. When that finds too few of a kind, the
search widens to 128 campuses, then to the whole country, for the short kind only.
The order is exact: a programme found near has its nearest campus among the near
ones, and every programme not found is further away. Programmes without a campus of
their own use their hogeschool's campuses; programmes without any campus come last
(they are only read when the whole country is). Then three queries fetch the 10
programmes shown with their hogeschool, contacts and modules.

Queries: 9 at seed size (28 for the first advice after a change of the content, see
below), whatever the number of programmes; at most 4 more when the search has to
widen. The route data (`load_route_data`) reads compact rows instead of prefetched
instances where the advice needs no model instance (transitions, which
rules and programmes belong to a step, a prior learning's steps), and every rule
once. Campus places are looked up once per process (`_campus_place`).

The route data is the same for every candidate, so it is kept in memory per content
version (pagecache/memo.py), with every campus and the qualifications that published
programmes give: read at the first advice after a change of the content (28
queries), then one small query per advice. An advice then takes 9 queries.
"""

import functools
import operator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, In
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from editorial.status import PublicationStatus
from pagecache.memo import per_content_version
from programmes.models import Location, Module, Programme, ProgrammeContact, Province, Qualification
from publicpages.addresses import canonical_url

from . import places, routefinder
from .forms import RoutewijzerForm
from .models import EducationLevel, Pathway, PriorLearning, Role, Rule, Step, StepOffer, Transition

# How many programmes of each kind (fit, may fit) the advice lists; the rest are
# one link away in the directory.
PROGRAMMES_SHOWN = 5


# --- Loading the data --------------------------------------------------------------


@dataclass
class LoadedData:
    """The route data for the pure function, and the model instances to render."""

    route_data: routefinder.RouteData
    steps: dict  # step id -> Step (providers, funders, offers prefetched; advice_rules,
    # linked_programmes (ids of published programmes) and advice_transitions added)
    pathways: dict  # pathway id -> Pathway
    roles: dict  # slug -> Role
    prior_learning: dict  # slug -> PriorLearning
    rules: dict  # slug -> Rule, the rules of the published steps
    campuses: tuple = ()  # every Location as a Campus (see _ranked_campuses)
    given_qualifications: frozenset = frozenset()  # ids of qualifications programmes give


def load_route_data():
    """Published routes with everything the advice shows. Seventeen queries, whatever
    the amount of data. Where the advice needs no model instance (which step leads to
    which, which rules and programmes belong to a step), compact rows are read instead
    of prefetched instances, which is cheaper."""
    pathways = list(Pathway.objects.published())
    steps = list(
        Step.objects.filter(pathway__in=[pathway.pk for pathway in pathways])
        .select_related("yields", "leads_to_role")
        .prefetch_related(
            "providers",
            "provider_institutions",
            "funders",
            Prefetch(
                "offers",
                queryset=StepOffer.objects.select_related(
                    "institution", "organisation"
                ).prefetch_related("profiles"),
            ),
        )
        .order_by("order", "pk")
    )
    step_ids = [step.pk for step in steps]
    # Every rule once, with its sources; then which step and which job each belongs to.
    all_rules = list(Rule.objects.prefetch_related("sources"))
    rule_by_pk = {rule.pk: rule for rule in all_rules}
    rule_rank = {rule.pk: rank for rank, rule in enumerate(all_rules)}

    def rules_per(links):
        grouped = {}
        for owner_id, rule_id in links:
            grouped.setdefault(owner_id, []).append(rule_id)
        return {
            owner_id: [rule_by_pk[pk] for pk in sorted(pks, key=rule_rank.__getitem__)]
            for owner_id, pks in grouped.items()
        }

    step_rules = rules_per(
        Rule.steps.through.objects.filter(step_id__in=step_ids)
        .order_by()
        .values_list("step_id", "rule_id")
    )
    role_rules = rules_per(Rule.roles.through.objects.order_by().values_list("role_id", "rule_id"))
    # The published programmes linked to a step. The status is checked here, not in the
    # database: there SQLite would start from (nearly) all published programmes.
    linked_programmes = {}
    for step_id, programme_id, status in (
        Step.programmes.through.objects.filter(step_id__in=step_ids)
        .order_by()
        .values_list("step_id", "programme_id", "programme__status")
    ):
        if status == PublicationStatus.PUBLISHED:
            linked_programmes.setdefault(step_id, set()).add(programme_id)
    transitions_out = {}
    for transition in (
        Transition.objects.filter(from_step_id__in=step_ids)
        .order_by("order", "to_step_id")
        .values_list("from_step_id", "to_step_id", "credits", "order", named=True)
    ):
        transitions_out.setdefault(transition.from_step_id, []).append(transition)
    steps_of = {}
    for step in steps:
        step.advice_rules = step_rules.get(step.pk, [])
        step.linked_programmes = linked_programmes.get(step.pk, set())
        step.advice_transitions = transitions_out.get(step.pk, [])
        steps_of.setdefault(step.pathway_id, []).append(step)
    roles = {
        role.slug: role
        for role in Role.objects.select_related("required_qualification").prefetch_related(
            "also_accepted_qualifications"
        )
    }
    for role in roles.values():
        role.advice_rules = role_rules.get(role.pk, [])
    prior = {entry.slug: entry for entry in PriorLearning.objects.select_related("qualification")}
    # A prior learning's steps in the order of the steps (Step's ordering: by route,
    # then order); steps of routes that are not published come last.
    pathway_rank = {pathway.pk: rank for rank, pathway in enumerate(pathways)}
    in_order = sorted(steps, key=lambda step: (pathway_rank[step.pathway_id], step.order, step.pk))
    step_rank = {step.pk: (0, rank) for rank, step in enumerate(in_order)}
    prior_steps = {}
    for entry_id, step_id in PriorLearning.steps.through.objects.order_by().values_list(
        "priorlearning_id", "step_id"
    ):
        prior_steps.setdefault(entry_id, []).append(step_id)
    for entry in prior.values():
        entry.step_ids = tuple(
            sorted(prior_steps.get(entry.pk, []), key=lambda pk: step_rank.get(pk, (1, pk)))
        )
    step_models = {}
    pathway_data = []
    for pathway in pathways:
        step_data = []
        transitions = []
        for step in steps_of.get(pathway.pk, []):
            step.pathway = pathway  # for get_absolute_url, without a query
            step_models[step.pk] = step
            step_data.append(
                routefinder.StepData(
                    id=step.pk,
                    pathway_id=pathway.pk,
                    title=step.title,
                    order=step.order,
                    yields=step.yields.slug if step.yields else "",
                    leads_to_role=step.leads_to_role.slug if step.leads_to_role else "",
                    min_education=step.min_education,
                    min_experience_years=step.min_experience_years,
                    alternative_min_education=step.alternative_min_education,
                    alternative_min_experience_years=step.alternative_min_experience_years,
                    alternative_note=step.alternative_note,
                    rules=tuple(rule.slug for rule in step.advice_rules),
                )
            )
            transitions.extend(
                routefinder.TransitionData(
                    from_id=transition.from_step_id,
                    to_id=transition.to_step_id,
                    credits=transition.credits,
                    order=transition.order,
                )
                for transition in step.advice_transitions
            )
        pathway_data.append(
            routefinder.PathwayData(
                id=pathway.pk,
                name=pathway.name,
                order=pathway.order,
                steps=tuple(step_data),
                transitions=tuple(transitions),
            )
        )
    route_data = routefinder.RouteData(
        pathways=tuple(pathway_data),
        roles={
            slug: routefinder.RoleData(
                slug=slug,
                name=role.routewijzer_label or role.name,
                required_qualification=(
                    role.required_qualification.slug if role.required_qualification else ""
                ),
                also_accepted=tuple(q.slug for q in role.also_accepted_qualifications.all()),
                needed_above_hours=role.qualification_needed_above_hours,
                fallback=next(
                    (other.slug for other in roles.values() if other.pk == role.fallback_role_id),
                    "",
                ),
            )
            for slug, role in roles.items()
        },
        prior_learning={
            slug: routefinder.PriorLearningData(
                slug=slug,
                name=entry.name,
                steps=entry.step_ids,
                qualification=entry.qualification.slug if entry.qualification else "",
            )
            for slug, entry in prior.items()
        },
    )
    return LoadedData(
        route_data=route_data,
        steps=step_models,
        pathways={pathway.pk: pathway for pathway in pathways},
        roles=roles,
        prior_learning=prior,
        rules={rule.slug: rule for step in step_models.values() for rule in step.advice_rules},
        campuses=_all_campuses(),
        given_qualifications=_given_qualifications(),
    )


# --- Programmes where a route ends, nearest first ------------------------------------


@dataclass(frozen=True)
class Campus:
    """A location (vestiging), as far as the advice needs it."""

    pk: int
    city: str
    province: str
    institution_id: int


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


def _given_qualifications():
    """The ids of the qualifications that published programmes give. One query, that
    looks up each qualification in the index instead of reading every programme."""
    given = Programme.objects.published().filter(qualification_id=OuterRef("pk"))
    return frozenset(
        Qualification.objects.filter(Exists(given)).order_by().values_list("pk", flat=True)
    )


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


def _ranked_campuses(origin, campuses):
    """Every campus (LoadedData.campuses) with its sort key, nearest first."""
    ranked = [(origin.campus_key(campus), campus) for campus in campuses]
    ranked.sort(key=lambda item: (item[0][0], item[1].pk))
    return ranked


def _all_campuses():
    """Every campus, as compact rows. One query."""
    return tuple(
        Campus(*row)
        for row in Location.objects.order_by().values_list("pk", "city", "province", "institution")
    )


class _Candidates:
    """The published programmes where a step ends, that fit or may fit a profiel, as
    database conditions (nothing is loaded here).

    `conditions(prefix)` gives them for a query on programmes (prefix "") or on
    programme-location links (prefix "programme__"). Each query puts its cheap,
    indexed condition (which campuses) first, so the database checks the profielen
    of a few programmes only.
    """

    def __init__(self, step, profile):
        self.linked = step.linked_programmes  # published programmes staff linked
        self.yields_id = step.yields_id
        self.profile = profile
        self.ends_here = bool(self.linked) or step.yields_id is not None

    def _profile_links(self, prefix):
        pk = OuterRef(f"{prefix}pk" if prefix else "pk")
        return Programme.profiles.through.objects.filter(programme_id=pk)

    def for_profile(self, prefix=""):
        """Whether a programme is known to train for the profiel (True without one)."""
        if not self.profile:
            return Value(True)
        return Exists(self._profile_links(prefix).filter(vocationalprofile_id=self.profile.pk))

    def conditions(self, prefix=""):
        # Status and qualification are written so that no index on them is used: they
        # select most programmes, and SQLite (without statistics) would otherwise read
        # all of those through that index instead of using the selective condition
        # that each query puts first (which campuses, which hogescholen).
        conditions = [Exact(Coalesce(F(f"{prefix}status"), Value("")), PublicationStatus.PUBLISHED)]
        if self.linked:
            conditions.append(Q(**{f"{prefix}pk__in": self.linked}))
        else:
            if prefix:
                # The qualification, or none known (0: no qualification has that id).
                conditions.append(
                    In(Coalesce(F(f"{prefix}qualification_id"), Value(0)), [self.yields_id, 0])
                )
            else:  # counting all candidates: here the index on the qualification helps
                conditions.append(
                    Q(qualification_id=self.yields_id) | Q(qualification__isnull=True)
                )
        if self.profile:
            # Known to be for this profiel, or no profielen known; never for others.
            conditions.append(Q(self.for_profile(prefix)) | ~Exists(self._profile_links(prefix)))
        return conditions

    def fits(self, prefix=""):
        """The condition for "fits" (the others may fit), or None when all fit."""
        fits = []
        if self.profile:
            fits.append(Q(self.for_profile(prefix)))
        if not self.linked:
            fits.append(Q(**{f"{prefix}qualification__isnull": False}))
        return functools.reduce(operator.and_, fits) if fits else None

    def totals(self):
        """(fitting, may fit). One query."""
        queryset = Programme.objects.order_by().filter(*self.conditions())
        fits = self.fits()
        if fits is None:
            return queryset.count(), 0
        counts = queryset.aggregate(total=Count("pk"), fitting=Count("pk", filter=fits))
        return counts["fitting"], counts["total"] - counts["fitting"]

    def unknown(self, qualification_id, for_profile):
        unknown = []
        if self.profile and not for_profile:
            unknown.append(_("voor welke vmbo-profielen de opleiding is"))
        if not self.linked and qualification_id is None:
            unknown.append(_("welke bevoegdheid de opleiding geeft"))
        return unknown

    def _accepts(self, pk, status, qualification_id, for_profile, any_profile, kind):
        """conditions() and fits(), in Python, for a programme read as values."""
        if status != PublicationStatus.PUBLISHED:
            return False
        if self.linked:
            if pk not in self.linked:
                return False
        elif qualification_id not in (self.yields_id, None):
            return False
        if self.profile and any_profile and not for_profile:
            return False
        return kind is None or kind == (not self.unknown(qualification_id, for_profile))

    def near(self, ring, kind=None):
        """The candidates with a campus in `ring` (None: anywhere, also without a
        campus), as (programme id, own campus id or None, institution id,
        qualification id, for the profiel). `kind`: True for those that fit only,
        False for those that may fit only. Two compact queries (no model instances),
        each led by its selective condition (which campuses, which hogescholen).
        """
        prefix = "programme__"
        links = Programme.locations.through.objects.order_by()
        own = links
        # Programmes without a campus of their own (rare): those of the ring's
        # hogescholen, checked in Python, so the database needs no other index.
        without_own = Programme.objects.order_by().filter(
            ~Exists(links.filter(programme_id=OuterRef("pk")))
        )
        if ring is not None:
            own = own.filter(location_id__in=ring.campus_ids)
            without_own = without_own.filter(institution_id__in=ring.institution_ids)
        if self.linked:
            without_own = without_own.filter(pk__in=self.linked)
        own = own.filter(*self.conditions(prefix))
        fits = self.fits(prefix)
        if kind is not None and fits is not None:
            own = own.filter(fits if kind else ~fits)
        rows = list(
            own.annotate(matches_profile=self.for_profile(prefix)).values_list(
                "programme_id",
                "location_id",
                "programme__institution_id",
                "programme__qualification_id",
                "matches_profile",
            )
        )
        without_own = without_own.annotate(
            matches_profile=self.for_profile(), any_profile=Exists(self._profile_links(""))
        ).values_list(
            "pk", "status", "institution_id", "qualification_id", "matches_profile", "any_profile"
        )
        for pk, status, institution_id, qualification_id, for_profile, any_profile in without_own:
            if self._accepts(pk, status, qualification_id, for_profile, any_profile, kind):
                rows.append((pk, None, institution_id, qualification_id, for_profile))
        return rows


@dataclass
class _Ring:
    campus_ids: set
    institution_ids: set


# How many of the nearest campuses the searches for programmes cover, one after the
# other while too few are found; the last search covers the whole country.
NEAREST_CAMPUSES = (32, 128)


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
    contacts, modules) of the programmes shown. See the module docstring.
    """
    candidates = _Candidates(step, profile)
    if not candidates.ends_here:
        return None
    ranked = _ranked_campuses(origin, campuses)
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
        ring = _Ring(
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


# --- Presenting the advice ------------------------------------------------------------


def present_advice(advice, loaded, profile=None):
    """The advice with the model instances each part needs for its page, as plain
    dicts for the template (which cannot look up a step by its id)."""
    if advice is None:
        return None

    def offers_of(step):
        offers = []
        for offer in step.offers.all():
            offer_profiles = list(offer.profiles.all())
            fits = None if not offer_profiles or profile is None else profile in offer_profiles
            offers.append({"offer": offer, "profiles": offer_profiles, "fits": fits})
        # Offers for the chosen profiel first, then those without profielen.
        return sorted(offers, key=lambda item: {True: 0, None: 1, False: 2}[item["fits"]])

    def rules_of(slugs):
        return [loaded.rules[slug] for slug in slugs if slug in loaded.rules]

    def present_route(route):
        return {
            "route": route,
            "rules": rules_of(route.rules),
            "pathway": loaded.pathways[route.pathway.id],
            "steps": [
                {
                    "item": item,
                    "step": loaded.steps[item.step.id],
                    "offers": offers_of(loaded.steps[item.step.id]),
                    "rules": rules_of(item.check.rules if item.check else ()),
                }
                for item in route.steps
            ],
            "next_steps": [
                {
                    "item": item,
                    "step": loaded.steps[item.step.id],
                    "rules": rules_of(item.check.rules),
                }
                for item in route.next_steps
            ],
        }

    role = loaded.roles[advice.role.slug]
    qualifications = {}
    if role.required_qualification:
        qualifications[role.required_qualification.slug] = role.required_qualification
    for qualification in role.also_accepted_qualifications.all():
        qualifications[qualification.slug] = qualification
    return {
        "advice": advice,
        "role": role,
        "role_name": advice.role.name,
        "needed": [qualifications[slug] for slug in advice.needed if slug in qualifications],
        "best": present_route(advice.best) if advice.best else None,
        "others": [present_route(route) for route in advice.routes[1:]],
        "excluded": [present_route(route) for route in advice.excluded],
        "fallback": present_advice(advice.fallback, loaded, profile),
    }


# --- Views -------------------------------------------------------------------------


def error_summary(form):
    """(message, anchor) for every error, in the order of the form's fields."""
    summary = []
    for name, bound in form._bound_items():
        if name == "gedaan":
            widget_id = "gedaan"
        elif bound.use_fieldset:
            # A group of radio buttons: the first option, as GOV.UK does, so a
            # click on the message lands on a control.
            widget_id = f"{bound.auto_id}_0"
        else:
            widget_id = bound.auto_id
        for error in bound.errors:
            summary.append((error, widget_id))
    for error in form.non_field_errors():
        summary.append((error, "routewijzer-vragen"))
    return summary


def initial_from_query(query):
    """The answers in a shared address, to fill in the questionnaire again."""
    initial = {name: query.get(name) for name in RoutewijzerForm.base_fields if name in query}
    if "gedaan" in query:
        initial["gedaan"] = query.getlist("gedaan")
    return initial


class RoutewijzerFormMixin:
    def form_context(self, form):
        return {
            "form": form,
            "prior_learning": list(PriorLearning.objects.all()),
            "errors": error_summary(form) if form.is_bound else [],
        }


class RoutewijzerView(RoutewijzerFormMixin, TemplateView):
    """The questionnaire. Answers in the address (from "Antwoorden wijzigen") are
    filled in; the answers are checked on the advice page."""

    template_name = "pathways/routewijzer_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RoutewijzerForm(initial=initial_from_query(self.request.GET))
        context.update(self.form_context(form))
        context["checked_prior"] = set(self.request.GET.getlist("gedaan"))
        return context


class AdviceView(RoutewijzerFormMixin, TemplateView):
    """The advice for the answers in the address; with a bad or missing answer,
    the questionnaire again, with a message beside each field to fix."""

    template_name = "pathways/routewijzer_advice.html"
    form_template_name = "pathways/routewijzer_form.html"

    def get(self, request, *args, **kwargs):
        form = RoutewijzerForm(request.GET)
        if not form.is_valid():
            context = self.form_context(form)
            context["checked_prior"] = set(request.GET.getlist("gedaan"))
            return self.response_class(
                request=request,
                template=[self.form_template_name],
                context=context,
                using=self.template_engine,
            )
        return self.render_to_response(self.advice_context(form))

    def advice_context(self, form):
        data = form.cleaned_data
        loaded = per_content_version("pathways.routewijzer", load_route_data)
        answers = routefinder.Answers(
            education=data["opleiding"],
            experience_years=data["ervaring"],
            done=frozenset(entry.slug for entry in data["gedaan"]),
            role=data["functie"].slug,
            hours=data["uren"],
            profile=data["profiel"].slug if data["profiel"] else "",
        )
        advice = routefinder.find_route(answers, loaded.route_data)
        origin = Origin(place=form.place, province=data["provincie"])
        programme_advice = None
        route = advice.best or (advice.fallback.best if advice.fallback else None)
        if route is not None:
            for step in self._programme_steps(route, loaded):
                programme_advice = programmes_for_step(
                    step, data["profiel"], origin, loaded.campuses
                )
                if programme_advice is not None:
                    break
        done = list(data["gedaan"])
        return {
            "form": form,
            "answers": data,
            "done": done,
            "exemption_notes": [entry for entry in done if entry.exemption_note],
            "education_name": EducationLevel(data["opleiding"]).label,
            "shown": present_advice(advice, loaded, data["profiel"]),
            "advice": advice,
            "loaded": loaded,
            "origin": origin,
            "province_name": Province(origin.province).label if origin.province else "",
            "programme_advice": programme_advice,
            "employer_pathway": loaded.pathways[route.pathway.id] if route else None,
            "rules": self._rules(advice, loaded),
            "change_url": reverse("pathways:routewijzer") + "?" + self.request.GET.urlencode(),
            "share_url": canonical_url(self.request, self.request.get_full_path()),
        }

    @staticmethod
    def _programme_steps(route, loaded):
        """The route's last step, then its next steps: where programmes may be."""
        steps = [loaded.steps[route.goal.id]]
        steps += [loaded.steps[next_step.step.id] for next_step in route.next_steps]
        for step in steps:
            if ends_in_programmes(step, loaded.given_qualifications):
                yield step

    @staticmethod
    def _rules(advice, loaded):
        """The rules for the chosen job and for the steps the advice mentions, once each."""
        rules = {}
        role = loaded.roles[advice.role.slug]
        for rule in role.advice_rules:
            rules.setdefault(rule.pk, rule)
        mentioned = []
        for group in (advice.routes[:1], advice.excluded):
            for route in group:
                mentioned.extend(route_step.step.id for route_step in route.steps)
                mentioned.extend(next_step.step.id for next_step in route.next_steps)
        for step_id in mentioned:
            for rule in loaded.steps[step_id].advice_rules:
                rules.setdefault(rule.pk, rule)
        return sorted(rules.values(), key=lambda rule: (rule.order, rule.title))


def place_suggestions(request):
    """Place names for the search-as-you-type list of the questionnaire (JSON)."""
    query = request.GET.get("q", "")[:100]
    found = places.suggest(query)
    response = JsonResponse(
        {"plaatsen": [{"naam": place.name, "provincie": place.province_name} for place in found]}
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
