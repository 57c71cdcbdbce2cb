"""Look-ups of the toolkit's editable content that several pages share.

Each function costs one query, whatever the amount of data, so pages that use
them keep a fixed query budget.
"""

from django.db.models import Prefetch

from .models import Resource, ResourceKind, Step, TextBlock


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
