"""The comparison page (/opleidingen/vergelijken/): two to four programmes side by
side, chosen with a plain GET form; a bad address gives a clear Dutch message,
never an error page; a fixed query budget."""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from editorial.status import PublicationStatus
from programmes.models import CostKind, Programme, ProgrammeCost, StartMoment
from programmes.views.compare import PICKER_SIZE, dutch_list, read_choice
from tests import factories as f
from tests.helpers import Tags

pytestmark = pytest.mark.django_db

URL = reverse("programmes:programme_compare")

ROWS = [
    "Hogeschool",
    "Leidt tot",
    "Graad",
    "Vmbo-profielen",
    "Studievormen",
    "Vestigingen",
    "Studielast",
    "Duur",
    "Startmomenten",
    "Kosten",
    "Studieadvies in het eerste jaar",
    "Toelatingseisen",
    "Vrijstellingen mogelijk",
    "Modules",
    "Wat de school als werkgever regelt",
    "Contactpersonen",
    "Website",
    "Laatst gecontroleerd",
]


def compare(client, *slugs):
    response = client.get(f"{URL}?{urlencode([('opleiding', slug) for slug in slugs])}")
    assert response.status_code == 200
    return response.content.decode()


def table_of(page):
    match = re.search(r"<table.*?</table>", page, re.S)
    assert match, "the page shows a comparison table"
    return match.group(0)


def row(table, header):
    """The cells (<td> contents) of the row with this row header."""
    match = re.search(rf'<th scope="row">{re.escape(header)}</th>(.*?)</tr>', table, re.S)
    assert match, header
    return re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)


def notice(page):
    match = re.search(r'<section class="notice".*?</section>', page, re.S)
    return match.group(0) if match else ""


def title(page):
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


# The table --------------------------------------------------------------------------


def test_two_programmes_get_one_linked_column_each_in_the_order_asked(client):
    first = f.ProgrammeFactory(name="Leraar Techniek")
    second = f.ProgrammeFactory(name="Leraar Mens en Technologie")

    table = table_of(compare(client, second.slug, first.slug))

    headers = re.findall(r'<th scope="col"><a href="([^"]+)">([^<]+)</a>', table)
    assert headers == [
        (second.get_absolute_url(), "Leraar Mens en Technologie"),
        (first.get_absolute_url(), "Leraar Techniek"),
    ]


def test_table_has_a_row_header_for_every_fact(client):
    programmes = f.ProgrammeFactory.create_batch(3)

    table = table_of(compare(client, *(p.slug for p in programmes)))

    assert re.findall(r'<th scope="row">(.*?)</th>', table) == ROWS
    for header in ROWS:
        assert len(row(table, header)) == 3


def test_table_shows_the_facts_of_each_programme(client):
    full = f.ProgrammeFactory(
        degree="Bachelor of Education",
        total_ec=240,
        duration="4 jaar",
        entry_requirements="Een mbo-4-diploma.",
        employer_role="De school geeft een mentor.",
        exemptions_possible=True,
        qualification=f.QualificationFactory(valid_for="vmbo en mbo"),
        modules_complete=True,
        study_advice_binding=True,
        study_advice_min_ec=45,
    )
    full.profiles.add(f.VocationalProfileFactory())
    full.study_forms.add(f.StudyFormFactory())
    full.locations.add(f.LocationFactory(city="Zwolle"))
    full.exemption_methods.add(
        f.ExemptionMethodFactory(slug="intake", name="Intake", order=1),
        f.ExemptionMethodFactory(slug="evc", name="EVC", order=2),
    )
    f.ProgrammeContactFactory(programme=full, name="Erik", email="erik@hs.example")
    f.ProgrammeLinkFactory(programme=full, url="https://bit.ly/3dQsFUm")
    f.ModuleFactory.create_batch(3, programme=full)
    part_time = full.study_forms.get()
    StartMoment.objects.create(programme=full, day=1, month=2, study_form=part_time)
    StartMoment.objects.create(programme=full, day=1, month=9, study_form=part_time)
    ProgrammeCost.objects.create(programme=full, amount=2168, year=2021, kind=CostKind.STATUTORY)
    other = f.ProgrammeFactory(exemptions_possible=False)
    f.ModuleFactory.create_batch(2, programme=other)  # the list is not marked complete

    table = table_of(compare(client, full.slug, other.slug))

    assert row(table, "Hogeschool")[0] == full.institution.name
    assert row(table, "Leidt tot")[0] == "Tweedegraads bevoegdheid (geldig voor vmbo en mbo)"
    assert row(table, "Graad")[0] == "Bachelor of Education"
    assert "Produceren, installeren en energie (PIE)" in row(table, "Vmbo-profielen")[0]
    assert row(table, "Studievormen")[0] == "Deeltijd"
    assert row(table, "Vestigingen")[0] == "Zwolle"
    assert row(table, "Studielast")[0].startswith("240 <abbr")
    assert row(table, "Duur")[0] == "4 jaar"
    assert row(table, "Toelatingseisen")[0] == "<p>Een mbo-4-diploma.</p>"
    assert row(table, "Vrijstellingen mogelijk") == ["Ja, via Intake of EVC", "Nee"]
    assert row(table, "Startmomenten")[0] == (
        '<ul class="plain"><li>1 februari en 1 september (deeltijd)</li></ul>'
    )
    assert "Wettelijk collegegeld 2021: € 2.168" in row(table, "Kosten")[0]
    assert "Het bedrag van nu is niet nagegaan." in row(table, "Kosten")[0]
    assert row(table, "Studieadvies in het eerste jaar")[0] == "Bindend, minstens 45 EC"
    assert row(table, "Modules") == [
        f'<a href="{full.get_absolute_url()}#modules">3 modules</a>',
        f'<a href="{other.get_absolute_url()}#modules">2 bekende onderdelen</a>'
        " (de lijst is niet compleet)",
    ]
    assert row(table, "Wat de school als werkgever regelt")[0] == (
        "<p>De school geeft een mentor.</p>"
    )
    assert (
        '<a href="mailto:erik@hs.example">erik@hs.example</a>' in row(table, "Contactpersonen")[0]
    )
    assert '<a class="url" href="https://bit.ly/3dQsFUm">' in row(table, "Website")[0]
    assert row(table, "Laatst gecontroleerd")[0] == "24 november 2026"


def test_unknown_facts_say_niet_bekend(client):
    bare = f.ProgrammeFactory(
        degree="", total_ec=None, duration="", exemptions_possible=None, checked_on=None
    )
    other = f.ProgrammeFactory()

    table = table_of(compare(client, bare.slug, other.slug))

    unknown = '<span class="unknown">Niet bekend</span>'
    for header in ROWS[1:-1]:  # all but the hogeschool and the checked date
        assert row(table, header)[0] == unknown, header
    assert row(table, "Laatst gecontroleerd")[0] == "Nog niet gecontroleerd"


def test_table_scrolls_in_a_focusable_labelled_region(client):
    page = compare(client, *(p.slug for p in f.ProgrammeFactory.create_batch(2)))

    assert re.search(
        r'<div class="table-scroll[^"]*" tabindex="0" role="region" '
        r'aria-labelledby="vergelijking-title">\s*<table',
        page,
    )
    assert '<h2 id="vergelijking-title">2 opleidingen naast elkaar</h2>' in page


def test_title_names_the_programmes_with_their_hogeschool(client):
    a = f.ProgrammeFactory(
        name="Leraar Techniek", institution=f.InstitutionFactory(short_name="HU")
    )
    b = f.ProgrammeFactory(
        name="Leraar Techniek", institution=f.InstitutionFactory(name="Fontys", short_name="")
    )
    c = f.ProgrammeFactory(name="Docent", institution=f.InstitutionFactory(short_name="Aeres"))

    assert title(compare(client, a.slug, b.slug, c.slug)) == (
        "Vergelijk: Leraar Techniek (HU), Leraar Techniek (Fontys) en Docent (Aeres)"
        " — Docententoolkit techniek"
    )
    assert title(compare(client)).startswith("Opleidingen vergelijken — ")


# The form ----------------------------------------------------------------------------


def test_without_a_choice_the_page_shows_the_form_with_every_published_programme(client):
    published = f.ProgrammeFactory.create_batch(3)
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT, name="Geheime opleiding")

    page = compare(client)

    assert "<table" not in page and notice(page) == ""
    form = re.search(
        r'<form class="compare-form" method="get" action="([^"]+)".*?</form>', page, re.S
    )
    assert form.group(1) == URL
    assert "<fieldset" in form.group(0)
    assert "<legend>Welke opleidingen wilt u vergelijken?</legend>" in form.group(0)
    assert 'type="submit" class="button">Vergelijk</button>' in form.group(0)
    values = re.findall(r'type="checkbox" name="opleiding" value="([^"]+)"', form.group(0))
    assert sorted(values) == sorted(p.slug for p in published)
    assert draft.slug not in page and "Geheime opleiding" not in page
    assert " checked" not in form.group(0)


def test_form_ticks_the_programmes_being_compared(client):
    a, b, c = f.ProgrammeFactory.create_batch(3)

    page = compare(client, a.slug, c.slug)

    ticked = re.findall(r'value="([^"]+)" id="id_opleiding_\d+" checked>', page)
    assert sorted(ticked) == sorted([a.slug, c.slug])


def test_long_list_gets_a_second_button_above_the_options(client):
    f.ProgrammeFactory.create_batch(13)

    page = compare(client)

    form = page[page.index('<form class="compare-form"') : page.index("</form>")]
    assert form.count(">Vergelijk</button>") == 2
    assert form.index(">Vergelijk</button>") < form.index("<fieldset")


# Addresses the page cannot follow exactly --------------------------------------------


def test_one_programme_shows_the_form_with_a_message_to_choose_more(client):
    programme = f.ProgrammeFactory(name="Leraar Techniek")
    f.ProgrammeFactory()

    page = compare(client, programme.slug)

    assert "<table" not in page
    message = notice(page)
    assert "U heeft 1 opleiding gekozen: Leraar Techniek" in message
    assert '<a href="#id_opleiding_0">Kies er nog 1, 2 of 3 bij</a>' in message
    assert 'id="id_opleiding_0"' in page


def test_more_than_four_compares_the_first_four_and_names_the_rest(client):
    programmes = [f.ProgrammeFactory(name=f"Opleiding {n}") for n in range(6)]

    page = compare(client, *(p.slug for p in programmes))

    table = table_of(page)
    assert re.findall(r'<th scope="col"><a href="[^"]+">([^<]+)</a>', table) == [
        "Opleiding 0",
        "Opleiding 1",
        "Opleiding 2",
        "Opleiding 3",
    ]
    message = notice(page)
    assert "U kunt maximaal 4 opleidingen tegelijk vergelijken. We tonen de eerste 4." in message
    assert "Deze lieten we weg: Opleiding 4 (" in message and "Opleiding 5 (" in message


def test_unknown_and_draft_slugs_are_named_and_left_out(client):
    a, b = f.ProgrammeFactory.create_batch(2)
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT, name="Geheime opleiding")

    page = compare(client, a.slug, "bestaat-niet", b.slug, draft.slug)

    assert len(re.findall(r'<th scope="col">', table_of(page))) == 2
    message = notice(page)
    assert f"Deze opleidingen vinden we niet: ‘bestaat-niet’ en ‘{draft.slug}’." in message
    assert "Geheime opleiding" not in page


def test_only_unknown_slugs_ask_to_choose_from_the_list(client):
    f.ProgrammeFactory()

    page = compare(client, "bestaat-niet")

    message = notice(page)
    assert "Deze opleiding vinden we niet: ‘bestaat-niet’." in message
    assert "U heeft geen opleiding gekozen die op deze site staat." in message
    assert "<table" not in page


def test_a_value_that_cannot_be_a_slug_is_unknown_and_never_reaches_the_database(client):
    """PostgreSQL refuses text with a NUL byte (found by tests/test_properties.py)."""
    a, b = f.ProgrammeFactory.create_batch(2)

    page = compare(client, a.slug, "\x00", b.slug, "één opleiding")

    assert len(re.findall(r'<th scope="col">', table_of(page))) == 2
    assert "vinden we niet" in notice(page)


def test_a_programme_asked_twice_is_compared_once_with_a_message(client):
    a = f.ProgrammeFactory(name="Leraar Techniek")
    b = f.ProgrammeFactory()

    page = compare(client, a.slug, b.slug, a.slug)

    assert len(re.findall(r'<th scope="col">', table_of(page))) == 2
    assert "U heeft Leraar Techniek (" in notice(page)
    assert "meer dan één keer gekozen. We tonen elke opleiding één keer." in notice(page)


def test_typed_values_are_escaped_in_the_message(client):
    page = compare(client, "<script>alert(1)</script>")

    assert "<script>alert(1)" not in page
    assert "‘&lt;script&gt;alert(1)&lt;/script&gt;’" in notice(page)


def test_empty_values_are_ignored(client):
    page = compare(client, "", " ")

    assert notice(page) == "" and "<table" not in page


def test_a_hand_made_address_with_many_values_is_not_an_error(client):
    # Below Django's DATA_UPLOAD_MAX_NUMBER_FIELDS (1000), above which Django
    # itself answers 400; a web server refuses such long addresses anyway.
    programmes = f.ProgrammeFactory.create_batch(2)

    page = compare(client, *(p.slug for p in programmes), *(f"x{n}" for n in range(300)))

    assert len(re.findall(r'<th scope="col">', table_of(page))) == 2
    assert page.count("‘x") <= 50


def test_read_choice_keeps_order_and_sorts_out_problems():
    a, b, c, d, e = (object() for _ in range(5))
    published = {"a": a, "b": b, "c": c, "d": d, "e": e}

    choice = read_choice(["b", " a ", "zz", "b", "", "c", "d", "e"], published)

    assert choice.asked
    assert choice.programmes == [b, a, c, d]
    assert choice.left_out == [e]
    assert choice.unknown == ["zz"]
    assert choice.repeated == [b]
    assert not choice.too_few and choice.can_compare and choice.has_messages


def test_read_choice_of_nothing_asks_nothing():
    choice = read_choice([], {})

    assert not choice.asked and not choice.too_few and not choice.has_messages


def test_dutch_list_joins_with_commas_and_en():
    assert dutch_list([]) == ""
    assert dutch_list(["A"]) == "A"
    assert dutch_list(["A", "B"]) == "A en B"
    assert dutch_list(["A", "B", "C"]) == "A, B en C"


# Print and queries ---------------------------------------------------------------------


def test_compare_page_prints_the_table_landscape_without_the_form(client):
    page = compare(client)

    assert Tags(page).one("link", rel="stylesheet")["href"].endswith("css/site.css")
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    assert re.search(r"@page compare\s*\{\s*size:\s*A4 landscape;", css)
    print_rules = css[css.index("@media print") :]
    assert ".compare-choose" in print_rules
    assert re.search(r"body:has\(\.compare-page\)\s*\{\s*page:\s*compare;", print_rules)


# The page's queries, start moments and costs (two prefetches) included.
BUDGET = 12


def test_compare_query_count_is_fixed_with_the_seed(
    seeded_db, client, django_assert_max_num_queries
):
    slugs = list(Programme.objects.published().values_list("slug", flat=True))
    for chosen in ([], slugs[:1], slugs[:2], slugs[:4], slugs):
        with django_assert_max_num_queries(BUDGET):
            compare(client, *chosen)


def test_compare_query_count_does_not_grow_with_many_programmes(
    many_programmes, client, django_assert_max_num_queries
):
    chosen = many_programmes[:4]
    for programme in chosen:
        f.ModuleFactory.create_batch(10, programme=programme)
        f.ProgrammeContactFactory.create_batch(3, programme=programme)

    with django_assert_max_num_queries(BUDGET):
        page = compare(client, *(p.slug for p in chosen))

    assert len(re.findall(r'<th scope="col">', table_of(page))) == 4
    assert ">12 bekende onderdelen</a>" in page
    # A long list: a checkbox for each chosen programme only, and a search field.
    assert page.count('type="checkbox" name="opleiding"') == 4
    assert 'type="search" name="zoek"' in page


def test_compare_query_count_with_a_search_does_not_grow_with_many_programmes(
    many_programmes, client, django_assert_max_num_queries
):
    chosen = [p.slug for p in many_programmes[:2]]
    query = urlencode([*(("opleiding", slug) for slug in chosen), ("zoek", "Testopleiding")])

    with django_assert_max_num_queries(BUDGET):
        response = client.get(f"{URL}?{query}")

    page = response.content.decode()
    assert len(re.findall(r'<th scope="col">', table_of(page))) == 2
    assert page.count('type="checkbox" name="opleiding"') == 2 + PICKER_SIZE


# A long list: more than PICKER_SIZE published programmes ------------------------------


@pytest.fixture
def long_list():
    """One programme more than the picker lists, plus one to search for."""
    programmes = f.ProgrammeFactory.create_batch(PICKER_SIZE + 1)
    special = f.ProgrammeFactory(
        name="Docent Agrotechniek", institution=f.InstitutionFactory(name="Aeres Hogeschool")
    )
    return [*programmes, special]


def form_of(page):
    return page[page.index('<form class="compare-form"') : page.index("</form>")]


def checkboxes(page):
    """(value, ticked) of each checkbox of the form, in order."""
    return [
        (value, bool(checked))
        for value, checked in re.findall(
            r'type="checkbox" name="opleiding" value="([^"]+)" id="id_opleiding_\d+"( checked)?',
            form_of(page),
        )
    ]


def test_long_list_shows_a_search_field_instead_of_every_programme(client, long_list):
    page = compare(client)
    form = form_of(page)

    assert checkboxes(page) == [] and "<fieldset" not in form
    assert '<label for="id_zoek">Zoek een opleiding</label>' in form
    assert re.search(
        r'<input type="search" name="zoek"[^>]*aria-describedby="id_zoek_helptext"', form
    )
    assert f"Er staan meer dan {PICKER_SIZE} opleidingen op deze site." in form
    assert f'href="{reverse("programmes:programme_list")}"' in form
    # The search button comes first, so Enter in the search field searches.
    page = client.get(URL, {"zoek": "Aeres"}).content.decode()
    form = form_of(page)
    assert form.index(">Zoek</button>") < form.index(">Vergelijk</button>")


def test_long_list_search_lists_the_matches_to_tick(client, long_list):
    special = long_list[-1]

    page = compare(client, special.slug)  # one chosen: ticked, first
    assert checkboxes(page) == [(special.slug, True)]

    response = client.get(URL, {"opleiding": special.slug, "zoek": "leraar techniek"})
    page = response.content.decode()
    boxes = checkboxes(page)
    assert boxes[0] == (special.slug, True)
    assert len(boxes) == 1 + PICKER_SIZE
    assert all(not ticked for _, ticked in boxes[1:])
    assert special.slug not in [value for value, _ in boxes[1:]]
    assert 'value="leraar techniek"' in form_of(page)
    assert f"passen meer dan {PICKER_SIZE} opleidingen. Hieronder staan de eerste" in page


def test_long_list_search_names_the_number_found_or_none(client, long_list):
    page = client.get(URL, {"zoek": "Aeres"}).content.decode()
    assert checkboxes(page) == [(long_list[-1].slug, False)]
    assert "Bij ‘Aeres’ past 1 opleiding." in page

    page = client.get(URL, {"zoek": "bestaatnergens"}).content.decode()
    assert checkboxes(page) == []
    assert "Bij ‘bestaatnergens’ vonden we geen opleiding. Probeer een ander woord." in page

    page = client.get(URL, {"zoek": "x" * 101}).content.decode()
    assert "Het zoekwoord is langer dan 100 tekens." in page


def test_long_list_keeps_the_left_out_programmes_unticked(client, long_list):
    slugs = [p.slug for p in long_list[:6]]

    page = compare(client, *slugs)

    assert checkboxes(page) == [(slug, n < 4) for n, slug in enumerate(slugs)]
    assert '<a href="#id_opleiding_0">Haal in de lijst een ander vinkje weg</a>' in notice(page)


def test_long_list_messages_point_to_the_search_field(client, long_list):
    message = notice(compare(client, long_list[0].slug))
    assert '<a href="#id_zoek">Zoek er nog 1, 2 of 3 bij</a>' in message

    message = notice(compare(client, "bestaat-niet"))
    assert '<a href="#id_zoek">Zoek 2, 3 of 4 opleidingen op</a>' in message
    assert '<a href="#id_zoek">Zoek de opleiding op</a>' in message


@pytest.mark.parametrize("word", ["%", "_", "\x00Aeres", "-", "a " * 50, "<b>Aeres</b>"])
def test_long_list_search_answers_odd_words_with_a_page(client, long_list, word):
    response = client.get(URL, {"zoek": word})

    assert response.status_code == 200
    page = response.content.decode()
    assert "<b>Aeres</b>" not in page
    assert 'name="zoek"' in page


def test_short_list_ignores_a_search_word(client):
    programmes = f.ProgrammeFactory.create_batch(3)

    page = client.get(URL, {"zoek": "bestaatnergens"}).content.decode()

    assert sorted(value for value, _ in checkboxes(page)) == sorted(p.slug for p in programmes)
    assert 'name="zoek"' not in page
