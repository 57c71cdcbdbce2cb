"""Public pages of routes, steps, roles and resources.

Every view tunes its queries in get_queryset() so the number of queries stays
the same when the data grows. Steps of draft routes and draft programmes are
never linked, because their pages would be a 404.
"""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from programmes.models import Programme

from .models import (
    ContactPurpose,
    Organisation,
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
from .queries import published_steps_prefetch, resources_by_kind


def _transitions(lookup, step_field):
    """Prefetch transitions with the step on the other side and its route (for its URL)."""
    return Prefetch(
        lookup,
        queryset=Transition.objects.select_related(f"{step_field}__pathway"),
    )


class PathwayListView(ListView):
    """Every published route. Work in progress."""

    template_name = "pathways/pathway_list.html"
    context_object_name = "pathways"

    def get_queryset(self):
        return Pathway.objects.published()


class PathwayDetailView(DetailView):
    """A route with its steps in order. Steps that share an `order` number are
    alternatives: the template shows them under one number as 'of' choices."""

    template_name = "pathways/pathway_detail.html"
    context_object_name = "pathway"

    def get_queryset(self):
        steps = (
            Step.objects.select_related("yields", "leads_to_role")
            .prefetch_related(_transitions("transitions_out", "to_step"))
            .order_by("order", "pk")
        )
        return Pathway.objects.published().prefetch_related(
            "providers",
            "provider_institutions",
            "funders",
            "sources",
            Prefetch("steps", queryset=steps),
        )


class StepDetailView(DetailView):
    template_name = "pathways/step_detail.html"
    context_object_name = "step"

    def get_queryset(self):
        offers = StepOffer.objects.select_related("institution", "organisation").prefetch_related(
            "sources"
        )
        return (
            Step.objects.filter(
                pathway__slug=self.kwargs["pathway_slug"], pathway__in=Pathway.objects.published()
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
                _transitions("transitions_in", "from_step"),
                _transitions("transitions_out", "to_step"),
            )
        )


class RoleListView(ListView):
    """Every role on one page; each role is a section with its slug as id."""

    template_name = "pathways/role_list.html"
    context_object_name = "roles"
    model = Role

    def get_queryset(self):
        return Role.objects.select_related("required_qualification").prefetch_related(
            "sources", published_steps_prefetch("steps", "public_steps")
        )


class ResourceListView(TemplateView):
    """Online resources, the organisations behind the routes, the hybrid-teaching
    coach, and the rules that shape a route (each with its source and date)."""

    template_name = "pathways/resource_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grouped = resources_by_kind(Resource.objects.select_related("organisation"))
        context.update(
            resource_groups=[
                {"kind": kind, "label": label, "resources": grouped[kind]}
                for kind, label in ResourceKind.choices
                if grouped[kind]
            ],
            organisations=Organisation.objects.all(),
            hybrid_coach=OrganisationContact.objects.for_purpose(ContactPurpose.HYBRID_COACH),
            rules=Rule.objects.prefetch_related("sources"),
        )
        return context
