"""The bounded states of the sheet, contact and compare pages are valid HTML too.

tests/test_html_validity.py checks every page type with the seed, where the sheet
shows all programmes, contact has one page and the compare form a checkbox per
programme. With many programmes these pages look different (a "more" line under
the sheet's table, paging on contact, a search field on compare), so those states
are checked here, with the same checker (skipped without Java, as there).
"""

import pytest
from django.urls import reverse

from .test_html_validity import _checker, html_problems

pytestmark = pytest.mark.django_db


def bounded_addresses(programmes):
    compare = reverse("programmes:programme_compare")
    slugs = [programme.slug for programme in programmes[:6]]
    return [
        reverse("sheet"),
        reverse("contact"),
        reverse("contact") + "?pagina=3",
        reverse("contact") + "?pagina=abc",
        compare,
        f"{compare}?opleiding={slugs[0]}&zoek=Testopleiding",
        f"{compare}?{'&'.join(f'opleiding={slug}' for slug in slugs)}&zoek=bestaatnergens",
        f"{compare}?opleiding=bestaat-niet&zoek=Testopleiding+001",
    ]


def test_bounded_sheet_contact_and_compare_pages_are_valid_html(client, many_programmes, tmp_path):
    command = _checker()
    files = {}
    for number, address in enumerate(bounded_addresses(many_programmes)):
        response = client.get(address)
        assert response.status_code == 200, address
        path = tmp_path / f"page-{number:02d}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = address

    assert html_problems(command, tmp_path, files) == []
