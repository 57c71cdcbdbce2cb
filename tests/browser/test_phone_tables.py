"""Tables on a 390 px phone: every e-mail and web address is in view without
sideways scrolling, the sheet's table and the comparison are stacked with a label
before each value, and screen readers still get tables (Chromium's own
accessibility tree). On a laptop they are ordinary tables."""

from collections import Counter

import pytest

from tests import factories as f
from tests.browser.test_accessibility import axe_scan, compare
from tests.helpers import no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
LONG_SLUG = "lange-adressen-leraar-techniek"
LONG_URL = (
    "https://www.hogeschool-met-een-lange-naam.example/opleidingen/deeltijd/"
    "leraar-technisch-beroepsonderwijs-tweedegraads/aanmelden-en-toelating"
)
LONG_EMAIL = "voornaam.achternaam-van-der-lange-naam@hogeschool-met-een-lange-naam.example"


@pytest.fixture(scope="module")
def seeded_live_data():
    """A programme on the sheet with a very long web address and e-mail address."""

    def add_long_addresses():
        programme = f.ProgrammeFactory(
            slug=LONG_SLUG,
            name="Leraar Technisch Beroepsonderwijs met een lange naam",
            on_sheet=True,
            institution=f.InstitutionFactory(name="Hogeschool met een lange naam"),
        )
        f.ProgrammeLinkFactory(programme=programme, url=LONG_URL, kind="blad")
        f.ProgrammeContactFactory(programme=programme, email=LONG_EMAIL)

    return add_long_addresses


@pytest.fixture
def phone(open_tab):
    return open_tab(PHONE)


# Pages with tables or lists of addresses.
ADDRESS_PAGES = [
    "/opleiden-doe-je-samen/",
    compare(2),
    compare(4),
    f"/opleidingen/vergelijken/?opleiding={LONG_SLUG}&opleiding=hu-leraar-techniek-tweedegraads",
    "/contact/",
    "/opleidingen/",
    f"/opleidingen/{LONG_SLUG}/",
    "/opleidingen/fontys-leraar-technisch-beroepsonderwijs/",
    "/hulpbronnen/",
    "/kosten-en-subsidies/",
    "/privacy/",
]

# The e-mail and web addresses in the main content that are cut off: outside the
# window, or outside a box that hides or scrolls what does not fit.
CUT_OFF_ADDRESSES = """() => {
  const cutOff = [];
  for (const link of document.querySelectorAll('main a[href^="mailto:"], main a[href^="http"]')) {
    const box = link.getBoundingClientRect();
    if (!box.width && !box.height) continue;  // not shown (printed only)
    let cut = box.left < 0 || box.right > window.innerWidth + 0.5;
    for (let el = link.parentElement; el && el !== document.body; el = el.parentElement) {
      if (getComputedStyle(el).overflowX === "visible") continue;
      const outer = el.getBoundingClientRect();
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5) cut = true;
    }
    if (cut) cutOff.push(link.textContent.trim());
  }
  return cutOff;
}"""


def ax_nodes(tab, selector):
    """The nodes of Chromium's own accessibility tree under the first `selector`
    (what a screen reader is given), without the ignored ones."""
    cdp = tab.context.new_cdp_session(tab)
    document = cdp.send("DOM.getDocument")["root"]["nodeId"]
    element = cdp.send("DOM.querySelector", {"nodeId": document, "selector": selector})
    top = cdp.send("Accessibility.getPartialAXTree", {**element, "fetchRelatives": False})
    tree = {node["nodeId"]: node for node in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    found, stack = [], [node["nodeId"] for node in top["nodes"]]
    while stack:
        node = tree.get(stack.pop())
        if node is not None:
            found += [] if node.get("ignored") else [node]
            stack += node.get("childIds", [])
    return found


def ax_roles(tab, selector):
    return Counter(node["role"]["value"] for node in ax_nodes(tab, selector))


def ax_cell_names(tab, selector):
    return [
        node.get("name", {}).get("value", "")
        for node in ax_nodes(tab, selector)
        if node["role"]["value"] == "cell"
    ]


@pytest.mark.parametrize("path", ADDRESS_PAGES)
@pytest.mark.parametrize("width", [PHONE["width"], LAPTOP["width"]])
def test_every_address_is_in_view_on_a_phone_and_a_laptop(seeded_live_server, page, width, path):
    page.set_viewport_size({"width": width, "height": 800})
    assert page.goto(seeded_live_server.url + path).status == 200
    assert page.evaluate(CUT_OFF_ADDRESSES) == []
    assert no_sideways_scroll(page)


def test_the_long_addresses_are_on_the_sheet_and_wrap(seeded_live_server, phone):
    phone.goto(seeded_live_server.url + "/opleiden-doe-je-samen/")
    for text in (LONG_URL, LONG_EMAIL):
        link = phone.locator("table.institutions a", has_text=text)
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_sheet_table_is_one_card_per_programme_on_a_phone(seeded_live_server, phone):
    phone.goto(seeded_live_server.url + "/opleiden-doe-je-samen/")
    table = phone.locator("table.institutions")
    # The column headers are for screen readers only; each value has its label.
    assert table.locator("thead").evaluate("e => e.getBoundingClientRect().height") <= 1
    row = table.locator("tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    labels = row.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    # The computed content is the label, then its (empty) text for screen readers.
    assert [label.split(" / ")[0] for label in labels] == [
        '"Website: "',
        '"Contactpersoon: "',
        '"E-mail: "',
    ]
    # Still a table for screen readers, with its headers; the labels are not read
    # twice (they are left out of the cells' names).
    roles = ax_roles(phone, "table.institutions")
    assert roles["table"] == 1 and roles["columnheader"] == 5 and roles["rowheader"] >= 1
    assert roles["cell"] == 4 * roles["rowheader"]
    names = ax_cell_names(phone, "table.institutions")
    assert LONG_EMAIL in names
    assert not any(name.startswith(("Website", "Contactpersoon", "E-mail")) for name in names)


def test_sheet_table_is_a_table_on_a_laptop(seeded_live_server, page):
    page.set_viewport_size(LAPTOP)
    page.goto(seeded_live_server.url + "/opleiden-doe-je-samen/")
    table = page.locator("table.institutions")
    assert table.locator("thead th").first.is_visible()
    assert table.locator("td").first.evaluate("e => getComputedStyle(e).display") == "table-cell"
    assert table.locator("td[data-label]").first.evaluate(
        "e => getComputedStyle(e, '::before').content"
    ) in ("none", "normal")


@pytest.mark.parametrize("count", [2, 3, 4])
def test_comparison_is_stacked_per_fact_with_every_programme_on_a_phone(
    seeded_live_server, phone, count
):
    phone.goto(seeded_live_server.url + compare(count))
    table = phone.locator("table.compare-table")
    names = table.locator("thead th[scope=col] a").all_inner_texts()
    assert len(names) == count
    # Every programme is in view at the top, and each fact shows every programme's
    # value under it, labelled with the programme's name.
    for header in table.locator("thead th[scope=col]").all():
        box = header.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    for row in table.locator("tbody tr").all():
        cells = row.locator("td")
        assert cells.count() == count
        labels = cells.evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)"
        )
        for name, label in zip(names, labels, strict=True):
            assert label.startswith(f'"{name} ('), (name, label)
        for cell in cells.all():
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert no_sideways_scroll(phone)
    roles = ax_roles(phone, "table.compare-table")
    assert roles["table"] == 1 and roles["columnheader"] == count and roles["rowheader"] == 18


def test_comparison_of_four_is_side_by_side_on_a_laptop(seeded_live_server, page):
    page.set_viewport_size(LAPTOP)
    page.goto(seeded_live_server.url + compare(4))
    cells = page.locator("table.compare-table tbody tr").first.locator("td")
    tops = {round(cell.bounding_box()["y"]) for cell in cells.all()}
    assert len(tops) == 1  # one row, side by side
    scroller = page.locator(".compare-scroll")
    assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth")


@pytest.mark.parametrize(
    "path", ["/opleiden-doe-je-samen/", compare(2), compare(4), "/kosten-en-subsidies/"]
)
def test_stacked_tables_have_no_accessibility_violations_on_a_phone(
    seeded_live_server, phone, path
):
    phone.goto(seeded_live_server.url + path)
    results = axe_scan(phone)
    assert results.violations_count == 0, results.generate_report()
