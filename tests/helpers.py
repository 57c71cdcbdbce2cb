"""Helpers the test modules share: reading a page, counting its queries, finding parts
of it, parsing its tags, building data several page tests need, and what the browser
tests ask of a page. Fixtures live in the conftest.py files."""

import json
import re
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose
from tests import factories as f

# The accessibility rules the axe scans run: WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def html_of(response):
    """The page of a response that must be 200 OK, as text."""
    assert response.status_code == 200
    return response.content.decode()


def get_html(client, url):
    """The page at `url`, which must answer 200 OK, as text."""
    return html_of(client.get(url))


def query_count(client, url):
    """How many queries a GET of `url` (which must answer 200) makes."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def position(page, text):
    """Where `text` first stands in the page; it must be there."""
    assert text in page, text
    return page.index(text)


def part(page, element_id):
    """The HTML from the element with this id up to the end of its section or nav."""
    start = page.index(f'id="{element_id}"')
    ends = [page.find(end, start) for end in ("</section>", "</nav>")]
    return page[start : min(end for end in ends if end != -1)]


def hrefs(html):
    return re.findall(r'href="([^"]+)"', html)


def json_ld_blocks(page):
    """The schema.org data of the page: each <script type="application/ld+json">, read."""
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ]


def assert_sound_structure(page):
    """One h1, and no id used twice (the diagrams must not clash)."""
    assert page.count("<h1") == 1
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, the text of every label and
    legend (with the id a label is for), and whether a form is nested in another."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs)
        self.labels = {}  # the `for` of a label -> its text
        self.label_texts = []  # the text of every label and legend
        self.nested_form = False
        self._open = []  # [tag, for, text] of labels and legends being read
        self._open_forms = 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("label", "legend"):
            self._open.append([tag, dict(attrs).get("for"), ""])
        if tag == "form":
            self.nested_form |= self._open_forms > 0
            self._open_forms += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self._open_forms -= 1
        if self._open and self._open[-1][0] == tag:
            _tag, target, text = self._open.pop()
            text = " ".join(text.split())
            self.label_texts.append(text)
            if target:
                self.labels[target] = text

    def handle_data(self, data):
        for item in self._open:
            item[2] += data

    @property
    def ids(self):
        """Every id on the page, in order, repeats included."""
        return [attrs["id"] for _tag, attrs in self.tags if "id" in attrs]

    def find(self, tag, **wanted):
        """The attributes of every `tag` whose attributes include `wanted`."""
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(key) == value for key, value in wanted.items())
        ]

    def one(self, tag, **wanted):
        found = self.find(tag, **wanted)
        assert len(found) == 1, (tag, wanted, found)
        return found[0]


# Data ------------------------------------------------------------------------------

# The seed's stepped side-entry route.
SIDE_ENTRY = "scholingstraject-hybride-techniekopleiders"


def step_url(slug, pathway=SIDE_ENTRY):
    return reverse("pathways:step_detail", kwargs={"pathway_slug": pathway, "slug": slug})


def toolkit_contact(**kwargs):
    """The toolkit's own contact (Sterk Techniekonderwijs), as the footer and the
    contact, accessibility and privacy pages show it."""
    organisation = f.OrganisationFactory(
        name="Sterk Techniekonderwijs",
        short_name="STO",
        website="https://sto.example",
        email="",
        description="",
    )
    defaults = {
        "organisation": organisation,
        "purpose": ContactPurpose.TOOLKIT,
        "role": "Contact over de toolkit",
        "email": "info@sto.example",
        "url": "https://sto.example/toolkit",
    }
    return f.OrganisationContactFactory(**{**defaults, **kwargs})


def build_route(rows=3, choices=1, status=PublicationStatus.PUBLISHED):
    """A route with everything its pages show: each step with a role, a yield,
    providers, funders, a programme, an offer and sources; the last row holds
    `choices` alternatives; every step leads to every step of the next row."""
    pathway = f.PathwayFactory(status=status, summary="Een gegenereerde route.")
    pathway.providers.add(f.OrganisationFactory())
    pathway.provider_institutions.add(f.InstitutionFactory())
    pathway.funders.add(f.OrganisationFactory())
    pathway.sources.add(f.SourceFactory())
    role = f.RoleFactory()
    previous, steps = [], []
    for order in range(1, rows + 1):
        row = []
        for _ in range(choices if order == rows else 1):
            step = f.StepFactory(
                pathway=pathway,
                order=order,
                duration="een jaar",
                yields=f.QualificationFactory(),
                leads_to_role=role,
            )
            step.providers.add(f.OrganisationFactory())
            step.provider_institutions.add(f.InstitutionFactory())
            step.funders.add(f.OrganisationFactory())
            step.sources.add(f.SourceFactory())
            step.programmes.add(f.ProgrammeFactory())
            f.StepOfferFactory(step=step).sources.add(f.SourceFactory())
            row.append(step)
        for before in previous:
            for after in row:
                f.TransitionFactory(from_step=before, to_step=after, credits="wat al gedaan is")
        previous = row
        steps.extend(row)
    return pathway, steps


# In the browser ---------------------------------------------------------------------


def expect(target, message=None):
    """Playwright's expect, which waits until the page meets it. Imported late: without
    playwright the browser fixture skips (or fails) the test with the reason, as
    tests/browser/conftest.py says."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target, message)


def no_sideways_scroll(tab):
    """Whether the page in the Playwright tab fits its width (no sideways scrolling),
    once it has loaded (after a click on a link it may still be on its way)."""
    tab.wait_for_load_state()
    return tab.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def axe_violations(tab):
    """axe-core's scan of the page in the tab for the WCAG rules above; the result has
    `violations_count` and `generate_report()`."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(
        tab,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
