"""Every programme fact of the second research round (../shared/facts-2.md, sections
1–7 and D15) can be read on its public page, as a visitor reads it.

The seed is loaded as `make run` loads it; each test visits a public page and looks
for the facts in the visible text (tags stripped, entities decoded, white space
folded). Also: the programme that is not on the sheet (Saxion, O1) is in the
directory with its mark and not on the sheet page; old tuition carries its year and
is never shown as current; no "N modules" without a complete list; what is not known
is said once; rows marked *inference* in facts-2.md are not on the site as facts.
"""

import datetime
import re

import pytest
from django.urls import reverse

from programmes.models import LinkKind, Programme, ProgrammeCost

from .test_sheet_facts import visible_text

pytestmark = pytest.mark.django_db

WINDESHEIM = "windesheim-leraar-technisch-beroepsonderwijs"
FONTYS = "fontys-leraar-technisch-beroepsonderwijs"
ROTTERDAM = "hogeschool-rotterdam-leraar-technisch-beroepsonderwijs"
HVA = "hva-leraar-mens-en-technologie"
AERES = "aeres-docent-en-kennismanager-agrotechniek"
HU = "hu-leraar-techniek-tweedegraads"
SAXION = "saxion-tweedegraadslerarenopleiding-techniek"

# Programme slug -> phrases a visitor reads on its page, with the facts-2 row.
FACTS = {
    WINDESHEIM: [
        "Zwolle (Overijssel), Campus 2, 8017 CA Zwolle",  # W7
        "Produceren, installeren en energie (PIE), Mobiliteit en transport (M&T), "
        "Media, vormgeving en ICT (MVI)",  # W1, W4
        "Voltijd, Deeltijd",  # W6
        "Wettelijk collegegeld 2025 (voltijd): € 2.601",  # W8
        "Wettelijk collegegeld 2024 (voltijd): € 2.530",
        "Niet bindend. De norm is 50 EC in het eerste jaar.",  # W9
        "docent elektrotechniek, installatietechniek, werktuigbouwkunde, motorvoertuigen, "
        "bouwkunde, bouwtechniek of ICT",  # W2
        "leraar informatica",
        "Bouw en BWI, ICT en MVI, en Techniek en PIE",  # W3
        "docent PIE, werktuigbouwkunde, elektrotechniek of installatietechniek",  # W5
        "Teachers College Technisch Beroepsonderwijs",  # W10
        "De eerste 1,5 jaar zijn een oriëntatiejaar.",
        "Teachers Tech College (TTC) in de gewone lerarenopleidingen technische beroepen",  # W14
        "een eigen ‘road map’ naar vaste eisen",  # W12
        "professionele leergemeenschappen",
        "Hoe u dat leert, kiest u zelf. Dat begint met een uitgebreid start-assessment",  # W15
        "in één afdeling samengebracht",  # W18
        "Studiekeuze123 noemt 85 studenten in voltijd",  # W19
        "Voion noemt dezelfde vier",  # A7
    ],
    FONTYS: [
        "Eindhoven (Noord-Brabant), Rachelsmolen 1, 5612 MA Eindhoven",  # F1
        "Bouwen, wonen en interieur (BWI), Produceren, installeren en energie (PIE), "
        "Mobiliteit en transport (M&T), Media, vormgeving en ICT (MVI)",  # F2
        "bouw, elektrotechniek, ICT, motorvoertuigentechniek of werktuigbouwkunde",
        "Deeltijd",  # F3
        "240 EC",
        "De opleiding is flexibel en modulair ingericht.",  # F4
        "Samen met uw studiecoach stippelt u de beste leerroute uit.",
        "Vaktechnische, educatieve en didactische thema’s",  # F5
        "1 februari en 1 september (deeltijd; zo vermeld voor 2024)",  # F6
        "Bindend: u moet in het eerste jaar minstens 45 EC halen.",  # F7
        "Wettelijk collegegeld 2021: € 2.168",  # F8
        "Wettelijk collegegeld 2020: € 2.143",
        "Instellingscollegegeld 2020: € 2.060",
        "de voorkeur aan technici uit het bedrijfsleven",  # A8
    ],
    ROTTERDAM: [
        "Maritiem en techniek (MaT)",  # R1
        "Dienstverlening en producten (D&P)",
        "Produceren, installeren en energie (PIE)",
        "mechanische techniek",  # R2
        "mechatronica, maritieme techniek of ICT",
        "Bachelor of Education",  # R3
        "bevoegd om les te geven op mbo- en/of vmbo-scholen",
        "De gegevens van de hogeschool noemen twee studievormen",  # R4
        "1 september (zo vermeld voor 2025)",  # R5
        "Wettelijk collegegeld 2025: € 2.601 (voor één van de twee studievormen)",  # R6, D15
        "voor de andere vorm € 2.084 (2024)",
        "Instellingscollegegeld 2024: € 10.030",
        "Niet bindend. De norm is 48 EC in het eerste jaar.",  # R7
    ],
    HVA: [
        "De HvA noemt de opleiding ‘Leraar Technisch Beroepsonderwijs’.",  # H1
        "35208",
        "Voltijd, Deeltijd",  # H2
        "Bachelor of Education",
        "mag u lesgeven in het vmbo, het mbo en het volwassenenonderwijs",  # H3
        "1 september (zo vermeld voor 2025)",  # H4
        "Bindend: u moet in het eerste jaar minstens 48 EC halen.",
        "Wettelijk collegegeld 2025: € 2.601",  # H5
        "In het eerste jaar krijgt u basisvakken.",  # H6
        "LiO-stage (Leraar in Opleiding)",  # H7
        "Oriëntatie op Onderwijs en Opvoeding",  # H8
        "beroepsproducten",
        "landelijke kennistoets",  # A2
        "werken met beroepsopdrachten",  # H12
        "Onderbouw havo/vwo of Beroepsonderwijs",
        "pedagogisch, vakdidactisch, werken in de school en professionele ontwikkeling",  # A3
    ],
    AERES: [
        "Docent en Kennismanager Groene Sector",  # AE1
        "CROHO 34899",
        "Bachelor of Education",
        "Wageningen (Gelderland), Mansholtlaan 18, 6708 PA Wageningen",  # AE2
        "metaaltechniek, logistiek, robotica en mechatronica",  # AE3
        "De pagina van de studierichting noemt alleen voltijd.",  # AE4
        "docent in het groene (v)mbo-onderwijs",  # AE5
        "2 tot 3 dagen per week stage",
        "groen mbo-diploma en een aantal jaren ervaring in de sector",  # AE6
        "negen studierichtingen uit vier domeinen",
        "Wettelijk collegegeld 2024: € 2.530",  # AE7
        "Bindend: u moet in het eerste jaar minstens 48 EC halen.",
        "komt voort uit Stoas Hogeschool",  # AE9
        "verhuisde in 2011 naar Wageningen",
    ],
    HU: [
        "35254",  # U1
        "Bachelor of Education",
        "Voltijd, Deeltijd",  # U2
        "Utrecht (Utrecht), Utrecht Science Park, 3584 CH Utrecht",  # U3
        "havo-, vwo- of mbo-diploma nodig. Of u doet een toelatingsonderzoek.",  # U4
        "1 februari en 1 september (deeltijd; zo vermeld voor 2024)",  # U5
        "1 september (voltijd)",
        "Niet bindend. De norm is 50 EC in het eerste jaar.",  # U6
        "Wettelijk collegegeld 2025 (deeltijd): € 2.601 (toen nog niet definitief)",
        "Wettelijk collegegeld 2024 (voltijd): € 2.530",
        "stage, hoorcolleges, projecten en werkcolleges",  # U7
        "onderzoeken en ontwerpen vooral zelf technische producten",  # U8
    ],
    SAXION: [
        "Saxion Next, het particuliere deel van Saxion",  # O1
        "Deventer (Overijssel)",
        "35254",
        "Deeltijd",
        "U hebt al een hbo-bachelor.",
        "particulier gefinancierd, niet door de overheid",
        "Staat niet op het toolkitblad",
    ],
}

# Programme slug -> the programme's own pages (ProgrammeLink kind "eigen").
OWN_PAGES = {
    WINDESHEIM: [
        "https://www.windesheim.nl/opleidingen/deeltijd/bachelor/"
        "lerarenopleiding-technisch-beroepsonderwijs"
    ],
    FONTYS: [
        "https://www.fontys.nl/Professionals-en-werkgevers/Opleidingen-en-cursussen/"
        "Leraar-Technisch-Beroepsonderwijs-deeltijd.htm"
    ],
    ROTTERDAM: ["http://www.hr.nl/tbo"],
    HVA: ["http://www.hva.nl/lrtb", "http://www.hva.nl/lrtb-dt"],
    AERES: [
        "https://www.aereshogeschool.nl/opleidingen/voltijd/bachelor/"
        "docent-en-kennismanager-agrotechniek"
    ],
    HU: [
        "https://www.hu.nl/voltijd-opleidingen/leraar-techniek-tweedegraads",
        "https://www.hu.nl/deeltijd-opleidingen/leraar-techniek-tweedegraads",
    ],
    SAXION: ["https://saxion.nl/parttimeschool/opleidingen/bachelor/tweedegraadslerarenopleiding"],
}

# Programme slug -> its one line of what is not known yet, as the seed stands.
UNKNOWNS = {
    WINDESHEIM: "Nog niet bekend: duur en startmomenten.",
    FONTYS: "Nog niet bekend: graad, duur en toelatingseisen.",
    ROTTERDAM: "Nog niet bekend: duur en toelatingseisen.",
    HU: "Nog niet bekend: duur, vrijstellingen en ECPB-lidmaatschap.",
}


def page_html(client, slug):
    response = client.get(reverse("programmes:programme_detail", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def section(page, anchor):
    start = page.index(f'<section id="{anchor}"')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize("slug", sorted(FACTS))
def test_each_new_fact_is_on_its_programme_page(client, seeded_db, slug):
    text = visible_text(page_html(client, slug).encode())
    missing = [fact for fact in FACTS[slug] if fact not in text]
    assert missing == []


@pytest.mark.parametrize("slug", sorted(OWN_PAGES))
def test_the_programmes_own_page_is_shown_next_to_the_printed_link(client, seeded_db, slug):
    websites = section(page_html(client, slug), "websites")
    for url in OWN_PAGES[slug]:
        assert f'<a class="url" href="{url}">{url}</a>' in websites
        assert "(eigen pagina van de opleiding)" in websites
    printed = Programme.objects.get(slug=slug).links.filter(kind=LinkKind.SHEET)
    for link in printed:
        assert f"{link.title} (zoals op het blad):" in websites
        assert f'href="{link.url}"' in websites
    assert printed.exists() == (slug != SAXION)


@pytest.mark.parametrize("slug", sorted(FACTS))
def test_each_new_fact_names_its_source_on_the_page(client, seeded_db, slug):
    """The HOVI record of the hogeschool is among the page's sources, with its date."""
    sources = visible_text(section(page_html(client, slug), "bronnen").encode())
    institution = Programme.objects.get(slug=slug).institution
    assert "HOVI-gegevens, februari 2025:" in sources
    assert institution.name in sources or institution.short_name in sources
    assert "(februari 2025)" in sources


def test_old_tuition_is_shown_with_its_year_and_never_as_current(client, seeded_db):
    facts = visible_text(section(page_html(client, FONTYS), "kenmerken").encode())

    for amount in ("€ 2.168", "€ 2.143", "€ 2.060"):
        line = re.search(rf"(\w+ \d{{4}}): {re.escape(amount)}", facts)
        assert line, amount  # "Wettelijk collegegeld 2021: € 2.168": the year comes along
    assert "Bedragen uit 2020 en 2021; het bedrag van nu is niet nagegaan." in facts
    for cost in ProgrammeCost.objects.filter(programme__slug=FONTYS):
        assert cost.is_old()


def test_an_amount_of_the_current_study_year_is_not_called_old():
    cost = ProgrammeCost(amount=2601, year=2025)
    assert not cost.is_old(datetime.date(2025, 9, 1))
    assert cost.is_old(datetime.date(2026, 9, 1))


def test_no_module_count_without_a_complete_module_list(client, seeded_db):
    assert not Programme.objects.filter(modules_complete=True).exists()
    modules = section(page_html(client, HVA), "modules")

    assert "De opleiding bestaat uit" not in modules
    assert "Dit zijn de bekende onderdelen." in modules
    assert "<h3>Oriëntatie op Onderwijs en Opvoeding</h3>" in modules


@pytest.mark.parametrize("slug", sorted(FACTS))
def test_the_key_facts_say_once_what_is_not_known(client, seeded_db, slug):
    facts = section(page_html(client, slug), "kenmerken")

    assert facts.count("Nog niet bekend") <= 1
    assert '<span class="unknown">' not in facts  # no row shows a label as its value
    text = visible_text(facts.encode())
    if slug in UNKNOWNS:
        assert UNKNOWNS[slug] in text


def test_no_programme_page_says_bel_without_a_phone_number(client, seeded_db):
    for programme in Programme.objects.published():
        if programme.contacts.exclude(phone="").exists():
            continue
        text = visible_text(page_html(client, programme.slug).encode())
        assert not re.search(r"\bbel\b", text, re.IGNORECASE), programme.slug


def test_inferences_are_not_on_the_site_as_facts(client, seeded_db):
    # AE inference: "groene (v)mbo" would be the profiel Groen; no source names it.
    assert not Programme.objects.get(slug=AERES).profiles.exists()
    assert "<dt>Voor de vmbo-profielen</dt>" not in page_html(client, AERES)
    # R and H: HOVI gives the main address of HR and HvA, not the teaching location.
    for slug, address in ((ROTTERDAM, "S'jacobplein"), (HVA, "Wibautstraat")):
        assert address not in page_html(client, slug)
        assert not Programme.objects.get(slug=slug).locations.exclude(address="").exists()
    # The agrotechniek diploma is not claimed to be a tweedegraads bevoegdheid.
    assert Programme.objects.get(slug=AERES).qualification is None


def test_the_programme_not_on_the_sheet_is_in_the_directory_with_its_mark(client, seeded_db):
    page = client.get(reverse("programmes:programme_list")).content.decode()

    results = re.findall(r'<li class="result">.*?</li>\s*(?=<li class="result">|</ol>)', page, re.S)
    marked = [r for r in results if "Staat niet op het toolkitblad" in r]
    assert len(marked) == 1 and f"/opleidingen/{SAXION}/" in marked[0]
    csv = client.get(reverse("programmes:programme_csv")).content.decode()
    assert "op het toolkitblad" in csv.splitlines()[0]


def test_the_sheet_page_keeps_its_six(client, seeded_db):
    page = client.get(reverse("sheet")).content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]

    assert table.count('<th scope="row">') == 6
    assert "Saxion" not in table
    for slug in (WINDESHEIM, FONTYS, ROTTERDAM, HVA, AERES, HU):
        assert f"/opleidingen/{slug}/" in table


def test_the_pie_filter_lists_the_programmes_known_for_pie(client, seeded_db):
    page = client.get(reverse("programmes:programme_list") + "?profiel=pie").content.decode()

    listed = set(re.findall(r'name="opleiding" value="([^"]+)"', page))
    assert listed == {WINDESHEIM, FONTYS, ROTTERDAM}


def test_the_programme_pages_say_niet_bekend_far_less_often(client, seeded_db):
    """Issue 13: 41 times on the directory and the six programme pages before."""
    paths = [reverse("programmes:programme_list"), reverse("sheet")]
    paths += [p.get_absolute_url() for p in Programme.objects.published()]
    count = 0
    for path in paths:
        text = visible_text(client.get(path).content)
        count += len(re.findall("niet bekend", text, re.IGNORECASE))
    assert count <= 15


# Section 7 and the Fontys- and HU-wide rows: facts about which programmes exist,
# not about one programme's page. They are on /hulpbronnen/ with their sources.
RESOURCE_FACTS = [
    # O2–O5: programmes with "techniek" in their name, not for a technical profiel.
    "Science and Technology in de basisvorming",
    "Leraar Consumptieve Techniek bij Fontys in Eindhoven",
    "Docent en kennismanager Horeca Bakkerij en Recreatie bij Aeres in Wageningen",
    "Leraar Horeca en Voeding bij de Hogeschool van Amsterdam",
    # O8, O9, U10.
    "In 2015 verdeelde de Keuzegids hbo de lerarenopleidingen voor techniek in twee richtingen",
    "Utrecht zich richt op de algemene vakken en Windesheim op de beroepsgerichte vakken",
    "bestond in 2009 al in voltijd en deeltijd",
    # F12, F13, U11, each said to be institution-wide, not about this programme.
    "37 van de 80 deeltijdopleidingen",
    "ervaringsportfolio",
    "zestien deeltijdbachelors met leeruitkomsten",
    "Het artikel zegt niet of de opleiding Techniek meedeed.",
]


def test_the_facts_about_other_programmes_are_on_the_resources_page(client, seeded_db):
    text = visible_text(client.get(reverse("pathways:resource_list")).content)
    assert [fact for fact in RESOURCE_FACTS if fact not in text] == []
    assert "Keuzegids hbo 2015: lerarenopleidingen techniek" in text
