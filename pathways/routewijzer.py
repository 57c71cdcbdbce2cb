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
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from programmes.models import (
    Location,
    Module,
    Programme,
    ProgrammeContact,
    Province,
)
from toolkit_site.context_processors import canonical_url

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
    steps: dict  # step id -> Step (with providers, funders, offers, rules prefetched)
    pathways: dict  # pathway id -> Pathway
    roles: dict  # slug -> Role
    prior_learning: dict  # slug -> PriorLearning
    rules: dict  # slug -> Rule, the rules of the published steps


def load_route_data():
    """Published routes with everything the advice shows. Twelve queries."""
    offers = StepOffer.objects.select_related("institution", "organisation").prefetch_related(
        "profiles"
    )
    steps = (
        Step.objects.select_related("yields", "leads_to_role")
        .prefetch_related(
            "providers",
            "provider_institutions",
            "funders",
            Prefetch("offers", queryset=offers),
            Prefetch("rules", queryset=Rule.objects.prefetch_related("sources")),
            Prefetch("programmes", queryset=Programme.objects.published().only("pk")),
        )
        .order_by("order", "pk")
    )
    pathways = list(
        Pathway.objects.published().prefetch_related(
            Prefetch("steps", queryset=steps),
            Prefetch(
                "steps__transitions_out",
                queryset=Transition.objects.order_by("order", "to_step_id"),
            ),
        )
    )
    roles = {
        role.slug: role
        for role in Role.objects.select_related("required_qualification").prefetch_related(
            "also_accepted_qualifications",
            Prefetch("rules", queryset=Rule.objects.prefetch_related("sources")),
        )
    }
    prior = {
        entry.slug: entry
        for entry in PriorLearning.objects.select_related("qualification").prefetch_related(
            Prefetch("steps", queryset=Step.objects.only("pk"))
        )
    }
    step_models = {}
    pathway_data = []
    for pathway in pathways:
        step_data = []
        transitions = []
        for step in pathway.steps.all():
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
                    rules=tuple(rule.slug for rule in step.rules.all()),
                )
            )
            transitions.extend(
                routefinder.TransitionData(
                    from_id=transition.from_step_id,
                    to_id=transition.to_step_id,
                    credits=transition.credits,
                    order=transition.order,
                )
                for transition in step.transitions_out.all()
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
                steps=tuple(step.pk for step in entry.steps.all()),
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
        rules={rule.slug: rule for step in step_models.values() for rule in step.rules.all()},
    )


# --- Programmes where a route ends, nearest first ------------------------------------


@dataclass
class ProgrammeMatch:
    programme: Programme
    fits: bool  # False: may fit, something is not known yet
    unknown: list = field(default_factory=list)  # what is not known (Dutch phrases)
    location: Location | None = None  # the nearest campus
    campus_of_institution: bool = False  # the campus is the hogeschool's, not the programme's
    distance_km: float | None = None
    in_province: bool = False
    remaining_modules: list = field(default_factory=list)
    exemption_modules: list = field(default_factory=list)


@dataclass
class ProgrammeAdvice:
    step: Step
    fitting: list
    possible: list
    fitting_total: int
    possible_total: int
    directory_url: str

    @property
    def fitting_more(self):
        return self.fitting_total - len(self.fitting)

    @property
    def possible_more(self):
        return self.possible_total - len(self.possible)


def programme_qualifications():
    """The qualifications that published programmes give (ids). One query."""
    return set(
        Programme.objects.published()
        .exclude(qualification=None)
        .values_list("qualification_id", flat=True)
        .distinct()
    )


def ends_in_programmes(step, qualifications):
    """Whether a step is where a route meets the list of programmes: staff linked
    programmes to it, or it yields a qualification that programmes give."""
    return bool(step.programmes.all()) or step.yields_id in qualifications


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


def _campus_places(locations):
    return {
        location.pk: places.place_for_location(location.city, location.province)
        for location in locations
    }


def programmes_for_step(step, profile, origin):
    """The programmes where `step` ends, that fit or may fit `profile`, nearest first.

    Six queries, whatever the number of programmes: one lean query for all
    candidates with their profielen and campuses, then the details (contacts,
    modules) of the few that are shown.
    """
    linked = {programme.pk for programme in step.programmes.all()}
    candidates = Programme.objects.published()
    if linked:
        candidates = candidates.filter(pk__in=linked)
    elif step.yields is not None:
        candidates = candidates.filter(qualification=step.yields) | candidates.filter(
            qualification__isnull=True
        )
    else:
        return None
    candidates = list(
        candidates.only("pk", "qualification_id", "institution_id").prefetch_related(
            Prefetch("profiles", queryset=profile.__class__.objects.only("pk"))
            if profile
            else "profiles",
            Prefetch("locations", queryset=Location.objects.only("pk", "city", "province")),
        )
    )
    institution_locations = {}
    for location in Location.objects.filter(
        institution_id__in={programme.institution_id for programme in candidates}
    ).only("pk", "city", "province", "institution_id"):
        institution_locations.setdefault(location.institution_id, []).append(location)
    all_locations = [
        location for programme in candidates for location in programme.locations.all()
    ] + [location for group in institution_locations.values() for location in group]
    campus = _campus_places(all_locations)

    matches = []
    for programme in candidates:
        unknown = []
        profile_ids = {p.pk for p in programme.profiles.all()}
        if profile:
            if profile_ids and profile.pk not in profile_ids:
                continue
            if not profile_ids:
                unknown.append(_("voor welke vmbo-profielen de opleiding is"))
        if not linked and programme.qualification_id is None:
            unknown.append(_("welke bevoegdheid de opleiding geeft"))
        own = list(programme.locations.all())
        locations = own or institution_locations.get(programme.institution_id, [])
        match = ProgrammeMatch(
            programme=programme,
            fits=not unknown,
            unknown=unknown,
            campus_of_institution=not own and bool(locations),
        )
        best = None
        for location in locations:
            distance = origin.distance(campus.get(location.pk))
            in_province = location.province == origin.province
            key = (not in_province if origin.place is None else False, distance is None, distance)
            if best is None or key < best[0]:
                best = (key, location, distance, in_province)
        if best:
            _key, match.location, match.distance_km, match.in_province = best
        matches.append(match)

    def order(match):
        province_first = origin.place is None and not match.in_province
        return (
            province_first,
            match.distance_km is None,
            match.distance_km or 0,
            match.programme.pk,
        )

    fitting = sorted((m for m in matches if m.fits), key=order)
    possible = sorted((m for m in matches if not m.fits), key=order)
    shown = fitting[:PROGRAMMES_SHOWN] + possible[:PROGRAMMES_SHOWN]
    _add_details(shown)
    query = f"?profiel={profile.slug}" if profile else ""
    return ProgrammeAdvice(
        step=step,
        fitting=fitting[:PROGRAMMES_SHOWN],
        possible=possible[:PROGRAMMES_SHOWN],
        fitting_total=len(fitting),
        possible_total=len(possible),
        directory_url=reverse("programmes:programme_list") + query,
    )


def _add_details(matches):
    """Name, hogeschool, contacts and modules of the programmes shown. Four queries."""
    if not matches:
        return
    details = Programme.objects.filter(pk__in=[m.programme.pk for m in matches]).select_related(
        "institution", "qualification"
    )
    details = details.prefetch_related(
        Prefetch("contacts", queryset=ProgrammeContact.objects.order_by("order", "pk")),
        Prefetch("modules", queryset=Module.objects.order_by("order", "pk")),
        "profiles",
    )
    by_pk = {programme.pk: programme for programme in details}
    for match in matches:
        match.programme = by_pk[match.programme.pk]
        for module in match.programme.modules.all():
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
        loaded = load_route_data()
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
                programme_advice = programmes_for_step(step, data["profiel"], origin)
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
        candidates = [route.goal, *(next_step.step for next_step in route.next_steps)]
        qualifications = programme_qualifications()
        for data in candidates:
            step = loaded.steps[data.id]
            if ends_in_programmes(step, qualifications):
                yield step

    @staticmethod
    def _rules(advice, loaded):
        """The rules for the chosen job and for the steps the advice mentions, once each."""
        rules = {}
        role = loaded.roles[advice.role.slug]
        for rule in role.rules.all():
            rules.setdefault(rule.pk, rule)
        mentioned = []
        for group in (advice.routes[:1], advice.excluded):
            for route in group:
                mentioned.extend(route_step.step.id for route_step in route.steps)
                mentioned.extend(next_step.step.id for next_step in route.next_steps)
        for step_id in mentioned:
            for rule in loaded.steps[step_id].rules.all():
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
