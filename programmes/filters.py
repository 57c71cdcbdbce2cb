"""The filters of the programme directory (/opleidingen/) for one request.

ProgrammeFilterSet reads the address, filters, sorts and counts with the facet
index (programmes/facets.py) and says what is active. The parameters and their
OR-within, AND-between rule are in the README ("Filters in het adres"). The rule
to know: the page builds every link from ``query``, the values it understood, so
an unknown value is mentioned once and then dropped
(docs/decisions/0020-lenient-directory-addresses.md). Why the filtering happens in
memory: docs/decisions/0018-directory-facet-index.md.
"""

import functools

from django import forms
from django.http import QueryDict

from . import facets
from .facet_groups import load_groups
from .facets import DEFAULT_SORT, SORT_ORDERS
from .models import Programme
from .nearby import RADII
from .nearby_filter import NearbyFilter, Notices
from .search import clean_search_text

SEARCH_MAX_LENGTH = 100
# The sort order by distance: only with a place (`bij`), and then the default.
DISTANCE_SORT = "afstand"
DISTANCE_SORT_LABEL = "Afstand (dichtstbij eerst)"
# An address can repeat a parameter any number of times; the page names at most
# this many ignored values and sums up the rest.
MAX_IGNORED_SHOWN = 10


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
    bij = forms.CharField(
        required=False,
        label="In welke plaats staat uw school?",
        help_text="Bijvoorbeeld Zwolle. De lijst toont dan de opleidingen die het dichtstbij "
        "zijn eerst.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "list": "plaatsen", "spellcheck": "false"}
        ),
    )
    bij_provincie = forms.ChoiceField(
        required=False, label="In welke provincie staat uw school?", choices=()
    )
    straal = forms.ChoiceField(
        required=False,
        label="Hoe ver mag de opleiding weg zijn?",
        choices=[("", "Maakt niet uit"), *((str(km), f"Binnen {km} km") for km in RADII)],
    )
    sorteer = forms.ChoiceField(
        required=False,
        label="Sorteer op",
        choices=[(value, label) for value, (label, _order) in SORT_ORDERS.items()],
    )

    def __init__(self, *args, nearby=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if nearby is None:
            return
        if nearby.provinces and len(nearby.provinces) > 1:
            self.fields["bij_provincie"].choices = nearby.province_choices()
        else:
            del self.fields["bij_provincie"]
        if nearby.place is not None or nearby.typed:
            # Also for a place still to be corrected, so that sending the form again
            # does not choose another order.
            self.fields["sorteer"].choices = [
                (DISTANCE_SORT, DISTANCE_SORT_LABEL),
                *self.fields["sorteer"].choices,
            ]


class ProgrammeFilterSet:
    """The directory's filters for one request: reads the address leniently, filters
    and counts with the facet index, and describes what is active."""

    def __init__(self, data=None):
        data = QueryDict() if data is None else data
        self.published = Programme.objects.published()
        self.catalogue = facets.catalogue(self.published.db)
        self.groups = {group.name: group for group in load_groups(self.catalogue)}
        self.ignored = []
        self.ignored_more = 0
        self.nearby = None
        self.query = self._understood(data)
        self.sort = self.query.get("sorteer", self.default_sort)

    @property
    def default_sort(self):
        """By distance when a place is known, else by hogeschool."""
        return DISTANCE_SORT if self.near is not None else DEFAULT_SORT

    @property
    def near(self):
        """The NearbySearch of the chosen place, or None."""
        return self.nearby.search if self.nearby is not None else None

    @functools.cached_property
    def form(self):
        data = self.query.copy()
        if self.nearby.typed:
            # Show what was typed, so it can be corrected beside its message.
            data["bij"] = self.nearby.typed
        form = DirectoryForm(data, nearby=self.nearby)
        form.full_clean()
        if self.nearby.message:
            field = self.nearby.message_field
            form.add_error(field if field in form.fields else "bij", self.nearby.message)
        return form

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
            if self.near is not None and self.nearby.radius is not None:
                matches["straal"] = self.near.within(self.nearby.radius)
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
        if self.sort == DISTANCE_SORT:
            order = self.near.order(self.catalogue.order(DEFAULT_SORT))
        else:
            order = self.catalogue.order(self.sort)
        passing = self._passing()
        if passing is None:
            return list(order)
        return [pk for pk in order if pk in passing]

    # Facets ------------------------------------------------------------------

    def count_options(self):
        """Sets the count of every visible option from the facet index, without a
        query: the size of the intersection of the option's programmes with those
        that pass all other filters (docs/decisions/0019-facet-options-and-counts.md)."""
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
        return [name for name in ("zoek", "straal", *self.groups) if name in self.query]

    def legend(self, name):
        """The name of a filter for a message, e.g. 'Zoekwoord' or 'Hogeschool'."""
        if name == "zoek":
            return "Zoekwoord"
        if name == "straal":
            return f"Binnen {self.nearby.radius} km"
        return self.groups[name].legend

    def unknown_place_left_out(self):
        """How many programmes a radius leaves out because their place is not known."""
        if "straal" not in self.query:
            return 0
        return len(self.matching_ids(leave_out={"straal"}) & self.near.unknown_ids)

    def removal_query(self, name, value=None):
        """The query without one value of a filter, or without the whole filter (the
        place `bij` goes with its province and radius)."""
        query = self.query.copy()
        if name == "bij":
            for key in ("bij", "bij_provincie", "straal"):
                query.pop(key, None)
            return query
        values = [v for v in query.getlist(name) if value is not None and v != value]
        if values:
            query.setlist(name, values)
        else:
            query.pop(name, None)
        return query

    def chip_groups(self):
        """The selected values per filter, each with the query that removes just that value."""
        groups = []
        if self.near is not None:
            groups.append(
                {
                    "legend": "Afstand",
                    "chips": [
                        {"label": self.nearby.chip_label(), "query": self.removal_query("bij")}
                    ],
                }
            )
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
        if self.near is not None:
            text += " " + self.nearby.describe()
            if self.sort == DISTANCE_SORT:
                text += ", dichtstbij eerst"
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
        self.nearby = NearbyFilter(data, self.catalogue, Notices(self._ignore))
        for name, value in self.nearby.query_items():
            query[name] = value
        default = self.default_sort
        sort = data.get("sorteer", "").strip().casefold()
        if sort in SORT_ORDERS or (sort == DISTANCE_SORT and self.near is not None):
            if sort != default:
                query["sorteer"] = sort
        elif sort == DISTANCE_SORT and not self.nearby.typed:
            self._ignore(
                "Sorteren op afstand kan alleen als u de plaats van uw school invult. "
                "De lijst staat op volgorde van hogeschool."
            )
        elif sort:
            order = "afstand" if self.near is not None else "hogeschool"
            self._ignore(
                f"We kunnen niet sorteren op ‘{_shortened(data['sorteer'])}’. "
                f"De lijst staat op volgorde van {order}."
            )
        return query


def _shortened(text, length=40):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
