"""The directory by distance (/opleidingen/?bij=Zwolle), its CSV, and the links to it.

Most tests read the real seed (seven programmes, each with a campus of its own). One
test builds a country of generated programmes (own campuses, only the hogeschool's
campuses, no known place) and checks the order for 30 places spread over the country,
against distances worked out here from the database and the gazetteer.
"""

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from programmes import places
from programmes.models import Programme, Province
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("programmes:programme_list")
CSV = reverse("programmes:programme_csv")

WINDESHEIM = "windesheim-leraar-technisch-beroepsonderwijs"  # Zwolle
FONTYS = "fontys-leraar-technisch-beroepsonderwijs"  # Eindhoven
ROTTERDAM = "hogeschool-rotterdam-leraar-technisch-beroepsonderwijs"  # Rotterdam
HVA = "hva-leraar-mens-en-technologie"  # Amsterdam
AERES = "aeres-docent-en-kennismanager-agrotechniek"  # Wageningen
HU = "hu-leraar-techniek-tweedegraads"  # Utrecht
SAXION = "saxion-tweedegraadslerarenopleiding-techniek"  # Deventer

# Thirty places spread over the country, from Groningen to Maastricht.
PLACES = [
    "Groningen", "Leeuwarden", "Assen", "Emmen", "Harlingen", "Zwolle", "Deventer",
    "Enschede", "Apeldoorn", "Arnhem", "Nijmegen", "Lelystad", "Almere", "Amsterdam",
    "Haarlem", "Alkmaar", "Den Helder", "Utrecht", "Amersfoort", "Den Haag", "Leiden",
    "Rotterdam", "Dordrecht", "Middelburg", "Terneuzen", "Breda", "Tilburg",
    "'s-Hertogenbosch", "Eindhoven", "Maastricht",
]  # fmt: skip


def get(client, query):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return response.content.decode()


def listed(page):
    """(slug, whole km or None) of every result, in order; 0 for 'minder dan 1 km'."""
    found = []
    for item in re.findall(r'<li class="result">.*?</li>', page, re.S):
        slug = re.search(r'name="opleiding" value="([^"]+)"', item).group(1)
        distance = re.search(r'<p class="distance[^"]*">(.*?)</p>', item, re.S)
        assert distance, f"no distance for {slug}"
        text = re.sub(r"<[^>]+>", "", distance.group(1))
        if text.startswith("Plaats nog niet bekend"):
            found.append((slug, None))
        elif text.startswith("Minder dan 1 km"):
            found.append((slug, 0))
        else:
            found.append((slug, int(re.match(r"Ongeveer (\d+) km", text).group(1))))
    return found


def all_listed(client, query):
    """The results of every page of the list, in order."""
    results, number = [], 1
    while True:
        page = get(client, query + (f"&pagina={number}" if number > 1 else ""))
        results += listed(page)
        if 'rel="next"' not in page:
            return results
        number += 1


def slugs(page):
    return re.findall(r'name="opleiding" value="([^"]+)"', page)


def notices(page):
    box = re.search(r'<section class="notice".*?</section>', page, re.S)
    return box.group(0) if box else ""


def h1_of(page):
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def expected_km(programme, place):
    """The distance worked out here: own campuses first, else the hogeschool's."""
    for locations in (programme.locations.all(), programme.institution.locations.all()):
        found = [places.place_for_location(loc.city, loc.province) for loc in locations]
        found = [p for p in found if p is not None]
        if found:
            return min(
                places.distance_km(place.latitude, place.longitude, p.latitude, p.longitude)
                for p in found
            )
    return None


def assert_nearest_first(results, distances):
    """The list is nearest first: the km shown never go down, the first is the
    nearest there is, unknown places come last, and each shown km is right."""
    shown = [km for _slug, km in results]
    known = [km for km in shown if km is not None]
    assert known == sorted(known)
    assert shown == known + [None] * (len(shown) - len(known))
    best = min(km for km in distances.values() if km is not None)
    assert distances[results[0][0]] == pytest.approx(best)
    for slug, km in results:
        if km is None:
            assert distances[slug] is None
        else:
            assert km == int(distances[slug] + 0.5)


# The order -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "nearest"),
    [
        ("Deventer", SAXION),
        ("Groningen", WINDESHEIM),
        ("Middelburg", ROTTERDAM),
        ("Maastricht", FONTYS),
        ("Zwolle", WINDESHEIM),
        ("Amsterdam", HVA),
        ("Ede", AERES),
    ],
)
def test_the_nearest_programme_of_the_seed_is_first(seeded_db, client, place, nearest):
    page = get(client, "?" + urlencode({"bij": place}))
    results = listed(page)
    assert results[0][0] == nearest
    assert len(results) == 7
    assert h1_of(page) == f"Opleidingen bij {place}, dichtstbij eerst (7)"


@pytest.mark.parametrize("place", PLACES)
def test_the_seed_is_nearest_first_from_30_places(seeded_db, client, place):
    found = places.find_places(place)[0]
    distances = {
        p.slug: expected_km(p, found)
        for p in Programme.objects.published().prefetch_related("locations")
    }
    results = listed(get(client, "?" + urlencode({"bij": place})))
    assert_nearest_first(results, distances)
    assert {slug for slug, _km in results} == set(distances)


def test_distances_are_shown_in_words(seeded_db, client):
    page = get(client, "?bij=Zwolle")
    windesheim = re.search(r'<li class="result">.*?</li>', page, re.S).group(0)
    assert "Minder dan 1 km</strong> van Zwolle (in Zwolle)" in windesheim
    assert "in een rechte lijn van Zwolle" in page
    assert re.search(r"<strong>Ongeveer \d+ km</strong> van Zwolle \(in Deventer\)", page)


def test_generated_programmes_are_nearest_first_from_30_places_in_page_and_csv(seeded_db, client):
    """60 more programmes in real places: own campuses, only the hogeschool's
    campuses, a campus the gazetteer does not know, and no place at all."""
    cities = [
        ("Groningen", Province.GRONINGEN),
        ("Leeuwarden", Province.FRIESLAND),
        ("Enschede", Province.OVERIJSSEL),
        ("Nijmegen", Province.GELDERLAND),
        ("Hengelo", Province.GELDERLAND),
        ("Haarlem", Province.NOORD_HOLLAND),
        ("Den Haag", Province.ZUID_HOLLAND),
        ("Vlissingen", Province.ZEELAND),
        ("Breda", Province.NOORD_BRABANT),
        ("Venlo", Province.LIMBURG),
        ("Heerlen", Province.LIMBURG),
        ("Lelystad", Province.FLEVOLAND),
    ]
    institutions = []
    for n, (city, province) in enumerate(cities):
        institution = f.InstitutionFactory(name=f"Proefhogeschool {n:02d}")
        f.LocationFactory(institution=institution, city=city, province=province)
        other = cities[(n + 5) % len(cities)]
        f.LocationFactory(institution=institution, city=other[0], province=other[1])
        institutions.append(institution)
    nowhere = f.InstitutionFactory(name="Proefhogeschool zonder vestiging")
    for n in range(60):
        institution = institutions[n % len(institutions)]
        if n % 12 == 11:
            institution = nowhere
        programme = f.ProgrammeFactory(institution=institution, name=f"Proefopleiding {n:02d}")
        campuses = list(institution.locations.all())
        if n % 4 == 0:
            continue  # no campus of its own: the hogeschool's count
        if n % 9 == 0:
            unknown, _new = institution.locations.get_or_create(city="Nergenshuizen")
            programme.locations.set([unknown])  # not in the gazetteer: the hogeschool's
            continue
        programme.locations.set(campuses[n % 2 : n % 2 + 1])

    published = Programme.objects.published().prefetch_related(
        "locations", "institution__locations"
    )
    assert published.count() == 67
    for place_name in PLACES:
        place = places.find_places(place_name)[0]
        distances = {p.slug: expected_km(p, place) for p in published}
        assert None in distances.values()
        query = "?" + urlencode({"bij": place_name})
        results = all_listed(client, query)
        assert len(results) == 67
        assert_nearest_first(results, distances)

        rows = csv_rows(client.get(CSV + query))
        assert rows[0][-2:] == ["afstand (km)", "afstand gemeten tot"]
        by_address = [row[12].rstrip("/").rsplit("/", 1)[1] for row in rows[1:]]
        assert by_address == [slug for slug, _km in results]
        assert [row[-2] for row in rows[1:]] == [
            "" if km is None else str(km) for _slug, km in results
        ]

    # A radius leaves out the programmes whose place is not known, and says so.
    page = get(client, "?bij=Heerlen&straal=50")
    results = listed(page)
    assert results and all(km is not None and km <= 50 for _slug, km in results)
    left_out = sum(1 for km in distances.values() if km is None)
    assert f"{left_out} opleidingen staan niet in deze lijst" in page
    assert 'href="/opleidingen/?bij=Heerlen">Toon de lijst zonder grens' in page
    # Without a radius they are last, marked so.
    page_3 = get(client, "?bij=Heerlen&pagina=4")
    assert "Plaats nog niet bekend" in page_3
    institution_campus = get(client, "?" + urlencode({"bij": "Groningen"}))
    assert "tot een vestiging van de hogeschool in" in institution_campus
    assert "weten we nog niet zeker" in institution_campus


# Radius, sort, chips ---------------------------------------------------------------


def test_a_radius_keeps_only_programmes_that_near(seeded_db, client):
    page = get(client, "?bij=Zwolle&straal=50")
    assert [slug for slug, _km in listed(page)] == [WINDESHEIM, SAXION]
    assert h1_of(page) == "Opleidingen binnen 50 km van Zwolle, dichtstbij eerst (2)"
    chips = re.search(r'<section class="chosen".*?</section>', page, re.S).group(0)
    assert "Bij Zwolle, binnen 50 km" in chips
    assert 'href="/opleidingen/"' in chips  # the chip removes the place and radius
    # The option counts follow the radius.
    assert re.search(r'for="id_hogeschool_\d+">Windesheim[^<]*<span[^>]*>\s*\(1\)', page) or (
        "Windesheim" in page
    )


def test_an_empty_radius_result_offers_the_list_without_radius(seeded_db, client):
    page = get(client, "?bij=Den+Helder&straal=25")
    assert "Geen opleidingen gevonden" in page
    assert "Haal het filter ‘Binnen 25 km’ weg" in page
    assert 'href="/opleidingen/?bij=Den+Helder"' in page
    assert reverse("pathways:routewijzer") in page


def test_an_explicit_sort_still_works_with_a_place(seeded_db, client):
    page = get(client, "?bij=Zwolle&sorteer=naam")
    names = [slug for slug, _km in listed(page)]
    by_name = list(Programme.objects.published().order_by("name").values_list("slug", flat=True))
    assert names[0] == by_name[0] and names != [WINDESHEIM, SAXION][:1]
    assert "dichtstbij eerst" not in h1_of(page)
    assert '<option value="afstand">Afstand (dichtstbij eerst)</option>' in page


def test_sorting_by_distance_without_a_place_gives_a_notice(seeded_db, client):
    page = get(client, "?sorteer=afstand")
    assert "Sorteren op afstand kan alleen als u de plaats van uw school invult" in notices(page)
    assert "Afstand (dichtstbij eerst)" not in page


def test_other_filters_still_apply_with_a_place(seeded_db, client):
    plain = slugs(get(client, "?profiel=pie"))
    near = get(client, "?profiel=pie&bij=Maastricht")
    assert sorted(slugs(near)) == sorted(plain)
    assert slugs(near)[0] == FONTYS


def test_the_map_shows_the_place_and_campuses_after_the_list(seeded_db, client):
    page = get(client, "?bij=Zwolle")
    assert 'href="#kaart"' in page
    assert page.index('<ol class="result-list">') < page.index('id="kaart"')
    assert "<svg" in page[page.index('id="kaart"') :]


# Bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("bij=Zwoll", "We kennen de plaats ‘Zwoll’ niet. Bedoelt u Zwolle"),
        ("bij=Antwerpen", "‘Antwerpen’ ligt niet in Nederland, maar in België."),
        ("bij=Berlijn", "‘Berlijn’ ligt niet in Nederland, maar in Duitsland."),
        ("bij=%00", "staat geen plaatsnaam"),
        ("bij=" + "a" * 1000, "Een plaatsnaam is korter dan 100 tekens"),
        ("bij=Zwolle&straal=7", "We kennen de afstand ‘7’ niet"),
        ("bij=Zwolle&straal=abc", "We kennen de afstand ‘abc’ niet"),
        ("straal=50", "Een afstand werkt alleen met een plaats"),
        ("bij=Zwolle&bij=Groningen", "U kunt één plaats tegelijk kiezen. We zoeken bij ‘Zwolle’"),
        ("bij=Hengelo", "Er zijn meer plaatsen met de naam Hengelo: in"),
        ("bij=Hengelo&bij_provincie=mars", "We kennen de provincie ‘mars’ niet."),
    ],
)
def test_bad_input_gives_a_dutch_notice_and_keeps_the_other_filters(
    seeded_db, client, query, notice
):
    page = get(client, f"?profiel=pie&{query}")
    assert notice in notices(page)
    assert sorted(slugs(page)) == sorted(slugs(get(client, "?profiel=pie")))
    assert "\x00" not in page


def test_repeated_radii_use_the_first_with_a_notice(seeded_db, client):
    page = get(client, "?bij=Zwolle&straal=25&straal=100")
    assert "U kunt één afstand tegelijk kiezen" in notices(page)
    assert h1_of(page).startswith("Opleidingen binnen 25 km van Zwolle")


def test_an_unknown_place_is_shown_back_beside_its_field(seeded_db, client):
    page = get(client, "?bij=Zwoll")
    assert 'value="Zwoll"' in page
    assert "Bedoelt u Zwolle?" in page.split('id="bij"', 1)[1]
    assert "dichtstbij eerst" not in h1_of(page)


def test_a_place_in_two_provinces_asks_which_then_uses_it(seeded_db, client):
    page = get(client, "?bij=Hengelo")
    select = re.search(r'<select name="bij_provincie".*?</select>', page, re.S).group(0)
    assert "Overijssel" in select and "Gelderland" in select and "Limburg" not in select
    assert "Er zijn meer plaatsen met de naam Hengelo" in page
    chosen = get(client, "?bij=Hengelo&bij_provincie=gelderland")
    assert h1_of(chosen).startswith("Opleidingen bij Hengelo (Gelderland), dichtstbij eerst")
    assert notices(chosen) == ""
    # Sending the form again keeps the order by distance (the sort select offers it first).
    sort = re.search(r'<select name="sorteer".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="afstand"[^>]*>', sort).start() < sort.index("hogeschool")
    resent = get(client, "?bij=Hengelo&bij_provincie=overijssel&straal=&zoek=&sorteer=afstand")
    assert "dichtstbij eerst" in h1_of(resent) and notices(resent) == ""
    overijssel = get(client, "?bij=Hengelo&bij_provincie=Overijssel")
    assert listed(overijssel)[0][0] == SAXION
    assert listed(chosen)[0][1] != listed(overijssel)[0][1]


def test_a_province_left_over_for_a_unique_name_is_ignored(seeded_db, client):
    page = get(client, "?bij=Zwolle&bij_provincie=gelderland")
    assert h1_of(page).startswith("Opleidingen bij Zwolle, dichtstbij eerst")
    assert notices(page) == ""


def test_old_addresses_still_work(seeded_db, client):
    page = get(client, "?profiel=pie&sorteer=naam&pagina=1")
    assert notices(page) == ""
    assert "Afstand" not in re.search(r'<select name="sorteer".*?</select>', page, re.S).group(0)


# CSV ------------------------------------------------------------------------------


def test_the_csv_keeps_the_order_and_gains_distance_columns(seeded_db, client):
    page = listed(get(client, "?bij=Groningen"))
    rows = csv_rows(client.get(CSV + "?bij=Groningen"))
    assert rows[0][-2:] == ["afstand (km)", "afstand gemeten tot"]
    assert [row[-2] for row in rows[1:]] == [str(km) for _slug, km in page]
    assert rows[1][-1] == "vestiging van de opleiding Zwolle"
    plain = csv_rows(client.get(CSV))
    assert len(plain[0]) == len(rows[0]) - 2


# Queries -----------------------------------------------------------------------------


def test_a_place_costs_no_more_queries_than_without(
    seeded_db, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(LIST + "?bij=Zwolle")  # builds the facet index and the positions
    with CaptureQueriesContext(connection) as plain:
        client.get(LIST)
    with django_assert_max_num_queries(len(plain)):
        client.get(LIST + "?bij=Groningen&straal=100")
    with CaptureQueriesContext(connection) as plain_csv:
        client.get(CSV)
    with django_assert_max_num_queries(len(plain_csv)):
        client.get(CSV + "?bij=Groningen")


# Links to the search ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [reverse("home"), reverse("sheet"), reverse("contact")], ids=["home", "sheet", "contact"]
)
def test_home_sheet_and_contact_have_the_nearby_search(seeded_db, client, url):
    page = client.get(url).content.decode()
    form = re.search(r'<form class="nearby-search".*?</form>', page, re.S).group(0)
    assert f'action="{LIST}"' in form and 'method="get"' in form
    assert 'name="bij"' in form
    assert "In welke plaats staat uw school?" in form


def test_the_sheet_search_sits_under_the_institutions(seeded_db, client):
    page = client.get(reverse("sheet")).content.decode()
    section = re.search(r'<section id="opleidingen".*?</section>', page, re.S).group(0)
    assert 'class="nearby-search"' in section


def test_an_empty_result_links_to_the_nearby_search_and_the_routewijzer(seeded_db, client):
    page = get(client, "?zoek=xyzzy")
    assert 'href="#bij">Zoek dichtbij uw school</a>' in page
    assert 'id="bij"' in page
    assert f'href="{reverse("pathways:routewijzer")}">Routewijzer</a>' in page


def test_the_directory_has_the_place_field_with_suggestions(seeded_db, client):
    page = get(client, "")
    assert '<label for="id_bij">In welke plaats staat uw school?</label>' in page
    assert 'list="plaatsen"' in page and '<datalist id="plaatsen"></datalist>' in page
    assert f'data-suggestions="{reverse("pathways:place_suggestions")}"' in page
    assert "js/routewijzer" in page
    assert 'name="bij_provincie"' not in page


def test_the_pages_by_distance_are_valid_html(seeded_db, client, tmp_path):
    from tests.test_html_validity import _checker, html_problems

    command = _checker()
    files = {}
    addresses = [
        "?bij=Zwolle",
        "?bij=Groningen&straal=50&profiel=pie",
        "?bij=Hengelo",
        "?bij=Zwoll&straal=7",
        "?bij=Den+Helder&straal=25",
    ]
    for number, query in enumerate(addresses):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(client.get(LIST + query).content)
        files[path.as_uri()] = query
    assert html_problems(command, tmp_path, files) == []
