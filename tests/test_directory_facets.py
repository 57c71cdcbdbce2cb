"""The directory's facet index (programmes/facets.py): filtering and counting in
memory give what a database query gives (the ORM filter below is the oracle), an
edit shows at the next request, and a long option list folds away the options
without results.
"""

import re

import pytest
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.http import QueryDict
from django.urls import reverse

from editorial.status import PublicationStatus
from pagecache.models import bump_content_version
from programmes import facets
from programmes.facet_groups import LONG_LIST
from programmes.facets import DEFAULT_SORT, SORT_ORDERS
from programmes.filters import ProgrammeFilterSet
from programmes.models import Programme, StudyForm
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("programmes:programme_list")
CSV = reverse("programmes:programme_csv")

# The lookup of each filter, as the ORM filter (django-filter) had it before the
# index existed. A filter on a to-many relation joins its own copy of the table.
ORM_LOOKUPS = {
    "profiel": "profiles__slug",
    "hogeschool": "institution__slug",
    "studievorm": "study_forms__slug",
    "leidt_tot": "qualification__slug",
    "vrijstellingen": "exemptions_possible",
    "leervorm": "modules__learning_forms__slug",
    "plaats": "locations__city__iexact",
    "provincie": "locations__province",
}
# What the facet query of each filter grouped by before the index existed.
ORM_KEYS = {
    "profiel": F("profiles__slug"),
    "hogeschool": F("institution__slug"),
    "studievorm": F("study_forms__slug"),
    "leidt_tot": F("qualification__slug"),
    "vrijstellingen": F("exemptions_possible"),
    "leervorm": F("modules__learning_forms__slug"),
    "plaats": Lower("locations__city"),
    "provincie": F("locations__province"),
}

QUERIES = [
    "",
    "zoek=test",
    "zoek=leraar techniek",
    "profiel=pie&studievorm=deeltijd",
    "profiel=pie&profiel=bwi&studievorm=deeltijd&studievorm=voltijd&sorteer=naam",
    "hogeschool=testhogeschool-2&hogeschool=windesheim&vrijstellingen=ja",
    "leervorm=praktijkleren&provincie=utrecht&sorteer=gecontroleerd",
    "plaats=testplaats%202&plaats=ZWOLLE&leidt_tot=tweedegraads-bevoegdheid",
    "zoek=testopleiding 01&leervorm=colleges&leervorm=zelfstudie",
    "provincie=zeeland",
    "zoek=bestaat-niet&profiel=pie",
]


def orm_filtered(filterset, leave_out=()):
    """The published programmes that pass every active filter of `filterset` except
    those named in leave_out, as the database finds them."""
    queryset = Programme.objects.published()
    if filterset.search_text and "zoek" not in leave_out:
        queryset = queryset.search(filterset.search_text)
    for name, lookup in ORM_LOOKUPS.items():
        values = filterset.query.getlist(name)
        if values and name not in leave_out:
            condition = Q()
            for value in values:
                condition |= Q(**{lookup: value == "ja" if name == "vrijstellingen" else value})
            queryset = queryset.filter(condition)
    return queryset.distinct()


def orm_counts(filterset):
    """{filter: {option: count}} as one grouped COUNT(DISTINCT) query per filter gives it."""
    counts = {}
    for name, group in filterset.groups.items():
        others = orm_filtered(filterset, leave_out={name}).order_by().values("pk")
        found = dict(
            Programme.objects.filter(pk__in=others)
            .annotate(facet=ORM_KEYS[name])
            .values("facet")
            .annotate(number=Count("pk", distinct=True))
            .order_by()
            .values_list("facet", "number")
        )
        counts[name] = {o.value: found.get(o.key, 0) for o in group.visible_options}
    return counts


@pytest.mark.parametrize("query", QUERIES)
def test_filtering_and_counting_in_memory_match_the_orm_filter(many_programmes, query):
    Programme.objects.filter(slug="testopleiding-007").update(status=PublicationStatus.DRAFT)
    bump_content_version()  # update() sends no signals
    filterset = ProgrammeFilterSet(QueryDict(query))

    order = SORT_ORDERS[filterset.query.get("sorteer", DEFAULT_SORT)][1]
    expected = orm_filtered(filterset).order_by(*order).values_list("pk", flat=True)
    assert filterset.result_ids() == list(expected)
    filterset.count_options()
    counts = {
        name: {o.value: o.count for o in group.visible_options}
        for name, group in filterset.groups.items()
    }
    assert counts == orm_counts(filterset)
    for name in filterset.active_names:
        assert filterset.count_without(name) == orm_filtered(filterset, {name}).count()


def test_a_new_programme_shows_at_the_next_request(seeded_db, client):
    before = client.get(LIST + "?studievorm=duaal").content.decode()
    assert "Duaal (0)" in before

    programme = f.ProgrammeFactory(name="Nieuwe duale opleiding")
    programme.study_forms.add(StudyForm.objects.get(slug="duaal"))

    after = client.get(LIST + "?studievorm=duaal").content.decode()
    assert "Nieuwe duale opleiding" in after
    assert "Duaal (1)" in after
    assert "Nieuwe duale opleiding" in client.get(CSV).content.decode()


def test_an_unpublished_or_renamed_programme_changes_page_and_download_at_once(seeded_db, client):
    client.get(LIST)
    client.get(CSV)
    programme = Programme.objects.get(slug="fontys-leraar-technisch-beroepsonderwijs")
    programme.name = "Andere naam"
    programme.save()

    assert "Andere naam" in client.get(CSV).content.decode()
    assert "Andere naam" in client.get(LIST).content.decode()

    programme.status = PublicationStatus.DRAFT
    programme.save()

    assert "Andere naam" not in client.get(CSV).content.decode()
    page = client.get(LIST).content.decode()
    assert "Andere naam" not in page
    assert "Opleidingen (6)" in page  # the seed has seven


def test_the_index_is_built_once_per_content_version(seeded_db, client):
    client.get(LIST)
    first = facets.catalogue()
    client.get(LIST + "?profiel=pie")
    assert facets.catalogue() is first

    bump_content_version()

    assert facets.catalogue() is not first


def fold(page, name):
    """(options before the fold, options in it) of one filter, as values."""
    fieldset = next(part for part in page.split("<fieldset")[1:] if f'name="{name}"' in part).split(
        "</fieldset>"
    )[0]
    before, _, folded = fieldset.partition('<details class="more-options">')
    values = rf'name="{name}" value="([^"]+)"'
    return re.findall(values, before), re.findall(values, folded)


def test_a_long_list_folds_away_the_options_without_results(many_programmes, client):
    page = client.get(
        LIST + "?hogeschool=testhogeschool-3&hogeschool=windesheim&plaats=testplaats%203"
    ).content.decode()

    # The generated programmes of Testhogeschool 3 are in Testplaats 3 and 4;
    # Windesheim's is in Zwolle.
    shown, folded = fold(page, "plaats")
    assert set(shown) == {"Testplaats 3", "Testplaats 4", "Zwolle"}
    assert len(shown) + len(folded) > LONG_LIST
    assert "Testplaats 10" in folded
    assert re.search(r"<summary>Toon ook \d+ keuzes met 0 opleidingen</summary>", page)
    # In Testplaats 3: Testhogeschool 2 and 3. A ticked option is never folded away,
    # even with 0 results (Windesheim).
    shown, folded = fold(page, "hogeschool")
    assert set(shown) == {"testhogeschool-2", "testhogeschool-3", "windesheim"}
    assert "fontys" in folded


def test_a_short_list_or_a_list_where_every_option_counts_is_not_folded(seeded_db, client):
    page = client.get(LIST + "?studievorm=duaal").content.decode()

    assert "more-options" not in page  # the seed's lists are short
    assert fold(page, "studievorm")[1] == []


def test_the_download_names_the_address_of_the_host_it_was_asked_from(seeded_db, client):
    # The lines are kept per content version and per site address (without SITE_URL
    # the address comes from the request).
    first = client.get(CSV).content.decode()
    other = client.get(CSV, HTTP_HOST="localhost").content.decode()

    assert "http://testserver/opleidingen/" in first
    assert "http://testserver/" not in other
    assert "http://localhost/opleidingen/" in other
    assert first.replace("testserver", "localhost") == other
