"""Helpers the test modules share: reading a page, counting its queries, parsing its
tags, and what the browser tests ask of a page. Fixtures live in the conftest.py files."""

from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext

# The accessibility rules the axe scans run: WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def html_of(response):
    """The page of a response that must be 200 OK, as text."""
    assert response.status_code == 200
    return response.content.decode()


def query_count(client, url):
    """How many queries a GET of `url` (which must answer 200) makes."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


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


# In the browser ---------------------------------------------------------------------


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
