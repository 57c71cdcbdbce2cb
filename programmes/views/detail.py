"""Public pages of programmes.

The programme page shows every fact of a programme and says honestly when a
fact is not known. Its sources are those of the programme and of its modules,
contact persons and websites together, so a visitor sees where each fact on the
page comes from. The query count does not depend on the amount of data.
"""

from django.views.generic import DetailView

from pathways.queries import published_steps_prefetch

from ..models import Programme


def distinct_sources(*entries):
    """The sources of several prefetched entries, each once, ordered by title."""
    sources = {}
    for entry in entries:
        for source in entry.sources.all():
            sources.setdefault(source.pk, source)
    return sorted(sources.values(), key=lambda source: source.title.lower())


class ProgrammeDetailView(DetailView):
    template_name = "programmes/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return (
            Programme.objects.published()
            .with_public_relations()
            .prefetch_related(
                "modules__sources",
                "contacts__sources",
                "links__sources",
                # The steps of published routes that point to this programme.
                published_steps_prefetch("steps", "public_steps"),
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
        return context
