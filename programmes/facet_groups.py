"""The checkbox groups of the directory's filter form (/opleidingen/): each filter's
options, with the count of programmes each would give, written out as HTML.

The option lists come from the facet index (programmes/facets.py); which options
a group shows, and how a count is meant: docs/decisions/0019-facet-options-and-counts.md.
The rule to know: a selected option is always shown, so it can be unticked.
"""

import dataclasses
import functools

from django.utils.html import escape
from django.utils.safestring import mark_safe

# A filter with more options than this shows the options without results last,
# folded away (FacetGroup.options_html).
LONG_LIST = 12


@dataclasses.dataclass
class Option:
    """One checkbox of a filter."""

    value: str  # as it stands in the address
    label: str
    key: object  # its key in the facet index (a slug, a lower-case city, True)
    hint: str = ""
    shown: bool = True
    selected: bool = False
    count: int = 0


@dataclasses.dataclass
class FacetGroup:
    """A filter shown as a group of checkboxes with a count per option."""

    name: str  # the address parameter
    legend: str
    options: list
    hint: str = ""
    unknown_hint: str = ""

    def find(self, raw):
        return self._by_value.get(raw.strip().casefold())

    @functools.cached_property
    def _by_value(self):
        found = {}
        for option in self.options:
            found.setdefault(option.value.casefold(), option)
        return found

    @property
    def visible_options(self):
        return [option for option in self.options if option.shown or option.selected]

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]

    def options_html(self):
        """The checkboxes of the visible options, written out in Python: a long list
        (hundreds of places) costs far less than a template loop.

        In a long list (more than LONG_LIST options) the options that would give no
        programmes with the other filters, and are not ticked, follow in a closed
        <details> element, so the options that help come first and the list stays
        short. Without JavaScript <details> still opens and closes, and a box in it
        is still sent with the form."""
        visible = self.visible_options
        if not visible:
            return mark_safe('<p class="hint">Nog geen keuzes.</p>')  # noqa: S308
        first, rest = visible, []
        if len(visible) > LONG_LIST:
            first = [option for option in visible if option.count or option.selected]
            rest = [option for option in visible if not (option.count or option.selected)]
            if not first:  # nothing to put first: fold nothing away
                first, rest = visible, []
        name = self.name
        parts = []
        for number, option in enumerate(first + rest, start=1):
            if rest and number == len(first) + 1:
                parts.append(
                    '<details class="more-options"><summary>'
                    f"Toon ook {len(rest)} {'keuze' if len(rest) == 1 else 'keuzes'} "
                    "met 0 opleidingen</summary>"
                )
            hint = f' <span class="hint">{escape(option.hint)}</span>' if option.hint else ""
            checked = " checked" if option.selected else ""
            parts.append(
                f'<div class="option"><input type="checkbox" name="{name}" '
                f'value="{escape(option.value)}" id="{name}-{number}"{checked}>'
                f'<label for="{name}-{number}">{escape(option.label)} ({option.count}){hint}'
                "</label></div>"
            )
        if rest:
            parts.append("</details>")
        return mark_safe("\n".join(parts))  # noqa: S308 (every value is escaped above)


def load_groups(catalogue):
    """The filter groups with their options, from `catalogue` (the facet index of the
    current content version), in the order of the form. Fresh objects: a request
    marks its own options as selected and counts them."""
    raw = catalogue.options

    def options(name):
        return [
            Option(value, label, key, hint=hint, shown=shown)
            for value, label, key, hint, shown in raw[name]
        ]

    yield FacetGroup("profiel", "vmbo-profiel", options("profiel"))
    yield FacetGroup("hogeschool", "Hogeschool", options("hogeschool"))
    yield FacetGroup("studievorm", "Studievorm", options("studievorm"))
    yield FacetGroup("leidt_tot", "Leidt tot", options("leidt_tot"))
    yield FacetGroup(
        "vrijstellingen",
        "Vrijstellingen",
        options("vrijstellingen"),
        hint="Met een vrijstelling hoeft u een deel van de opleiding niet te doen, "
        "omdat u die kennis of ervaring al heeft.",
        unknown_hint="Alleen ‘ja’ kan.",
    )
    yield FacetGroup(
        "leervorm",
        "Leervorm",
        options("leervorm"),
        hint="Hoe u leert in de modules van de opleiding.",
    )
    yield FacetGroup("plaats", "Plaats", options("plaats"))
    yield FacetGroup("provincie", "Provincie", options("provincie"))
