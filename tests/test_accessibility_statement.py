"""The accessibility statement (/toegankelijkheid/): status, method, date and where to
report a problem. The axe scans of every page are in tests/browser/test_accessibility.py."""

import re

import pytest
from django.urls import reverse

from tests.helpers import html_of, position, toolkit_contact

pytestmark = pytest.mark.django_db


def test_accessibility_statement_gives_status_method_date_and_where_to_report(client):
    toolkit_contact()
    page = html_of(client.get(reverse("accessibility")))
    assert "C – eerste maatregelen genomen" in page
    assert '<time datetime="2026-11-24">24 november 2026</time>' in page
    for fact in ["axe-core", "Chromium", "toetsenbord", "360 pixels", "WCAG 2.1", "WCAG 2.2"]:
        assert fact in page, fact
    assert "Wat nog niet goed is" in page
    assert "Sterk Techniekonderwijs wil dat iedereen" in page
    report = page[position(page, 'id="melden"') :]
    assert 'href="mailto:info@sto.example"' in report
    assert not re.search(r"\b\d+\s*(werk)?dag", page)


def test_accessibility_statement_without_toolkit_contact_points_to_the_contact_page(client):
    page = html_of(client.get(reverse("accessibility")))
    report = page[position(page, 'id="melden"') :]
    assert f'href="{reverse("contact")}"' in report
    assert "Wij willen dat iedereen" in page
