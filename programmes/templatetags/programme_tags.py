"""Template filters for the toolkit sheet's table of programmes: which rows it shows
(the programmes of the printed sheet) and which websites (those printed)."""

from django import template

from ..models import LinkKind, Programme

register = template.Library()


@register.filter
def sheet_links(programme):
    """The programme's websites as printed on the sheet (kind "blad"), from the
    prefetched links; all its websites when none is marked as printed."""
    links = list(programme.links.all())
    return [link for link in links if link.kind == LinkKind.SHEET] or links


@register.filter
def sheet_rows(programmes):
    """The programmes of the printed sheet (on_sheet), in the given order.

    The sheet's view loads only the fields its table shows; when `on_sheet` was not
    loaded, it is read for all rows in one query, not one per row.
    """
    programmes = list(programmes)
    deferred = {p.pk for p in programmes if "on_sheet" in p.get_deferred_fields()}
    on_sheet = set()
    if deferred:
        on_sheet = set(
            Programme.objects.filter(pk__in=deferred, on_sheet=True).values_list("pk", flat=True)
        )
    return [
        programme
        for programme in programmes
        if (programme.pk in on_sheet if programme.pk in deferred else programme.on_sheet)
    ]


@register.filter
def minus(number, other):
    """`number` less `other`: how many programmes a table leaves out."""
    return int(number) - int(other)
