"""The Routewijzer in a real browser, tried the way a school leader would: from the
home page or the main menu to the questionnaire, answered with the labels, and the
advice checked for three candidates from the seed:

a. an installation technician (mbo 4, did the introduction programme) who wants to
   become an instructor in PIE, near Zwolle;
b. an engineer (hbo) who wants to become a qualified vmbo teacher in BWI, near Zwolle;
c. an hbo graduate for Groen, near Wageningen.

Each journey runs on a phone and on a laptop, with JavaScript on and off; candidate a
also by keyboard only. Then: the error messages, the axe scans (WCAG 2.x A and AA),
the printed advice and the small JavaScript helps (place suggestions, copy, print).
"""

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.helpers import axe_violations, expect, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"telefoon": PHONE, "laptop": LAPTOP}

FORM_PATH = "/routewijzer/"
ADVICE_PATH = "/routewijzer/advies/"
SUBMIT = "Toon de route"

EDUCATION_QUESTION = "Wat is de hoogste opleiding van de kandidaat?"
EXPERIENCE_QUESTION = "Hoeveel jaar werkervaring heeft de kandidaat in een technisch vak?"
DONE_QUESTION = "Wat heeft de kandidaat al gedaan?"
ROLE_QUESTION = "Welke functie heeft de school in gedachten?"
PROFILE_QUESTION = "Voor welk vmbo-profiel?"
HOURS_QUESTION = "Hoeveel uur per week gaat de kandidaat lesgeven of helpen?"
PLACE_QUESTION = "In welke plaats staat de school?"


# --- The candidates ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    education: str  # the label of the radio button
    experience: str
    role: str  # the label of the radio button
    profile: str  # the label of the option
    hours: str
    place: str
    query: dict  # the answers the advice's address must hold
    done: tuple = ()  # the labels of the checkboxes to tick


INSTALLATION_TECHNICIAN = Candidate(
    education="mbo niveau 4",
    experience="10",
    done=("Het kennismakingsprogramma",),
    role="Instructeur",
    profile="Produceren, installeren en energie (PIE)",
    hours="8",
    place="Zwolle",
    query={
        "opleiding": ["mbo-4"],
        "ervaring": ["10"],
        "gedaan": ["kennismakingsprogramma"],
        "functie": ["instructeur"],
        "profiel": ["pie"],
        "uren": ["8"],
        "plaats": ["Zwolle"],
    },
)
ENGINEER = Candidate(
    education="hbo (bachelor)",
    experience="12",
    role="Bevoegd docent in het vmbo",
    profile="Bouwen, wonen en interieur (BWI)",
    hours="24",
    place="Zwolle",
    query={
        "opleiding": ["hbo"],
        "ervaring": ["12"],
        "functie": ["bevoegd-docent"],
        "profiel": ["bwi"],
        "uren": ["24"],
        "plaats": ["Zwolle"],
    },
)
GROEN_NEAR_WAGENINGEN = Candidate(
    education="hbo (bachelor)",
    experience="6",
    role="Bevoegd docent in het vmbo",
    profile="Groen",
    hours="16",
    place="Wageningen",
    query={
        "opleiding": ["hbo"],
        "ervaring": ["6"],
        "functie": ["bevoegd-docent"],
        "profiel": ["groen"],
        "uren": ["16"],
        "plaats": ["Wageningen"],
    },
)


def advice_path(candidate):
    return ADVICE_PATH + "?" + urlencode(candidate.query, doseq=True)


def expect_first_programme(tab, heading, contact_name, email):
    first = tab.locator("#opleidingen .programme-match").first
    expect(first.get_by_role("heading", level=3)).to_have_text(heading)
    contact = first.locator("dt:text-is('Contactpersoon') + dd")
    expect(contact).to_contain_text(f"{contact_name}, {email}")
    expect(first.get_by_role("link", name=email, exact=True)).to_have_attribute(
        "href", f"mailto:{email}"
    )
    return first


def expect_installation_technician_advice(tab):
    expect(tab.get_by_role("heading", level=1)).to_have_text("Advies: route naar instructeur")
    route = tab.locator("#route")
    expect(route.locator(".route-intro")).to_contain_text(
        "De beste route is Scholingstraject Hybride Techniekopleiders: "
        "nog 2 stappen, 1 stap telt al mee."
    )
    steps = route.locator("ol.advice-steps > li")
    expect(steps.locator(":scope > h3")).to_have_text(
        [
            "Stap 1 Kennismakingsprogramma Al gedaan: telt mee",
            "Stap 2 Oriëntatietraject Nog te doen",
            "Stap 3 Instructeur Nog te doen",
        ]
    )
    # The route ends in the instructor role.
    expect(steps.last.locator("dt:text-is('Leidt tot de rol') + dd")).to_have_text("Instructeur")

    expect(route.get_by_role("heading", name="Daarna kan de kandidaat verder")).to_be_visible()
    onward = route.locator("#daarna + ul.next-steps > li > a")
    expect(onward).to_have_count(2)
    assert set(onward.all_inner_texts()) == {
        "PDG-traject (mbo-bevoegdheid)",
        "Tweedegraadsprogramma",
    }

    # Windesheim is the nearest and fits PIE: first of all programmes listed.
    first = expect_first_programme(
        tab,
        "Leraar Technisch Beroepsonderwijs, Hogeschool Windesheim",
        "Erik Schakelaar",
        "e.schakelaar@windesheim.nl",
    )
    expect(first.locator(".match-labels")).to_have_text("past bij PIE")


def expect_engineer_advice(tab):
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Advies: route naar bevoegd docent in het vmbo"
    )
    intro = tab.locator("#route .route-intro")
    expect(intro).to_contain_text("De beste route is Zij-instroom in het beroep:")
    expect(intro.get_by_role("link")).to_have_text("Zij-instroom in het beroep")
    first = expect_first_programme(
        tab,
        "Leraar Technisch Beroepsonderwijs, Hogeschool Windesheim",
        "Erik Schakelaar",
        "e.schakelaar@windesheim.nl",
    )
    expect(first.locator(".match-labels")).to_have_text("past bij BWI")


def expect_groen_advice(tab):
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Advies: route naar bevoegd docent in het vmbo"
    )
    expect(tab.locator("#antwoorden")).to_contain_text("Wageningen (Gelderland)")
    expect_first_programme(
        tab,
        "Docent en kennismanager Agrotechniek, Aeres Hogeschool",
        "Jos van Meegen",
        "j.van.meegen@aeres.nl",
    )


CANDIDATES = {
    "installatietechnicus": (INSTALLATION_TECHNICIAN, expect_installation_technician_advice),
    "ingenieur": (ENGINEER, expect_engineer_advice),
    "groen-wageningen": (GROEN_NEAR_WAGENINGEN, expect_groen_advice),
}


# --- Fixtures and helpers ------------------------------------------------------------


@pytest.fixture
def open_tab(browser):
    """Opens fresh browser tabs, each in its own context (no shared cookies or
    history), and checks afterwards that the server never answered with an error."""
    contexts = []
    server_errors = []

    def open_tab(viewport=LAPTOP, javascript=True, **options):
        context = browser.new_context(
            locale="nl-NL", viewport=viewport, java_script_enabled=javascript, **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        tab.on("response", lambda r: r.status >= 500 and server_errors.append(r.url))
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert server_errors == [], f"Server errors on the way: {server_errors}"


def answers_in_address(url):
    """The answers in an address, without the ones left empty."""
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    return {name: values for name, values in query.items() if values != [""]}


def fill_in_questionnaire(tab, candidate):
    """Answer every question by its label, as a visitor reads it."""
    tab.get_by_role("radio", name=candidate.education, exact=True).check()
    tab.get_by_label(EXPERIENCE_QUESTION).fill(candidate.experience)
    for label in candidate.done:
        tab.get_by_role("checkbox", name=label, exact=True).check()
    tab.get_by_role("radio", name=candidate.role, exact=True).check()
    tab.get_by_label(PROFILE_QUESTION).select_option(label=candidate.profile)
    tab.get_by_label(HOURS_QUESTION).fill(candidate.hours)
    tab.get_by_label(PLACE_QUESTION).fill(candidate.place)


def expect_questionnaire_holds(tab, candidate):
    """The questionnaire shows the candidate's answers again."""
    expect(tab.get_by_role("radio", name=candidate.education, exact=True)).to_be_checked()
    expect(tab.get_by_label(EXPERIENCE_QUESTION)).to_have_value(candidate.experience)
    done = tab.get_by_role("group", name=DONE_QUESTION).get_by_role("checkbox")
    expect(done).not_to_have_count(0)
    for index in range(done.count()):
        box = done.nth(index)
        label = box.evaluate("box => box.labels[0].textContent.trim()")
        if label in candidate.done:
            expect(box).to_be_checked()
        else:
            expect(box).not_to_be_checked()
    expect(tab.get_by_role("radio", name=candidate.role, exact=True)).to_be_checked()
    profile = tab.get_by_label(PROFILE_QUESTION)
    expect(profile).to_have_value(candidate.query["profiel"][0])
    assert profile.evaluate("s => s.selectedOptions[0].textContent.trim()") == candidate.profile
    expect(tab.get_by_label(HOURS_QUESTION)).to_have_value(candidate.hours)
    expect(tab.get_by_label(PLACE_QUESTION)).to_have_value(candidate.place)


WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className : '')
        + ' right=' + Math.round(el.getBoundingClientRect().right))"""


# --- 1. The three candidates, as a new user tries them ---------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["js-aan", "js-uit"])
@pytest.mark.parametrize("size", ["telefoon", "laptop"])
@pytest.mark.parametrize("name", list(CANDIDATES))
def test_candidate_gets_advice_a_shareable_address_and_can_change_the_answers(
    seeded_live_server, open_tab, name, size, javascript
):
    candidate, expect_advice = CANDIDATES[name]
    tab = open_tab(viewport=VIEWPORTS[size], javascript=javascript)

    # The way in: the home page's invitation on a phone, the main menu on a laptop.
    tab.goto(seeded_live_server.url + "/")
    if size == "telefoon":
        tab.get_by_role("main").get_by_role("link", name="Naar de routewijzer").click()
    else:
        tab.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Routewijzer", exact=True
        ).click()
    expect(tab).to_have_url(seeded_live_server.url + FORM_PATH)
    expect(tab).to_have_title(re.compile(r"^Routewijzer: een route voor uw kandidaat"))
    expect(
        tab.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Routewijzer")
    ).to_have_attribute("aria-current", "page")
    assert no_sideways_scroll(tab), tab.evaluate(WIDER_THAN_SCREEN)

    fill_in_questionnaire(tab, candidate)
    tab.get_by_role("button", name=SUBMIT).click()

    # The address holds the answers, and nothing else.
    expect(tab).to_have_url(re.compile(re.escape(seeded_live_server.url + ADVICE_PATH) + r"\?"))
    assert answers_in_address(tab.url) == candidate.query
    expect(tab).to_have_title(re.compile(r"^Advies: "))
    expect_advice(tab)
    assert no_sideways_scroll(tab), tab.evaluate(WIDER_THAN_SCREEN)

    # The address to share is this page's own address.
    share_field = tab.get_by_label("Adres van dit advies")
    expect(share_field).to_have_value(tab.url)

    # The candidate opens that address in another browser: the same advice.
    other = open_tab(viewport=VIEWPORTS[size], javascript=javascript)
    other.goto(share_field.input_value())
    expect_advice(other)
    assert other.locator("main").inner_text() == tab.locator("main").inner_text()

    # "Antwoorden wijzigen" leads back to the questionnaire, the answers filled in.
    tab.get_by_role("link", name="Antwoorden wijzigen").click()
    expect(tab).to_have_url(re.compile(re.escape(seeded_live_server.url + FORM_PATH) + r"\?"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Routewijzer: een route voor uw kandidaat"
    )
    expect_questionnaire_holds(tab, candidate)
    # Sent again unchanged, they give the same advice at the same address.
    tab.get_by_role("button", name=SUBMIT).click()
    expect(tab).to_have_url(other.url)
    expect_advice(tab)


# --- 1. Candidate a by keyboard only ---------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.outlineColor);
  return {
    element: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : ''),
    text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
    focusVisible: el.matches(':focus-visible'),
    indicator: outline || style.boxShadow !== 'none',
    inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
        && box.top < window.innerHeight && box.left < window.innerWidth,
  };
}"""


class Keyboard:
    """Presses keys and checks, at every stop of the focus, that the focused
    element shows a focus indicator and is on the screen."""

    def __init__(self, tab):
        self.tab = tab
        self.unseen = []  # focus stops without a visible indicator

    def focused(self):
        return self.tab.evaluate(FOCUSED)

    def press(self, key):
        self.tab.keyboard.press(key)
        focused = self.focused()
        # <main> takes the focus only from the skip link, and shows no ring on purpose.
        checked = focused is not None and focused["element"] != "main#main-content"
        if checked and not (focused["focusVisible"] and focused["indicator"] and focused["inView"]):
            self.unseen.append(focused)
        return focused

    def tab_to(self, selector, limit=200):
        """Press Tab until the element matching `selector` has the focus."""
        for _ in range(limit):
            self.press("Tab")
            if self.tab.evaluate(
                "s => document.activeElement && document.activeElement.matches(s)", selector
            ):
                return
        pytest.fail(f"The keyboard never reached {selector}.")

    def expect_focus(self, selector):
        expect(self.tab.locator(selector)).to_be_focused()


def test_candidate_a_by_keyboard_only_from_the_main_menu_to_the_advice_and_back(
    seeded_live_server, open_tab
):
    """Only Tab, Shift+Tab, Space, arrow keys, typing and Enter; no mouse. The focus
    is visible at every stop."""
    candidate = INSTALLATION_TECHNICIAN
    tab = open_tab(viewport=LAPTOP)
    keys = Keyboard(tab)
    tab.goto(seeded_live_server.url + "/")

    keys.tab_to('.site-header nav a[href="/routewijzer/"]')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    expect(tab).to_have_url(seeded_live_server.url + FORM_PATH)

    # Opleiding: Tab enters the group at its first option; arrows choose.
    keys.tab_to("input[name=opleiding]")
    keys.expect_focus("#id_opleiding_0")
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    mbo_4 = tab.get_by_role("radio", name="mbo niveau 4", exact=True)
    expect(mbo_4).to_be_focused()
    expect(mbo_4).to_be_checked()

    keys.press("Tab")
    experience = tab.get_by_label(EXPERIENCE_QUESTION)
    expect(experience).to_be_focused()
    tab.keyboard.type("10")

    keys.press("Tab")
    introduction = tab.get_by_role("checkbox", name="Het kennismakingsprogramma", exact=True)
    expect(introduction).to_be_focused()
    keys.press("Space")
    expect(introduction).to_be_checked()
    # Shift+Tab goes back to the field before, which kept its answer.
    keys.press("Shift+Tab")
    expect(experience).to_be_focused()
    expect(experience).to_have_value("10")
    keys.press("Tab")
    expect(introduction).to_be_focused()

    # Functie: past the other checkboxes to the first option, chosen with Space.
    keys.tab_to("input[name=functie]")
    instructor = tab.get_by_role("radio", name="Instructeur", exact=True)
    expect(instructor).to_be_focused()
    keys.press("Space")
    expect(instructor).to_be_checked()

    # Profiel: a closed list, changed with the arrow keys.
    keys.press("Tab")
    profile = tab.get_by_label(PROFILE_QUESTION)
    expect(profile).to_be_focused()
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    expect(profile).to_have_value("pie")

    keys.press("Tab")
    expect(tab.get_by_label(HOURS_QUESTION)).to_be_focused()
    tab.keyboard.type("8")
    keys.press("Tab")
    expect(tab.get_by_label(PLACE_QUESTION)).to_be_focused()
    tab.keyboard.type("Zwolle")

    keys.tab_to("#routewijzer-vragen button[type=submit]")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    assert answers_in_address(tab.url) == candidate.query
    expect_installation_technician_advice(tab)

    keys.tab_to('#antwoorden a[href^="/routewijzer/?"]')
    expect(tab.locator(":focus")).to_have_text("Antwoorden wijzigen")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    expect_questionnaire_holds(tab, candidate)

    assert keys.unseen == [], f"Focus stops without a visible focus indicator: {keys.unseen}"


# --- 2. Errors ---------------------------------------------------------------------------

EMPTY_FORM_ERRORS = [
    # (message, link target, (a field or a group of options, its question))
    # A group of options links to its first option (GOV.UK), so a click lands on a control.
    (
        "Kies de hoogste opleiding van de kandidaat.",
        "id_opleiding_0",
        ("group", EDUCATION_QUESTION),
    ),
    (
        "Vul het aantal jaren werkervaring in, bijvoorbeeld 10.",
        "id_ervaring",
        ("field", EXPERIENCE_QUESTION),
    ),
    ("Kies de functie die de school in gedachten heeft.", "id_functie_0", ("group", ROLE_QUESTION)),
    (
        "Vul het aantal uren per week in, bijvoorbeeld 8.",
        "id_uren",
        ("field", HOURS_QUESTION),
    ),
    (
        "Vul de plaats in waar de school staat, of kies de provincie.",
        "id_plaats",
        ("field", PLACE_QUESTION),
    ),
]


@pytest.mark.parametrize("javascript", [True, False], ids=["js-aan", "js-uit"])
def test_empty_questionnaire_lists_each_problem_with_a_link_and_a_message_at_the_field(
    seeded_live_server, open_tab, javascript
):
    tab = open_tab(javascript=javascript)
    tab.goto(seeded_live_server.url + FORM_PATH)
    tab.get_by_role("button", name=SUBMIT).click()

    expect(tab).to_have_title(re.compile(r"^Fout: "))
    summary = tab.locator(".error-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("Er zijn 5 antwoorden niet goed")
    links = summary.get_by_role("link")
    expect(links).to_have_text([message for message, _target, _field in EMPTY_FORM_ERRORS])

    for index, (message, target, (kind, question)) in enumerate(EMPTY_FORM_ERRORS):
        assert links.nth(index).get_attribute("href") == f"#{target}"
        if kind == "group":
            field = tab.get_by_role("group", name=question, exact=True)
        else:
            field = tab.get_by_label(question, exact=True)
        expect(field).to_have_count(1)
        # The link leads to the field's control (the first one of a group of options).
        assert tab.locator(f"#{target}").evaluate(
            "(target, question) => [...document.querySelectorAll('input, select')]"
            ".some(control => (target === control || target.contains(control)) && ("
            " control.labels[0]?.textContent.trim() === question"
            " || control.closest('fieldset')?.querySelector('legend')"
            "?.textContent.trim() === question))",
            question,
        ), f"#{target} is not the field for {question!r}"
        # The message stands at the field and is read out with it.
        expect(tab.locator(".field-error", has=tab.locator(f"#{target}"))).to_contain_text(message)
        expect(field).to_have_accessible_description(re.compile(re.escape(message)))

    if javascript:
        # The script moves the focus to the list of problems.
        expect(summary).to_be_focused()


def test_following_an_error_link_by_keyboard_puts_the_focus_in_that_field(
    seeded_live_server, open_tab
):
    """From the list of problems, Enter on a link, and the focus is in the field
    (a text field, or the first option of a group of options)."""
    tab = open_tab()
    tab.goto(seeded_live_server.url + FORM_PATH)
    tab.get_by_role("button", name=SUBMIT).click()
    summary = tab.locator(".error-summary")
    expect(summary).to_be_focused()

    for index, target, first_control in [
        (0, "id_opleiding_0", "#id_opleiding_0"),
        (1, "id_ervaring", "#id_ervaring"),
    ]:
        summary.get_by_role("link").nth(index).focus()
        tab.keyboard.press("Enter")
        expect(tab).to_have_url(re.compile(f"#{target}$"))
        if not tab.evaluate("s => document.activeElement.matches(s)", first_control):
            tab.keyboard.press("Tab")
        expect(tab.locator(first_control)).to_be_focused()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-aan", "js-uit"])
def test_misspelled_place_suggests_the_right_name_and_keeps_every_answer(
    seeded_live_server, open_tab, javascript
):
    tab = open_tab(viewport=PHONE, javascript=javascript)
    tab.goto(seeded_live_server.url + FORM_PATH)
    fill_in_questionnaire(tab, ENGINEER)
    tab.get_by_label(PLACE_QUESTION).fill("Zwole")
    tab.get_by_role("button", name=SUBMIT).click()

    expect(tab).to_have_title(re.compile(r"^Fout: "))
    summary = tab.locator(".error-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("Er is 1 antwoord niet goed")
    expect(summary.get_by_role("link")).to_have_text(re.compile(r"Bedoelt u Zwolle\b"))
    place = tab.get_by_label(PLACE_QUESTION)
    expect(place).to_have_value("Zwole")
    expect(place).to_have_accessible_description(
        re.compile(r"We kennen de plaats ‘Zwole’ niet\. Bedoelt u Zwolle\b")
    )
    expect(tab.locator("#id_plaats_error")).to_be_visible()
    # The other answers are still there.
    expect_questionnaire_holds(tab, replace(ENGINEER, place="Zwole"))
    assert no_sideways_scroll(tab), tab.evaluate(WIDER_THAN_SCREEN)

    # Fixed, the advice follows.
    place.fill("Zwolle")
    tab.get_by_role("button", name=SUBMIT).click()
    assert answers_in_address(tab.url) == ENGINEER.query
    expect_engineer_advice(tab)


# --- 3. Accessibility scans and small screens ------------------------------------------


def show_empty_questionnaire(tab, base):
    tab.goto(base + FORM_PATH)


def show_questionnaire_with_errors(tab, base):
    tab.goto(base + FORM_PATH)
    tab.get_by_role("button", name=SUBMIT).click()
    expect(tab.locator(".error-summary")).to_be_visible()


def show_misspelled_place(tab, base):
    tab.goto(base + FORM_PATH)
    fill_in_questionnaire(tab, ENGINEER)
    tab.get_by_label(PLACE_QUESTION).fill("Zwole")
    tab.get_by_role("button", name=SUBMIT).click()
    expect(tab.locator(".error-summary")).to_be_visible()


def show_filled_in_again(tab, base):
    tab.goto(base + FORM_PATH + "?" + urlencode(INSTALLATION_TECHNICIAN.query, doseq=True))


def advice_of(name):
    def show(tab, base):
        tab.goto(base + advice_path(CANDIDATES[name][0]))
        CANDIDATES[name][1](tab)

    return show


STATES = {
    "vragenlijst-leeg": show_empty_questionnaire,
    "vragenlijst-fouten": show_questionnaire_with_errors,
    "vragenlijst-plaats-fout": show_misspelled_place,
    "vragenlijst-ingevuld": show_filled_in_again,
    **{f"advies-{name}": advice_of(name) for name in CANDIDATES},
}


@pytest.mark.parametrize("state", list(STATES))
def test_routewijzer_page_has_no_accessibility_violations(seeded_live_server, open_tab, state):
    tab = open_tab()
    STATES[state](tab, seeded_live_server.url)
    results = axe_violations(tab)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-aan", "js-uit"])
def test_no_routewijzer_page_scrolls_sideways_on_a_phone(seeded_live_server, open_tab, javascript):
    tab = open_tab(viewport=PHONE, javascript=javascript)
    too_wide = {}
    for state, show in STATES.items():
        show(tab, seeded_live_server.url)
        if not no_sideways_scroll(tab):
            too_wide[state] = tab.evaluate(WIDER_THAN_SCREEN)
    assert too_wide == {}


# --- 4. Print ----------------------------------------------------------------------------


def test_printed_advice_hides_menus_and_buttons_and_shows_contact_and_its_own_address(
    seeded_live_server, open_tab
):
    tab = open_tab()
    tab.goto(seeded_live_server.url + advice_path(ENGINEER))
    expect_engineer_advice(tab)
    screen_only = [
        tab.locator(".skip-link"),
        tab.get_by_role("navigation", name="Hoofdmenu"),
        tab.get_by_role("navigation", name="Kruimelpad"),
        tab.get_by_role("link", name="Antwoorden wijzigen"),
        tab.get_by_role("button", name="Kopieer het adres"),
        tab.get_by_role("button", name="Afdrukken"),
    ]
    # On screen (with JavaScript) they are there.
    for locator in screen_only[1:]:
        expect(locator).to_be_visible()

    tab.emulate_media(media="print")
    for locator in screen_only:
        expect(locator).to_be_hidden()
    expect(tab.locator("main button:visible")).to_have_count(0)
    expect(tab.locator("main a[href='mailto:e.schakelaar@windesheim.nl']").first).to_be_visible()
    # In the list of programmes, and in the summary at the top.
    expect(
        tab.get_by_text("Erik Schakelaar, e.schakelaar@windesheim.nl", exact=True)
    ).to_be_visible()
    expect(tab.locator("#samenvatting")).to_contain_text(
        "Contactpersoon: Erik Schakelaar, e.schakelaar@windesheim.nl"
    )
    own_address = tab.locator("#delen .print-only")
    expect(own_address).to_be_visible()
    expect(own_address).to_contain_text(tab.url)

    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages >= 1


# --- 5. The JavaScript helps -------------------------------------------------------------


def test_typing_part_of_a_place_name_suggests_places_from_the_site_itself(
    seeded_live_server, open_tab
):
    tab = open_tab()
    tab.goto(seeded_live_server.url + FORM_PATH)
    place = tab.get_by_label(PLACE_QUESTION)
    expect(place).to_have_attribute("list", "plaatsen")
    with tab.expect_response(lambda r: "/routewijzer/plaatsen/?q=zwo" in r.url) as answer:
        place.press_sequentially("zwo")
    assert answer.value.url.startswith(seeded_live_server.url + "/")
    option = tab.locator("datalist#plaatsen > option[value='Zwolle']")
    expect(option).to_have_count(1)
    expect(option).to_have_attribute("label", "Zwolle (Overijssel)")


def test_copy_and_print_buttons_are_offered_only_with_javascript(seeded_live_server, open_tab):
    url = seeded_live_server.url + advice_path(ENGINEER)

    without = open_tab(javascript=False)
    without.goto(url)
    expect(without.get_by_role("button", name="Afdrukken")).to_have_count(0)
    expect(without.get_by_role("button", name="Kopieer het adres")).to_have_count(0)
    expect(without.get_by_text("Afdrukken kan met de printknop van uw browser")).to_be_visible()
    expect(without.get_by_label("Adres van dit advies")).to_have_value(url)

    tab = open_tab(permissions=["clipboard-read", "clipboard-write"])
    tab.goto(url)
    expect(tab.get_by_text("Afdrukken kan met de printknop van uw browser")).to_be_hidden()
    copy = tab.get_by_role("button", name="Kopieer het adres")
    expect(copy).to_be_visible()
    copy.click()
    expect(tab.get_by_role("status")).to_have_text("Het adres is gekopieerd.")
    assert tab.evaluate("() => navigator.clipboard.readText()") == url

    printing = tab.get_by_role("button", name="Afdrukken")
    expect(printing).to_be_visible()
    tab.evaluate("() => { window.print = () => { window.printAsked = true; }; }")
    printing.click()
    assert tab.evaluate("() => window.printAsked") is True
