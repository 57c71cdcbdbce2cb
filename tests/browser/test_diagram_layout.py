"""The route diagrams as drawn, in Debian's chromium with the fonts CI has, at 1280 and
390 px, for every published route of the seed (issue 15):

- every step name lies inside its box, with at least 2 px to spare on each side;
- names (and the word "of") are at least 12 px as rendered;
- no "of" touches an arrow or a box;
- the page does not scroll sideways, and exactly one drawing shows: the SVG where
  it fits at its natural size, else the column of boxes.

The geometry is the browser's own (getBoundingClientRect, getScreenCTM). Besides the
font the page asks for, each check runs with DejaVu Sans and with Liberation Sans
forced onto the diagram: the boxes must not depend on one font's widths.
"""

import pytest

from pathways.models import Pathway
from tests.helpers import no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = {"laptop": 1280, "telefoon": 390}
FONTS = [None, "DejaVu Sans", "Liberation Sans"]
SPARE = 2  # px between a name and the inside of its box's border, at least
SMALLEST = 12  # px, rendered

# What the visible drawing shows, in CSS px relative to the viewport. A rectangle
# is [left, top, right, bottom]. For the SVG: each box's inside (within its 2-unit
# border) and outside, the name's text box, its rendered font size; each "of";
# each arrow as points every 2 units along it plus a square around its head.
GEOMETRY = """(wrap) => {
  const rect = (r) => [r.left, r.top, r.right, r.bottom];
  const textBox = (node) => { const range = document.createRange();
    range.selectNodeContents(node); return rect(range.getBoundingClientRect()); };
  const size = (node, scale) => parseFloat(getComputedStyle(node).fontSize) * scale;
  const svg = wrap.querySelector('svg.route-diagram');
  const flow = wrap.querySelector('.route-flow');
  const shown = [svg, flow].filter((el) => el.getClientRects().length > 0);
  const result = {shown: shown.map((el) => el === svg ? 'svg' : 'flow'),
                  steps: [], ors: [], arrowPoints: [], arrowAreas: []};
  if (shown.length !== 1) return result;
  if (shown[0] === svg) {
    const ctm = svg.getScreenCTM();
    const at = (x, y) => new DOMPoint(x, y).matrixTransform(ctm);
    const box = (x, y, w, h) => { const a = at(x, y), b = at(x + w, y + h);
      return [a.x, a.y, b.x, b.y]; };
    for (const rectangle of svg.querySelectorAll('rect')) {
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map(
        (name) => rectangle[name].baseVal.value);
      const name = rectangle.parentNode.querySelector('text.route-diagram-name');
      result.steps.push({
        name: Array.from(name.querySelectorAll('tspan'), (t) => t.textContent).join(' '),
        inside: box(x + 1, y + 1, w - 2, h - 2), outside: box(x - 1, y - 1, w + 2, h + 2),
        text: rect(name.getBoundingClientRect()), size: size(name, ctm.a)});
    }
    for (const or of svg.querySelectorAll('text.route-diagram-or')) {
      result.ors.push({box: rect(or.getBoundingClientRect()), size: size(or, ctm.a)});
    }
    for (const path of svg.querySelectorAll('path[marker-end]')) {
      const length = path.getTotalLength();
      for (let along = 0; along <= length; along += 2) {
        const p = path.getPointAtLength(along), q = at(p.x, p.y);
        result.arrowPoints.push([q.x, q.y]);
      }
      // The head: 14 units long and wide, ending at the tip.
      const tip = path.getPointAtLength(length), back = path.getPointAtLength(length - 7);
      const c = at(back.x, back.y), half = 8 * ctm.a;
      result.arrowAreas.push([c.x - half, c.y - half, c.x + half, c.y + half]);
    }
  } else {
    for (const step of flow.querySelectorAll('.route-flow-step')) {
      const name = step.querySelector('.route-flow-name');
      const style = getComputedStyle(step), outside = step.getBoundingClientRect();
      const border = (side) => parseFloat(style['border' + side + 'Width']);
      result.steps.push({
        name: name.textContent,
        inside: [outside.left + border('Left'), outside.top + border('Top'),
                 outside.right - border('Right'), outside.bottom - border('Bottom')],
        outside: rect(outside), text: textBox(name), size: size(name, 1)});
    }
    for (const or of flow.querySelectorAll('.route-flow-or')) {
      result.ors.push({box: textBox(or), size: size(or, 1)});
    }
    for (const arrow of flow.querySelectorAll('.route-flow-arrow')) {
      result.arrowAreas.push(rect(arrow.getBoundingClientRect()));
    }
  }
  return result;
}"""


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def contains(area, point, margin=1):
    return area[0] - margin <= point[0] <= area[2] + margin and (
        area[1] - margin <= point[1] <= area[3] + margin
    )


def problems_with(route, drawing, titles):
    """What is wrong with one route's drawing, in words (empty when all is well)."""
    found = []
    if len(drawing["shown"]) != 1:
        return [f"{route}: shows {drawing['shown']}, not one drawing"]
    names = [step["name"].replace("- ", "-") for step in drawing["steps"]]
    if names != titles:
        found.append(f"{route}: names {names} are not the steps {titles}")
    for step in drawing["steps"]:
        inside, text = step["inside"], step["text"]
        spare = min(text[0] - inside[0], text[1] - inside[1], inside[2] - text[2])
        spare = min(spare, inside[3] - text[3])
        if spare < SPARE:
            found.append(f"{route}: {step['name']!r} has {spare:.1f} px to spare")
        if step["size"] < SMALLEST:
            found.append(f"{route}: {step['name']!r} is {step['size']:.1f} px")
    for label in drawing["ors"]:
        if label["size"] < SMALLEST:
            found.append(f"{route}: an 'of' is {label['size']:.1f} px")
        if any(overlaps(label["box"], step["outside"]) for step in drawing["steps"]):
            found.append(f"{route}: an 'of' at {label['box']} touches a box")
        on_arrow = any(contains(label["box"], point) for point in drawing["arrowPoints"])
        if on_arrow or any(overlaps(label["box"], area) for area in drawing["arrowAreas"]):
            found.append(f"{route}: an 'of' at {label['box']} touches an arrow")
    return found


@pytest.fixture
def routes():
    """Every published route with its step names in the order the diagram draws them."""
    return {
        pathway.slug: [step.title for step in pathway.steps.order_by("order", "pk")]
        for pathway in Pathway.objects.published()
    }


def open_tab(browser, width, font=None, media="screen"):
    """A tab of `width` px, with `font` forced onto the diagram if given (that needs the
    CSP bypassed). JavaScript stays on for the measuring only: the page has none."""
    context = browser.new_context(
        locale="nl-NL", viewport={"width": width, "height": 900}, bypass_csp=font is not None
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.emulate_media(media=media)
    return context, tab


def check_routes(server, browser, routes, width, font=None, media="screen"):
    context, tab = open_tab(browser, width, font, media)
    found, shown = [], {}
    try:
        for slug, titles in routes.items():
            tab.goto(f"{server.url}/routes/{slug}/")
            if font:
                family = f'"{font}" !important'
                tab.add_style_tag(content=f".route-diagram-wrap * {{ font-family: {family}; }}")
            if media == "screen" and not no_sideways_scroll(tab):
                found.append(f"{slug}: the page scrolls sideways")
            drawing = tab.locator("#schema .route-diagram-wrap").evaluate(GEOMETRY)
            shown[slug] = drawing["shown"]
            found += problems_with(slug, drawing, titles)
    finally:
        context.close()
    return found, shown


@pytest.mark.parametrize("font", FONTS, ids=["paginafont", "dejavu", "liberation"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_route_diagram_fits_its_text(seeded_live_server, browser, routes, width, font):
    assert len(routes) >= 7  # the seed's routes; each is checked

    found, shown = check_routes(seeded_live_server, browser, routes, width, font)

    assert found == []
    if width == WIDTHS["laptop"]:
        assert all(drawing == ["svg"] for drawing in shown.values()), shown
    else:  # the wide routes as a column; the narrow ones fit as SVG
        assert shown["scholingstraject-hybride-techniekopleiders"] == ["flow"]
        assert shown["hybride-docentschap"] == ["flow"]
        assert shown["flexibele-leerroute"] == ["svg"]


def test_a_printed_route_shows_one_drawing_that_fits(seeded_live_server, browser, routes):
    found, shown = check_routes(seeded_live_server, browser, routes, 1280, media="print")

    assert found == []
    assert len(shown) == len(routes)


def test_the_column_says_where_a_step_leads_when_the_arrows_do_not(seeded_live_server, browser):
    context, tab = open_tab(browser, WIDTHS["telefoon"])
    tab.goto(seeded_live_server.url + "/routes/scholingstraject-hybride-techniekopleiders/")

    flow = tab.locator("#schema .route-flow")
    assert flow.get_attribute("role") == "img"
    assert flow.get_attribute("aria-labelledby") == "diagram-title diagram-desc"
    assert flow.locator(".route-flow-arrow").count() == 2  # step 1 to 2, step 2 to 3
    assert flow.locator(".route-flow-or").count() == 2
    assert flow.locator(".route-flow-then").all_inner_texts() == [
        "Verder met Tweedegraadsprogramma"
    ]
    assert tab.locator("#schema svg.route-diagram").is_hidden()
    assert tab.get_by_role("img", name="Schema van de route").count() == 1
    context.close()
