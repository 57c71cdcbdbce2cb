"""Look-ups of the toolkit's editable content that several pages share.

Each function costs a fixed number of queries, whatever the amount of data, so
pages that use them keep a fixed query budget.
"""

from django.db.models import Prefetch

from .models import Organisation, Pathway, Resource, ResourceKind, Step, TextBlock


def text_blocks():
    """Every text block of the sheet as a dict by slug; a missing block is just absent.

    The keys have underscores for hyphens ("sheet-title" -> "sheet_title"), because
    a template variable cannot hold a hyphen: `{{ blocks.sheet_title.body }}`.
    """
    return {block.slug.replace("-", "_"): block for block in TextBlock.objects.all()}


def resources_by_kind(queryset=None):
    """Resources as a dict {kind: [resources]} with every kind present (maybe empty)."""
    grouped = {kind: [] for kind in ResourceKind.values}
    for resource in queryset if queryset is not None else Resource.objects.all():
        grouped.setdefault(resource.kind, []).append(resource)
    return grouped


def published_steps_prefetch(lookup="steps", to_attr="public_steps"):
    """Prefetch only the steps of published routes, for `*.steps` relations."""
    return Prefetch(lookup, queryset=Step.objects.public(), to_attr=to_attr)


def organisations_with_their_routes():
    """Every organisation, with the published routes and steps it offers or funds.

    Adds `public_pathways_provided`, `public_pathways_funded`, `public_steps_provided`
    and `public_steps_funded` (lists). Five queries, whatever the amount of data.
    """
    published = Pathway.objects.published()
    return Organisation.objects.prefetch_related(
        Prefetch("pathways_provided", queryset=published, to_attr="public_pathways_provided"),
        Prefetch("pathways_funded", queryset=published, to_attr="public_pathways_funded"),
        published_steps_prefetch("steps_provided", "public_steps_provided"),
        published_steps_prefetch("steps_funded", "public_steps_funded"),
    )
