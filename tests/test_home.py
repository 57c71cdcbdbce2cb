"""The home page (/): three ways in, the profiles with published programmes and their
counts, the toolkit's themes, and a link to the sheet. Its query budget, JSON-LD and
base template are checked in test_every_page.py."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from editorial.status import PublicationStatus
from tests import factories as f
from tests.helpers import html_of

pytestmark = pytest.mark.django_db


def test_home_offers_three_ways_in_as_headed_links(client):
    page = html_of(client.get(reverse("home")))
    for anchor, heading, url in [
        ("vind-een-opleiding", "Vind een opleiding", reverse("programmes:programme_list")),
        (
            "routes-en-rollen",
            "Routes voor zij-instromers en andere rollen",
            reverse("pathways:pathway_list"),
        ),
        ("hulpbronnen-en-contact", "Hulpbronnen en contact", reverse("pathways:resource_list")),
    ]:
        assertInHTML(f'<h2 id="{anchor}"><a href="{url}">{heading}</a></h2>', page)
    for name in ["pathways:role_list", "contact", "sheet"]:
        assert f'href="{reverse(name)}"' in page
    assert "Het toolkitblad op het web" in page
    # The sheet and its table live on their own page; home stays light.
    assert "<table" not in page


def test_home_links_each_profile_that_has_published_programmes_with_their_count(client):
    pie = f.VocationalProfileFactory(name="Produceren, installeren en energie", code="PIE")
    bwi = f.VocationalProfileFactory(name="Bouwen, wonen en interieur", code="BWI")
    empty = f.VocationalProfileFactory(name="Maritiem en techniek", code="MaT")
    for programme in f.ProgrammeFactory.create_batch(2):
        programme.profiles.add(pie)
    f.ProgrammeFactory().profiles.add(bwi, pie)
    f.ProgrammeFactory(status=PublicationStatus.DRAFT).profiles.add(bwi, empty)

    page = html_of(client.get(reverse("home")))

    directory = reverse("programmes:programme_list")
    assert f'href="{directory}?profiel={pie.slug}">Produceren, installeren en energie (PIE)' in page
    assertInHTML(
        f'<li><a href="{directory}?profiel={pie.slug}">Produceren, installeren en energie (PIE)'
        '</a> <span class="count">3 opleidingen</span></li>',
        page,
    )
    assertInHTML(
        f'<li><a href="{directory}?profiel={bwi.slug}">Bouwen, wonen en interieur (BWI)</a> '
        '<span class="count">1 opleiding</span></li>',
        page,
    )
    assert f"?profiel={empty.slug}" not in page  # only a draft programme
    assert "Zoek tussen 3 lerarenopleidingen" in page


def test_home_says_so_when_there_are_no_programmes_yet(client):
    page = html_of(client.get(reverse("home")))
    assert "Er staan nog geen opleidingen op de site." in page
    assert "?profiel=" not in page


def test_home_shows_the_toolkit_themes_and_names_the_sheet_from_the_data(client):
    f.TextBlockFactory(slug="sheet-title", title="Opleiden doe je samen!", body="Docententoolkit")
    f.TextBlockFactory(slug="toolkit-themes", title="Drie themas", body="Slim organiseren.")
    page = html_of(client.get(reverse("home")))
    assert "Lees het toolkitblad “Opleiden doe je samen!”" in page
    assert "Drie themas" in page and "Slim organiseren." in page
    assert (
        "<title>Nieuwe docenten voor het technisch vmbo — Docententoolkit techniek</title>" in page
    )
