"""Public pages of routes, steps, roles and resources.

Every view tunes its queries in get_queryset() so the number of queries stays
the same when the data grows; the published funding schemes of a route, step or
role come prefetched (`public_funding_schemes`) for their "Kosten en subsidies".
Steps of draft routes and draft programmes are never linked, because their pages
would be a 404.

A route's steps are shown in rows by their `order` number: steps that share a
number are alternatives ("of"). Pages number the rows 1, 2, 3 (see
`pathways.diagram.group_by_order`), not the stored order values, which may have
gaps.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from editorial.publishing.addresses import archived_since
from editorial.publishing.pages import PublicationDetailMixin
from editorial.status import PublicationStatus
from programmes.models import Programme

from .diagram import group_by_order, layout, transitions_of
from .models import (
    ContactPurpose,
    FundingScheme,
    OrganisationContact,
    Pathway,
    Resource,
    ResourceKind,
    Role,
    Rule,
    Step,
    StepOffer,
    Transition,
)
from .queries import (
    organisations_with_their_routes,
    published_steps_prefetch,
    resources_by_kind,
    text_blocks,
)


def _public_schemes(lookup="funding_schemes"):
    """Prefetch the published funding schemes of a route, step or role, as
    `public_funding_schemes` (a list), for the part "Kosten en subsidies"."""
    return Prefetch(
        lookup, queryset=FundingScheme.objects.published(), to_attr="public_funding_schemes"
    )


def _transitions(lookup, step_field):
    """Prefetch transitions with the step on the other side and its route (for its URL)."""
    return Prefetch(
        lookup,
        queryset=Transition.objects.select_related(f"{step_field}__pathway"),
    )


class PathwayListView(ListView):
    """Every published route with its summary and a small diagram of its steps."""

    template_name = "pathways/pathway_list.html"
    context_object_name = "pathways"

    def get_queryset(self):
        steps = Step.objects.order_by("order", "pk").prefetch_related("transitions_out")
        return Pathway.objects.published().prefetch_related(Prefetch("steps", queryset=steps))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        routes = []
        for pathway in context["pathways"]:
            steps = list(pathway.steps.all())
            rows = group_by_order(steps)
            routes.append(
                {
                    "pathway": pathway,
                    "rows": rows,
                    "choices": [
                        (number, len(row)) for number, row in enumerate(rows, 1) if len(row) > 1
                    ],
                    "diagram": layout(steps, transitions_of(steps)),
                }
            )
        context["routes"] = routes
        return context


class PathwayDetailView(PublicationDetailMixin, DetailView):
    """A route: a diagram of its steps, then the steps in order (GOV.UK step by
    step, fully expanded) with what each step credits from the ones before.

    A draft route is shown to staff only, as a preview; an archived route answers
    410 Gone, pointing to the other routes (see editorial/publishing.py)."""

    template_name = "pathways/pathway_detail.html"
    gone_template_name = "pathways/pathway_archived.html"
    context_object_name = "pathway"
    preview_messages = {
        PublicationStatus.DRAFT: _(
            "Voorbeeld: deze route is nog niet gepubliceerd. Alleen redacteuren zien deze pagina."
        ),
        PublicationStatus.ARCHIVED: _(
            "Voorbeeld: deze route is gearchiveerd. Bezoekers krijgen op dit adres de melding "
            "dat ze niet meer wordt aangeboden. Alleen redacteuren zien deze pagina."
        ),
    }

    def get_hidden_entry(self):
        return (
            Pathway.objects.exclude(status=PublicationStatus.PUBLISHED)
            .filter(slug=self.kwargs["slug"])
            .first()
        )

    def get_gone_context(self, pathway):
        """Since when, and the published routes. Two queries."""
        return {
            "pathway": pathway,
            "archived_on": archived_since(pathway),
            "routes": list(Pathway.objects.published()),
        }

    def get_queryset(self):
        steps = (
            Step.objects.select_related("yields", "leads_to_role")
            .prefetch_related(
                "providers",
                "provider_institutions",
                "funders",
                _transitions("transitions_out", "to_step"),
                _transitions("transitions_in", "from_step"),
            )
            .order_by("order", "pk")
        )
        return self.visible(Pathway.objects.all()).prefetch_related(
            "providers",
            "provider_institutions",
            "funders",
            "sources",
            _public_schemes(),
            Prefetch("steps", queryset=steps),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        steps = list(self.object.steps.all())
        context.update(
            step_rows=group_by_order(steps),
            diagram=layout(steps, transitions_of(steps)),
            total_duration=self.object.total_duration(),
        )
        return context


class StepDetailView(PublicationDetailMixin, DetailView):
    """One step, with where it sits in its route: "stap x van y", the steps before
    and after it with what counts, the alternatives, and a small step-by-step
    navigation of the whole route.

    A step follows its route: staff preview the steps of a draft or archived
    route; for the public, a step of an archived route answers 410 Gone,
    pointing to the routes."""

    template_name = "pathways/step_detail.html"
    gone_template_name = "pathways/step_archived.html"
    context_object_name = "step"
    preview_messages = {
        PublicationStatus.DRAFT: _(
            "Voorbeeld: de route van deze stap is nog niet gepubliceerd. "
            "Alleen redacteuren zien deze pagina."
        ),
        PublicationStatus.ARCHIVED: _(
            "Voorbeeld: de route van deze stap is gearchiveerd. Bezoekers krijgen op dit adres "
            "de melding dat de route niet meer wordt aangeboden. "
            "Alleen redacteuren zien deze pagina."
        ),
    }

    def get_hidden_entry(self):
        return (
            Step.objects.exclude(pathway__status=PublicationStatus.PUBLISHED)
            .filter(pathway__slug=self.kwargs["pathway_slug"], slug=self.kwargs["slug"])
            .select_related("pathway")
            .first()
        )

    def status_of(self, step):
        return step.pathway.status

    def get_gone_context(self, step):
        """The route, since when it is archived, and the published routes. Two queries."""
        return {
            "step": step,
            "pathway": step.pathway,
            "archived_on": archived_since(step.pathway),
            "routes": list(Pathway.objects.published()),
        }

    def get_queryset(self):
        offers = StepOffer.objects.select_related("institution", "organisation").prefetch_related(
            "sources", "costs", "profiles"
        )
        return (
            self.visible(
                Step.objects.filter(pathway__slug=self.kwargs["pathway_slug"]),
                status_field="pathway__status",
            )
            .select_related("pathway", "yields", "leads_to_role")
            .prefetch_related(
                "providers",
                "provider_institutions",
                "funders",
                "sources",
                Prefetch(
                    "programmes",
                    queryset=Programme.objects.published().select_related("institution"),
                ),
                Prefetch("offers", queryset=offers),
                _public_schemes(),
                _transitions("transitions_in", "from_step"),
                _transitions("transitions_out", "to_step"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        step = self.object
        route_steps = list(
            Step.objects.filter(pathway_id=step.pathway_id)
            .only("pathway_id", "title", "slug", "order")
            .order_by("order", "pk")
        )
        for other in route_steps:
            other.pathway = step.pathway  # for get_absolute_url, without a query each
        rows = group_by_order(route_steps)
        number, alternatives = next(
            (number, [other for other in row if other.pk != step.pk])
            for number, row in enumerate(rows, 1)
            if any(other.pk == step.pk for other in row)
        )
        context.update(
            route_rows=rows,
            step_number=number,
            step_total=len(rows),
            alternatives=alternatives,
        )
        return context


class RoleListView(ListView):
    """Every role on one page; each role is a section with its slug as id."""

    template_name = "pathways/role_list.html"
    context_object_name = "roles"
    model = Role

    def get_queryset(self):
        return Role.objects.select_related("required_qualification").prefetch_related(
            "sources", _public_schemes(), published_steps_prefetch("steps", "public_steps")
        )


class ResourceListView(TemplateView):
    """Online resources, further reading, hybrid teaching with its coach, the
    organisations behind the routes (with what they offer and fund) and the rules
    that shape a route (each with its source and date).

    The groups follow the toolkit sheet: "Online hulpbronnen", "Meer lezen" (with
    "Meer informatie"), and "Hybride docentschap", which holds the article the
    sheet names there (kind 'article') and the coach.
    """

    template_name = "pathways/resource_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grouped = resources_by_kind(Resource.objects.select_related("organisation"))
        context.update(
            online_resources=grouped[ResourceKind.ONLINE],
            reading=grouped[ResourceKind.FURTHER_READING] + grouped[ResourceKind.MORE_INFO],
            articles=grouped[ResourceKind.ARTICLE],
            blocks=text_blocks(),
            organisations=organisations_with_their_routes(),
            hybrid_coach=OrganisationContact.objects.for_purpose(ContactPurpose.HYBRID_COACH),
            rules=Rule.objects.prefetch_related("sources"),
        )
        return context
