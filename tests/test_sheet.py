"""The toolkit sheet (/opleiden-doe-je-samen/, URL name `sheet`): its parts in the
printed order, their texts, quote and contacts from the data, its table of programmes
(bounded at 20) and its links to the pages that go deeper.

Facts on the sheet are data, so the tests change the data and look for the change.
Its query budget with the seed and with many programmes is in test_every_page.py;
that every fact of the printed sheet is on the site is test_sheet_facts.py.
"""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose, ResourceKind
from programmes.models import Programme
from tests import factories as f
from tests.helpers import html_of, position, query_count

pytestmark = pytest.mark.django_db


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


def test_sheet_shows_the_sheet_texts_from_their_text_blocks(client):
    texts = {
        "sheet-title": ("Docententoolkit", "Opleiden doe je samen!"),
        "intro": ("", "Docenten techniek volgen vaak een andere route."),
        "institutions-intro": ("Instellingen die opleiden", "Neem contact op."),
        "flexible-routes": ("Flexibele leerroutes", "Opleidingen hebben modules."),
        "stepped-model": ("Een getrapt model", "Eerst kennismaken."),
        "hybrid-teaching": ("Hybride docentschap", "Twee banen tegelijk."),
        "online-resources": ("Online hulpbronnen", "Handige websites."),
    }
    for slug, (title, body) in texts.items():
        f.TextBlockFactory(slug=slug, title=title, body=body)

    page = html_of(client.get(reverse("sheet")))

    assertInHTML("<h1>Docententoolkit</h1>", page)
    assert "<title>Docententoolkit — Docententoolkit techniek</title>" in page
    for title, body in texts.values():
        assert body in page
        if title:
            assert title in page


def test_sheet_leaves_out_sections_whose_data_is_missing(client):
    page = html_of(client.get(reverse("sheet")))
    assert "<figure" not in page  # no quote
    assert "Coach hybride docentschap" not in page
    assert 'id="meer-lezen"' not in page
    assert "Er staan nog geen opleidingen op de site." in page


def test_sheet_explains_the_terms_it_uses(client):
    page = html_of(client.get(reverse("sheet")))
    for term in ["Zij-instroom", "Hybride docent", "Leeruitkomst", "PDG"]:
        assert f"<dt>{term}</dt>" in page
    assert "Pedagogisch-didactisch getuigschrift" in page


# Quote, contacts and resources ---------------------------------------------------


def test_sheet_shows_quote_coach_and_toolkit_contact_from_the_data(client):
    quote = f.QuoteFactory(text="Opleiden doe je samen.", author="Thea", author_role="Voorzitter")
    coach = f.OrganisationContactFactory(
        purpose=ContactPurpose.HYBRID_COACH,
        name="Rian",
        role="Coach",
        how_to_reach="Via uw ondersteuner.",
        email="",
        url="https://sto.example/",
    )
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT, email="info@sto.example")

    page = html_of(client.get(reverse("sheet")))
    assert "Opleiden doe je samen." in page
    assert "Thea, Voorzitter" in page
    assert "Rian</strong>, Coach" in page
    assert "Via uw ondersteuner." in page
    assert 'href="https://sto.example/"' in page
    assert 'href="mailto:info@sto.example"' in page

    quote.text = "Een heel ander citaat."
    quote.save()
    coach.name = "Een andere coach"
    coach.save()
    page = html_of(client.get(reverse("sheet")))
    assert "Een heel ander citaat." in page and "Opleiden doe je samen." not in page
    assert "Een andere coach" in page and "Rian" not in page


def test_sheet_shows_the_first_quote_only(client):
    f.QuoteFactory(text="Tweede citaat.", order=2)
    f.QuoteFactory(text="Eerste citaat.", order=1)
    page = html_of(client.get(reverse("sheet")))
    assert "Eerste citaat." in page
    assert "Tweede citaat." not in page


def test_sheet_shows_resources_with_their_printed_address_as_link_text(client):
    online = f.ResourceFactory(kind=ResourceKind.ONLINE, url="https://bit.ly/39yDfxW")
    further = f.ResourceFactory(
        kind=ResourceKind.FURTHER_READING,
        label="Meer lezen 1",
        description="Meer over de pilots.",
        url="https://bit.ly/3umIokF",
    )
    article = f.ResourceFactory(kind=ResourceKind.ARTICLE, title="Hybride Docentschap", url="")

    page = html_of(client.get(reverse("sheet")))

    assert '<a class="url" href="https://bit.ly/39yDfxW">https://bit.ly/39yDfxW</a>' in page
    assert '<a class="url" href="https://bit.ly/3umIokF">https://bit.ly/3umIokF</a>' in page
    assert "Meer lezen 1." in page and further.description in page
    assert online.title in page and article.title in page
    assert reverse("pathways:resource_list") in page


def test_sheet_does_not_repeat_what_a_text_block_or_the_toolkit_contact_already_says(client):
    f.TextBlockFactory(slug="online-resources", title="Online hulpbronnen", body="Een kennisbank.")
    f.ResourceFactory(kind=ResourceKind.ONLINE, description="Ook een kennisbank, uitgebreid.")
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT, url="https://sto.example/toolkit")
    f.ResourceFactory(
        kind=ResourceKind.MORE_INFO, title="Zelfde adres", url="https://sto.example/toolkit"
    )
    f.ResourceFactory(
        kind=ResourceKind.MORE_INFO, title="Ander adres", url="https://ander.example/"
    )

    page = html_of(client.get(reverse("sheet")))

    assert "Een kennisbank." in page
    assert "Ook een kennisbank, uitgebreid." not in page
    assert page.count('href="https://sto.example/toolkit"') == 2  # contact section and footer
    assert "Zelfde adres" not in page
    assert "Ander adres" in page


# Links to the pages that go deeper ----------------------------------------------


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


def test_sheet_links_the_published_routes_of_its_parts_with_their_summary(client):
    f.TextBlockFactory(slug="stepped-model", title="Getrapt model", body="Stappen.")
    pathway = f.PathwayFactory(slug="zij-instroom-in-het-beroep", summary="Van vakman naar docent.")
    draft = f.PathwayFactory(
        slug="scholingstraject-hybride-techniekopleiders", status=PublicationStatus.DRAFT
    )
    page = html_of(client.get(reverse("sheet")))
    assert f'<a href="{pathway.get_absolute_url()}">{pathway.name}</a>' in page
    assert "Van vakman naar docent." in page
    assert draft.get_absolute_url() not in page


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


# The table of programmes ---------------------------------------------------------


def test_sheet_lists_every_published_programme_linking_to_its_page_and_no_drafts(client):
    published = f.ProgrammeFactory.create_batch(3)
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT, name="Geheime conceptopleiding")
    archived = f.ProgrammeFactory(status=PublicationStatus.ARCHIVED, name="Oude opleiding")

    page = html_of(client.get(reverse("sheet")))

    for programme in published:
        assert f'<a href="{programme.get_absolute_url()}">{programme.name}</a>' in page
        assert programme.institution.name in page
    assert draft.name not in page and draft.get_absolute_url() not in page
    assert archived.name not in page


def test_sheet_table_shows_websites_and_contacts_like_the_sheet(client):
    programme = f.ProgrammeFactory()
    f.ProgrammeLinkFactory(programme=programme, url="https://bit.ly/3dvnqZJ")
    f.ProgrammeLinkFactory(programme=programme, url="https://bit.ly/3rZQa2b")
    f.ProgrammeContactFactory(programme=programme, name="Kees", email="kees@fontys.example")
    f.ProgrammeContactFactory(programme=programme, name="Sharda", email="sharda@fontys.example")

    page = html_of(client.get(reverse("sheet")))

    table = page[page.index("<table") : page.index("</table>")]
    assert "<caption" in table and '<th scope="col">' in table and '<th scope="row">' in table
    assert (
        '<a class="url" href="https://bit.ly/3dvnqZJ">https://bit.ly/3dvnqZJ</a> of '
        '<a class="url" href="https://bit.ly/3rZQa2b">https://bit.ly/3rZQa2b</a>'
    ) in table
    assert "Kees of Sharda" in table
    assert (
        '<a href="mailto:kees@fontys.example">kees@fontys.example</a> of '
        '<a href="mailto:sharda@fontys.example">sharda@fontys.example</a>'
    ) in table


def sheet_table_rows(page):
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r'<th scope="row">([^<]*)</th>\s*<td><a href="([^"]+)">', table)


def test_sheet_table_shows_exactly_the_six_programmes_of_the_printed_sheet(client, seeded_db):
    """The seed also holds a programme that is not on the sheet (Saxion): the table
    keeps the sheet's six, and a line points to the directory for the other."""
    page = html_of(client.get(reverse("sheet")))
    rows = sheet_table_rows(page)
    assert len(rows) == 6
    on_sheet = Programme.objects.published().filter(on_sheet=True)
    assert [url for _, url in rows] == [p.get_absolute_url() for p in on_sheet]
    off_sheet = Programme.objects.published().get(on_sheet=False)
    assert off_sheet.get_absolute_url() not in page
    more = page[page.index('<p class="table-more">') :]
    more = more[: more.index("</p>")]
    assert "Op deze site staat nog 1 andere technische lerarenopleiding." in more
    assert "niet op het toolkitblad" in more
    assert f'<a href="{reverse("programmes:programme_list")}">' in more


def test_sheet_table_shows_only_the_websites_as_printed(client, seeded_db):
    page = html_of(client.get(reverse("sheet")))
    table = page[page.index("<table") : page.index("</table>")]
    assert "https://bit.ly/3dQsFUm" in table
    assert "windesheim.nl/opleidingen" not in table  # the programme's own page is elsewhere


def test_sheet_table_without_printed_websites_shows_the_others(client):
    programme = f.ProgrammeFactory()
    f.ProgrammeLinkFactory(programme=programme, url="https://hs.example/opleiding")

    page = html_of(client.get(reverse("sheet")))

    assert 'href="https://hs.example/opleiding"' in page[page.index("<table") :]


def test_sheet_table_is_bounded_keeps_the_seed_and_says_how_many_more(client, many_programmes):
    # The table shows the 20 programmes of the sheet that have been on the site
    # longest (the seed's first); the seed's programme that is not on the sheet
    # (Saxion) is left out and named in a line of its own. In the normal order; a
    # line names the rest and links to the directory.
    page = html_of(client.get(reverse("sheet")))
    rows = sheet_table_rows(page)
    assert len(rows) == 20
    urls = [url for _, url in rows]
    seed = Programme.objects.published().exclude(pk__in=[p.pk for p in many_programmes])
    assert {p.get_absolute_url() for p in seed.filter(on_sheet=True)} <= set(urls)
    assert seed.get(on_sheet=False).get_absolute_url() not in urls
    institutions = [name.lower() for name, _ in rows]
    assert institutions == sorted(institutions)
    total = len(many_programmes) + 6
    assert f"(20 van de {total})</caption>" in page
    more = page[page.index('<p class="table-more">') :]
    more = more[: more.index("</p>")]
    assert f"Op deze site staan {total} lerarenopleidingen van het toolkitblad." in more
    assert f"De andere {total - 20} vindt u in de" in more
    assert f'<a href="{reverse("programmes:programme_list")}">' in more
    assert "staat nog 1 andere technische lerarenopleiding" in page


# Queries -------------------------------------------------------------------------


def test_sheet_query_count_does_not_grow_with_the_data(client, django_assert_max_num_queries):
    def add_data(n):
        for _ in range(n):
            programme = f.ProgrammeFactory()
            f.ProgrammeLinkFactory.create_batch(2, programme=programme)
            f.ProgrammeContactFactory.create_batch(2, programme=programme)
            f.PathwayFactory()
            f.ResourceFactory()
            f.TextBlockFactory()
            f.QuoteFactory()

    add_data(3)
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT)
    f.OrganisationContactFactory(purpose=ContactPurpose.HYBRID_COACH)
    small = query_count(client, reverse("sheet"))
    add_data(9)
    assert query_count(client, reverse("sheet")) == small
    with django_assert_max_num_queries(10):
        client.get(reverse("sheet"))
