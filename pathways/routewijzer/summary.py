"""The answer first: the few lines at the top of an advice, and the page's contents.

`advice_summary()` turns the advice, the route shown (the best one, or the route of
the job that does fit) and the nearest programmes into plain data for
templates/pathways/_advice_summary.html: the route in one line with its total duration
where every step has one, the first step to do and whom to contact to start it, and
the nearest programme with its contact person; when no route fits, the first way in
a source names (presentation.ways_in). It reads nothing from the database.
The rule: every sentence is true for this advice, and a contact is never invented.
Why and how: docs/decisions/0044-advice-answer-first.md.
"""

from dataclasses import dataclass, field

from ..routefinder_durations import StepSpan, route_duration
from ..routefinder_types import Fit, StepStatus


class Outcome:
    ROUTE = "route"  # a route fits the wanted job
    FULFILLED = "fulfilled"  # the candidate already has what the job needs
    NO_ROUTE_IN_DATA = "no_route_in_data"  # the toolkit describes no route to the job
    NO_FIT = "no_fit"  # routes exist, none fits ("Geen route past")


@dataclass
class Contact:
    """Whom to contact to start a step. `via` says where it comes from:
    "programme" (a contact person of the nearest programme), "offer", "provider",
    or "toolkit" (the toolkit's own contact, which the template shows)."""

    via: str
    name: str = ""
    email: str = ""
    url: str = ""
    about: str = ""  # what the contact is for: a programme or an offer
    one_of_several: bool = False  # one of the hogescholen that offer the step


@dataclass
class RouteLine:
    pathway: object  # pathways.models.Pathway
    todo_count: int
    done_count: int
    duration: str  # "1 tot 1,5 jaar"; "" when not every step has a duration
    duration_missing: list = field(default_factory=list)  # titles of steps without one
    conditional: bool = False


@dataclass
class FirstStep:
    step: object  # pathways.models.Step
    number: int  # its number in the route, as the route's list shows it
    contact: Contact


@dataclass
class NearestProgramme:
    match: object  # nearest.ProgrammeMatch
    fits: bool  # False: it may fit, the toolkit does not know everything yet
    contact: object = None  # its first ProgrammeContact with an e-mail address, if any
    is_nearest: bool = True  # no programme that may fit is nearer
    # With only a province: whether the nearest programme of all is in it (if not,
    # the toolkit knows none there).
    first_in_province: bool = False


@dataclass
class AdviceSummary:
    outcome: str
    role_name: str
    fulfilled_note: str = ""
    fallback_role_name: str = ""  # set when the route shown is for another job
    route: RouteLine | None = None
    first_step: FirstStep | None = None
    programme: NearestProgramme | None = None
    programme_step_title: str = ""  # the step programmes are listed for, if any
    # NO_FIT: the first way in the sources name (presentation.ways_in), if any.
    way_in: dict | None = None
    sections: list = field(default_factory=list)  # (id, label) for "Op deze pagina"


def advice_summary(shown, programme_advice, *, funding_schemes=(), rules=(), notices=()):
    """The summary of `shown` (present_advice's dict) with `programme_advice`
    (nearest.programmes_for_step, or None); `notices` are the view's own notes on the
    answers (a repeated answer), shown with the advice's warnings."""
    advice = shown["advice"]
    summary = AdviceSummary(
        outcome=_outcome(advice),
        role_name=shown["role_name"],
        fulfilled_note=advice.fulfilled_note,
    )
    summary.sections = page_sections(shown, programme_advice, funding_schemes, rules, notices)
    if summary.outcome == Outcome.FULFILLED:
        return summary
    if summary.outcome == Outcome.NO_FIT and shown.get("ways_in"):
        summary.way_in = shown["ways_in"][0]
    route = shown["best"]
    if route is None and shown["fallback"] and not shown["fallback"]["advice"].fulfilled:
        route = shown["fallback"]["best"]
        if route is not None:
            summary.fallback_role_name = shown["fallback"]["role_name"]
    if programme_advice is not None:
        summary.programme_step_title = programme_advice.step.title
        summary.programme = _nearest_programme(programme_advice)
    if route is not None:
        summary.route = _route_line(route)
        summary.first_step = _first_step(route, programme_advice, summary.programme)
    return summary


def _outcome(advice):
    if advice.fulfilled:
        return Outcome.FULFILLED
    if advice.best is not None:
        return Outcome.ROUTE
    if advice.no_route_in_data:
        return Outcome.NO_ROUTE_IN_DATA
    return Outcome.NO_FIT


def _route_line(route):
    """The route in one line; its duration is the sum over the steps still to do, and
    only when every one of them has a duration (routefinder_durations)."""
    todo = [entry["step"] for entry in route["steps"] if entry["item"].status == StepStatus.TODO]
    spans = [
        StepSpan(step.pk, step.title, step.duration_min_months, step.duration_max_months)
        for step in todo
    ]
    # The steps still to do follow one another: one way through them.
    chain = {span.id: [after.id] for span, after in zip(spans, spans[1:], strict=False)}
    duration = route_duration(spans, chain)
    return RouteLine(
        pathway=route["pathway"],
        todo_count=route["route"].todo_count,
        done_count=route["route"].done_count,
        duration=duration.text if duration.complete else "",
        duration_missing=duration.missing,
        conditional=route["route"].fit == Fit.CONDITIONAL,
    )


def _first_step(route, programme_advice, nearest):
    for number, entry in enumerate(route["steps"], start=1):
        if entry["item"].status == StepStatus.TODO:
            return FirstStep(
                step=entry["step"],
                number=number,
                contact=first_contact(entry, programme_advice, nearest),
            )
    return None


def first_contact(entry, programme_advice, nearest):
    """Whom to contact to start a step (`entry`, a step of present_advice's route).

    In this order, the first that the toolkit knows:
    1. the step is where the programmes are: the contact person (with an e-mail
       address) of the nearest programme;
    2. an offer of the step for the chosen profiel, or for any profiel, with a website:
       who runs it (a hogeschool or an organisation), and the offer's website;
    3. the step is offered by hogescholen, the nearest programme's among them: that
       programme's contact person, at the nearest hogeschool that offers the step;
    4. an organisation that offers the step, with an e-mail address, then one with a
       website; then a hogeschool that offers it, with a website ("zoals" when more
       hogescholen offer it: the toolkit does not say which one is best);
    5. the toolkit's own contact.
    """
    step = entry["step"]
    programme = nearest.match.programme if nearest and nearest.contact else None
    if programme is not None and programme_advice.step.pk == step.pk:
        return _programme_contact(nearest)
    for offer_entry in entry.get("offers", ()):
        offer = offer_entry["offer"]
        if offer_entry["fits"] is False or not offer.url:
            continue
        runner = offer.institution or offer.organisation
        return Contact(via="offer", name=runner.name, url=offer.url, about=offer.name)
    institutions = list(step.provider_institutions.all())
    if programme is not None and programme.institution_id in {i.pk for i in institutions}:
        return _programme_contact(nearest)
    organisations = list(step.providers.all())
    for organisation in organisations:
        if organisation.email:
            return Contact(via="provider", name=organisation.name, email=organisation.email)
    for organisation in organisations:
        if organisation.website:
            return Contact(via="provider", name=organisation.name, url=organisation.website)
    for institution in institutions:
        if institution.website:
            return Contact(
                via="provider",
                name=institution.name,
                url=institution.website,
                one_of_several=len(institutions) > 1,
            )
    return Contact(via="toolkit")


def _programme_contact(nearest):
    programme = nearest.match.programme
    return Contact(
        via="programme",
        name=nearest.contact.name,
        email=nearest.contact.email,
        about=f"{programme.name}, {programme.institution.name}",
    )


def _nearest_programme(programme_advice):
    """The nearest programme that fits for sure; else the nearest that may fit."""
    fitting, nearest = programme_advice.nearest_fitting, programme_advice.nearest
    match = fitting or nearest
    if match is None:
        return None
    contact = next((contact for contact in match.contacts if contact.email), None)
    return NearestProgramme(
        match=match,
        fits=match is fitting,
        contact=contact,
        is_nearest=match is nearest,
        first_in_province=bool(nearest and nearest.in_province),
    )


def page_sections(shown, programme_advice, funding_schemes, rules, notices=()):
    """(id, label) of the sections this advice shows, in page order, for
    "Op deze pagina": the same conditions as the templates that write them."""
    advice = shown["advice"]
    sections = [("antwoorden", "Uw antwoorden")]
    if advice.warnings or notices:
        sections.append(("controleer", "Controleer uw antwoorden"))
    sections.append(("route", "De route"))
    if shown["others"]:
        sections.append(("andere-routes", "Andere routes die ook passen"))
    if shown["excluded"]:
        sections.append(("past-niet", "Routes die niet passen"))
    fallback = shown["fallback"]
    if fallback and not shown["best"] and not advice.fulfilled:
        # The same words as the section's heading (_advice_body.html).
        fits = fallback["best"] or fallback["advice"].fulfilled
        sections.append(("wat-wel-past", "Wat wel past" if fits else "Wat wel kan"))
    if programme_advice is not None:
        sections.append(("opleidingen", "Opleidingen"))
    sections.append(("werkgever", "Wat de school regelt"))
    if funding_schemes:
        sections.append(("kosten-en-subsidies", "Kosten en subsidies"))
    if rules:
        sections.append(("regels", "Regels"))
    sections.append(("delen", "Delen of afdrukken"))
    return sections
