"""The programme page (/opleidingen/<slug>/).

The programme page shows every fact of a programme and says once, in one line,
which facts are not known yet (Programme.missing_public_facts). Its sources are
those of the programme and of its modules, contact persons and websites together,
so a visitor sees where each fact on the page comes from. The query count does not
depend on the amount of data.

A draft is shown to staff only, as a preview; an archived programme answers
410 Gone with alternatives (see editorial/publishing.py).
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from editorial.publishing.addresses import archived_since
from editorial.publishing.pages import PublicationDetailMixin
from editorial.status import PublicationStatus
from publicpages.addresses import canonical_url

from ..models import Programme

# How many other programmes the page of an archived programme suggests.
ALTERNATIVES_SHOWN = 6

# schema.org's educationalProgramMode takes free text and names "full-time" and
# "part-time" as examples; those two study forms get the words search engines
# know, the others (duaal, flexibel) keep their own name.
SCHEMA_PROGRAM_MODES = {"voltijd": "full-time", "deeltijd": "part-time"}


def distinct_sources(*entries):
    """The sources of several prefetched entries, each once, ordered by title."""
    sources = {}
    for entry in entries:
        for source in entry.sources.all():
            sources.setdefault(source.pk, source)
    return sorted(sources.values(), key=lambda source: source.title.lower())


def programme_structured_data(programme, url):
    """schema.org data (JSON-LD) of a programme, with only the facts we know.

    A key without data is left out rather than filled with a guess. The duration
    is free text ("maximaal 2 jaar"), not the ISO 8601 duration schema.org asks
    for, so it is not given; neither are locations, whose addresses are often
    unknown. Expects a programme fetched with `with_public_relations()`.
    """
    institution = programme.institution
    provider = {"@type": "CollegeOrUniversity", "name": institution.name}
    if institution.website:
        provider["url"] = institution.website
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme.name,
        "url": url,
        "provider": provider,
    }
    if programme.summary:
        data["description"] = programme.summary
    credentials = [
        credential
        for credential in (
            programme.qualification.name if programme.qualification else "",
            programme.degree,
        )
        if credential
    ]
    if credentials:
        data["educationalCredentialAwarded"] = (
            credentials[0] if len(credentials) == 1 else credentials
        )
    if programme.total_ec:
        data["numberOfCredits"] = programme.total_ec
    if programme.entry_requirements:
        data["programPrerequisites"] = programme.entry_requirements
    modes = [SCHEMA_PROGRAM_MODES.get(form.slug, form.name) for form in programme.study_forms.all()]
    if modes:
        data["educationalProgramMode"] = modes[0] if len(modes) == 1 else modes
    return data


def alternatives_to(programme, profiles):
    """Published programmes of the same hogeschool or for one of `profiles`,
    those of the same hogeschool first; at most ALTERNATIVES_SHOWN. One query."""
    through = Programme.profiles.through
    shares_profile = Exists(
        through.objects.filter(
            programme_id=OuterRef("pk"), vocationalprofile__in=[p.pk for p in profiles]
        )
    )
    return list(
        Programme.objects.published()
        .filter(Q(institution_id=programme.institution_id) | shares_profile)
        .exclude(pk=programme.pk)
        .select_related("institution")
        .order_by(
            Case(
                When(institution_id=programme.institution_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            *Programme._meta.ordering,
            "pk",  # the same name at the same hogeschool: the same order on every database
        )[:ALTERNATIVES_SHOWN]
    )


def steps_model():
    """The model of the route steps that name a programme (Programme.steps)."""
    return Programme._meta.get_field("steps").related_model


def public_steps_with_schemes():
    """The published route steps, each with its published funding schemes: both
    models live in the app above this one and are reached through the relations."""
    steps = steps_model()
    schemes = steps._meta.get_field("funding_schemes").related_model
    return steps.objects.public().prefetch_related(
        Prefetch("funding_schemes", queryset=schemes.objects.published())
    )


def funding_schemes_of(steps):
    """The distinct funding schemes of the programme's steps, in their own order."""
    schemes = {}
    for step in steps:
        for scheme in step.funding_schemes.all():
            schemes.setdefault(scheme.pk, scheme)
    return sorted(schemes.values(), key=lambda scheme: (scheme.order, scheme.name))


def other_offers(programme):
    """The offers of the programme's hogeschool in published routes (a kopopleiding,
    an Associate degree, zij-instroom), with their step and route, for "Ander aanbod
    van deze hogeschool". Found through the relation Institution.step_offers: the
    routes live in the app above this one. One query; an empty list when the routes
    app gives hogescholen no offers."""
    try:
        offers = programme.institution.step_offers
    except AttributeError:
        return []
    return list(
        offers.filter(step__pathway__status=PublicationStatus.PUBLISHED)
        .select_related("step__pathway")
        .order_by("step__pathway__name", "step__order", "order", "pk")
    )


class ProgrammeDetailView(PublicationDetailMixin, DetailView):
    template_name = "programmes/programme_detail.html"
    gone_template_name = "programmes/programme_archived.html"
    context_object_name = "programme"
    preview_messages = {
        PublicationStatus.DRAFT: _(
            "Voorbeeld: deze opleiding is nog niet gepubliceerd. "
            "Alleen redacteuren zien deze pagina."
        ),
        PublicationStatus.ARCHIVED: _(
            "Voorbeeld: deze opleiding is gearchiveerd. Bezoekers krijgen op dit adres de "
            "melding dat ze niet meer wordt aangeboden. Alleen redacteuren zien deze pagina."
        ),
    }

    def get_hidden_entry(self):
        return (
            Programme.objects.exclude(status=PublicationStatus.PUBLISHED)
            .select_related("institution")
            .filter(slug=self.kwargs["slug"])
            .first()
        )

    def get_gone_context(self, programme):
        """What the page of an archived programme shows: since when, and where to
        look instead. Four queries, whatever the amount of data."""
        profiles = list(programme.profiles.all())
        alternatives = alternatives_to(programme, profiles)
        return {
            "programme": programme,
            "archived_on": archived_since(programme),
            "profiles": profiles,
            "alternatives": alternatives,
            "institution_has_alternatives": any(
                other.institution_id == programme.institution_id for other in alternatives
            ),
        }

    def get_queryset(self):
        return (
            self.visible(Programme.objects.all())
            .with_public_relations()
            .prefetch_related(
                "modules__sources",
                "contacts__sources",
                "links__sources",
                # The steps of published routes that point to this programme, found
                # through the relation: the routes live in the app above this one.
                # With each step's subsidies and grants, for "Subsidies en beurzen".
                Prefetch("steps", queryset=public_steps_with_schemes(), to_attr="public_steps"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        context["sources"] = distinct_sources(
            programme,
            *programme.modules.all(),
            *programme.contacts.all(),
            *programme.links.all(),
        )
        context["other_offers"] = other_offers(programme)
        context["funding_schemes"] = funding_schemes_of(programme.public_steps)
        context["missing"] = programme.missing_public_facts()
        context["structured_data"] = programme_structured_data(
            programme, canonical_url(self.request, programme.get_absolute_url())
        )
        return context
