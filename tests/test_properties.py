"""Resilience: random values for every filter and form parameter of the public pages
never give a server error (property-based tests with hypothesis).

Every page must answer anything with a page: 200 for a list, a form or a download
(unknown values are mentioned or ignored), 404 or 410 for an address that holds no
page, a redirect for an old or unslashed one. Never a 5xx. Sent: text of every kind
(control characters, lone surrogates, right-to-left, emoji, very long), numbers of
every size and form, real values of each parameter, repeated and unknown
parameters, and random paths under /opleidingen/ and /routes/. The examples are
fixed (derandomize=True), so CI runs the same ones; PROPERTY_EXAMPLES=500 runs more.
"""

import json
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "60"))

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the seeded database is shared by the examples
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

DIRECTORY = "/opleidingen/"
DOWNLOAD = "/opleidingen/download.csv"
COMPARE = "/opleidingen/vergelijken/"
ROUTEWIJZER = "/routewijzer/"
ADVICE = "/routewijzer/advies/"
PLACES = "/routewijzer/plaatsen/"

# Each parameter with real values from the seed, so random changes start from
# addresses that reach deep into the page.
DIRECTORY_VALUES = {
    "zoek": ["leraar", "techniek windesheim", "opleidingen"],
    "profiel": ["pie", "bwi", "PIE", "mvi"],
    "hogeschool": ["windesheim", "fontys", "hu"],
    "studievorm": ["deeltijd", "voltijd", "duaal"],
    "leidt_tot": ["tweedegraads-bevoegdheid"],
    "vrijstellingen": ["ja", "nee"],
    "leervorm": ["praktijkleren", "colleges", "zelfstudie"],
    "plaats": ["zwolle", "Utrecht", "Wageningen"],
    "provincie": ["overijssel", "utrecht", "zeeland"],
    "sorteer": ["hogeschool", "naam", "gecontroleerd"],
    "pagina": ["1", "2", "999"],
}
COMPARE_VALUES = {
    "opleiding": [
        "windesheim-leraar-technisch-beroepsonderwijs",
        "fontys-leraar-technisch-beroepsonderwijs",
        "hu-leraar-techniek-tweedegraads",
        "aeres-docent-en-kennismanager-agrotechniek",
    ]
}
ROUTEWIJZER_VALUES = {
    "opleiding": ["hbo", "mbo-4", "vmbo"],
    "ervaring": ["10", "0", "60"],
    "gedaan": ["kennismakingsprogramma"],
    "functie": ["bevoegd-docent", "instructeur"],
    "profiel": ["bwi", "pie", "groen", ""],
    "uren": ["8", "1", "40"],
    "plaats": ["Zwolle", "Wageningen", "'s-Hertogenbosch", "Bergen"],
    "provincie": ["overijssel", "gelderland", "noord-holland", ""],
}
# A complete, valid set of answers (tests/test_routewijzer.py, candidate 2).
VALID_ANSWERS = [
    ("opleiding", "hbo"),
    ("ervaring", "10"),
    ("functie", "bevoegd-docent"),
    ("profiel", "bwi"),
    ("uren", "8"),
    ("plaats", "Zwolle"),
]


# --- Strategies ------------------------------------------------------------------------

# Every code point, lone surrogates too (hypothesis leaves those out by default).
any_character = st.characters(exclude_categories=())
TRICKY_TEXTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff\ud800",
    "\u202eevil",  # right-to-left override
    "e\u0301\u0301\u0301",  # combining accents
    "👩‍🏫",
    "%00",
    "%",
    "'\"<>&;",
    "' OR 1=1 --",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "a" * 101,
    "x" * 5000,
    "\t\n\r\x0b\x0c",
    "'s-Hertogenbosch",
    "ĳ",
    "ß",
    "İ",
]
ODD_NUMBERS = ["-1", "0", "00", "+1", "1e3", "0x10", "²", "١٢", "৩", "1_000", "9" * 5000, " 7 "]
# Sent to every parameter of every page, always (besides the random examples).
NASTY_VALUES = TRICKY_TEXTS + ODD_NUMBERS
tricky_texts = st.sampled_from(TRICKY_TEXTS)
numbers = st.one_of(
    st.integers().map(str),
    st.integers(min_value=10**20, max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(ODD_NUMBERS),
)


def values_for(known):
    """Random values, mixed with the real values of the page's parameters."""
    real = sorted({value for values in known.values() for value in values})
    return st.one_of(
        st.text(any_character, max_size=40),
        st.text(any_character, min_size=200, max_size=3000),
        tricky_texts,
        numbers,
        st.sampled_from(ODD_NUMBERS),
        st.sampled_from(real),
    )


def names_for(known):
    names = sorted(known)
    return st.one_of(
        st.sampled_from(names),
        st.sampled_from(names).map(str.upper),
        st.sampled_from([*names, "q", "page", "csrfmiddlewaretoken", "utm_source"]).map(
            lambda name: name + "[]"
        ),
        st.text(any_character, max_size=20),
    )


def every_parameter(known):
    """Every parameter of the page at once, each left out or given a random value, then
    random extra pairs: repeated parameters, names in upper case, unknown names."""
    one_each = st.fixed_dictionaries(
        {}, optional={name: values_for(known) for name in sorted(known)}
    ).map(lambda chosen: sorted(chosen.items()))
    extra = st.lists(st.tuples(names_for(known), values_for(known)), max_size=6)
    return st.tuples(one_each, extra, st.randoms(use_true_random=False)).map(_shuffled)


def _shuffled(drawn):
    one_each, extra, random = drawn
    pairs = one_each + extra
    random.shuffle(pairs)
    return pairs


def changed_answers(known, base):
    """Real answers, some left out, with random ones added or put in their place."""
    return st.tuples(
        st.lists(st.booleans(), min_size=len(base), max_size=len(base)),
        st.lists(st.tuples(names_for(known), values_for(known)), max_size=6),
    ).map(
        lambda drawn: [pair for pair, keep in zip(base, drawn[0], strict=True) if keep] + drawn[1]
    )


def encoded(text):
    """Percent-encoded UTF-8; a lone surrogate becomes the bytes a broken client sends."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def address(path, pairs):
    if not pairs:
        return path
    return path + "?" + "&".join(f"{encoded(name)}={encoded(value)}" for name, value in pairs)


path_segments = st.one_of(
    st.text(any_character, min_size=1, max_size=60),
    tricky_texts.filter(bool),
    st.sampled_from(
        [
            "vergelijken",
            "download.csv",
            "windesheim-leraar-technisch-beroepsonderwijs",
            "zij-instroom",
            "a" * 300,
            "..",
            ".",
            "%2F",
            "index.php",
        ]
    ),
)


# --- Checking the answer ---------------------------------------------------------------


def html_page(response, status=200):
    assert response.status_code == status, response.status_code
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode("utf-8")
    assert "<html" in body
    return body


def any_answer(response):
    """What a random address under a public prefix may get: never a server error."""
    code = response.status_code
    assert code in (200, 301, 302, 404, 410), code
    if code in (301, 302):
        assert response["Location"]
    elif response.get("Content-Type", "").startswith("text/html"):
        response.content.decode("utf-8")
    return code


# --- The directory and its download -----------------------------------------------------


@SETTINGS
@given(pairs=every_parameter(DIRECTORY_VALUES))
def test_directory_answers_any_filter_values_with_a_page(seeded_db, client, pairs):
    body = html_page(client.get(address(DIRECTORY, pairs)))
    assert "<h1>Opleidingen" in body


@SETTINGS
@given(pairs=changed_answers(DIRECTORY_VALUES, [("profiel", "pie"), ("zoek", "leraar")]))
def test_directory_answers_random_changes_to_a_real_search_with_a_page(seeded_db, client, pairs):
    html_page(client.get(address(DIRECTORY, pairs)))


@SETTINGS
@given(pairs=every_parameter(DIRECTORY_VALUES))
def test_download_answers_any_filter_values_with_a_csv_file(seeded_db, client, pairs):
    response = client.get(address(DOWNLOAD, pairs))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8").startswith("\ufeff")


# --- The comparison ---------------------------------------------------------------------


@SETTINGS
@given(pairs=every_parameter(COMPARE_VALUES))
def test_compare_page_answers_any_choice_with_a_page(seeded_db, client, pairs):
    html_page(client.get(address(COMPARE, pairs)))


# --- The Routewijzer --------------------------------------------------------------------


@SETTINGS
@given(pairs=every_parameter(ROUTEWIJZER_VALUES))
def test_routewijzer_questionnaire_answers_any_answers_with_a_page(seeded_db, client, pairs):
    html_page(client.get(address(ROUTEWIJZER, pairs)))


@SETTINGS
@given(pairs=every_parameter(ROUTEWIJZER_VALUES))
def test_routewijzer_advice_answers_any_answers_with_a_page(seeded_db, client, pairs):
    html_page(client.get(address(ADVICE, pairs)))


@SETTINGS
@given(pairs=changed_answers(ROUTEWIJZER_VALUES, VALID_ANSWERS))
def test_routewijzer_advice_answers_random_changes_to_real_answers_with_a_page(
    seeded_db, client, pairs
):
    html_page(client.get(address(ADVICE, pairs)))


@SETTINGS
@given(pairs=every_parameter({"q": ["zw", "den", "'s-", "bergen"]}))
def test_place_suggestions_answer_any_text_with_a_json_list(seeded_db, client, pairs):
    response = client.get(address(PLACES, pairs))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    places = json.loads(response.content)["plaatsen"]
    assert len(places) <= 10
    assert all(set(place) == {"naam", "provincie"} for place in places)


# --- Random addresses -------------------------------------------------------------------


@SETTINGS
@given(
    prefix=st.sampled_from(["/opleidingen/", "/routes/", "/routes/zij-instroom/"]),
    segments=st.lists(path_segments, min_size=1, max_size=3),
    slash=st.booleans(),
    pairs=st.lists(
        st.tuples(names_for(DIRECTORY_VALUES), values_for(DIRECTORY_VALUES)), max_size=3
    ),
)
def test_any_address_under_the_public_pages_answers_without_a_server_error(
    seeded_db, client, prefix, segments, slash, pairs
):
    path = prefix + "/".join(encoded(segment) for segment in segments) + ("/" if slash else "")
    any_answer(client.get(address(path, pairs)))


@SETTINGS
@given(segment=path_segments)
def test_any_programme_or_route_address_answers_with_an_html_page_or_a_redirect(
    seeded_db, client, segment
):
    for prefix in ("/opleidingen/", "/routes/"):
        response = client.get(prefix + encoded(segment) + "/")
        code = any_answer(response)
        if code == 404:
            html_page(response, 404)


# --- Known nasty values, to every parameter of every page ------------------------------

PAGES = {
    "directory": (DIRECTORY, DIRECTORY_VALUES, "text/html"),
    "download": (DOWNLOAD, DIRECTORY_VALUES, "text/csv"),
    "compare": (COMPARE, COMPARE_VALUES, "text/html"),
    "routewijzer": (ROUTEWIJZER, ROUTEWIJZER_VALUES, "text/html"),
    "advice": (ADVICE, ROUTEWIJZER_VALUES, "text/html"),
    "places": (PLACES, {"q": []}, "application/json"),
}


@pytest.mark.parametrize("page", PAGES)
def test_every_parameter_survives_every_nasty_value(seeded_db, client, page):
    """Each nasty value in every parameter at once. The Routewijzer checks its answers
    together, and an error in one can hide another, so there each value also goes into
    each answer alone, among real answers."""
    path, known, content_type = PAGES[page]
    for value in NASTY_VALUES:
        addresses = [address(path, [(name, value) for name in known])]
        if known is ROUTEWIJZER_VALUES:
            addresses += [
                address(path, [pair for pair in VALID_ANSWERS if pair[0] != name] + [(name, value)])
                for name in known
            ]
        for url in addresses:
            response = client.get(url)
            assert response.status_code == 200, url[:200]
            assert response["Content-Type"].startswith(content_type)


# --- What the property tests found ------------------------------------------------------


@pytest.mark.parametrize("number", ["²", "١٢", "1" + "0" * 5000])
def test_a_page_number_in_other_digits_or_with_thousands_of_digits_gives_a_message(
    seeded_db, client, number
):
    """int() accepts "١٢", fails on "²" (though "²".isdigit()) and on more than 4300
    digits: these gave a server error."""
    body = html_page(client.get(address(DIRECTORY, [("pagina", number)])))
    if number.isascii():
        assert "Pagina 1000000000000000000… bestaat niet." in body
    else:
        assert f"‘{number}’ is geen paginanummer. U ziet pagina 1." in body
