"""The filters of the programme directory (/opleidingen/).

Parameters
----------
Readable Dutch names with slugs or codes as values, never database ids, so an
address can be read, shared, bookmarked and printed:

    zoek            free text: every word must occur in the programme's name, its
                    institution's name or short name, a module's title or a
                    contact person's name, also as part of a longer word; on
                    PostgreSQL also Dutch full text search, so "leraren" finds
                    "Leraar" (ProgrammeQuerySet.search, programmes/search.py)
    profiel         VocationalProfile.slug, e.g. ``pie``
    hogeschool      Institution.slug, e.g. ``windesheim``
    studievorm      StudyForm.slug, e.g. ``deeltijd``
    leidt_tot       Qualification.slug, e.g. ``tweedegraads-bevoegdheid``
    vrijstellingen  ``ja``: only programmes where exemptions are possible
    leervorm        LearningForm.slug, matched through the programme's modules
    plaats          Location.city, case-insensitive, e.g. ``zwolle``
    provincie       a Province value, e.g. ``overijssel``
    sorteer         ``hogeschool`` (the default: institution, then name),
                    ``naam`` (name, then institution) or ``gecontroleerd``
                    (most recently checked first)

The view adds ``pagina``. Every filter but ``zoek`` and ``vrijstellingen`` may be
repeated. Values within one filter combine with OR, filters combine with AND:
``?profiel=pie&profiel=bwi&studievorm=deeltijd`` is (PIE or BWI) and part-time.
Each filter is matched on its own, so place and province are matched
independently (some location in that city and some location in that province).

Lenient input
-------------
A shared or old address may hold a value we do not know (a typo, an entry that
was removed). Such values are taken out before the form sees the data and are
listed in ``ignored`` for the page to mention; the valid values,
also of the same filter, still apply. The form is therefore always valid and an
address never gives an error page. Case is ignored (``?profiel=PIE`` works).
``query`` holds the understood values in canonical form; the page builds all
its links (chips, paging, download) from it, so an unknown value is mentioned
once and then dropped.

Options and facet counts
------------------------
The options come from the facet index of the current content version
(programmes/facets.py: a few values queries once per content change, then from
memory). Short fixed lists (technical profielen, studievormen, leervormen) show
every entry, so "M&T (0)" says honestly that no programme is known; open lists
(hogescholen, kwalificaties, plaatsen, provincies) show only entries that a
published programme uses. A selected option is always shown, so it can be unticked.
A long list (more than LONG_LIST options) shows the options with results first and
folds the ones with 0 away in a <details> element (FacetGroup.options_html).

Each option's count is the number of programmes the list would hold if that
option were ticked too, given all *other* active filters (standard faceting:
a filter's own choices are left out of its counts, because ticking a second
option of the same filter widens the list).

Filtering and counting happen in memory, on sets of programme ids: per filter the
ids that pass it (the union of its ticked options' postings; the search word: one
query), the list is their intersection, and an option's count is the size of the
intersection of its postings with the ids that pass every other filter. So a page
costs no query per filter, whatever the number of options or programmes.
tests/test_directory_facets.py compares the result with an ORM filter.
"""

import dataclasses
import functools

from django import forms
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import facets
from .facets import DEFAULT_SORT, SORT_ORDERS
from .models import Programme
from .search import clean_search_text

SEARCH_MAX_LENGTH = 100
# An address can repeat a parameter any number of times; the page names at most
# this many ignored values and sums up the rest.
MAX_IGNORED_SHOWN = 10
# A filter with more options than this shows the options without results last,
# folded away (FacetGroup.options_html).
LONG_LIST = 12


class SearchInput(forms.TextInput):
    input_type = "search"


class DirectoryForm(forms.Form):
    """The fields of the filter form that the template renders: the search word and
    the sort order (FacetGroup.options_html writes the checkboxes). Labels stand
    above their field, without a colon."""

    zoek = forms.CharField(
        required=False,
        label="Zoek op een woord",
        help_text="Bijvoorbeeld een deel van de naam van een opleiding, hogeschool, "
        "module of contactpersoon.",
        widget=SearchInput,
    )
    sorteer = forms.ChoiceField(
        required=False,
        label="Sorteer op",
        choices=[(value, label) for value, (label, _order) in SORT_ORDERS.items()],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


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


class ProgrammeFilterSet:
    """The directory's filters for one request: reads the address leniently, filters
    and counts with the facet index, and describes what is active."""

    def __init__(self, data=None):
        data = QueryDict() if data is None else data
        self.published = Programme.objects.published()
        self.catalogue = facets.catalogue(self.published.db)
        self.groups = {group.name: group for group in self._load_groups()}
        self.ignored = []
        self.ignored_more = 0
        self.query = self._understood(data)

    @functools.cached_property
    def form(self):
        return DirectoryForm(self.query)

    # Filtering in memory (the facet index, programmes/facets.py) ------------

    def search_ids(self):
        """The ids of the programmes that match the search word (one query), or None
        without a search word."""
        if not hasattr(self, "_search_ids"):
            text = self.search_text
            self._search_ids = (
                frozenset(self.published.search(text).order_by().values_list("pk", flat=True))
                if text
                else None
            )
        return self._search_ids

    def _matches(self):
        """{filter name: ids of the programmes that pass it} for every active filter."""
        if not hasattr(self, "_match_sets"):
            matches = {}
            search = self.search_ids()
            if search is not None:
                matches["zoek"] = search
            for name, group in self.groups.items():
                selected = group.selected_options
                if selected:
                    postings = self.catalogue.postings[name]
                    matches[name] = frozenset().union(
                        *(postings.get(option.key, ()) for option in selected)
                    )
            self._match_sets = matches
        return self._match_sets

    def _passing(self, leave_out=()):
        """The ids that pass every active filter except those in leave_out, or None
        when no filter applies (then every published programme passes)."""
        sets = sorted(
            (ids for name, ids in self._matches().items() if name not in leave_out), key=len
        )
        if not sets:
            return None
        result = sets[0].intersection(*sets[1:])
        return result & self.catalogue.all_ids

    def matching_ids(self, leave_out=()):
        """The ids of the published programmes that pass every active filter except
        those named in leave_out (no query but the search's)."""
        passing = self._passing(leave_out)
        return self.catalogue.all_ids if passing is None else passing

    def result_ids(self):
        """The ids of the programmes in the list, in its sort order."""
        sort = self.query.get("sorteer", DEFAULT_SORT)
        order = self.catalogue.order(sort)
        passing = self._passing()
        if passing is None:
            return list(order)
        return [pk for pk in order if pk in passing]

    # Facets ------------------------------------------------------------------

    def count_options(self):
        """Sets the count of every visible option from the facet index, without a
        query: the size of the intersection of the option's programmes with those
        that pass all other filters (see the module docstring)."""
        for name, group in self.groups.items():
            others = self._passing(leave_out={name})
            postings = self.catalogue.postings[name]
            for option in group.options:
                if not (option.shown or option.selected):
                    continue
                ids = postings.get(option.key)
                if not ids:
                    option.count = 0
                elif others is None:
                    option.count = len(ids)
                else:
                    option.count = len(others.intersection(ids))

    def count_without(self, name):
        """How many programmes the list holds without the filter `name` (no query)."""
        return len(self.matching_ids(leave_out={name}))

    # What is active ------------------------------------------------------------

    @property
    def search_text(self):
        return self.query.get("zoek", "")

    @property
    def active_names(self):
        """The names of the active filters, in the order of the form."""
        return [name for name in ("zoek", *self.groups) if name in self.query]

    def removal_query(self, name, value=None):
        """The query without one value of a filter, or without the whole filter."""
        query = self.query.copy()
        values = [v for v in query.getlist(name) if value is not None and v != value]
        if values:
            query.setlist(name, values)
        else:
            query.pop(name, None)
        return query

    def chip_groups(self):
        """The selected values per filter, each with the query that removes just that value."""
        groups = []
        if self.search_text:
            groups.append(
                {
                    "legend": "Zoekwoord",
                    "chips": [{"label": self.search_text, "query": self.removal_query("zoek")}],
                }
            )
        for group in self.groups.values():
            chips = [
                {"label": option.label, "query": self.removal_query(group.name, option.value)}
                for option in group.selected_options
            ]
            if chips:
                groups.append({"legend": group.legend, "chips": chips})
        return groups

    def clear_query(self):
        """The query without any filter; the sort order stays."""
        query = QueryDict(mutable=True)
        if "sorteer" in self.query:
            query["sorteer"] = self.query["sorteer"]
        return query

    def describe(self):
        """The list's name for the title and heading, e.g. 'Opleidingen voor PIE of BWI'
        or 'Opleidingen met ‘techniek’: Deeltijd, Zwolle'."""
        text = "Opleidingen"
        profiles = [option.label for option in self.groups["profiel"].selected_options]
        if profiles:
            text += " voor " + " of ".join(profiles)
        if self.search_text:
            text += f" met ‘{_shortened(self.search_text)}’"
        others = [
            option.label
            for group in self.groups.values()
            if group.name != "profiel"
            for option in group.selected_options
        ]
        if len(others) > 3:
            others = [*others[:2], f"en {len(others) - 2} andere filters"]
        if others:
            text += ": " + ", ".join(others)
        return text

    # Reading the address -----------------------------------------------------

    def _ignore(self, message):
        if len(self.ignored) < MAX_IGNORED_SHOWN:
            self.ignored.append(message)
        else:
            self.ignored_more += 1

    def _understood(self, data):
        """The known values of `data` in canonical form; the rest goes to `ignored`."""
        query = QueryDict(mutable=True)
        text = clean_search_text(data.get("zoek", ""))
        if len(text) > SEARCH_MAX_LENGTH:
            self._ignore(
                f"Het zoekwoord is langer dan {SEARCH_MAX_LENGTH} tekens. Zoek op een korter woord."
            )
        elif text:
            query["zoek"] = text
        for name, group in self.groups.items():
            values = []
            for raw in data.getlist(name):
                if not raw.strip():
                    continue  # an empty value means nothing was chosen
                option = group.find(raw)
                if option is None:
                    self._ignore(
                        f"Bij ‘{group.legend}’ kennen we ‘{_shortened(raw)}’ niet."
                        + (f" {group.unknown_hint}" if group.unknown_hint else "")
                    )
                elif option.value not in values:
                    option.selected = True
                    values.append(option.value)
            if values:
                query.setlist(name, values)
        sort = data.get("sorteer", "").strip().casefold()
        if sort in SORT_ORDERS:
            if sort != DEFAULT_SORT:
                query["sorteer"] = sort
        elif sort:
            self._ignore(
                f"We kunnen niet sorteren op ‘{_shortened(data['sorteer'])}’. "
                "De lijst staat op volgorde van hogeschool."
            )
        return query

    # The options -------------------------------------------------------------

    def _load_groups(self):
        """The option lists, from the catalogue of the current content version."""
        raw = self.catalogue.options

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


def _shortened(text, length=40):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
