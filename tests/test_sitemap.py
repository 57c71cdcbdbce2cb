"""sitemap.xml lists every public page and nothing else; robots.txt points
crawlers to it and keeps them out of the admin, the compare page and the CSV."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.status import PublicationStatus
from pathways.models import Pathway, Step
from programmes.models import Programme
from toolkit_site.sitemaps import StaticViewSitemap

from . import factories as f

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
STATIC_URL_NAMES = [
    "home",
    "sheet",
    "contact",
    "accessibility",
    "privacy",
    "programmes:programme_list",
    "pathways:pathway_list",
    "pathways:role_list",
    "pathways:resource_list",
    "pathways:funding",
    "pathways:routewijzer",
]


def sitemap_entries(client):
    """{location: lastmod or None} of /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def absolute(path, host="http://testserver"):
    return f"{host}{path}"


def test_sitemap_lists_the_fixed_pages(client):
    entries = sitemap_entries(client)

    for name in STATIC_URL_NAMES:
        assert absolute(reverse(name)) in entries


def test_sitemap_leaves_out_the_compare_page_the_csv_and_the_admin(client):
    f.ProgrammeFactory()

    locations = " ".join(sitemap_entries(client))

    assert reverse("programmes:programme_compare") not in locations
    assert reverse("programmes:programme_csv") not in locations
    assert reverse("admin:index") not in locations


def test_sitemap_lists_published_programmes_with_their_last_change(client):
    published = f.ProgrammeFactory()
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT)
    archived = f.ProgrammeFactory(status=PublicationStatus.ARCHIVED)

    entries = sitemap_entries(client)

    last_change = timezone.localdate(published.updated_at).isoformat()
    assert entries[absolute(published.get_absolute_url())] == last_change
    assert absolute(draft.get_absolute_url()) not in entries
    assert absolute(archived.get_absolute_url()) not in entries


def test_sitemap_lists_published_pathways_and_their_steps_only(client):
    step = f.StepFactory()
    draft_step = f.StepFactory(pathway=f.PathwayFactory(status=PublicationStatus.DRAFT))

    entries = sitemap_entries(client)

    assert absolute(step.pathway.get_absolute_url()) in entries
    assert absolute(step.get_absolute_url()) in entries
    assert absolute(draft_step.pathway.get_absolute_url()) not in entries
    assert absolute(draft_step.get_absolute_url()) not in entries


def test_every_page_in_the_sitemap_opens(client, seeded_db):
    for location in sitemap_entries(client):
        path = location.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_sitemap_uses_site_url_when_set(client, settings):
    settings.SITE_URL = "https://docententoolkit.example"
    programme = f.ProgrammeFactory()

    entries = sitemap_entries(client)

    assert absolute(programme.get_absolute_url(), "https://docententoolkit.example") in entries
    assert all(loc.startswith("https://docententoolkit.example/") for loc in entries)


def test_sitemap_of_the_seed_holds_every_published_page(client, seeded_db):
    entries = sitemap_entries(client)

    expected = len(STATIC_URL_NAMES) + sum(
        [
            Programme.objects.published().count(),
            Pathway.objects.published().count(),
            Step.objects.public().count(),
        ]
    )
    assert len(entries) == expected


def test_sitemap_keeps_its_order_and_gives_lastmod_in_the_sites_time_zone(client, seeded_db):
    late = f.ProgrammeFactory()
    # 23:30 UTC is already the next day in Amsterdam.
    Programme.objects.filter(pk=late.pk).update(
        updated_at=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    )

    entries = sitemap_entries(client)

    assert entries[absolute(late.get_absolute_url())] == "2026-03-02"
    fixed = [absolute(reverse(name)) for name in StaticViewSitemap.url_names]
    programmes = [
        absolute(programme.get_absolute_url())
        for programme in Programme.objects.published().order_by("slug")
    ]
    assert list(entries)[: len(fixed) + len(programmes)] == fixed + programmes
    assert all(entries[location] is None for location in fixed)


def test_sitemap_entries_hold_only_an_address_and_a_last_change(client, seeded_db):
    root = ET.fromstring(client.get("/sitemap.xml").content)

    assert root.tag == f"{{{NS['sm']}}}urlset"
    children = {child.tag for url in root.findall("sm:url", NS) for child in url}
    assert children == {f"{{{NS['sm']}}}loc", f"{{{NS['sm']}}}lastmod"}


@pytest.mark.parametrize("fixture", ["seeded_db", "many_programmes"])
def test_sitemap_queries_do_not_grow_with_the_programmes(
    seeded_db, client, request, fixture, django_assert_max_num_queries
):
    request.getfixturevalue(fixture)

    # A count and a page for each of the three sections built from the database.
    with django_assert_max_num_queries(6):
        entries = sitemap_entries(client)
    assert len(entries) >= Programme.objects.published().count()


# --- robots.txt --------------------------------------------------------------


def test_robots_txt_is_plain_text_and_allows_the_public_site(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_keeps_crawlers_out_of_the_admin_compare_page_and_csv(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    assert disallowed == ["/beheer/", "/opleidingen/vergelijken/", "/opleidingen/download.csv"]


def test_robots_txt_gives_the_absolute_sitemap_address(client, settings):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()

    settings.SITE_URL = "https://docententoolkit.example"
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://docententoolkit.example/sitemap.xml" in text.splitlines()


def test_robots_txt_costs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/robots.txt")


def test_sitemap_elements_are_escaped_and_written_one_per_line():
    """The filter that writes the <url> elements escapes what Django's template would,
    and gives a date without a time."""
    from toolkit_site.templatetags.sitemap_tags import url_elements

    lastmod = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    url = {"location": "https://example.org/?a=1&b=<2>", "lastmod": lastmod}
    url |= {"changefreq": None, "priority": None, "alternates": []}
    assert url_elements([url, url | {"lastmod": None}]) == (
        "<url><loc>https://example.org/?a=1&amp;b=&lt;2&gt;</loc>"
        "<lastmod>2026-12-01</lastmod></url>\n"
        "<url><loc>https://example.org/?a=1&amp;b=&lt;2&gt;</loc></url>\n"
    )
