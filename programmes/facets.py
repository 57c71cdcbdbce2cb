"""The directory's facet index: what every published programme has, per filter, in memory.

A ``Catalogue`` holds the option lists of every filter, per filter and key the ids
of the published programmes with that key (``postings``), and the ids in each sort
order of ``SORT_ORDERS``. ProgrammeFilterSet filters, counts and sorts with it;
the download keeps its lines with it (``derived``). The rule to know: a catalogue
belongs to one content version and is read-only once built; get it from
``catalogue()``, never build one per request. Why and how fast:
docs/decisions/0018-directory-facet-index.md.
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F
from django.db.models.functions import Lower

from pagecache.memo import per_content_version

from .models import (
    Institution,
    LearningForm,
    Location,
    Module,
    Programme,
    Province,
    Qualification,
    StudyForm,
    VocationalProfile,
)

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

# The filter groups with postings, in the order of the form.
GROUPS = (
    "profiel",
    "hogeschool",
    "studievorm",
    "leidt_tot",
    "vrijstellingen",
    "leervorm",
    "plaats",
    "provincie",
)


class Catalogue:
    """The option lists and the facet index of one content version. Read-only once
    built, so requests in several threads may share it."""

    def __init__(self, using=DEFAULT_DB_ALIAS):
        self.using = using
        self._orders = {}
        self._derived = {}
        self._build()

    def _build(self):
        published = Programme.objects.using(self.using).published().order_by()
        postings = {name: {} for name in GROUPS}

        def add(name, pk, key):
            if key is not None and key != "":
                postings[name].setdefault(key, set()).add(pk)

        # One row per programme, in the default order (institution, name).
        rows = published.order_by(*SORT_ORDERS[DEFAULT_SORT][1]).values_list(
            "pk",
            "institution__slug",
            "qualification__slug",
            "exemptions_possible",
            "institution_id",
        )
        default_order = []
        # For the search by distance (programmes/nearby.py): each programme's hogeschool,
        # its own campuses and every hogeschool's campuses, as (city, province).
        self.institution_of = {}
        self.campuses = {}
        self.institution_campuses = {}
        for pk, institution, qualification, exemptions, institution_id in rows:
            default_order.append(pk)
            self.institution_of[pk] = institution_id
            add("hogeschool", pk, institution)
            add("leidt_tot", pk, qualification)
            if exemptions:
                add("vrijstellingen", pk, True)
        self._orders[DEFAULT_SORT] = tuple(default_order)
        self.all_ids = frozenset(default_order)

        for pk, slug in published.values_list("pk", "profiles__slug"):
            add("profiel", pk, slug)
        for pk, slug in published.values_list("pk", "study_forms__slug"):
            add("studievorm", pk, slug)
        learning = (
            Module.objects.using(self.using)
            .filter(programme__in=published.values("pk"))
            .order_by()
            .values_list("programme_id", "learning_forms__slug")
            .distinct()
        )
        for pk, slug in learning:
            add("leervorm", pk, slug)
        places = published.annotate(city_key=Lower("locations__city")).values_list(
            "pk", "city_key", "locations__province", "locations__city"
        )
        for pk, city, province, city_name in places:
            add("plaats", pk, city)
            add("provincie", pk, province)
            if city_name:
                self.campuses.setdefault(pk, []).append((city_name, province or ""))

        self.postings = {
            name: {key: frozenset(ids) for key, ids in keys.items()}
            for name, keys in postings.items()
        }
        self.options = dict(self._load_options())

    def _load_options(self):
        """(name, [(value, label, key, hint, shown), ...]) per group: five queries."""
        db = self.using
        used = {name: self.postings[name].keys() for name in GROUPS}
        yield (
            "profiel",
            [
                (
                    p.slug,
                    p.code,
                    p.slug,
                    p.name if p.name != p.code else "",
                    p.is_technical or p.slug in used["profiel"],
                )
                for p in VocationalProfile.objects.using(db).only(
                    "slug", "code", "name", "is_technical"
                )
            ],
        )
        yield (
            "hogeschool",
            [
                (slug, name, slug, "", slug in used["hogeschool"])
                for slug, name in Institution.objects.using(db).values_list("slug", "name")
            ],
        )
        yield (
            "studievorm",
            [
                (slug, name, slug, "", True)
                for slug, name in StudyForm.objects.using(db).values_list("slug", "name")
            ],
        )
        yield (
            "leidt_tot",
            [
                (slug, name, slug, "", slug in used["leidt_tot"])
                for slug, name in Qualification.objects.using(db).values_list("slug", "name")
            ],
        )
        yield ("vrijstellingen", [("ja", "Vrijstellingen mogelijk", True, "", True)])
        yield (
            "leervorm",
            [
                (slug, name, slug, "", True)
                for slug, name in LearningForm.objects.using(db).values_list("slug", "name")
            ],
        )
        cities = {}
        locations = (
            Location.objects.using(db)
            .annotate(key=Lower("city"))
            .order_by("key", "city")
            .values_list("city", "key", "institution_id", "province")
        )
        for city, key, institution_id, province in locations:
            self.institution_campuses.setdefault(institution_id, []).append((city, province))
            cities.setdefault(key, (city, city, key, "", key in used["plaats"]))
        yield ("plaats", list(cities.values()))
        yield (
            "provincie",
            [
                (value, label, value, "", value in used["provincie"])
                for value, label in Province.choices
            ],
        )

    def derived(self, key, build):
        """What build() returns, kept with this catalogue: for other data that depends
        on the content alone (the download's lines). Built once per content version."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build()
            return value

    def order(self, sort):
        """The ids of the published programmes in the sort order `sort` (a key of
        SORT_ORDERS): one query the first time, then from memory."""
        ids = self._orders.get(sort)
        if ids is None:
            # Only the programmes of this catalogue, should the content have changed
            # since it was built (the next request then builds a new one anyway).
            ids = tuple(
                pk
                for pk in Programme.objects.using(self.using)
                .published()
                .order_by(*SORT_ORDERS[sort][1])
                .values_list("pk", flat=True)
                if pk in self.all_ids
            )
            self._orders[sort] = ids
        return ids


def catalogue(using=DEFAULT_DB_ALIAS):
    """The catalogue of the current content version: one query when it is in memory."""
    return per_content_version("programmes.facets", lambda: Catalogue(using), using)
