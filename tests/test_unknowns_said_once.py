"""The public site says what is not known yet once per entry, not once per field.

Issue 13: with the seed, the sitemap's pages said "(Nog) niet bekend" 188 times
(bench/unknowns.py counts it); the goal is at most half of that. A page may not
tell a visitor to call ("bel") when the site knows no phone number at all.
"""

import re
from urllib.parse import urlsplit

import pytest

from bench.unknowns import visible_text
from pathways.models import OrganisationContact
from programmes.models import ProgrammeContact

pytestmark = pytest.mark.django_db

BEFORE_ISSUE_13 = 188


@pytest.fixture
def sitemap_pages(client, seeded_db):
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = visible_text(response.content.decode())
    return pages


def test_not_known_is_said_at_most_half_as_often_as_before(sitemap_pages):
    counts = {
        path: len(re.findall(r"niet bekend", text, re.IGNORECASE))
        for path, text in sitemap_pages.items()
    }
    assert sum(counts.values()) <= BEFORE_ISSUE_13 // 2, counts


def test_no_page_says_call_when_no_phone_number_is_known(sitemap_pages):
    assert not ProgrammeContact.objects.exclude(phone="").exists()
    assert not OrganisationContact.objects.exclude(phone="").exists()
    calling = {
        path
        for path, text in sitemap_pages.items()
        if re.search(r"\b(bel|bellen)\b", text, re.IGNORECASE)
    }
    assert calling == set()


def test_a_label_is_never_shown_as_a_value(sitemap_pages):
    """'Nog niet bekend' is a sentence of its own, never the name of a fact."""
    for path, text in sitemap_pages.items():
        assert not re.search(r"Nog niet bekend\s+voor welke", text), path
