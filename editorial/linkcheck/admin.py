"""Broken links in the admin: the "linkcontrole" filter and column.

Both match an entry's address to its result with an `Exists()`/`Subquery()` on
`LinkCheck.url`, so a list costs the same number of queries however many
entries it shows.
"""

from django.contrib import admin
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from editorial.models import LinkCheck


class LinkState(models.IntegerChoices):
    """The state of an entry's address(es); the numbers sort broken ones first."""

    BROKEN = 0, _("werkt niet")
    UNCHECKED = 1, _("nog niet gecontroleerd")
    WORKING = 2, _("werkt")
    NO_ADDRESS = 3, _("geen adres")


def link_state_conditions(model, url_path):
    """The conditions (broken, unchecked, working) for entries of `model`, as
    expressions to filter or annotate with.

    `url_path` is the address field ("url", "website") or, for an entry with
    several addresses, a reverse relation and its field ("links__url"). Then an
    entry is broken when any address is, unchecked when any address has no result
    yet, and working when it has addresses and all of them work.
    """

    def result(url_ref, **filters):
        return Exists(LinkCheck.objects.filter(url=OuterRef(url_ref), **filters))

    relation_name, _sep, field = url_path.rpartition("__")
    if not relation_name:
        broken = result(field, ok=False)
        unchecked = ~Q(**{field: ""}) & ~result(field)
        working = result(field, ok=True)
        return broken, unchecked, working

    relation = model._meta.get_field(relation_name)
    rows = (
        relation.related_model._default_manager.filter(**{relation.field.name: OuterRef("pk")})
        .exclude(**{field: ""})
        .order_by()
    )
    broken = Exists(rows.filter(result(field, ok=False)))
    unchecked = Exists(rows.filter(~result(field)))
    working = Exists(rows) & ~broken & ~unchecked
    return broken, unchecked, working


def annotate_link_state(queryset, url_path):
    """Adds `link_state` (a LinkState number) and, for a single address field,
    `link_error` (the stored error text): one query for the whole list."""
    broken, unchecked, working = link_state_conditions(queryset.model, url_path)
    queryset = queryset.annotate(
        link_state=Case(
            When(broken, then=Value(LinkState.BROKEN)),
            When(unchecked, then=Value(LinkState.UNCHECKED)),
            When(working, then=Value(LinkState.WORKING)),
            default=Value(LinkState.NO_ADDRESS),
            output_field=models.IntegerField(),
        )
    )
    if "__" not in url_path:
        queryset = queryset.annotate(
            link_error=Subquery(
                LinkCheck.objects.filter(url=OuterRef(url_path)).values("error")[:1]
            )
        )
    return queryset


class BrokenLinkFilter(admin.SimpleListFilter):
    """The admin's "linkcontrole" filter: entries whose address does not work,
    works, or has not been checked yet (by `manage.py check_links`).

    Filters on the field `url`; `BrokenLinkFilter.on("website")` makes one for
    another field, `BrokenLinkFilter.on("links__url")` one for the addresses of
    related rows (see `link_state_conditions`).
    """

    title = _("linkcontrole")
    parameter_name = "link"
    url_path = "url"

    CHOICES = {
        "werkt-niet": (LinkState.BROKEN, _("Werkt niet")),
        "werkt": (LinkState.WORKING, _("Werkt")),
        "nog-niet-gecontroleerd": (LinkState.UNCHECKED, _("Nog niet gecontroleerd")),
    }

    @classmethod
    def on(cls, url_path):
        name = "".join(part.title() for part in url_path.split("_") if part)
        return type(f"BrokenLinkFilter{name}", (cls,), {"url_path": url_path})

    def lookups(self, request, model_admin):
        return [(value, label) for value, (_state, label) in self.CHOICES.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.CHOICES:
            return queryset
        broken, unchecked, working = link_state_conditions(queryset.model, self.url_path)
        state = self.CHOICES[self.value()][0]
        condition = {
            LinkState.BROKEN: broken,
            LinkState.UNCHECKED: unchecked,
            LinkState.WORKING: working,
        }[state]
        return queryset.filter(condition)


class LinkStatusColumnMixin:
    """Adds the column "linkcontrole" (add "link_status" to list_display): ✓ or ✗
    with words, never colour alone. `link_url_path` as in `link_state_conditions`."""

    link_url_path = "url"

    SYMBOLS = {
        LinkState.BROKEN: "✗",
        LinkState.UNCHECKED: "?",
        LinkState.WORKING: "✓",
        LinkState.NO_ADDRESS: "–",
    }

    def get_queryset(self, request):
        return annotate_link_state(super().get_queryset(request), self.link_url_path)

    @admin.display(description=_("linkcontrole"), ordering="link_state")
    def link_status(self, obj):
        state = LinkState(obj.link_state)
        text = f"{self.SYMBOLS[state]} {state.label}"
        error = getattr(obj, "link_error", "")
        if state == LinkState.BROKEN and error:
            text = f"{text}: {error}"
        return text
