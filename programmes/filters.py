"""The filters of the programme directory (/opleidingen/), built on django-filter.

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
A filter on a to-many relation (profiles, study forms, learning forms, places,
provinces) joins its own copy of that table and ends with distinct(), so place
and province are matched independently (some location in that city and some
location in that province).

Lenient input
-------------
A shared or old address may hold a value we do not know (a typo, an entry that
was removed). Such values are taken out before django-filter's form sees the
data and are listed in ``ignored`` for the page to mention; the valid values,
also of the same filter, still apply. The form is therefore always valid and an
address never gives an error page. Case is ignored (``?profiel=PIE`` works).
``query`` holds the understood values in canonical form; the page builds all
its links (chips, paging, download) from it, so an unknown value is mentioned
once and then dropped.

Options and facet counts
------------------------
The options come from the database with one query per list (places and
provinces share one). Short fixed lists (technical profielen, studievormen,
leervormen) show every entry, so "M&T (0)" says honestly that no programme is
known; open lists (hogescholen, kwalificaties, plaatsen, provincies) show only
entries that a programme in the list uses. A selected option is always shown,
so it can be unticked.

Each option's count is the number of programmes the list would hold if that
option were ticked too, given all *other* active filters (standard faceting:
a filter's own choices are left out of its counts, because ticking a second
option of the same filter widens the list). Each filter costs one grouped
aggregate query, whatever the number of options or programmes.
"""

import dataclasses

import django_filters
from django import forms
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import Lower
from django.http import QueryDict

from .models import (
    Institution,
    LearningForm,
    Location,
    Programme,
    Province,
    Qualification,
    StudyForm,
    VocationalProfile,
)
from .search import clean_search_text

SEARCH_MAX_LENGTH = 100
# An address can repeat a parameter any number of times; the page names at most
# this many ignored values and sums up the rest.
MAX_IGNORED_SHOWN = 10

# sorteer value: (label, order). Ties end on the primary key, so paging is stable.
SORT_ORDERS = {
    "hogeschool": ("Hogeschool", (Lower("institution__name"), Lower("name"), "pk")),
    "naam": ("Naam van de opleiding", (Lower("name"), Lower("institution__name"), "pk")),
    "gecontroleerd": (
        "Laatst gecontroleerd (nieuwste eerst)",
        (F("checked_on").desc(nulls_last=True), Lower("institution__name"), Lower("name"), "pk"),
    ),
}
DEFAULT_SORT = "hogeschool"


class SearchInput(forms.TextInput):
    input_type = "search"


class DirectoryForm(forms.Form):
    """The form behind the filters; labels stand above their field, without a colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


@dataclasses.dataclass
class Option:
    """One checkbox of a filter."""

    value: str  # as it stands in the address
    label: str
    key: object  # what the facet query groups by (a slug, a lower-case city, True)
    hint: str = ""
    shown: bool = True
    selected: bool = False
    count: int = 0


@dataclasses.dataclass
class FacetGroup:
    """A filter shown as a group of checkboxes with a count per option."""

    name: str  # the address parameter and the FilterSet's filter name
    legend: str
    key: object  # expression on Programme that the facet query groups by
    options: list
    hint: str = ""
    unknown_hint: str = ""

    def find(self, raw):
        wanted = raw.strip().casefold()
        return next((o for o in self.options if o.value.casefold() == wanted), None)

    @property
    def visible_options(self):
        return [option for option in self.options if option.shown or option.selected]

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]


def _multiple(field_name, **kwargs):
    # Choices are set per request in ProgrammeFilterSet.__init__, from the database.
    return django_filters.MultipleChoiceFilter(
        field_name=field_name, widget=forms.CheckboxSelectMultiple, **kwargs
    )


class ProgrammeFilterSet(django_filters.FilterSet):
    zoek = django_filters.CharFilter(
        method="filter_search",
        label="Zoek op een woord",
        help_text="Bijvoorbeeld een deel van de naam van een opleiding, hogeschool, "
        "module of contactpersoon.",
        widget=SearchInput,
    )
    profiel = _multiple("profiles__slug")
    hogeschool = _multiple("institution__slug", distinct=False)
    studievorm = _multiple("study_forms__slug")
    leidt_tot = _multiple("qualification__slug", distinct=False)
    vrijstellingen = django_filters.TypedMultipleChoiceFilter(
        field_name="exemptions_possible",
        coerce=lambda value: value == "ja",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    leervorm = _multiple("modules__learning_forms__slug")
    plaats = _multiple("locations__city", lookup_expr="iexact")
    provincie = _multiple("locations__province")
    sorteer = django_filters.ChoiceFilter(
        method="filter_sort",
        label="Sorteer op",
        choices=[(value, label) for value, (label, _order) in SORT_ORDERS.items()],
        empty_label=None,
    )

    class Meta:
        model = Programme
        fields = []  # only the filters declared above
        form = DirectoryForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = Programme.objects.published()
        # Always bound: no parameters is a valid search for everything.
        super().__init__(
            QueryDict() if data is None else data, queryset, request=request, prefix=prefix
        )
        self.groups = {group.name: group for group in self._load_groups()}
        for name, group in self.groups.items():
            self.filters[name].extra["choices"] = [(o.value, o.label) for o in group.options]
        self.ignored = []
        self.ignored_more = 0
        self.query = self._understood(self.data)
        self.data = self.query

    # Filtering ---------------------------------------------------------------

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDERS[value][1])

    def _cleaned(self):
        # Always valid: _understood() passes on known values only.
        self.form.is_valid()
        return self.form.cleaned_data

    def filtered(self, leave_out=()):
        """The programmes that pass every active filter except those named in leave_out."""
        queryset = self.queryset.all()
        for name, value in self._cleaned().items():
            if name != "sorteer" and name not in leave_out:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            sort = self.query.get("sorteer", DEFAULT_SORT)
            self._qs = self.filtered().order_by(*SORT_ORDERS[sort][1])
        return self._qs

    # Facets ------------------------------------------------------------------

    def count_options(self):
        """Sets every option's count: one grouped query per filter (see the module docstring)."""
        for name, group in self.groups.items():
            others = self.filtered(leave_out={name}).order_by().values("pk")
            counts = dict(
                Programme.objects.filter(pk__in=others)
                .annotate(facet=group.key)
                .values("facet")
                .annotate(number=Count("pk", distinct=True))
                .order_by()
                .values_list("facet", "number")
            )
            for option in group.options:
                option.count = counts.get(option.key, 0)

    def count_without(self, name):
        """How many programmes the list holds without the filter `name` (one query)."""
        return self.filtered(leave_out={name}).count()

    # What is active ------------------------------------------------------------

    @property
    def search_text(self):
        return self.query.get("zoek", "")

    @property
    def active_names(self):
        """The names of the active filters, in the order of the form."""
        return [name for name in self.filters if name != "sorteer" and name in self.query]

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
        """The option lists, from the database: six queries in all."""
        programmes = self.queryset.order_by()

        def used(**lookup):
            return Exists(programmes.filter(**lookup))

        profiles = VocationalProfile.objects.annotate(used=used(profiles=OuterRef("pk")))
        yield FacetGroup(
            "profiel",
            "vmbo-profiel",
            F("profiles__slug"),
            [
                Option(
                    p.slug,
                    p.code,
                    p.slug,
                    hint=p.name if p.name != p.code else "",
                    shown=p.is_technical or p.used,
                )
                for p in profiles
            ],
        )
        institutions = Institution.objects.annotate(used=used(institution=OuterRef("pk")))
        yield FacetGroup(
            "hogeschool",
            "Hogeschool",
            F("institution__slug"),
            [Option(i.slug, i.name, i.slug, shown=i.used) for i in institutions],
        )
        study_forms = StudyForm.objects.all()
        yield FacetGroup(
            "studievorm",
            "Studievorm",
            F("study_forms__slug"),
            [Option(s.slug, s.name, s.slug) for s in study_forms],
        )
        qualifications = Qualification.objects.annotate(used=used(qualification=OuterRef("pk")))
        yield FacetGroup(
            "leidt_tot",
            "Leidt tot",
            F("qualification__slug"),
            [Option(q.slug, q.name, q.slug, shown=q.used) for q in qualifications],
        )
        yield FacetGroup(
            "vrijstellingen",
            "Vrijstellingen",
            F("exemptions_possible"),
            [Option("ja", "Vrijstellingen mogelijk", True)],
            hint="Met een vrijstelling hoeft u een deel van de opleiding niet te doen, "
            "omdat u die kennis of ervaring al heeft.",
            unknown_hint="Alleen ‘ja’ kan.",
        )
        learning_forms = LearningForm.objects.all()
        yield FacetGroup(
            "leervorm",
            "Leervorm",
            F("modules__learning_forms__slug"),
            [Option(lf.slug, lf.name, lf.slug) for lf in learning_forms],
            hint="Hoe u leert in de modules van de opleiding.",
        )
        cities, provinces = {}, set()
        locations = (
            Location.objects.annotate(key=Lower("city"), used=used(locations=OuterRef("pk")))
            .order_by("key", "city")
            .values_list("city", "key", "province", "used")
        )
        for city, key, province, is_used in locations:
            option = cities.setdefault(key, Option(city, city, key, shown=False))
            option.shown = option.shown or is_used
            if is_used and province:
                provinces.add(province)
        yield FacetGroup("plaats", "Plaats", Lower("locations__city"), list(cities.values()))
        yield FacetGroup(
            "provincie",
            "Provincie",
            F("locations__province"),
            [
                Option(value, label, value, shown=value in provinces)
                for value, label in Province.choices
            ],
        )


def _shortened(text, length=40):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
