"""The Routewijzer's pages, through the test client: the questionnaire, the advice for the
issue's three candidates and other answers, bad input, the query budget, sharing, the place
suggestions, and that only published data is used.

The route function itself is unit-tested in test_routefinder.py; here the seed is the data.
"""

import html
import json
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db.models import Q

from editorial.status import PublicationStatus
from pathways import routefinder
from pathways.models import EducationLevel, Pathway, PriorLearning, Role
from pathways.routewijzer import nearest
from programmes.models import Programme, Qualification, VocationalProfile
from tests import factories as f
from tests.helpers import Tags

FORM_URL = "/routewijzer/"
ADVICE_URL = "/routewijzer/advies/"
PLACES_URL = "/routewijzer/plaatsen/"

# Measured: the same with the seed and with 500 extra programmes (see the budget tests).
# With many campuses the search for programmes may widen twice (two queries each time)
# when the nearest campuses hold too few; it never reads more than that.
# The first advice of a content version reads the route data (33 queries, with the
# funding schemes of routes, steps and jobs, the costs of offers and the contacts of
# the programmes rules name); the next ones find it in memory (pagecache/memo.py).
ADVICE_QUERIES_FIRST = 33
ADVICE_QUERIES = 9
FORM_QUERIES = 4
# The questionnaire again, for answers where only the experience is wrong (the valid
# choices were looked up).
FORM_WITH_ERRORS_QUERIES = 6

CANDIDATE_1 = [
    ("opleiding", "mbo-4"),
    ("ervaring", "10"),
    ("gedaan", "kennismakingsprogramma"),
    ("functie", "instructeur"),
    ("profiel", "pie"),
    ("uren", "8"),
    ("plaats", "Zwolle"),
]
CANDIDATE_2 = [
    ("opleiding", "hbo"),
    ("ervaring", "10"),
    ("functie", "bevoegd-docent"),
    ("profiel", "bwi"),
    ("uren", "8"),
    ("plaats", "Zwolle"),
]
CANDIDATE_3 = [
    ("opleiding", "hbo"),
    ("ervaring", "10"),
    ("functie", "bevoegd-docent"),
    ("profiel", "groen"),
    ("uren", "8"),
    ("plaats", "Wageningen"),
]
# A complete, valid set of answers that tests change one answer of.
VALID = dict(CANDIDATE_2)

# Every question's label (or legend, for a group of radio buttons or checkboxes).
QUESTIONS = {
    "opleiding": "Wat is de hoogste opleiding van de kandidaat?",
    "ervaring": "Hoeveel jaar werkervaring heeft de kandidaat in een technisch vak?",
    "gedaan": "Wat heeft de kandidaat al gedaan?",
    "functie": "Welke functie heeft de school in gedachten?",
    "profiel": "Voor welk vmbo-profiel?",
    "uren": "Hoeveel uur per week gaat de kandidaat lesgeven of helpen?",
    "plaats": "In welke plaats staat de school?",
    "provincie": "In welke provincie staat de school?",
}


# Helpers ------------------------------------------------------------------------------


def url(base, answers):
    return f"{base}?{urlencode(answers)}"


def advice(client, answers):
    return page_of(client.get(url(ADVICE_URL, answers)))


def page_of(response):
    assert response.status_code == 200
    return response.content.decode()


def text_of(page):
    """The visible text of the page's main part (or of a piece of HTML), tags removed and
    spaces made single."""
    main = page[page.index("<main") : page.index("</main>")] if "<main" in page else page
    main = re.sub(r"<[^>]+>", " ", main)
    text = " ".join(html.unescape(main).split())
    return re.sub(r" ([:.,;)])", r"\1", text)  # "<a>route</a>: ..." reads "route: ..."


def title_of(page):
    return html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)).strip()


def section(page, section_id):
    """The HTML of one <section id=...> of the page ("" when it is not there)."""
    start = page.find(f'<section id="{section_id}"')
    if start == -1:
        return ""
    return page[start : page.index("</section>", start)]


def candidates_for(profile_slug):
    """How many published programmes fit or may fit a tweedegraads bevoegdheid for the
    profiel: that qualification (or none known), that profiel (or none known)."""
    profile = VocationalProfile.objects.get(slug=profile_slug)
    qualification = Qualification.objects.get(slug="tweedegraads-bevoegdheid")
    return (
        Programme.objects.published()
        .filter(Q(qualification=qualification) | Q(qualification__isnull=True))
        .filter(Q(profiles=profile) | Q(profiles__isnull=True))
        .distinct()
        .count()
    )


def listed_programmes(page):
    """The programmes the advice lists, in order: the text of each one's block (the
    list ends before the map, which names them again)."""
    programmes = section(page, "opleidingen")
    programmes = programmes[: programmes.rfind("</ol>")]
    blocks = programmes.split('<li class="programme-match">')[1:]
    return [text_of(block) for block in blocks]


def field_errors(page):
    """{field id: [messages]} beside the fields, and the messages of the error summary."""
    beside = {}
    for match in re.finditer(r'<ul class="errorlist" id="([^"]+)">(.*?)</ul>', page, re.S):
        messages = re.findall(r"<li>(.*?)</li>", match.group(2), re.S)
        beside[match.group(1)] = [html.unescape(m) for m in messages]
    summary_html = page[page.find('<div class="error-summary"') :]
    summary_html = summary_html[: summary_html.find("</ul>")]
    summary = [
        (anchor, html.unescape(message))
        for anchor, message in re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', summary_html)
    ]
    return beside, summary


ERROR_LIST_ID = {name: f"id_{name}_error" for name in QUESTIONS} | {"gedaan": "gedaan-fout"}
# Where a message in the error summary may link to: the field, or the first option of a
# group of radio buttons; the checkboxes' fieldset for "gedaan".
ANCHORS = {name: {f"id_{name}", f"id_{name}_0"} for name in QUESTIONS} | {"gedaan": {"gedaan"}}


def assert_questionnaire_again(page, expected):
    """The page is the questionnaire with an error title, and every field in `expected`
    has a message holding its text beside it and in the error summary; no other field
    has a message."""
    assert title_of(page).startswith("Fout:")
    assert 'id="routewijzer-vragen"' in page
    assert 'class="error-summary"' in page
    beside, summary = field_errors(page)
    assert set(beside) == {ERROR_LIST_ID[name] for name in expected}, beside
    for anchor, _message in summary:
        assert f'id="{anchor}"' in page  # each problem links to its field
    for name, words in expected.items():
        messages = beside[ERROR_LIST_ID[name]]
        assert any(words in message for message in messages), (name, messages)
        assert any(anchor in ANCHORS[name] and words in message for anchor, message in summary), (
            name,
            summary,
        )


# The questionnaire ------------------------------------------------------------------


def test_questionnaire_labels_every_question(seeded_db, client):
    page = page_of(client.get(FORM_URL))
    tags = Tags(page)

    assert title_of(page).startswith("Routewijzer")
    for question in QUESTIONS.values():
        assert question in tags.label_texts, question
    # Every field a visitor fills in has a label pointing at it.
    form_fields = [
        attrs
        for name, attrs in tags.tags
        if name in ("input", "select") and attrs.get("type") != "hidden" and attrs.get("name")
    ]
    assert {attrs["name"] for attrs in form_fields} == set(QUESTIONS)
    for attrs in form_fields:
        assert tags.labels.get(attrs["id"]), attrs
    form = tags.one("form", id="routewijzer-vragen")
    assert form["method"] == "get" and form["action"] == ADVICE_URL


def test_questionnaire_has_a_checkbox_with_id_gedaan_slug_for_each_prior_learning(
    seeded_db, client
):
    page = page_of(client.get(FORM_URL))
    tags = Tags(page)

    entries = list(PriorLearning.objects.all())
    assert len(entries) >= 6
    boxes = tags.find("input", type="checkbox", name="gedaan")
    assert [box["id"] for box in boxes] == [f"gedaan-{entry.slug}" for entry in entries]
    for entry, box in zip(entries, boxes, strict=True):
        assert box["value"] == entry.slug
        assert "checked" not in box
        assert tags.labels[box["id"]] == entry.name


def test_questionnaire_fills_in_the_answers_from_the_address(seeded_db, client):
    answers = [
        ("functie", "instructeur"),
        ("gedaan", "pdd"),
        ("gedaan", "kennismakingsprogramma"),
        ("opleiding", "mbo-4"),
        ("ervaring", "7"),
        ("profiel", "pie"),
        ("uren", "12"),
        ("plaats", "Zwolle"),
        ("provincie", "overijssel"),
    ]
    page = page_of(client.get(url(FORM_URL, answers)))
    tags = Tags(page)

    checked = {
        (attrs["name"], attrs["value"])
        for attrs in tags.find("input")
        if "checked" in attrs and attrs.get("name")
    }
    assert checked == {
        ("functie", "instructeur"),
        ("gedaan", "pdd"),
        ("gedaan", "kennismakingsprogramma"),
        ("opleiding", "mbo-4"),
    }
    assert tags.one("input", name="ervaring")["value"] == "7"
    assert tags.one("input", name="uren")["value"] == "12"
    assert tags.one("input", name="plaats")["value"] == "Zwolle"
    selected = [attrs["value"] for attrs in tags.find("option") if "selected" in attrs]
    assert selected == ["pie", "overijssel"]
    # Answers being filled in is no error: no messages, no "Fout:".
    assert not title_of(page).startswith("Fout:")
    assert "errorlist" not in page


def test_questionnaire_keeps_odd_values_from_the_address_without_an_error(seeded_db, client):
    odd = "Zw\x00olle ☃ " + "x" * 10_000
    answers = [(name, odd) for name in QUESTIONS]
    page = page_of(client.get(url(FORM_URL, answers)))
    assert 'id="routewijzer-vragen"' in page
    assert "x" * 10_000 in Tags(page).one("input", name="plaats")["value"]


# The advice for the three candidates -----------------------------------------


def test_candidate_1_instructeur_counts_the_kennismakingsprogramma_and_ends_at_instructeur(
    seeded_db, client
):
    page = advice(client, CANDIDATE_1)
    text = text_of(page)
    route = section(page, "route")

    assert title_of(page).startswith("Advies: Instructeur")
    assert "De beste route is Scholingstraject Hybride Techniekopleiders" in text_of(route)
    steps = [
        (status, text_of(heading))
        for status, heading in re.findall(
            r'<li class="step step-(\w+)">.*?<h3>(.*?)</h3>', route, re.S
        )
    ]
    assert steps[0] == ("done", "Stap 1 Kennismakingsprogramma Al gedaan: telt mee")
    assert steps[-1][1].startswith(f"Stap {len(steps)} Instructeur")
    assert [status for status, _ in steps] == ["done", "todo", "todo"]

    next_steps = route[route.index('id="daarna"') :]
    next_titles = re.findall(r'<li>\s*<a href="[^"]+">(.*?)</a>', next_steps)
    assert next_titles == ["PDG-traject (mbo-bevoegdheid)", "Tweedegraadsprogramma"]

    programmes = listed_programmes(page)
    assert "Hogeschool Windesheim" in programmes[0]
    assert "e.schakelaar@windesheim.nl" in programmes[0]
    assert all("Windesheim" not in block for block in programmes[1:])
    assert "past bij PIE" in programmes[0]
    assert "Opleidingen voor de stap" in text


def test_candidate_2_hbo_bevoegd_docent_bwi_in_zwolle_gets_zij_instroom_and_windesheim(
    seeded_db, client
):
    page = advice(client, CANDIDATE_2)
    route_text = text_of(section(page, "route"))

    assert route_text.count("De beste route is ") == 1
    assert "De beste route is Zij-instroom in het beroep:" in route_text
    programmes = listed_programmes(page)
    assert "Hogeschool Windesheim" in programmes[0]
    assert "Zwolle, ongeveer 0 km van Zwolle" in programmes[0]
    assert "e.schakelaar@windesheim.nl" in programmes[0]
    # Windesheim is first because it is nearest; it fits BWI for certain.
    assert programmes[0].startswith("Leraar Technisch Beroepsonderwijs, Hogeschool Windesheim")
    assert "past bij BWI" in programmes[0]


def test_candidate_3_groen_in_wageningen_gets_aeres_first_and_not_windesheim_or_hu(
    seeded_db, client
):
    page = advice(client, CANDIDATE_3)

    programmes = listed_programmes(page)
    assert "Aeres Hogeschool" in programmes[0]
    assert "Wageningen, ongeveer 0 km van Wageningen" in programmes[0]
    assert "j.van.meegen@aeres.nl" in programmes[0]
    # Windesheim trains for PIE and BWI, the HU for MVI: not for Groen.
    for block in programmes:
        assert "Windesheim" not in block and "Hogeschool Utrecht" not in block
    assert "e.schakelaar@windesheim.nl" not in page
    assert "hermien.vossebeld@hu.nl" not in page


def test_programmes_are_one_list_nearest_first(seeded_db, client):
    """Fit and may fit in one list, by distance only (test_routewijzer_nearest.py has
    the rest: labels, places, provinces, the sentences)."""
    page = advice(client, CANDIDATE_2)
    distances = [
        int(km) for km in re.findall(r"ongeveer (\d+) km van Zwolle", section(page, "opleidingen"))
    ]
    assert len(distances) >= 4
    assert distances == sorted(distances)
    assert 'id="opleidingen-misschien"' not in page


def test_province_only_works_and_says_so(seeded_db, client):
    answers = [(k, v) for k, v in CANDIDATE_2 if k != "plaats"] + [("provincie", "gelderland")]
    page = advice(client, answers)
    text = text_of(page)

    assert "De school staat in de provincie Gelderland" in text
    assert "Eerst staan de opleidingen met een vestiging in Gelderland, daarna de andere." in text
    assert "Vestiging Wageningen, in Gelderland" in text
    assert " km van " not in section(page, "opleidingen")  # no place, so no distances


def test_vmbo_candidate_for_bevoegd_docent_sees_why_no_route_fits_and_what_does(seeded_db, client):
    page = advice(client, {**VALID, "opleiding": "vmbo"})
    text = text_of(page)

    assert "Geen route past bij deze kandidaat en deze functie." in text
    not_fitting = text_of(section(page, "past-niet"))
    assert not_fitting.startswith("Routes die niet passen")
    assert "Zij-instroom in het beroep" in not_fitting
    assert "Geschiktheidsonderzoek vraagt minstens hbo; de kandidaat heeft vmbo." in not_fitting
    # No route fits the instructor either; that job needs no qualification, so the
    # page says what can be done, and never that a route fits.
    assert "Hieronder staat waarom, en wat wel kan." in text
    assert "welke route wel past" not in text
    fallback = text_of(section(page, "wat-wel-past"))
    assert fallback.startswith("Wat wel kan: instructeur")
    assert "Ook voor de functie instructeur past geen route uit de toolkit" in fallback


def test_contradicting_answers_ask_to_check_them(seeded_db, client):
    # A PDG asks for hbo, or 3 years of work experience (the Aeres exception): with vmbo
    # and no experience, having done a PDG cannot be right.
    page = advice(client, {**VALID, "opleiding": "vmbo", "ervaring": "0", "gedaan": "pdg"})
    warning = page[page.index('<div class="notice warning"') :]
    warning = text_of(warning[: warning.index("</div>")])

    assert warning.startswith("Controleer uw antwoorden")
    assert "PDG" in warning and "minstens hbo" in warning


def test_answers_that_agree_get_no_warning(seeded_db, client):
    assert "Controleer uw antwoorden" not in advice(client, CANDIDATE_1)


def test_a_job_without_a_route_says_the_toolkit_has_none_yet(seeded_db, client):
    # Every job of the seed has a route (issue 13); a new one without a step has none.
    f.RoleFactory(slug="nieuwe-functie", name="Nieuwe functie", in_routewijzer=True)
    page = advice(client, {**VALID, "functie": "nieuwe-functie"})
    assert "De toolkit beschrijft nog geen route naar deze functie." in text_of(page)
    assert "De beste route is" not in page


def test_onderwijsassistent_now_gets_the_route_to_the_mbo_training(seeded_db, client):
    page = advice(client, {**VALID, "functie": "onderwijsassistent"})
    route = text_of(section(page, "route"))
    assert "De beste route is Ondersteunen in de school" in route
    assert "Mbo-opleiding Onderwijsassistent" in route


def test_a_candidate_with_a_pdg_already_has_what_a_docent_mbo_needs(seeded_db, client):
    page = advice(client, {**VALID, "gedaan": "pdg", "functie": "docent-mbo"})
    text = text_of(page)
    assert "De kandidaat heeft al wat nodig is." in text
    assert "De kandidaat heeft al wat nodig is voor de functie Docent in het mbo." in text
    assert "De beste route is" not in text


# Bad or missing answers: the questionnaire again, with a Dutch message ------------------


def test_no_answers_at_all_ask_for_every_required_answer(seeded_db, client):
    page = page_of(client.get(ADVICE_URL))
    assert_questionnaire_again(
        page,
        {
            "opleiding": "Kies de hoogste opleiding",
            "ervaring": "Vul het aantal jaren werkervaring in",
            "functie": "Kies de functie",
            "uren": "Vul het aantal uren per week in",
            "plaats": "Vul de plaats in waar de school staat, of kies de provincie.",
        },
    )
    assert "Er zijn 5 antwoorden niet goed" in page


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("opleiding", "xx", "Kies een van de opleidingen uit de lijst."),
        ("ervaring", "abc", "Vul het aantal jaren in als een heel getal"),
        ("ervaring", "-1", "Het aantal jaren kan niet minder zijn dan 0."),
        ("ervaring", "999", "Vul een aantal jaren in van 0 tot en met 60."),
        ("ervaring", "1.5", "Vul het aantal jaren in als een heel getal"),
        ("uren", "0", "Vul minstens 1 uur per week in."),
        ("uren", "41", "Vul een aantal uren in van 1 tot en met 40."),
        ("functie", "unknown", "Kies een van de functies uit de lijst."),
        ("profiel", "unknown", "Kies een van de profielen uit de lijst."),
        ("gedaan", "unknown", "‘unknown’ staat niet in de lijst. Kies uit de lijst."),
        ("plaats", "Nergenshuizen", "We kennen de plaats ‘Nergenshuizen’ niet."),
        ("plaats", "Zwole", "We kennen de plaats ‘Zwole’ niet. Bedoelt u Zwolle"),
        ("plaats", "x" * 101, "Een plaatsnaam is korter dan 100 tekens."),
    ],
)
def test_a_bad_answer_gets_a_dutch_message_and_the_answers_are_kept(
    seeded_db, client, name, value, message
):
    answers = {**VALID, "gedaan": "pdd", name: value}
    page = page_of(client.get(url(ADVICE_URL, answers)))

    assert_questionnaire_again(page, {name: message})
    assert "Er is 1 antwoord niet goed" in page
    tags = Tags(page)
    # What was typed stays, also the bad value; the good choices stay chosen.
    for typed in ("ervaring", "uren", "plaats"):
        assert tags.one("input", name=typed)["value"] == answers[typed]
    checked = {
        (attrs["name"], attrs["value"]) for attrs in tags.find("input") if "checked" in attrs
    }
    good_choices = {(chosen, answers[chosen]) for chosen in ("opleiding", "functie", "gedaan")}
    assert checked == {(chosen, value) for chosen, value in good_choices if chosen != name}
    selected = [attrs["value"] for attrs in tags.find("option") if "selected" in attrs]
    # An unknown profiel cannot be shown as chosen: the list shows its first choice.
    assert selected == ([] if name == "profiel" else ["bwi"]) + [""]


def test_several_unknown_done_choices_get_one_message_and_keep_the_known_one(seeded_db, client):
    answers = [*CANDIDATE_2, ("gedaan", "unknown"), ("gedaan", "pdd"), ("gedaan", "unknown")]
    page = page_of(client.get(url(ADVICE_URL, answers)))

    assert_questionnaire_again(page, {"gedaan": "‘unknown’ staat niet in de lijst."})
    assert "checked" in Tags(page).one("input", id="gedaan-pdd")


def test_nothing_wrong_but_two_unknown_done_choices_names_one_of_them(seeded_db, client):
    answers = [*CANDIDATE_2, ("gedaan", "onbekend-een"), ("gedaan", "onbekend-twee")]
    page = page_of(client.get(url(ADVICE_URL, answers)))
    assert_questionnaire_again(page, {"gedaan": "staat niet in de lijst. Kies uit de lijst."})


def test_a_place_found_in_two_provinces_asks_for_the_province(seeded_db, client):
    page = page_of(client.get(url(ADVICE_URL, {**VALID, "plaats": "Hengelo"})))
    assert_questionnaire_again(
        page,
        {"provincie": "Er zijn meer plaatsen met de naam Hengelo: in Overijssel en Gelderland."},
    )
    assert "Kies de provincie van de school." in page
    assert Tags(page).one("input", name="plaats")["value"] == "Hengelo"


def test_the_province_picks_between_places_with_the_same_name(seeded_db, client):
    page = advice(client, {**VALID, "plaats": "Hengelo", "provincie": "gelderland"})
    assert "De school staat in Hengelo (Gelderland)" in text_of(page)


def test_a_place_in_another_province_than_chosen_is_a_contradiction(seeded_db, client):
    page = page_of(client.get(url(ADVICE_URL, {**VALID, "provincie": "utrecht"})))
    assert_questionnaire_again(
        page,
        {"provincie": "Zwolle ligt in Overijssel, niet in Utrecht. Kies Overijssel, of laat"},
    )
    tags = Tags(page)
    assert tags.one("input", name="plaats")["value"] == "Zwolle"
    assert [a["value"] for a in tags.find("option") if "selected" in a] == ["bwi", "utrecht"]


def test_neither_place_nor_province_asks_for_one_of_them(seeded_db, client):
    answers = {**VALID, "plaats": "", "provincie": ""}
    page = page_of(client.get(url(ADVICE_URL, answers)))
    assert_questionnaire_again(
        page, {"plaats": "Vul de plaats in waar de school staat, of kies de provincie."}
    )


ODD_VALUES = {
    "very long": "9" * 10_000,
    "nul byte": "hbo\x00",
    "only a nul byte": "\x00",
    "unicode": "Zwölle ☃ 𝒵 ٣ \u202e",
}


@pytest.mark.parametrize("name", QUESTIONS)
@pytest.mark.parametrize("value", ODD_VALUES.values(), ids=ODD_VALUES.keys())
def test_odd_values_in_any_answer_give_the_questionnaire_with_a_message(
    seeded_db, client, name, value
):
    response = client.get(url(ADVICE_URL, {**VALID, name: value}))
    page = page_of(response)

    assert_questionnaire_again(page, {name: ""})
    beside, _summary = field_errors(page)
    assert all(message.strip() for message in beside[ERROR_LIST_ID[name]])
    if name in ("ervaring", "uren", "plaats") and "\x00" not in value:
        assert Tags(page).one("input", name=name)["value"] == value


def test_odd_values_in_every_answer_at_once_give_the_questionnaire(seeded_db, client):
    for value in ODD_VALUES.values():
        answers = [(name, value) for name in QUESTIONS]
        page = page_of(client.get(url(ADVICE_URL, answers)))
        assert title_of(page).startswith("Fout:")
        beside, summary = field_errors(page)
        assert len(beside) >= 6 and len(summary) >= 6


@pytest.mark.parametrize("name", ["opleiding", "ervaring", "functie", "profiel", "uren"])
def test_a_repeated_single_answer_uses_the_last_one_like_every_django_form(seeded_db, client, name):
    bad = {"opleiding": "vmbo", "ervaring": "abc", "functie": "x", "profiel": "x", "uren": "99"}
    answers = [(key, value) for key, value in CANDIDATE_2 if key != name]
    answers += [(name, bad[name]), (name, VALID[name])]
    page = advice(client, answers)
    assert "De beste route is Zij-instroom in het beroep:" in text_of(page)
    # The page says which answer it used, in the box to check, linked from the contents.
    start = page.index('id="controleer"')
    checks = text_of(page[start : page.index("</div>", start)])
    assert (
        f"Bij ‘{QUESTIONS[name]}’ staan 2 antwoorden in het adres. "
        f"Het advies gebruikt het laatste: ‘{VALID[name]}’." in checks
    )
    assert 'href="#controleer"' in page


def test_a_single_answer_per_question_gives_no_note_to_check(seeded_db, client):
    page = advice(client, CANDIDATE_2)
    assert 'id="controleer"' not in page


def test_a_repeated_place_with_a_bad_last_value_gets_a_message(seeded_db, client):
    answers = [*CANDIDATE_2, ("plaats", "Nergenshuizen")]
    page = page_of(client.get(url(ADVICE_URL, answers)))
    assert_questionnaire_again(page, {"plaats": "We kennen de plaats ‘Nergenshuizen’ niet."})


# Query budget ------------------------------------------------------------------------


def test_advice_takes_a_fixed_number_of_queries_with_the_seed(
    seeded_db, client, django_assert_num_queries
):
    with django_assert_num_queries(ADVICE_QUERIES_FIRST):
        page = advice(client, CANDIDATE_2)
    assert "Hogeschool Windesheim" in listed_programmes(page)[0]
    with django_assert_num_queries(ADVICE_QUERIES):  # the route data kept in memory
        page = advice(client, CANDIDATE_2)
    assert "Hogeschool Windesheim" in listed_programmes(page)[0]


def test_advice_takes_as_many_queries_with_500_more_programmes(
    many_programmes, client, django_assert_num_queries
):
    with django_assert_num_queries(ADVICE_QUERIES_FIRST):
        page = advice(client, CANDIDATE_2)
    assert "Hogeschool Windesheim" in listed_programmes(page)[0]
    # The 500 are candidates too: in places the toolkit does not know, so after the seed's.
    more = re.search(r"Er zijn nog (\d+) andere", text_of(section(page, "opleidingen")))
    assert int(more.group(1)) == candidates_for("bwi") - 5 > 100
    with django_assert_num_queries(ADVICE_QUERIES):
        advice(client, CANDIDATE_2)


def test_a_change_of_a_route_shows_in_the_next_advice(seeded_db, client):
    """The route data is kept in memory per content version (pagecache/memo.py)."""
    before = advice(client, CANDIDATE_2)
    pathway = Pathway.objects.get(slug="zij-instroom-in-het-beroep")
    pathway.name = "Zij-instroom (nieuwe naam)"
    pathway.save()
    after = advice(client, CANDIDATE_2)
    assert "nieuwe naam" not in before
    assert "Zij-instroom (nieuwe naam)" in after


def test_advice_with_many_programmes_lists_five_and_links_to_the_rest_nearby(
    many_programmes, client
):
    page = advice(client, CANDIDATE_2)
    programmes = section(page, "opleidingen")
    assert programmes.count('<li class="programme-match">') == 5
    more = re.search(r"Er zijn nog (\d+) andere opleidingen voor deze stap\.", text_of(programmes))
    assert more, text_of(programmes)
    assert int(more.group(1)) == candidates_for("bwi") - 5
    assert "Hierboven staan de 5 opleidingen die het dichtst bij Zwolle zijn." in text_of(
        programmes
    )
    assert (
        'href="/opleidingen/?bij=Zwolle&amp;profiel=bwi&amp;leidt_tot=tweedegraads-bevoegdheid">'
        "Zoek verder in de lijst van opleidingen, de dichtstbijzijnde bij Zwolle eerst</a>"
        in programmes
    )


@pytest.mark.parametrize("shown", [1, 2, 5])
def test_searching_the_nearest_campuses_first_lists_the_same_programmes_in_the_same_order(
    seeded_db, client, monkeypatch, shown
):
    """The search starts at the nearest campuses and widens while it finds too few
    (the seed has too few campuses for that, so here it starts at one campus)."""
    province_only = [(k, v) for k, v in CANDIDATE_2 if k != "plaats"] + [
        ("provincie", "gelderland")
    ]
    monkeypatch.setattr(nearest, "PROGRAMMES_SHOWN", shown)
    for answers in (CANDIDATE_2, CANDIDATE_3, province_only):
        monkeypatch.setattr(nearest, "NEAREST_CAMPUSES", ())  # the whole country at once
        whole_country = advice(client, answers)
        monkeypatch.setattr(nearest, "NEAREST_CAMPUSES", (1, 2))
        nearest_first = advice(client, answers)
        assert listed_programmes(nearest_first) == listed_programmes(whole_country)
        assert text_of(section(nearest_first, "opleidingen")) == text_of(
            section(whole_country, "opleidingen")
        )
        assert listed_programmes(whole_country)


@pytest.mark.parametrize("fixture", ["seeded_db", "many_programmes"])
def test_questionnaire_takes_a_fixed_number_of_queries(
    seeded_db, request, client, django_assert_num_queries, fixture
):
    request.getfixturevalue(fixture)
    with django_assert_num_queries(FORM_QUERIES):
        page_of(client.get(url(FORM_URL, CANDIDATE_1)))
    with django_assert_num_queries(FORM_WITH_ERRORS_QUERIES):
        page = page_of(client.get(url(ADVICE_URL, {**VALID, "ervaring": "abc"})))
    assert title_of(page).startswith("Fout:")


# Sharing -------------------------------------------------------------------------------


def test_advice_is_not_indexed_and_its_share_field_holds_the_full_address(seeded_db, client):
    address = url(ADVICE_URL, CANDIDATE_1)
    tags = Tags(page_of(client.get(address)))

    assert tags.one("meta", name="robots")["content"] == "noindex"
    share = tags.one("input", id="advies-adres")
    assert share["value"] == f"http://testserver{address}"
    assert "readonly" in share
    assert tags.labels["advies-adres"] == "Adres van dit advies"


def test_advice_canonical_link_is_its_own_full_address(seeded_db, client):
    address = url(ADVICE_URL, CANDIDATE_1)
    tags = Tags(page_of(client.get(address)))

    assert tags.one("link", rel="canonical")["href"] == f"http://testserver{address}"
    assert tags.one("meta", property="og:url")["content"] == f"http://testserver{address}"


def test_change_answers_link_opens_the_questionnaire_with_the_same_answers(seeded_db, client):
    address = url(ADVICE_URL, CANDIDATE_1)
    page = page_of(client.get(address))

    links = re.findall(r'<a href="([^"]+)">Antwoorden wijzigen</a>', page)
    assert len(links) == 1
    change = urlsplit(html.unescape(links[0]))
    assert change.path == FORM_URL
    assert parse_qs(change.query) == parse_qs(urlsplit(address).query)
    # And that questionnaire has the answers filled in.
    tags = Tags(page_of(client.get(html.unescape(links[0]))))
    assert "checked" in tags.one("input", id="gedaan-kennismakingsprogramma")
    assert tags.one("input", name="plaats")["value"] == "Zwolle"


def test_empty_questionnaire_is_indexed_and_its_address_is_canonical(seeded_db, client):
    tags = Tags(page_of(client.get(FORM_URL)))
    assert not tags.find("meta", name="robots")
    assert tags.one("link", rel="canonical")["href"] == "http://testserver/routewijzer/"


# Place suggestions ---------------------------------------------------------------------


def test_place_suggestions_put_zwolle_first_and_may_be_cached(db, client):
    response = client.get(PLACES_URL, {"q": "zwo"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "max-age" in response["Cache-Control"]
    found = response.json()["plaatsen"]
    assert found[0] == {"naam": "Zwolle", "provincie": "Overijssel"}
    assert all(set(place) == {"naam", "provincie"} for place in found)


@pytest.mark.parametrize("query", ["", "z", " z ", "-"])
def test_place_suggestions_wait_for_two_letters(db, client, query):
    response = client.get(PLACES_URL, {"q": query})
    assert response.status_code == 200
    assert response.json() == {"plaatsen": []}


def test_place_suggestions_without_q_are_empty(db, client):
    assert client.get(PLACES_URL).json() == {"plaatsen": []}


@pytest.mark.parametrize(
    "query",
    [
        {"q": "zw\x00o"},
        {"q": "\x00\x00"},
        {"q": "z" * 10_000},
        {"q": "Zwölle ☃ 𝒵 ٣"},
        {"q": "'s-"},
        {"q": ["zwo", "ams"]},
        {"q": "%00%zz"},
    ],
)
def test_place_suggestions_answer_json_for_odd_input(db, client, django_assert_num_queries, query):
    with django_assert_num_queries(0):
        response = client.get(PLACES_URL, query)
    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["plaatsen"], list)


# Data that must stay in step -----------------------------------------------------------


def test_education_levels_of_the_route_function_equal_those_of_the_form():
    assert tuple(EducationLevel.values) == routefinder.EDUCATION_LEVELS
    assert set(routefinder.EDUCATION_NAMES) == set(EducationLevel.values)


# Only published data ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (PublicationStatus.PUBLISHED, True),
        (PublicationStatus.DRAFT, False),
        (PublicationStatus.ARCHIVED, False),
    ],
)
def test_only_published_routes_are_advised(seeded_db, client, status, shown):
    pathway = f.PathwayFactory(name="Geheime snelle route", status=status, order=0)
    f.StepFactory(
        pathway=pathway,
        title="Geheime stap naar instructeur",
        order=1,
        leads_to_role=Role.objects.get(slug="instructeur"),
    )
    # A vmbo candidate fits none of the seed's routes to instructeur: the new route,
    # without requirements, would be the best one.
    answers = {**dict(CANDIDATE_1), "opleiding": "vmbo"}
    del answers["gedaan"]
    page = advice(client, answers)
    text = text_of(page)

    assert ("Geheime snelle route" in page) is shown
    assert ("Geheime stap naar instructeur" in page) is shown
    assert ("De beste route is Geheime snelle route" in text) is shown
    assert ("Geen route past bij deze kandidaat" in text) is not shown


def test_draft_programmes_are_never_listed(seeded_db, client):
    programme = f.ProgrammeFactory(
        name="Geheime conceptopleiding",
        status=PublicationStatus.DRAFT,
        qualification=Qualification.objects.get(slug="tweedegraads-bevoegdheid"),
    )
    programme.profiles.add(VocationalProfile.objects.get(slug="bwi"))
    programme.locations.add(f.LocationFactory(institution=programme.institution, city="Zwolle"))

    page = advice(client, CANDIDATE_2)
    assert "Geheime conceptopleiding" not in page
    assert "Hogeschool Windesheim" in listed_programmes(page)[0]
