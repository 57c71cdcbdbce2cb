"""The Routewijzer's programmes by distance only (issue 14, item 3), through the advice page:
one list, nearest first, with the fit as a label on each; programmes for another profiel
left out with one line; programmes without a place last, never dropped; with only a
province, its campuses first; every sentence true for the order shown; and the map.

The seed is the data (loaded once for the module); a test that adds a programme does so
inside its own transaction.
"""

import html
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

from pathways.routewijzer import nearest, order_text
from programmes import places
from programmes.models import Location, Programme, Qualification, VocationalProfile
from tests import factories as f

ADVICE_URL = "/routewijzer/advies/"

# A candidate who can become a bevoegd docent: the route ends at the programmes that
# give the tweedegraads bevoegdheid.
HBO_PIE = {
    "opleiding": "hbo",
    "ervaring": "10",
    "functie": "bevoegd-docent",
    "profiel": "pie",
    "uren": "8",
}

# Twenty-four Dutch places, from every province, near a campus and far from all.
PLACES = [
    "Middelburg",
    "Vlissingen",
    "Terneuzen",
    "Groningen",
    "Delfzijl",
    "Leeuwarden",
    "Den Helder",
    "Assen",
    "Emmen",
    "Zwolle",
    "Deventer",
    "Enschede",
    "Arnhem",
    "Nijmegen",
    "Wageningen",
    "Almere",
    "Lelystad",
    "Amsterdam",
    "Haarlem",
    "Utrecht",
    "Den Haag",
    "Rotterdam",
    "Eindhoven",
    "Maastricht",
]


def advice_response(client, answers):
    response = client.get(f"{ADVICE_URL}?{urlencode(answers)}")
    assert response.status_code == 200
    return response


def text_of(fragment):
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([:.,;)])", r"\1", text)


def programme_section(page):
    start = page.index('<section id="opleidingen"')
    return page[start : page.index("</section>", start)]


def the_list(page):
    """The list of programmes, without what follows it (the map names them again)."""
    section = programme_section(page)
    return section[: section.rfind("</ol>")]


def blocks(page):
    """The text of each programme the advice lists, in order."""
    return [text_of(block) for block in the_list(page).split('class="programme-match"')[1:]]


def labels(page):
    """The labels of each programme listed, in order."""
    return [
        re.findall(r'<li class="tag[^"]*">(.*?)</li>', block.split('class="match-labels"')[1])
        for block in the_list(page).split('class="programme-match"')[1:]
    ]


def order_of(page):
    found = re.search(r'<p class="programme-order">(.*?)</p>', programme_section(page), re.S)
    return text_of(found.group(1)) if found else ""


def expected_order(origin_place, profile_slug="pie"):
    """The candidates of the seed for a tweedegraads bevoegdheid and the profiel, each with
    its distance to `origin_place` (km, its nearest campus), nearest first; computed
    here from the database and the gazetteer, not by the code under test."""
    qualification = Qualification.objects.get(slug="tweedegraads-bevoegdheid")
    rows = []
    for programme in Programme.objects.published().prefetch_related("profiles", "locations"):
        profiles = {profile.slug for profile in programme.profiles.all()}
        if programme.qualification_id not in (qualification.pk, None):
            continue
        if profiles and profile_slug not in profiles:
            continue
        distances = [
            places.distance_km(
                origin_place.latitude, origin_place.longitude, found.latitude, found.longitude
            )
            for location in programme.locations.all()
            if (found := places.place_for_location(location.city, location.province))
        ]
        rows.append((min(distances) if distances else float("inf"), programme.name))
    return sorted(rows)


def place(name):
    return places.find_places(name)[0]


# One list, nearest first -------------------------------------------------------------


def test_middelburg_lists_rotterdam_first_and_zwolle_after_it(seeded_db, client, monkeypatch):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", 10)  # Zwolle is sixth
    page = advice_response(client, {**HBO_PIE, "plaats": "Middelburg"}).content.decode()
    listed = blocks(page)

    assert "Hogeschool Rotterdam" in listed[0]
    assert "Rotterdam, ongeveer 76 km van Middelburg" in listed[0]
    windesheim = next(i for i, block in enumerate(listed) if "Windesheim" in block)
    assert windesheim > 0
    assert "Zwolle, ongeveer 204 km van Middelburg" in listed[windesheim]
    assert order_of(page).startswith(
        "De opleiding die het dichtst bij Middelburg is, staat bovenaan."
    )


@pytest.mark.parametrize("name", PLACES)
def test_the_nearest_programme_is_first_and_distances_only_grow(seeded_db, client, name):
    response = advice_response(client, {**HBO_PIE, "plaats": name})
    page = response.content.decode()
    shown = [int(km) for km in re.findall(r"ongeveer (\d+) km van ", programme_section(page))]
    expected = expected_order(place(name))

    assert shown == sorted(shown)
    assert len(shown) == min(nearest.PROGRAMMES_SHOWN, len(expected))
    assert shown[0] == round(expected[0][0])
    assert expected[0][1] in blocks(page)[0]
    assert response.context["programme_advice"].nearest.programme.name == expected[0][1]


def test_fit_and_may_fit_are_one_list_by_distance_with_the_fit_as_a_label(seeded_db, client):
    # From Amsterdam the HvA (profielen not known yet) is nearest, before programmes
    # that fit PIE for sure.
    response = advice_response(client, {**HBO_PIE, "plaats": "Amsterdam"})
    page = response.content.decode()
    listed = blocks(page)
    found = labels(page)

    assert "Hogeschool van Amsterdam" in listed[0]
    assert found[0] == ["profiel nog niet bekend"]
    rotterdam = next(i for i, block in enumerate(listed) if "Hogeschool Rotterdam" in block)
    assert found[rotterdam] == ["past bij PIE"]
    aeres = next(i for i, block in enumerate(listed) if "Aeres" in block)
    assert found[aeres] == ["profiel nog niet bekend", "bevoegdheid nog niet bekend"]
    assert 'id="opleidingen-misschien"' not in page  # no second group any more

    programme_advice = response.context["programme_advice"]
    assert programme_advice.nearest is programme_advice.matches[0]
    assert not programme_advice.nearest.fits
    assert programme_advice.nearest_fitting.fits
    assert programme_advice.nearest_fitting.programme.institution.name == "Hogeschool Rotterdam"


def test_without_a_profiel_every_programme_for_the_step_is_listed_and_labelled(
    seeded_db, client, monkeypatch
):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", 20)
    response = advice_response(client, {**HBO_PIE, "profiel": "", "plaats": "Utrecht"})
    page = response.content.decode()
    listed = blocks(page)
    found = labels(page)

    # The HU (for MVI only) is not left out now; only Aeres' qualification is unknown.
    assert len(listed) == Programme.objects.published().count() == 7
    assert "Hogeschool Utrecht" in listed[0]
    aeres = next(i for i, block in enumerate(listed) if "Aeres" in block)
    assert found[aeres] == ["bevoegdheid nog niet bekend"]
    assert all(labels == ["past bij deze stap"] for i, labels in enumerate(found) if i != aeres)
    assert "staat er niet bij" not in page and "staan er niet bij" not in page
    assert "past bij het profiel" not in page
    assert response.context["programme_advice"].other_profile == 0


def test_every_listed_programme_has_a_label_in_words(seeded_db, client):
    page = advice_response(client, {**HBO_PIE, "plaats": "Deventer"}).content.decode()
    assert all(found for found in labels(page))
    assert len(labels(page)) == len(blocks(page))


# Left out, and never dropped ---------------------------------------------------------


@pytest.mark.parametrize("profile_slug", ["pie", "groen", "mvi"])
def test_programmes_for_another_profiel_are_left_out_with_one_line_that_counts_them(
    seeded_db, client, profile_slug
):
    response = advice_response(client, {**HBO_PIE, "profiel": profile_slug, "plaats": "Utrecht"})
    page = response.content.decode()
    profile = VocationalProfile.objects.get(slug=profile_slug)
    qualification = Qualification.objects.get(slug="tweedegraads-bevoegdheid")
    others = [
        programme
        for programme in Programme.objects.published().prefetch_related("profiles")
        if programme.qualification_id in (qualification.pk, None)
        and programme.profiles.all()
        and profile not in programme.profiles.all()
    ]
    text = text_of(programme_section(page))

    code = profile.code or profile.name
    if len(others) == 1:
        assert (
            f"1 opleiding staat er niet bij: die is voor een ander profiel (niet voor {code})."
            in text
        )
    elif others:
        assert (
            f"{len(others)} opleidingen staan er niet bij: die zijn voor een ander profiel "
            f"(niet voor {code})." in text
        )
    else:
        assert "staan er niet bij" not in text and "staat er niet bij" not in text
    for programme in others:
        assert programme.name not in text
    assert response.context["programme_advice"].other_profile == len(others)


def test_pie_leaves_out_only_the_hu_which_is_for_mvi(seeded_db, client):
    page = advice_response(client, {**HBO_PIE, "plaats": "Utrecht"}).content.decode()
    text = text_of(programme_section(page))
    assert "1 opleiding staat er niet bij: die is voor een ander profiel (niet voor PIE)." in text
    assert "Hogeschool Utrecht" not in text


@pytest.fixture
def programme_without_place(seeded_db):
    """A published programme for PIE and the tweedegraads bevoegdheid whose hogeschool
    has no campus in the toolkit."""
    programme = f.ProgrammeFactory(
        name="Leraar techniek zonder plaats",
        qualification=Qualification.objects.get(slug="tweedegraads-bevoegdheid"),
    )
    programme.profiles.add(VocationalProfile.objects.get(slug="pie"))
    return programme


def test_a_programme_without_a_place_is_listed_last_with_a_label(
    programme_without_place, client, monkeypatch
):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", 20)
    page = advice_response(client, {**HBO_PIE, "plaats": "Zwolle"}).content.decode()
    listed = blocks(page)

    assert "Leraar techniek zonder plaats" in listed[-1]
    assert labels(page)[-1] == ["past bij PIE", "plaats nog niet bekend"]
    assert all("Leraar techniek zonder plaats" not in block for block in listed[:-1])
    assert "Opleidingen waarvan de plaats nog niet bekend is, staan onderaan." in order_of(page)
    assert "Nog niet bekend: waar de opleiding is" in listed[-1]


def test_a_programme_without_a_place_is_counted_among_the_others_when_not_shown(
    programme_without_place, client
):
    response = advice_response(client, {**HBO_PIE, "plaats": "Zwolle"})
    programme_advice = response.context["programme_advice"]
    text = text_of(programme_section(response.content.decode()))
    expected = expected_order(place("Zwolle"))

    assert programme_advice.total == len(expected)
    assert len(programme_advice.matches) == nearest.PROGRAMMES_SHOWN
    more = len(expected) - nearest.PROGRAMMES_SHOWN
    assert f"Er zijn nog {more} andere opleidingen voor deze stap." in text
    assert "Leraar techniek zonder plaats" not in text
    assert "staan onderaan" not in text  # not shown, so not described


def test_a_programme_without_its_own_campus_uses_its_hogeschools_and_says_so(seeded_db, client):
    institution = f.InstitutionFactory(name="Hogeschool Zeeland-test")
    f.LocationFactory(institution=institution, city="Vlissingen", province="zeeland")
    programme = f.ProgrammeFactory(
        institution=institution,
        name="Leraar techniek Vlissingen",
        qualification=Qualification.objects.get(slug="tweedegraads-bevoegdheid"),
    )
    programme.profiles.add(VocationalProfile.objects.get(slug="pie"))
    listed = blocks(advice_response(client, {**HBO_PIE, "plaats": "Middelburg"}).content.decode())

    assert "Leraar techniek Vlissingen" in listed[0]
    assert "een vestiging van de hogeschool" in listed[0]


# Only a province ------------------------------------------------------------------------


def test_province_with_a_campus_lists_its_campuses_first_and_says_so(seeded_db, client):
    answers = {**HBO_PIE, "profiel": "bwi", "provincie": "overijssel"}
    page = advice_response(client, answers).content.decode()
    listed = blocks(page)

    # Windesheim (Zwolle) fits BWI, Saxion (Deventer) may fit: both in Overijssel.
    in_province = [block for block in listed if "in Overijssel" in block]
    assert len(in_province) == 2
    assert listed[:2] == in_province
    assert order_of(page) == (
        "Eerst staan de opleidingen met een vestiging in Overijssel, daarna de andere. In "
        "beide groepen staat de opleiding die het dichtst bij het midden van Overijssel is "
        "bovenaan. Het midden van een provincie is berekend uit waar de inwoners wonen."
    )
    assert " km van " not in programme_section(page)


def test_province_with_a_campus_orders_each_group_by_distance_to_its_centre(seeded_db, client):
    response = advice_response(client, {**HBO_PIE, "provincie": "gelderland"})
    matches = response.context["programme_advice"].matches
    centre = places.province_centre("gelderland")
    in_province = [match for match in matches if match.location.province == "gelderland"]
    outside = [match for match in matches if match.location.province != "gelderland"]

    assert matches == in_province + outside
    assert in_province and outside
    for group in (in_province, outside):
        distances = [
            places.distance_km(*centre, m.place.latitude, m.place.longitude) for m in group
        ]
        assert distances == sorted(distances)


def test_province_without_a_campus_says_there_is_none_and_orders_by_distance(seeded_db, client):
    response = advice_response(client, {**HBO_PIE, "provincie": "zeeland"})
    page = response.content.decode()
    matches = response.context["programme_advice"].matches
    centre = places.province_centre("zeeland")

    assert order_of(page).startswith(
        "Geen van de opleidingen voor deze stap heeft een vestiging in Zeeland. Hieronder "
        "staan de opleidingen, de dichtstbijzijnde bij het midden van Zeeland eerst."
    )
    assert "Eerst staan de opleidingen met een vestiging" not in page
    distances = [places.distance_km(*centre, m.place.latitude, m.place.longitude) for m in matches]
    assert distances == sorted(distances)
    assert "Hogeschool Rotterdam" in blocks(page)[0]


def test_a_province_whose_campuses_fill_the_list_says_all_listed_are_there(
    seeded_db, client, monkeypatch
):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", 1)
    page = advice_response(client, {**HBO_PIE, "provincie": "overijssel"}).content.decode()
    assert order_of(page).startswith(
        "Alle opleidingen hieronder hebben een vestiging in Overijssel."
    )
    assert "Hierboven staan de eerste 1." in text_of(programme_section(page))


# The search reads a bounded part, and stays exact ----------------------------------------


@pytest.mark.parametrize("shown", [1, 3])
@pytest.mark.parametrize(
    "where", [{"plaats": "Amsterdam"}, {"plaats": "Middelburg"}, {"provincie": "zeeland"}]
)
def test_searching_near_first_gives_the_same_list_as_the_whole_country(
    programme_without_place, client, monkeypatch, shown, where
):
    """With one campus in the first search, the search widens; when enough programmes
    are found but none that fits for sure, it widens for those that fit only."""
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", shown)
    answers = {**HBO_PIE, **where}
    monkeypatch.setattr(nearest, "NEAREST_CAMPUSES", ())
    whole = advice_response(client, answers)
    monkeypatch.setattr(nearest, "NEAREST_CAMPUSES", (1, 2))
    near_first = advice_response(client, answers)

    assert blocks(near_first.content.decode()) == blocks(whole.content.decode())
    first, second = (r.context["programme_advice"] for r in (whole, near_first))
    assert (first.total, first.other_profile) == (second.total, second.other_profile)
    assert first.nearest_fitting.programme.pk == second.nearest_fitting.programme.pk
    assert text_of(programme_section(near_first.content.decode())) == text_of(
        programme_section(whole.content.decode())
    )


# Links ------------------------------------------------------------------------------------


def test_more_programmes_link_to_the_directorys_nearby_search(
    programme_without_place, client, monkeypatch
):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", 2)
    page = advice_response(client, {**HBO_PIE, "plaats": "Deventer"}).content.decode()
    section = programme_section(page)
    assert (
        'href="/opleidingen/?bij=Deventer&amp;profiel=pie&amp;leidt_tot=tweedegraads-bevoegdheid"'
        in section
    )
    assert "Hierboven staan de 2 opleidingen die het dichtst bij Deventer zijn." in text_of(section)


def test_a_place_with_a_namesake_elsewhere_links_with_its_province_and_the_directory_agrees(
    seeded_db, client, monkeypatch
):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", 1)
    answers = {**HBO_PIE, "plaats": "Hengelo", "provincie": "gelderland"}
    response = advice_response(client, answers)
    link = html.unescape(response.context["programme_advice"].directory_url)

    assert link == (
        "/opleidingen/?bij=Hengelo&bij_provincie=gelderland&profiel=pie"
        "&leidt_tot=tweedegraads-bevoegdheid"
    )
    directory = client.get(link).content.decode()
    assert "Hengelo (Gelderland)" in text_of(directory)
    # The directory lists those that fit, nearest first: the advice's nearest that fits.
    results = re.findall(r'<li class="result">\s*<h3><a href="(/opleidingen/[^"]+)"', directory)
    nearest_there = response.context["programme_advice"].nearest_fitting.programme
    assert results[0] == nearest_there.get_absolute_url()


def test_the_toolkit_knows_campuses_of_every_listed_programme_in_the_seed(seeded_db):
    # The seed's campuses are all in the gazetteer, so the order above is by distance.
    for location in Location.objects.all():
        assert places.place_for_location(location.city, location.province), location.city


# The map ------------------------------------------------------------------------------------


def test_the_map_follows_the_list_with_its_campuses_and_the_schools_place(seeded_db, client):
    response = advice_response(client, {**HBO_PIE, "plaats": "Middelburg"})
    section = programme_section(response.content.decode())
    figure = response.context["programme_advice"].map_figure
    matches = response.context["programme_advice"].matches

    assert section.index("</ol>") < section.index('<figure class="map">')  # the list first
    assert 'id="kaart-advies' in section
    assert "De ster is Middelburg, in de provincie Zeeland." in figure.description
    for number, match in enumerate(matches, start=1):
        label = f"{number}. {match.programme.name} ({match.programme.institution.name})"
        assert label in figure.description
    assert figure.caption == f"Kaart: {len(matches)} vestigingen en Middelburg"


def test_the_map_with_only_a_province_has_no_place_of_the_school(seeded_db, client):
    response = advice_response(client, {**HBO_PIE, "provincie": "zeeland"})
    figure = response.context["programme_advice"].map_figure

    assert "De ster" not in figure.description
    assert figure.caption.startswith("Kaart: ")
    assert "1. Leraar Technisch Beroepsonderwijs (Hogeschool Rotterdam)" in figure.description


def test_a_programme_without_a_place_is_not_on_the_map_but_in_the_list(
    programme_without_place, client, monkeypatch
):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", 20)
    response = advice_response(client, {**HBO_PIE, "plaats": "Zwolle"})
    programme_advice = response.context["programme_advice"]

    assert programme_advice.matches[-1].programme.name == "Leraar techniek zonder plaats"
    assert "Leraar techniek zonder plaats" not in programme_advice.map_figure.description


@pytest.fixture
def many_real_campuses(seeded_db):
    """The seed plus 240 programmes of 40 hogescholen with campuses in the 60 biggest
    Dutch places: some may fit, some are for other profielen, some have only their
    hogeschool's campus, some no place at all. Built with bulk_create, seeded at random
    with a fixed seed."""
    import random

    from programmes import models as pm

    rng = random.Random(14)
    big = sorted(places.places(), key=lambda p: -p.population)[:60]
    institutions = pm.Institution.objects.bulk_create(
        pm.Institution(name=f"Schaalhogeschool {n}", short_name=f"SH{n}", slug=f"schaal-{n}")
        for n in range(40)
    )
    locations = pm.Location.objects.bulk_create(
        pm.Location(institution=inst, city=place.name, province=place.province)
        for n, inst in enumerate(institutions[:36])  # four hogescholen without a campus
        for place in rng.sample(big, 2)
    )
    qualification = Qualification.objects.get(slug="tweedegraads-bevoegdheid")
    programmes = pm.Programme.objects.bulk_create(
        pm.Programme(
            institution=institutions[n % 40],
            name=f"Schaalopleiding {n:03d}",
            slug=f"schaalopleiding-{n:03d}",
            status="published",
            qualification=None if rng.random() < 0.15 else qualification,
        )
        for n in range(240)
    )
    profiles = list(pm.VocationalProfile.objects.all())
    through = pm.Programme.profiles.through
    through.objects.bulk_create(
        through(programme=programme, vocationalprofile=profile)
        for programme in programmes
        for profile in rng.sample(profiles, rng.choice([0, 1, 1, 2, 3]))
    )
    own = [location for location in locations]
    links = pm.Programme.locations.through
    links.objects.bulk_create(
        links(programme=programme, location=location)
        for programme in programmes
        if rng.random() < 0.85
        for location in {
            rng.choice(
                [loc for loc in own if loc.institution_id == programme.institution_id] or own
            )
        }
    )
    return programmes


@pytest.mark.parametrize("shown", [1, 5])
def test_at_scale_searching_near_first_gives_the_whole_countrys_list(
    many_real_campuses, client, monkeypatch, shown
):
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", shown)
    searched = []  # the rings searched: None for the whole country
    real_near = nearest.Candidates.near

    def near_spy(self, ring, *args, **kwargs):
        searched.append(ring)
        return real_near(self, ring, *args, **kwargs)

    monkeypatch.setattr(nearest.Candidates, "near", near_spy)
    for where in [*({"plaats": name} for name in PLACES[::3]), {"provincie": "zeeland"}]:
        for profile in ("pie", "groen"):
            answers = {**HBO_PIE, "profiel": profile, **where}
            monkeypatch.setattr(nearest, "NEAREST_CAMPUSES", ())
            whole = advice_response(client, answers).context["programme_advice"]
            monkeypatch.setattr(nearest, "NEAREST_CAMPUSES", (4, 16))
            near = advice_response(client, answers).context["programme_advice"]

            assert [m.programme.pk for m in near.matches] == [
                m.programme.pk for m in whole.matches
            ], where
            assert [m.distance_km for m in near.matches] == [m.distance_km for m in whole.matches]
            assert (near.total, near.other_profile) == (whole.total, whole.other_profile)
            assert near.other_profile > 0 and near.more > 0
            assert near.nearest_fitting.programme.pk == whole.nearest_fitting.programme.pk
            assert near.order_sentences() == whole.order_sentences()
    # Half of the advices searched near first; they did search rings, not only the country.
    rings = [ring for ring in searched if ring is not None]
    assert len(rings) > len(searched) / 3


# The sentences, for every mix of groups (pure functions) ---------------------------------


def keyed(*keys):
    return [SimpleNamespace(key=(*key, pk)) for pk, key in enumerate(keys)]


ZWOLLE = SimpleNamespace(place=SimpleNamespace(name="Zwolle"), province_name="Overijssel")
ONLY_ZEELAND = SimpleNamespace(place=None, province_name="Zeeland")
IN, OUT, NONE = order_text.NEAR, order_text.OUTSIDE_PROVINCE, order_text.NO_PLACE


@pytest.mark.parametrize(
    ("origin", "keys", "expected"),
    [
        (ZWOLLE, [(IN, False, 1.0), (IN, False, 9.0)], ["De opleiding die het dichtst bij Zwolle"]),
        (
            ZWOLLE,
            [(IN, False, 1.0), (IN, True, 0.0), (NONE, True, 0.0)],
            ["De opleiding die het dichtst", "Van een vestiging in een plaats", "Opleidingen waar"],
        ),
        (ZWOLLE, [(NONE, True, 0.0)], ["Opleidingen waarvan de plaats nog niet bekend is"]),
        (
            ONLY_ZEELAND,
            [(IN, False, 5.0), (IN, False, 9.0)],
            ["Alle opleidingen hieronder hebben een vestiging in Zeeland.", "Het midden van"],
        ),
        (
            ONLY_ZEELAND,
            [(IN, False, 5.0), (NONE, True, 0.0)],
            ["Eerst staan de opleidingen met een vestiging in Zeeland. De", "Het midden", "Opl"],
        ),
        (
            ONLY_ZEELAND,
            [(IN, False, 5.0), (OUT, False, 1.0)],
            ["Eerst staan de opleidingen met een vestiging in Zeeland, daarna de andere.", "Het"],
        ),
        (
            ONLY_ZEELAND,
            [(OUT, False, 5.0), (OUT, False, 9.0)],
            ["Geen van de opleidingen voor deze stap heeft een vestiging", "Hieronder", "Het"],
        ),
        (
            ONLY_ZEELAND,
            [(NONE, True, 0.0)],
            ["Geen van de opleidingen voor deze stap", "Opleidingen waarvan de plaats"],
        ),
        (ZWOLLE, [], []),
    ],
)
def test_order_sentences_name_only_the_groups_in_the_list(origin, keys, expected):
    sentences = order_text.order_sentences(keyed(*keys), origin)
    assert len(sentences) == len(expected)
    for sentence, start in zip(sentences, expected, strict=True):
        assert sentence.startswith(start)


def test_the_line_about_other_profielen_counts_in_words_that_agree():
    assert order_text.other_profile_sentence(0, "PIE") == ""
    assert order_text.other_profile_sentence(1, "PIE") == (
        "1 opleiding staat er niet bij: die is voor een ander profiel (niet voor PIE)."
    )
    assert order_text.other_profile_sentence(4, "Groen") == (
        "4 opleidingen staan er niet bij: die zijn voor een ander profiel (niet voor Groen)."
    )
