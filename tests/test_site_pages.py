"""The site-wide pages: home, the toolkit sheet, contact, the accessibility
statement, privacy, and the 404 and 500 pages.

Facts on these pages are data, so the tests change the data and look for the
change. Every page has a query budget that holds with the seed alone and with
500 more programmes (`many_programmes`).
"""

import json
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose
from programmes.models import Programme, ProgrammeContact
from tests import factories as f

SITE_PAGES = ["home", "sheet", "contact", "accessibility", "privacy"]

# Fixed budgets: they must not grow with the data (checked with 500 programmes).
# Contact: 8 since its programme list is paged (the paginator's count).
QUERY_BUDGETS = {"home": 5, "sheet": 10, "contact": 8, "accessibility": 2, "privacy": 2}


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def json_ld_blocks(page):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ]


def position(page, text):
    assert text in page, text
    return page.index(text)


def toolkit_contact(**kwargs):
    organisation = f.OrganisationFactory(
        name="Sterk Techniekonderwijs",
        short_name="STO",
        website="https://sto.example",
        email="",
        description="",
    )
    defaults = {
        "organisation": organisation,
        "purpose": ContactPurpose.TOOLKIT,
        "role": "Contact over de toolkit",
        "email": "info@sto.example",
        "url": "https://sto.example/toolkit",
    }
    return f.OrganisationContactFactory(**{**defaults, **kwargs})


# Every page ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_has_one_h1_one_stylesheet_and_sets_no_cookies(client, name):
    response = client.get(reverse(name))
    page = html_of(response)
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/css/site.css"]
    # The privacy page promises that public pages set no cookies.
    assert response.cookies == {}
    assert "<script" not in page.replace('<script type="application/ld+json">', "")


@pytest.mark.django_db
@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_query_count_is_fixed_with_many_programmes(
    client, many_programmes, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(QUERY_BUDGETS[name]):
        html_of(client.get(reverse(name)))


@pytest.mark.django_db
@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_query_count_is_fixed_with_the_seed(
    client, seeded_db, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(QUERY_BUDGETS[name]):
        html_of(client.get(reverse(name)))


# Home ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_offers_three_ways_in_as_headed_links(client):
    page = html_of(client.get(reverse("home")))
    for heading, url in [
        ("Vind een opleiding", reverse("programmes:programme_list")),
        ("Routes voor zij-instromers en andere rollen", reverse("pathways:pathway_list")),
        ("Hulpbronnen en contact", reverse("pathways:resource_list")),
    ]:
        assert re.search(rf'<h2[^>]*><a href="{re.escape(url)}">{heading}</a></h2>', page)
    for name in ["pathways:role_list", "contact", "sheet"]:
        assert f'href="{reverse(name)}"' in page
    assert "Het toolkitblad op het web" in page
    # The sheet and its table live on their own page; home stays light.
    assert "<table" not in page


@pytest.mark.django_db
def test_home_links_each_profile_that_has_published_programmes_with_their_count(client):
    pie = f.VocationalProfileFactory(name="Produceren, installeren en energie", code="PIE")
    bwi = f.VocationalProfileFactory(name="Bouwen, wonen en interieur", code="BWI")
    empty = f.VocationalProfileFactory(name="Maritiem en techniek", code="MaT")
    for programme in f.ProgrammeFactory.create_batch(2):
        programme.profiles.add(pie)
    f.ProgrammeFactory().profiles.add(bwi, pie)
    f.ProgrammeFactory(status=PublicationStatus.DRAFT).profiles.add(bwi, empty)

    page = html_of(client.get(reverse("home")))

    directory = reverse("programmes:programme_list")
    assert f'href="{directory}?profiel={pie.slug}">Produceren, installeren en energie (PIE)' in page
    assert re.search(r"\(PIE\)</a>\s*<span[^>]*>3 opleidingen</span>", page)
    assert re.search(r"\(BWI\)</a>\s*<span[^>]*>1 opleiding</span>", page)
    assert f"?profiel={empty.slug}" not in page  # only a draft programme
    assert "Zoek tussen 3 lerarenopleidingen" in page


@pytest.mark.django_db
def test_home_says_so_when_there_are_no_programmes_yet(client):
    page = html_of(client.get(reverse("home")))
    assert "Er staan nog geen opleidingen op de site." in page
    assert "?profiel=" not in page


@pytest.mark.django_db
def test_home_shows_the_toolkit_themes_and_names_the_sheet_from_the_data(client):
    f.TextBlockFactory(slug="sheet-title", title="Opleiden doe je samen!", body="Docententoolkit")
    f.TextBlockFactory(slug="toolkit-themes", title="Drie themas", body="Slim organiseren.")
    page = html_of(client.get(reverse("home")))
    assert "Lees het toolkitblad “Opleiden doe je samen!”" in page
    assert "Drie themas" in page and "Slim organiseren." in page
    assert (
        "<title>Nieuwe docenten voor het technisch vmbo — Docententoolkit techniek</title>" in page
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "contact"])
def test_organisation_json_ld_is_built_from_the_toolkit_contact_only(client, name):
    toolkit_contact()
    page = html_of(client.get(reverse(name)))
    [data] = json_ld_blocks(page)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Sterk Techniekonderwijs",
        "alternateName": "STO",
        "url": "https://sto.example",
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "contactType": "Contact over de toolkit",
                "email": "info@sto.example",
                "url": "https://sto.example/toolkit",
            }
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "contact"])
def test_no_organisation_json_ld_without_a_toolkit_contact(client, name):
    page = html_of(client.get(reverse(name)))
    assert json_ld_blocks(page) == []


# The sheet ----------------------------------------------------------------------


@pytest.mark.django_db
def test_sheet_shows_its_parts_in_the_order_of_the_printed_sheet(client, seeded_db):
    page = html_of(client.get(reverse("sheet")))
    order = [
        "<h1>Opleiden doe je samen!</h1>",
        "Nieuwe talenten voor het technisch vmbo",
        "Flexibele leerroutes bij lerarenopleidingen technisch vmbo",
        "Zij-instroom: een getrapt model",
        "Online hulpbronnen",
        "Goede scholing, is niet iets van alleen het onderwijs",
        '<h2 id="meer-lezen-title">Meer lezen</h2>',
        "Instellingen die onderwijsopleidingen aanbieden voor het technisch vmbo",
        "<table",
        '<h2 id="hybride-title">Hybride docentschap</h2>',
        '<h2 id="contact-title">Contact en meer informatie</h2>',
    ]
    positions = [position(page, text) for text in order]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_sheet_parts_link_to_the_pages_that_go_deeper(client, seeded_db):
    page = html_of(client.get(reverse("sheet")))

    def part(section_id):
        start = position(page, f'<section id="{section_id}"')
        return page[start : page.index("</section>", start)]

    flexible = part("flexibele-leerroutes")
    assert 'href="/routes/flexibele-leerroute/"' in flexible
    assert f'href="{reverse("programmes:programme_list")}"' in flexible
    stepped = part("zij-instroom")
    assert 'href="/routes/scholingstraject-hybride-techniekopleiders/"' in stepped
    assert 'href="/routes/zij-instroom-in-het-beroep/"' in stepped
    assert f'href="{reverse("pathways:role_list")}"' in stepped
    assert f'href="{reverse("pathways:resource_list")}"' in part("online-hulpbronnen")
    assert f'href="{reverse("pathways:resource_list")}"' in part("meer-lezen")
    assert f'href="{reverse("programmes:programme_list")}"' in part("opleidingen")
    assert 'href="/routes/hybride-docentschap/"' in part("hybride-docentschap")
    assert f'href="{reverse("contact")}"' in part("contact")


@pytest.mark.django_db
def test_sheet_links_only_published_routes_of_a_part(client):
    f.TextBlockFactory(slug="flexible-routes", title="Flexibele leerroutes", body="Modules.")
    f.PathwayFactory(
        slug="flexibele-leerroute", name="Flexibele leerroute", summary="Alleen wat nodig is."
    )
    f.TextBlockFactory(slug="stepped-model", title="Getrapt model", body="Stappen.")
    f.PathwayFactory(slug="zij-instroom-in-het-beroep", status=PublicationStatus.DRAFT)

    page = html_of(client.get(reverse("sheet")))

    assert '<a href="/routes/flexibele-leerroute/">Flexibele leerroute</a>' in page
    assert "Alleen wat nodig is." in page
    assert "/routes/zij-instroom-in-het-beroep/" not in page


def sheet_table_rows(page):
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r'<th scope="row">([^<]*)</th>\s*<td><a href="([^"]+)">', table)


@pytest.mark.django_db
def test_sheet_table_shows_all_six_programmes_of_the_seed_and_no_more_line(client, seeded_db):
    page = html_of(client.get(reverse("sheet")))
    rows = sheet_table_rows(page)
    assert len(rows) == 6
    assert [url for _, url in rows] == [p.get_absolute_url() for p in Programme.objects.published()]
    assert 'class="table-more"' not in page


@pytest.mark.django_db
def test_sheet_table_is_bounded_keeps_the_seed_and_says_how_many_more(client, many_programmes):
    # The table shows the 20 programmes that have been on the site longest (the
    # seed's six first), in the normal order; a line names the rest and links to
    # the directory.
    page = html_of(client.get(reverse("sheet")))
    rows = sheet_table_rows(page)
    assert len(rows) == 20
    urls = [url for _, url in rows]
    seed = Programme.objects.published().exclude(pk__in=[p.pk for p in many_programmes])
    assert {p.get_absolute_url() for p in seed} <= set(urls)
    institutions = [name.lower() for name, _ in rows]
    assert institutions == sorted(institutions)
    total = len(many_programmes) + 6
    assert f"(20 van de {total})</caption>" in page
    more = page[page.index('<p class="table-more">') :]
    more = more[: more.index("</p>")]
    assert f"Op deze site staan {total} lerarenopleidingen. De tabel toont er 20" in more
    assert f"De andere {total - 20} vindt u in de" in more
    assert f'<a href="{reverse("programmes:programme_list")}">' in more


@pytest.mark.django_db
def test_sheet_explains_the_terms_it_uses(client):
    page = html_of(client.get(reverse("sheet")))
    for term in ["Zij-instroom", "Hybride docent", "Leeruitkomst", "PDG"]:
        assert f"<dt>{term}</dt>" in page
    assert "Pedagogisch-didactisch getuigschrift" in page


# Contact ------------------------------------------------------------------------


@pytest.mark.django_db
def test_contact_answers_whom_to_ask_for_what_in_a_fixed_order(client):
    page = html_of(client.get(reverse("contact")))
    headings = [
        "Wat u kunt verwachten",
        "1. Een vraag over een lerarenopleiding",
        "2. Een vraag over zij-instroom of een andere route",
        "3. Een vraag over de toolkit of deze website",
        "4. Een vraag over hybride docentschap",
    ]
    positions = [position(page, heading) for heading in headings]
    assert positions == sorted(positions)
    for anchor in ["#opleiding", "#route", "#toolkit", "#hybride-docentschap"]:
        assert f'href="{anchor}"' in page
    # No reply time is promised: none is known.
    assert not re.search(r"\b\d+\s*(werk)?dag", page)
    assert "geen termijn" in page


@pytest.mark.django_db
def test_contact_lists_each_published_programme_with_its_contact_persons(client):
    programme = f.ProgrammeFactory(name="Leraar Techniek Zwolle")
    f.ProgrammeContactFactory(programme=programme, name="Erik", email="erik@hs.example")
    f.ProgrammeContactFactory(
        programme=programme, name="Sharda", email="sharda@hs.example", phone="030 123 45 67"
    )
    unknown = f.ProgrammeFactory(name="Leraar Zonder Contact")
    draft = f.ProgrammeFactory(name="Geheime Conceptopleiding", status=PublicationStatus.DRAFT)
    f.ProgrammeContactFactory(programme=draft, email="geheim@hs.example")

    page = html_of(client.get(reverse("contact")))

    assert f'<a href="{programme.get_absolute_url()}">Leraar Techniek Zwolle</a>' in page
    assert 'Erik: <a href="mailto:erik@hs.example">erik@hs.example</a>' in page
    assert 'href="tel:0301234567"' in page
    start = position(page, unknown.get_absolute_url())
    assert "De contactpersoon is nog niet bekend." in page[start : start + 400]
    assert draft.name not in page and "geheim@hs.example" not in page


@pytest.mark.django_db
def test_contact_lists_the_seed_on_one_page_without_paging(client, seeded_db):
    page = html_of(client.get(reverse("contact")))
    for programme in Programme.objects.published():
        assert f'<a href="{programme.get_absolute_url()}">' in page
    assert 'class="pagination"' not in page and "?pagina=" not in page


def contact_list(page):
    start = position(page, '<section id="opleiding"')
    return page[start : page.index("</section>", start)]


@pytest.mark.django_db
def test_contact_pages_the_programmes_and_every_contact_person_stays_reachable(
    client, many_programmes
):
    published = list(Programme.objects.published())
    emails = set(
        ProgrammeContact.objects.filter(programme__in=published).values_list("email", flat=True)
    )
    found, seen = set(), []
    number, pages = 1, 0
    while number:
        url = reverse("contact") + (f"?pagina={number}" if number > 1 else "")
        page = html_of(client.get(url))
        section = contact_list(page)
        titles = re.findall(r'<p class="contact-list-title"><a href="([^"]+)">', section)
        assert len(titles) <= 20
        seen += titles
        found |= set(re.findall(r'href="mailto:([^"]+)"', section))
        # The rest of the page is on every page.
        assert 'id="route"' in page and 'id="toolkit"' in page
        next_link = re.search(r'href="/contact/\?pagina=(\d+)#opleiding" rel="next"', section)
        number = int(next_link.group(1)) if next_link else 0
        pages += 1
    assert pages == -(-len(published) // 20)
    assert seen == [p.get_absolute_url() for p in published]
    assert emails <= found


@pytest.mark.django_db
def test_contact_page_links_land_on_the_list_and_page_one_has_no_number(client, many_programmes):
    section = contact_list(html_of(client.get(reverse("contact") + "?pagina=2")))
    assert '<a href="/contact/#opleiding" rel="prev">' in section
    assert '<a href="/contact/?pagina=3#opleiding" rel="next">' in section
    assert 'href="/contact/?pagina=2#opleiding" aria-current="page"' in section
    assert "Opleiding 21 tot en met 40 van 506" in section
    page = html_of(client.get(reverse("contact") + "?pagina=2"))
    assert "<title>Contact (pagina 2 van 26) — " in page
    assert "<title>Contact — " in html_of(client.get(reverse("contact")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "shown", "message"),
    [
        ("abc", 1, "‘abc’ is geen paginanummer. U ziet pagina 1."),
        ("0", 1, "‘0’ is geen paginanummer. U ziet pagina 1."),
        ("999", 26, "Pagina 999 bestaat niet. U ziet de laatste pagina (pagina 26)."),
        ("9" * 5000, 26, "bestaat niet. U ziet de laatste pagina (pagina 26)."),
    ],
)
def test_contact_bad_page_number_shows_a_page_with_a_message(
    client, many_programmes, value, shown, message
):
    section = contact_list(html_of(client.get(reverse("contact"), {"pagina": value})))
    assert message in section
    assert f"Opleiding {(shown - 1) * 20 + 1} tot en met" in section


@pytest.mark.django_db
def test_contact_names_who_offers_each_route_and_how_to_reach_them(client):
    pathway = f.PathwayFactory(name="Scholingstraject")
    pathway.providers.add(
        f.OrganisationFactory(name="Wij Techniek", website="https://wijtechniek.example"),
        f.OrganisationFactory(name="OOM", website="", email=""),
    )
    pathway.provider_institutions.add(
        f.InstitutionFactory(name="Hogeschool Rotterdam", website="https://hr.example")
    )
    f.PathwayFactory(name="Route zonder aanbieder")
    f.PathwayFactory(name="Conceptroute", status=PublicationStatus.DRAFT)

    page = html_of(client.get(reverse("contact")))

    assert 'Wij Techniek: <a class="url" href="https://wijtechniek.example">' in page
    assert "OOM (contactgegevens nog niet bekend)" in page
    assert 'Hogeschool Rotterdam: <a class="url" href="https://hr.example">' in page
    assert "Wie deze route aanbiedt, is nog niet bekend." in page
    assert "Conceptroute" not in page


@pytest.mark.django_db
def test_contact_shows_the_toolkit_contact_and_the_hybrid_coach_from_the_data(client):
    toolkit_contact()
    f.OrganisationContactFactory(
        purpose=ContactPurpose.HYBRID_COACH,
        name="Rian van Noord",
        role="Coach hybride docentschap",
        email="",
        how_to_reach="Via uw ondersteuner.",
    )
    page = html_of(client.get(reverse("contact")))
    toolkit = page[position(page, 'id="toolkit"') : position(page, 'id="hybride-docentschap"')]
    assert 'href="mailto:info@sto.example"' in toolkit
    coach = page[position(page, 'id="hybride-docentschap"') :]
    assert "Rian van Noord</strong>, Coach hybride docentschap" in coach
    assert "Via uw ondersteuner." in coach


@pytest.mark.django_db
def test_contact_says_honestly_when_toolkit_contact_and_coach_are_unknown(client):
    page = html_of(client.get(reverse("contact")))
    assert "De contactgegevens van de toolkit staan hier zodra ze bekend zijn." in page
    assert "De contactgegevens van de coach zijn nog niet bekend." in page


# Accessibility statement --------------------------------------------------------


@pytest.mark.django_db
def test_accessibility_statement_gives_status_method_date_and_where_to_report(client):
    toolkit_contact()
    page = html_of(client.get(reverse("accessibility")))
    assert "C – eerste maatregelen genomen" in page
    assert '<time datetime="2026-11-24">24 november 2026</time>' in page
    for fact in ["axe-core", "Chromium", "toetsenbord", "360 pixels", "WCAG 2.1", "WCAG 2.2"]:
        assert fact in page, fact
    assert "Wat nog niet goed is" in page
    assert "Sterk Techniekonderwijs wil dat iedereen" in page
    report = page[position(page, 'id="melden"') :]
    assert 'href="mailto:info@sto.example"' in report
    assert not re.search(r"\b\d+\s*(werk)?dag", page)


@pytest.mark.django_db
def test_accessibility_statement_without_toolkit_contact_points_to_the_contact_page(client):
    page = html_of(client.get(reverse("accessibility")))
    report = page[position(page, 'id="melden"') :]
    assert f'href="{reverse("contact")}"' in report
    assert "Wij willen dat iedereen" in page


# Privacy ------------------------------------------------------------------------


@pytest.mark.django_db
def test_privacy_page_names_the_staff_cookies_from_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * 24 * 60 * 60
    page = html_of(client.get(reverse("privacy")))
    cookies = page[position(page, "<table") : position(page, "</table>")]
    assert "<code>sessionid</code>" in cookies and "3 dagen" in cookies
    assert "<code>csrftoken</code>" in cookies and "364 dagen" in cookies
    assert "zetten geen cookies" in page


@pytest.mark.django_db
def test_privacy_page_explains_contact_persons_data_and_how_to_have_it_removed(client):
    toolkit_contact()
    page = html_of(client.get(reverse("privacy")))
    section = page[position(page, 'id="contactpersonen"') : position(page, 'id="andere-websites"')]
    for fact in [
        "persoonsgegevens",
        "Vanwege hun rol",
        "toolkitblad",
        "hogescholen",
        "verwijderen",
    ]:
        assert fact in section, fact
    assert 'href="mailto:info@sto.example"' in section
    assert "bit.ly" in page and "Autoriteit Persoonsgegevens" in page


# 404 and 500 --------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_address_returns_404_with_a_programme_search_and_the_main_sections(
    client, django_assert_max_num_queries
):
    toolkit_contact()
    with django_assert_max_num_queries(1):
        response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in page
    assert "bestaat niet, of niet meer" in page
    form = page[position(page, "<form") : position(page, "</form>")]
    assert 'method="get"' in form
    assert f'action="{reverse("programmes:programme_list")}"' in form
    assert position(form, '<label for="zoek-opleiding">') < position(form, 'id="zoek-opleiding"')
    assert 'name="zoek"' in form and '<button type="submit">' in form
    main = page[position(page, "<main") : position(page, "</main>")]
    for name in [
        "home",
        "programmes:programme_list",
        "pathways:pathway_list",
        "pathways:role_list",
        "pathways:resource_list",
        "sheet",
        "contact",
    ]:
        assert f'href="{reverse(name)}"' in main, name
    assert 'href="mailto:info@sto.example"' in main


def test_server_error_page_renders_without_database_or_context():
    # No django_db mark: any query would fail the test.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="nl">' in page
    assert "<h1>Er ging iets mis</h1>" in page
    assert 'class="skip-link" href="#main-content"' in page
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/css/site.css"]
    for path in ["/", "/opleidingen/", "/routes/", "/contact/", "/toegankelijkheid/"]:
        assert f'href="{path}"' in page
    # The addresses written out in 500.html are the real ones.
    assert reverse("contact") == "/contact/" and reverse("accessibility") == "/toegankelijkheid/"
    assert reverse("programmes:programme_list") == "/opleidingen/"
    assert reverse("pathways:pathway_list") == "/routes/"
