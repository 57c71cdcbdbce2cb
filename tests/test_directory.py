"""The programme directory (/opleidingen/) and its CSV download.

Most tests use the real seed (seven published programmes: the sheet's six and one a
source names that is not on the sheet); tests that need modules,
many programmes or awkward values build them with the factories. The results on a
page are read from the compare checkboxes (one per programme, value = slug).
"""

import csv
import io
import re

import pytest
from django.urls import reverse

from editorial.status import PublicationStatus
from programmes.models import LearningForm, Location, Programme, StudyForm, VocationalProfile
from tests import factories as f
from tests.helpers import Tags

pytestmark = pytest.mark.django_db

LIST = reverse("programmes:programme_list")
CSV = reverse("programmes:programme_csv")

WINDESHEIM = "windesheim-leraar-technisch-beroepsonderwijs"
FONTYS = "fontys-leraar-technisch-beroepsonderwijs"
ROTTERDAM = "hogeschool-rotterdam-leraar-technisch-beroepsonderwijs"
HVA = "hva-leraar-mens-en-technologie"
AERES = "aeres-docent-en-kennismanager-agrotechniek"
HU = "hu-leraar-techniek-tweedegraads"
SAXION = "saxion-tweedegraadslerarenopleiding-techniek"  # not on the toolkit sheet
SEED = {WINDESHEIM, FONTYS, ROTTERDAM, HVA, AERES, HU, SAXION}

# Fixed query budgets: they hold for the seed and for 500 programmes alike (see the
# budgets in docs/decisions/0018-directory-facet-index.md). The first request after a change of
# the content also builds the facet index (programmes/facets.py); later ones read it
# from memory.
PAGE_BUDGET = 20
CSV_BUDGET = 20
PAGE_BUDGET_WARM = 8
CSV_BUDGET_WARM = 2


def page_of(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return response.content.decode()


def results(page):
    """The slugs of the programmes listed, in order."""
    return re.findall(r'name="opleiding" value="([^"]+)"', page)


def title_of(page):
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()


def h1_of(page):
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()


def option_label(page, name, value):
    """The text of the label of one filter checkbox."""
    match = re.search(
        rf'name="{name}" value="{re.escape(value)}" id="([^"]+)"[^>]*>'
        r'\s*<label for="\1">(.*?)</label>',
        page,
        re.S,
    )
    assert match, (name, value)
    return re.sub(r"<[^>]+>", "", match.group(2)).strip()


def notices(page):
    box = re.search(r'<section class="notice".*?</section>', page, re.S)
    return box.group(0) if box else ""


def chip_links(page):
    """{label: href} of the chosen-filter links."""
    return {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(
            r'<a class="chip" href="([^"]+)"><span class="visually-hidden">Verwijder filter: '
            r"</span>(.*?)<span",
            page,
        )
    }


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# The list and its title -------------------------------------------------------


def test_directory_lists_only_published_programmes_and_counts_them_in_title_and_heading(
    seeded_db, client
):
    f.ProgrammeFactory(name="Conceptopleiding", slug="concept", status=PublicationStatus.DRAFT)
    f.ProgrammeFactory(name="Oude opleiding", slug="oud", status=PublicationStatus.ARCHIVED)

    page = page_of(client)

    assert set(results(page)) == SEED
    assert title_of(page) == "Opleidingen (7) — Docententoolkit techniek"
    assert h1_of(page) == "Opleidingen (7)"
    assert "Conceptopleiding" not in page and "Oude opleiding" not in page


def test_each_result_shows_its_key_facts_and_links_to_its_page(seeded_db, client):
    page = page_of(client, "?hogeschool=windesheim")

    result = re.search(r'<li class="result">.*?</li>\s*</ol>', page, re.S).group(0)
    assert f'<a href="/opleidingen/{WINDESHEIM}/">Leraar Technisch Beroepsonderwijs</a>' in result
    for fact in (
        "Hogeschool Windesheim",
        '<abbr title="Produceren, installeren en energie">PIE</abbr>',
        "Voltijd, Deeltijd, Flexibel (leeruitkomstgericht)",
        "Zwolle",
        "<dd>Ja</dd>",
        "Erik Schakelaar",
    ):
        assert fact in result, fact
    assert "Nog niet bekend" not in result  # every fact the result shows is known
    assert "Staat niet op het toolkitblad" not in result


def test_a_programme_not_on_the_sheet_is_marked_so(seeded_db, client):
    page = page_of(client, "?hogeschool=saxion")

    assert results(page) == [SAXION]
    result = re.search(r'<li class="result">.*?</li>\s*</ol>', page, re.S).group(0)
    assert '<span class="tag tag-muted">Staat niet op het toolkitblad</span>' in result


def test_a_result_says_once_what_is_not_known(db, client):
    programme = f.ProgrammeFactory(exemptions_possible=None)

    page = page_of(client)

    assert results(page) == [programme.slug]
    # profiles, study forms, places, exemptions and the contact person are unknown:
    # one line names them; no row shows a label as its value
    assert "Niet bekend</span>" not in page
    assert page.count("Nog niet bekend") == 1
    assert (
        "Nog niet bekend: vmbo-profielen, studievormen, vestiging, vrijstellingen en "
        "contactpersoon."
    ) in page
    assert "<dt>vmbo-profielen</dt>" not in page


# Each filter ---------------------------------------------------------------------


def test_filter_by_profile_keeps_only_matching_programmes(seeded_db, client):
    page = page_of(client, "?profiel=pie")

    # The programmes whose profielen are known to include PIE (facts-2 W1, F2, R1).
    assert results(page) == [FONTYS, ROTTERDAM, WINDESHEIM]
    assert title_of(page) == "Opleidingen voor PIE (3) — Docententoolkit techniek"
    assert h1_of(page) == "Opleidingen voor PIE (3)"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?hogeschool=fontys", {FONTYS}),
        ("?studievorm=voltijd", {WINDESHEIM, HVA, AERES, HU}),
        ("?leidt_tot=tweedegraads-bevoegdheid", SEED - {AERES}),
        ("?vrijstellingen=ja", SEED - {HU, SAXION}),
        ("?plaats=Zwolle", {WINDESHEIM}),
        ("?plaats=zWOLLE", {WINDESHEIM}),
        ("?provincie=noord-holland", {HVA}),
        ("?provincie=gelderland", {AERES}),
        ("?profiel=PIE", {WINDESHEIM, FONTYS, ROTTERDAM}),
        ("?provincie=overijssel", {WINDESHEIM, SAXION}),
    ],
)
def test_each_filter_keeps_only_matching_programmes(seeded_db, client, query, expected):
    assert set(results(page_of(client, query))) == expected


def test_learning_form_filter_matches_through_the_programmes_modules(db, client):
    practical, self_study = (
        f.LearningFormFactory(),
        f.LearningFormFactory(slug="zelfstudie", name="Zelfstudie"),
    )
    matching = f.ProgrammeFactory()
    for _ in range(2):  # two matching modules: still listed once
        f.ModuleFactory(programme=matching).learning_forms.add(practical)
    other = f.ProgrammeFactory()
    f.ModuleFactory(programme=other).learning_forms.add(self_study)
    f.ProgrammeFactory()  # no modules

    page = page_of(client, "?leervorm=praktijkleren")

    assert results(page) == [matching.slug]
    assert option_label(page, "leervorm", "praktijkleren") == "Praktijkleren (1)"
    assert set(results(page_of(client, "?leervorm=praktijkleren&leervorm=zelfstudie"))) == {
        matching.slug,
        other.slug,
    }


def test_values_in_one_filter_combine_with_or_and_filters_combine_with_and(seeded_db, client):
    either = page_of(client, "?profiel=pie&profiel=mvi")
    both = page_of(client, "?profiel=pie&profiel=mvi&plaats=utrecht")

    assert set(results(either)) == {WINDESHEIM, FONTYS, ROTTERDAM, HU}
    assert title_of(either).startswith("Opleidingen voor PIE of MVI (4)")
    assert results(both) == [HU]
    assert "Kiest u in één groep meer dan één optie?" in either  # the rule, in one place


def test_place_and_province_each_match_some_location_of_the_programme(db, client):
    programme = f.ProgrammeFactory()
    programme.locations.add(
        f.LocationFactory(institution=programme.institution, city="Almere", province="flevoland"),
        f.LocationFactory(institution=programme.institution, city="Zwolle", province="overijssel"),
    )

    assert results(page_of(client, "?plaats=zwolle&provincie=flevoland")) == [programme.slug]
    assert results(page_of(client, "?plaats=zwolle&provincie=utrecht")) == []


# Search ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["installatie", "Hogeschool Noord", "NHS", "Warmtepompen", "Pien", "aansluiting"]
)
def test_search_looks_in_programme_institution_module_and_contact_names(db, client, word):
    institution = f.InstitutionFactory(name="Hogeschool Noord", short_name="NHS")
    programme = f.ProgrammeFactory(name="Leraar Installatietechniek", institution=institution)
    f.ModuleFactory(programme=programme, title="Warmtepompen en ventilatie")
    f.ModuleFactory(programme=programme, title="Warmtepompen in de praktijk")
    f.ProgrammeContactFactory(programme=programme, name="Pien Aansluiting")
    f.ProgrammeFactory(name="Leraar Bouwkunde")

    page = page_of(client, f"?zoek={word}")

    assert results(page) == [programme.slug]  # once, though two modules match


def test_search_needs_every_word_somewhere(db, client):
    programme = f.ProgrammeFactory(name="Leraar Installatietechniek")
    f.ProgrammeContactFactory(programme=programme, name="Pien Aansluiting")

    assert results(page_of(client, "?zoek=installatie+pien")) == [programme.slug]
    assert results(page_of(client, "?zoek=installatie+bouw")) == []
    page = page_of(client, "?zoek=installatie")
    assert h1_of(page) == "Opleidingen met ‘installatie’ (1)"
    assert 'value="installatie"' in page  # the search field keeps the word


# Facet counts ----------------------------------------------------------------------


def test_each_option_counts_the_results_it_would_give_with_the_other_filters(seeded_db, client):
    page = page_of(client, "?studievorm=voltijd")

    # Study forms leave out their own choice: ticking one more widens the list.
    assert option_label(page, "studievorm", "voltijd") == "Voltijd (4)"
    assert option_label(page, "studievorm", "deeltijd") == "Deeltijd (7)"
    assert option_label(page, "studievorm", "flexibel") == "Flexibel (leeruitkomstgericht) (4)"
    assert option_label(page, "studievorm", "duaal") == "Duaal (0)"
    # Other filters count within the full-time programmes.
    assert option_label(page, "profiel", "pie").startswith("PIE (1)")
    assert option_label(page, "hogeschool", "fontys") == "Fontys Hogescholen (0)"
    assert option_label(page, "hogeschool", "windesheim") == "Hogeschool Windesheim (1)"
    assert option_label(page, "vrijstellingen", "ja") == "Vrijstellingen mogelijk (3)"
    assert option_label(page, "plaats", "Wageningen") == "Wageningen (1)"
    assert option_label(page, "provincie", "overijssel") == "Overijssel (1)"


def test_options_without_filters_count_every_programme_once(seeded_db, client):
    page = page_of(client)

    assert option_label(page, "profiel", "pie") == "PIE (3) Produceren, installeren en energie"
    assert option_label(page, "profiel", "mt").startswith("M&amp;T (3)")
    assert option_label(page, "profiel", "groen").startswith("Groen (0)")  # shown: technical
    assert option_label(page, "leidt_tot", "tweedegraads-bevoegdheid") == (
        "Tweedegraads bevoegdheid (6)"
    )
    # Open lists show only what a listed programme uses: Aeres' Almere has no programme.
    assert 'name="plaats" value="Almere"' not in page
    assert 'name="provincie" value="zeeland"' not in page
    assert 'name="leidt_tot" value="pdg"' not in page
    assert 'name="profiel" value="hbr"' not in page  # not technical and not used


def test_a_selected_option_is_shown_and_checked_even_without_programmes(seeded_db, client):
    page = page_of(client, "?provincie=zeeland")

    assert results(page) == []
    assert re.search(r'name="provincie" value="zeeland" id="[^"]+" checked', page)
    assert option_label(page, "provincie", "zeeland") == "Zeeland (0)"


# Chosen filters, clear all, links --------------------------------------------------


def test_chip_links_remove_one_value_and_keep_the_other_filters(seeded_db, client):
    page = page_of(client, "?profiel=pie&profiel=bwi&studievorm=deeltijd&sorteer=naam&pagina=1")

    chips = chip_links(page)
    assert chips == {
        "PIE": f"{LIST}?profiel=bwi&studievorm=deeltijd&sorteer=naam",
        "BWI": f"{LIST}?profiel=pie&studievorm=deeltijd&sorteer=naam",
        "Deeltijd": f"{LIST}?profiel=pie&profiel=bwi&sorteer=naam",
    }
    assert '<h2 id="chosen-title">Gekozen filters</h2>' in page


def test_search_word_is_a_chip_too(seeded_db, client):
    page = page_of(client, "?zoek=techniek&hogeschool=hu")

    assert chip_links(page)["techniek"] == f"{LIST}?hogeschool=hu"


def test_clear_all_link_removes_every_filter_and_keeps_the_sort(seeded_db, client):
    page = page_of(client, "?profiel=pie&zoek=leraar&sorteer=naam")
    assert f'<a href="{LIST}?sorteer=naam">Alle filters wissen</a>' in page

    page = page_of(client, "?profiel=pie")
    assert f'<a href="{LIST}">Alle filters wissen</a>' in page


def test_without_filters_there_are_no_chips(seeded_db, client):
    page = page_of(client)

    assert "Gekozen filters" not in page
    assert "Alle filters wissen" not in page
    assert '<meta name="robots"' not in page


def test_filtered_list_is_not_indexed_and_names_the_whole_list_as_canonical(seeded_db, client):
    page = page_of(client, "?profiel=pie")

    assert '<meta name="robots" content="noindex, follow">' in page
    assert '<link rel="canonical" href="http://testserver/opleidingen/">' in page


def test_filter_form_is_a_get_form_with_two_submit_buttons_and_fieldsets(seeded_db, client):
    page = page_of(client)

    form = re.search(r'<form class="filter-form".*?</form>', page, re.S).group(0)
    assert 'method="get"' in form and f'action="{LIST}"' in form
    assert form.count('<button type="submit" class="button">Toon resultaten</button>') == 2
    legends = re.findall(r"<legend>(.*?)</legend>", form)
    assert legends == [
        "Dichtbij uw school",
        "vmbo-profiel",
        "Hogeschool",
        "Studievorm",
        "Leidt tot",
        "Vrijstellingen",
        "Leervorm",
        "Plaats",
        "Provincie",
    ]
    assert form.count("<fieldset") == len(legends)
    assert '<label for="id_zoek">Zoek op een woord</label>' in form
    assert '<label for="id_sorteer">Sorteer op</label>' in form
    # No self-submitting menus. The one script only suggests place names while typing.
    assert "onchange" not in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert len(scripts) == 1 and "js/routewijzer" in scripts[0]


def test_download_link_keeps_the_current_filters_and_sort(seeded_db, client):
    page = page_of(client, "?studievorm=deeltijd&sorteer=naam&pagina=1&profiel=onbekend")

    assert (
        f'<a href="{CSV}?studievorm=deeltijd&amp;sorteer=naam" download>'
        "Download deze lijst als CSV (voor Excel)</a>"
    ) in page


# Invalid input ------------------------------------------------------------------------


def test_unknown_values_give_a_dutch_message_and_the_valid_filters_still_apply(seeded_db, client):
    page = page_of(
        client,
        "?profiel=xyz&profiel=pie&sorteer=foo&vrijstellingen=misschien&pagina=abc"
        "&hogeschool=<b>nep</b>&utm_source=nieuwsbrief",
    )

    assert results(page) == [FONTYS, ROTTERDAM, WINDESHEIM]  # profiel=pie still applies
    box = notices(page)
    assert "Niet alles in het webadres is gebruikt" in box
    for message in (
        "Bij ‘vmbo-profiel’ kennen we ‘xyz’ niet.",
        "Bij ‘Vrijstellingen’ kennen we ‘misschien’ niet. Alleen ‘ja’ kan.",
        "We kunnen niet sorteren op ‘foo’.",
        "‘abc’ is geen paginanummer. U ziet pagina 1.",
        "Bij ‘Hogeschool’ kennen we ‘&lt;b&gt;nep&lt;/b&gt;’ niet.",  # escaped
    ):
        assert message in box, message
    assert "utm_source" not in box  # parameters that are not ours are left alone
    # Links are built from what was understood, so the unknown values disappear.
    # (The printed footer names the address as it was asked, so it is left out here.)
    after_notices = page.split("</section>", 1)[1].split('<p class="print-only">')[0]
    assert "xyz" not in after_notices
    assert chip_links(page) == {"PIE": LIST}


def test_a_very_long_search_or_many_unknown_values_do_not_flood_the_page(seeded_db, client):
    query = "?zoek=" + "a" * 101 + "".join(f"&plaats=nergens{n}" for n in range(30))

    page = page_of(client, query)

    assert "Het zoekwoord is langer dan 100 tekens." in notices(page)
    assert notices(page).count("<li>") == 11
    assert "En nog 21 andere waarden die we niet kennen." in notices(page)
    assert set(results(page)) == SEED


@pytest.mark.parametrize("number", ["999", "3"])
def test_a_page_past_the_end_shows_the_last_page_with_a_message(db, client, number):
    for _ in range(25):
        f.ProgrammeFactory()

    page = page_of(client, f"?pagina={number}")

    assert f"Pagina {number} bestaat niet. U ziet de laatste pagina (pagina 2)." in notices(page)
    assert len(results(page)) == 5
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2</a>' in page


@pytest.mark.parametrize("number", ["0", "-1", "2.5", "een"])
def test_a_page_number_that_is_no_number_shows_page_one(db, client, number):
    f.ProgrammeFactory()

    page = page_of(client, f"?pagina={number}")

    assert f"‘{number}’ is geen paginanummer. U ziet pagina 1." in notices(page)
    assert len(results(page)) == 1


# Paging and sorting -------------------------------------------------------------------


def test_paging_shows_twenty_a_page_and_keeps_the_filters(db, client):
    part_time = f.StudyFormFactory()
    for number in range(45):
        f.ProgrammeFactory(name=f"Opleiding {number:02d}").study_forms.add(part_time)
    f.ProgrammeFactory(name="Voltijdopleiding")

    first = page_of(client, "?studievorm=deeltijd&sorteer=naam")
    third = page_of(client, "?studievorm=deeltijd&sorteer=naam&pagina=3")

    assert len(results(first)) == 20 and len(results(third)) == 5
    assert h1_of(first) == "Opleidingen: Deeltijd (45)"
    assert "Opleiding 1 tot en met 20 van 45" in first
    assert "Opleiding 41 tot en met 45 van 45" in third
    assert 'href="/opleidingen/?studievorm=deeltijd&amp;sorteer=naam&amp;pagina=2" rel="next"' in (
        first
    )
    assert 'href="/opleidingen/?studievorm=deeltijd&amp;sorteer=naam&amp;pagina=2" rel="prev"' in (
        third
    )
    # Page 1 has no pagina parameter, so it has a single address.
    assert '<a href="/opleidingen/?studievorm=deeltijd&amp;sorteer=naam"><span' in third
    assert "Voltijdopleiding" not in first + third


def test_sort_by_institution_is_the_default_and_by_name_on_request(db, client):
    zeta = f.ProgrammeFactory(name="Aardrijkskunde", institution__name="Zeta Hogeschool")
    alpha = f.ProgrammeFactory(name="Techniek", institution__name="Alfa Hogeschool")

    assert results(page_of(client)) == [alpha.slug, zeta.slug]
    assert results(page_of(client, "?sorteer=naam")) == [zeta.slug, alpha.slug]
    assert "selected" in Tags(page_of(client, "?sorteer=naam")).one("option", value="naam")


def test_sort_by_last_checked_puts_the_newest_first_and_unknown_last(db, client):
    old = f.ProgrammeFactory(checked_on="2024-01-01")
    unknown = f.ProgrammeFactory(checked_on=None)
    new = f.ProgrammeFactory(checked_on="2026-01-01")

    assert results(page_of(client, "?sorteer=gecontroleerd")) == [new.slug, old.slug, unknown.slug]


# Empty result ---------------------------------------------------------------------------


def test_empty_result_says_which_filter_to_remove_and_what_else_to_try(seeded_db, client):
    page = page_of(client, "?profiel=mat&studievorm=voltijd&zoek=leraar")

    assert results(page) == []
    assert h1_of(page) == "Opleidingen voor MaT met ‘leraar’: Voltijd (0)"
    assert "Er is geen opleiding die bij al uw keuzes past." in page
    for text in (
        '<a href="/opleidingen/?zoek=leraar&amp;profiel=mat">Haal het filter ‘Studievorm’ weg</a>.'
        " Dan vindt u 1 opleiding.",
        '<a href="/opleidingen/?zoek=leraar&amp;studievorm=voltijd">Haal het filter'
        " ‘vmbo-profiel’ weg</a>. Dan vindt u 3 opleidingen.",
        '<a href="/opleidingen/?profiel=mat&amp;studievorm=voltijd">Haal het filter'
        " ‘Zoekwoord’ weg</a>. Dan vindt u 0 opleidingen.",
        "Zoek op een korter woord",
        '<a href="/opleidingen/">Wis alle filters</a>',
        f'<a href="{reverse("pathways:pathway_list")}">routes naar het docentschap</a>',
    ):
        assert text in page, text
    assert 'class="directory-compare"' not in page and "download.csv" not in page


def test_empty_site_says_there_are_no_programmes_yet(db, client):
    page = page_of(client)

    assert h1_of(page) == "Opleidingen (0)"
    assert "Er staan nog geen opleidingen op de site." in page


# Comparing ------------------------------------------------------------------------------


def test_results_sit_in_a_separate_compare_form_with_a_checkbox_per_programme(seeded_db, client):
    page = page_of(client)

    # The filter form ends before the compare form starts: no nested forms.
    filter_end = page.index("</form>", page.index('<form class="filter-form"'))
    compare_start = page.index('<form class="directory-compare"')
    assert filter_end < compare_start
    compare = page[compare_start : page.index("</form>", compare_start)]
    assert 'method="get"' in compare
    assert f'action="{reverse("programmes:programme_compare")}"' in compare
    assert set(re.findall(r'name="opleiding" value="([^"]+)"', compare)) == SEED
    assert (
        f'<label for="vergelijk-{AERES}">Vergelijk Docent en kennismanager Agrotechniek'
        '<span class="visually-hidden"> van Aeres Hogeschool</span></label>'
    ) in compare
    assert "Vergelijk de gekozen opleidingen</button>" in compare


# HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["", "?profiel=pie&studievorm=deeltijd", "?zoek=x&pagina=abc&profiel=nee"]
)
def test_page_has_unique_ids_a_label_for_every_checkbox_and_no_nested_forms(
    seeded_db, client, query
):
    page = page_of(client, query)
    tags = Tags(page)

    assert len(tags.ids) == len(set(tags.ids))
    checkboxes = [attrs["id"] for attrs in tags.find("input", type="checkbox")]
    assert checkboxes and set(checkboxes) <= set(tags.labels)
    assert not tags.nested_form
    assert page.count("<main") == 1 and len(re.findall(r"<h1[\s>]", page)) == 1


# The journey: PIE and part-time, then the programme's contact -------------------------


def test_school_leader_finds_a_pie_part_time_programme_and_its_contact(seeded_db, client):
    programme = f.ProgrammeFactory(name="Leraar Installatietechniek", slug="leraar-installatie")
    programme.profiles.add(VocationalProfile.objects.get(slug="pie"))
    programme.study_forms.add(StudyForm.objects.get(slug="deeltijd"))
    programme.locations.add(Location.objects.get(city="Zwolle"))
    f.ProgrammeContactFactory(programme=programme, name="Pien Aansluiting", email="p@hs.example")

    page = page_of(client, "?profiel=pie&studievorm=deeltijd")

    assert set(results(page)) == {"leraar-installatie", FONTYS, ROTTERDAM, WINDESHEIM}
    assert title_of(page).startswith("Opleidingen voor PIE: Deeltijd (4)")
    assert '<a href="/opleidingen/leraar-installatie/">Leraar Installatietechniek</a>' in page
    assert "Pien Aansluiting" in page
    detail = client.get(programme.get_absolute_url()).content.decode()
    assert 'href="mailto:p@hs.example"' in detail


# CSV ------------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_semicolons_dutch_headings_and_a_file_name(seeded_db, client):
    response = client.get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="opleidingen.csv"'
    assert response.content.startswith(b"\xef\xbb\xbfopleiding;hogeschool;")
    rows = csv_rows(response)
    assert rows[0] == [
        "opleiding",
        "hogeschool",
        "vmbo-profielen",
        "studievormen",
        "leidt tot",
        "vrijstellingen mogelijk",
        "plaatsen",
        "websites",
        "contactpersonen",
        "e-mail",
        "op het toolkitblad",
        "laatst gecontroleerd",
        "adres op deze site",
    ]
    assert len(rows) == 1 + 7


def test_csv_rows_hold_the_programmes_facts_and_its_absolute_address(seeded_db, client):
    rows = csv_rows(client.get(CSV + "?hogeschool=fontys&hogeschool=windesheim&sorteer=naam"))

    by_institution = {row[1]: row for row in rows[1:]}
    assert by_institution["Hogeschool Windesheim"] == [
        "Leraar Technisch Beroepsonderwijs",
        "Hogeschool Windesheim",
        "BWI, PIE, M&T, MVI",
        "Voltijd, Deeltijd, Flexibel (leeruitkomstgericht)",
        "Tweedegraads bevoegdheid",
        "ja",
        "Zwolle",
        "https://www.windesheim.nl/opleidingen/deeltijd/bachelor/"
        "lerarenopleiding-technisch-beroepsonderwijs, https://bit.ly/3dQsFUm",
        "Erik Schakelaar",
        "e.schakelaar@windesheim.nl",
        "ja",
        "2026-12-05",
        f"http://testserver/opleidingen/{WINDESHEIM}/",
    ]
    fontys = by_institution["Fontys Hogescholen"]
    assert fontys[2] == "BWI, PIE, M&T, MVI" and fontys[6] == "Eindhoven"
    assert fontys[8] == "Kees-Jan van Dorp, Sharda Kawarmala-van der Kuyp"
    assert fontys[9] == "k.vandorp@fontys.nl, s.vanderkuyp@fontys.nl"
    # A cell without data says so; the programme not on the sheet says "nee".
    saxion = csv_rows(client.get(CSV + "?hogeschool=saxion"))[1]
    assert saxion[2] == "niet bekend"  # no profiles known
    assert saxion[10] == "nee"


def test_csv_applies_the_page_filters_and_sort_but_not_its_paging(db, client):
    part_time = f.StudyFormFactory()
    for number in range(25):
        f.ProgrammeFactory(name=f"Opleiding {number:02d}").study_forms.add(part_time)
    f.ProgrammeFactory(name="Voltijdopleiding")

    rows = csv_rows(client.get(CSV + "?studievorm=deeltijd&sorteer=naam&pagina=2&profiel=xyz"))

    names = [row[0] for row in rows[1:]]
    assert names == [f"Opleiding {number:02d}" for number in range(25)]


def test_csv_cells_cannot_start_a_formula(db, client):
    programme = f.ProgrammeFactory(name='=HYPERLINK("https://kwaad.example")')
    f.ProgrammeContactFactory(programme=programme, name="+31 Naam", email="a@b.example")
    programme.locations.add(f.LocationFactory(institution=programme.institution, city="-Plaats"))
    f.ProgrammeFactory(name="@SUM(A1)", institution__name="\tTab")

    rows = csv_rows(client.get(CSV))

    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("https://kwaad.example")' in cells
    assert "'+31 Naam" in cells and "'-Plaats" in cells and "'@SUM(A1)" in cells
    assert "'\tTab" in cells
    assert not any(cell[:1] in "=+-@\t\r" for cell in cells if cell)


# Query budgets ---------------------------------------------------------------------------


BUDGET_QUERIES = [
    "",
    "?profiel=pie&studievorm=deeltijd&studievorm=voltijd&pagina=2",
    "?zoek=test&hogeschool=testhogeschool-2&hogeschool=windesheim&leidt_tot="
    "tweedegraads-bevoegdheid&vrijstellingen=ja&leervorm=praktijkleren&plaats=testplaats%202"
    "&provincie=utrecht&sorteer=naam",
    # every filter active and nothing found: the page counts each filter's removal
    "?zoek=bestaat-niet&profiel=pie&hogeschool=fontys&studievorm=duaal&leidt_tot="
    "tweedegraads-bevoegdheid&vrijstellingen=ja&leervorm=colleges&plaats=zwolle"
    "&provincie=zeeland",
    "?pagina=999&profiel=onbekend&sorteer=gecontroleerd",
]


@pytest.mark.parametrize("query", BUDGET_QUERIES)
def test_directory_query_budget_holds_for_500_programmes(
    many_programmes, client, django_assert_max_num_queries, query
):
    with django_assert_max_num_queries(PAGE_BUDGET):
        page = page_of(client, query)
    if not query:
        assert h1_of(page) == f"Opleidingen ({Programme.objects.published().count()})"
        assert len(results(page)) == 20
    if "testhogeschool-2" in query:
        assert results(page)  # the heavy search finds programmes, so their page is built


@pytest.mark.parametrize("query", BUDGET_QUERIES)
def test_directory_query_budget_holds_for_the_seed(
    seeded_db, client, django_assert_max_num_queries, query
):
    with django_assert_max_num_queries(PAGE_BUDGET):
        page_of(client, query)


@pytest.mark.parametrize("query", BUDGET_QUERIES)
def test_directory_query_budget_is_smaller_once_the_facet_index_is_built(
    many_programmes, client, django_assert_max_num_queries, query
):
    page_of(client, "?sorteer=naam")  # builds the index and reads this order
    page_of(client, "?sorteer=gecontroleerd")
    with django_assert_max_num_queries(PAGE_BUDGET_WARM):
        page_of(client, query)


def test_directory_option_counts_are_right_for_500_programmes(many_programmes, client):
    page = page_of(client, "?vrijstellingen=ja")

    # Half the generated programmes allow exemptions, and five of the seed's seven.
    assert h1_of(page) == "Opleidingen: Vrijstellingen mogelijk (255)"
    # Every generated programme is in Utrecht; the seed's HU programme there does not
    # say whether exemptions are possible, so it is not counted.
    assert option_label(page, "provincie", "utrecht") == "Utrecht (250)"


@pytest.mark.parametrize("query", ["", "?studievorm=deeltijd&leervorm=zelfstudie&sorteer=naam"])
def test_csv_query_budget_holds_for_500_programmes(
    many_programmes, client, django_assert_max_num_queries, query
):
    with django_assert_max_num_queries(CSV_BUDGET):
        response = client.get(CSV + query)
    rows = csv_rows(response)
    if not query:
        assert len(rows) == 1 + Programme.objects.published().count()


def test_csv_query_budget_holds_for_the_seed(seeded_db, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(CSV_BUDGET):
        assert len(csv_rows(client.get(CSV))) == 1 + 7


def test_csv_query_budget_is_smaller_once_the_facet_index_is_built(
    many_programmes, client, django_assert_max_num_queries
):
    client.get(CSV)
    with django_assert_max_num_queries(CSV_BUDGET_WARM):
        response = client.get(CSV + "?studievorm=deeltijd&zoek=test")
    assert len(csv_rows(response)) > 1


def test_learning_form_options_come_from_the_vocabulary(db, client):
    LearningForm.objects.create(slug="netwerkleren", name="Netwerkleren")
    f.ProgrammeFactory()

    assert option_label(page_of(client), "leervorm", "netwerkleren") == "Netwerkleren (0)"
