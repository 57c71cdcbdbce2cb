"""The contact page (/contact/): whom to ask for what, in a fixed order; every
published programme with its contact persons, paged by 20; who offers each route;
the toolkit contact and the coach from the data, or an honest gap. Its query budget
and JSON-LD are checked in test_every_page.py."""

import re

import pytest
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose
from programmes.models import Programme, ProgrammeContact
from tests import factories as f
from tests.helpers import html_of, position, toolkit_contact

pytestmark = pytest.mark.django_db


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


def test_contact_lists_the_seed_on_one_page_without_paging(client, seeded_db):
    page = html_of(client.get(reverse("contact")))
    for programme in Programme.objects.published():
        assert f'<a href="{programme.get_absolute_url()}">' in page
    assert 'class="pagination"' not in page and "?pagina=" not in page


def contact_list(page):
    start = position(page, '<section id="opleiding"')
    return page[start : page.index("</section>", start)]


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


def test_contact_page_links_land_on_the_list_and_page_one_has_no_number(client, many_programmes):
    section = contact_list(html_of(client.get(reverse("contact") + "?pagina=2")))
    assert '<a href="/contact/#opleiding" rel="prev">' in section
    assert '<a href="/contact/?pagina=3#opleiding" rel="next">' in section
    assert 'href="/contact/?pagina=2#opleiding" aria-current="page"' in section
    assert "Opleiding 21 tot en met 40 van 507" in section
    page = html_of(client.get(reverse("contact") + "?pagina=2"))
    assert "<title>Contact (pagina 2 van 26) — " in page
    assert "<title>Contact — " in html_of(client.get(reverse("contact")))


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


def test_contact_says_honestly_when_toolkit_contact_and_coach_are_unknown(client):
    page = html_of(client.get(reverse("contact")))
    assert "De contactgegevens van de toolkit staan hier zodra ze bekend zijn." in page
    assert "De contactgegevens van de coach zijn nog niet bekend." in page
