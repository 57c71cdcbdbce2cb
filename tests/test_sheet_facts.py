"""Every fact of the printed toolkit sheet can be found on the public pages.

The seed is loaded as `make run` loads it; the test visits the sheet's own page
(/opleiden-doe-je-samen/, URL name `sheet`) and every page it links to on this
site, and looks for each fact of the sheet in the text a visitor reads (tags
stripped, entities decoded, white space folded). The home page links to the sheet.
"""

import html
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from .sheet import PRINTED_BITLY_LINKS

pytestmark = pytest.mark.django_db


# (institution, programme, contact persons, e-mail addresses) as printed.
PRINTED_TABLE = [
    (
        "Hogeschool Windesheim",
        "Leraar Technisch Beroepsonderwijs",
        ["Erik Schakelaar"],
        ["e.schakelaar@windesheim.nl"],
    ),
    (
        "Fontys Hogescholen",
        "Leraar Technisch Beroepsonderwijs",
        ["Kees-Jan van Dorp", "Sharda Kawarmala-van der Kuyp"],
        ["k.vandorp@fontys.nl", "s.vanderkuyp@fontys.nl"],
    ),
    (
        "Hogeschool Rotterdam",
        "Leraar Technisch Beroepsonderwijs",
        ["Anja van Vliet"],
        ["a.van.vliet@hr.nl"],
    ),
    (
        "Hogeschool van Amsterdam",
        "Leraar Mens en Technologie",
        ["Misha van Berlo"],
        ["m.van.berlo@hva.nl"],
    ),
    (
        "Aeres Hogeschool",
        "Docent en kennismanager Agrotechniek",
        ["Jos van Meegen"],
        ["j.van.meegen@aeres.nl"],
    ),
    (
        "Hogeschool Utrecht",
        "Leraar Techniek tweedegraads (specialisatie MVI mogelijk)",
        ["Hermien Vossebeld"],
        ["hermien.vossebeld@hu.nl"],
    ),
]

PRINTED_PHRASES = [
    # Title and quote
    "Opleiden doe je samen!",
    "Goede scholing, is niet iets van alleen het onderwijs, ook de sector heeft hier haar "
    "verantwoordelijkheid!",
    "Thea Koster",
    "Voorzitter Techniekpact",
    # Introduction
    "Docenten techniek in het vmbo volgen vaak een andere route naar het docentschap",
    "moeten vooral geschoold worden in pedagogiek en didactiek",
    "Een actieve samenwerking met de lerarenopleidingen is hierbij van groot belang.",
    "instructeurs, onderwijsassistenten en -ondersteuners en hybride personeel kunnen een "
    "zéér waardevolle bijdrage aan het onderwijs leveren",
    # Flexible routes
    "Flexibele leerroutes bij lerarenopleidingen",
    "Expertisecentrum Professionalisering Beroepsonderwijs",
    "praktijkleren, zelfstudie, netwerkleren en colleges",
    "waardoor alleen de noodzakelijke modules gevolgd worden",
    "De school (als werkgever) speelt een belangrijke rol in het organiseren, ondersteunen "
    "en begeleiden van het leertraject.",
    "pilots flexibilisering op hogescholen",
    # Stepped model
    "Zij-instroom: een getrapt model",
    "Scholingstraject Hybride Techniekopleiders",
    "kennismakingsprogramma",
    "oriëntatietraject",
    "PDG-traject (mbo-bevoegdheid)",
    "Bij iedere stap wordt rekening gehouden met de reeds gevolgde modules, om dubbelingen "
    "te voorkomen.",
    "Wij Techniek",
    "OOM",
    "A+O Metalektro",
    "pedagogisch didactisch diploma",
    # Online resources
    "Platform Samen Opleiden & Professionaliseren",
    "kennisbank",
    "handige tools",
    # Institutions
    "Instellingen die onderwijsopleidingen aanbieden voor het technisch vmbo",
    "Neem dan contact op met de lerarenopleiding in uw buurt.",
    # Hybrid teaching and contact
    "Hybride docentschap",
    "Hybride Docentschap",
    "Rian van Noord",
    "personele uitwisseling en professionalisering",
    "via uw ondersteuner",
    "info@sterktechniekonderwijs.nl",
    "www.sterktechniekonderwijs.nl/docententoolkit",
]


def visible_text(content: bytes) -> str:
    text = content.decode()
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def internal_links(content: bytes) -> set[str]:
    links = set()
    for href in re.findall(r'href="([^"]+)"', content.decode()):
        parts = urlsplit(html.unescape(href))
        if (
            not parts.netloc
            and parts.path.startswith("/")
            and not parts.path.startswith(("/static/", "/beheer/"))
        ):
            links.add(parts.path)
    return links


@pytest.fixture
def public_site_text(client, seeded_db):
    """The visible text and the raw HTML of the sheet page and every page one click away."""
    sheet_path = reverse("sheet")
    sheet = client.get(sheet_path)
    assert sheet.status_code == 200
    pages = {sheet_path: sheet}
    for path in sorted(internal_links(sheet.content)):
        response = client.get(path)
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("text/html"):  # not the favicon
            pages[path] = response
    text = " ".join(visible_text(r.content) for r in pages.values())
    raw = " ".join(r.content.decode() for r in pages.values())
    return text, raw, pages


def test_every_printed_link_is_on_the_site_as_link_and_as_visible_address(public_site_text):
    text, raw, _pages = public_site_text
    for url in PRINTED_BITLY_LINKS:
        assert f'href="{url}"' in raw, url
        assert url.removeprefix("https://") in text, url


def test_every_institution_programme_and_contact_of_the_table_is_on_the_site(public_site_text):
    text, raw, _pages = public_site_text
    for institution, programme, people, emails in PRINTED_TABLE:
        assert institution in text
        assert programme in text
        for person in people:
            assert person in text
        for email in emails:
            assert f'href="mailto:{email}"' in raw, email


def test_every_printed_phrase_is_on_the_site(public_site_text):
    text, _raw, _pages = public_site_text
    missing = [phrase for phrase in PRINTED_PHRASES if phrase not in text]
    assert missing == []


def test_the_sheet_page_itself_holds_every_printed_phrase_and_link(public_site_text):
    """A reader of the paper finds the whole sheet on one page, not spread over the site."""
    _text, _raw, pages = public_site_text
    sheet = pages[reverse("sheet")]
    text = visible_text(sheet.content)
    assert [phrase for phrase in PRINTED_PHRASES if phrase not in text] == []
    for url in PRINTED_BITLY_LINKS:
        assert f'href="{url}"' in sheet.content.decode(), url
    for _institution, programme, people, emails in PRINTED_TABLE:
        assert programme in text
        assert all(person in text for person in people)
        assert all(email in text for email in emails)


def test_home_links_to_the_sheet_page(client, seeded_db):
    home = client.get("/")
    assert home.status_code == 200
    assert reverse("sheet") in internal_links(home.content)


def test_sheet_links_to_its_programmes_and_reaches_every_route(public_site_text):
    from pathways.models import Pathway
    from programmes.models import Programme

    _text, _raw, pages = public_site_text
    # The programmes of the printed sheet; one a source names besides them (not on
    # the sheet) is in the directory, which the sheet links to.
    for programme in Programme.objects.filter(on_sheet=True):
        assert programme.get_absolute_url() in pages
    assert "/opleidingen/" in pages
    # The sheet's routes are one click away; the routes of the second research round
    # (a route for every role, the kopopleiding) are on the list of routes, which the
    # sheet links to.
    two_clicks = set().union(*(internal_links(response.content) for response in pages.values()))
    for pathway in Pathway.objects.published():
        assert pathway.get_absolute_url() in two_clicks, pathway.slug
