"""What every public page has from the base template: Dutch, the skip link first, only
the site's own stylesheet, a canonical and a printed address on the right host, and
the toolkit contact in the footer; the site pages have one h1, set no cookies and keep
a fixed query budget with the seed and with 500 more programmes (`many_programmes`);
home and contact carry the organisation's schema.org data.

Each page type's own behaviour is in its own file: test_home.py, test_sheet.py,
test_contact.py, test_accessibility_statement.py, test_privacy_page.py,
test_error_pages.py, test_programme_page.py, test_route_pages.py, test_roles_page.py,
test_resources_page.py, test_directory.py, test_compare.py, test_routewijzer.py.
"""

import re

import pytest
from django.urls import reverse

from pathways.models import ContactPurpose
from tests import factories as f
from tests.helpers import html_of, json_ld_blocks, toolkit_contact

pytestmark = pytest.mark.django_db


SITE_PAGES = ["home", "sheet", "contact", "accessibility", "privacy"]


# Fixed budgets: they must not grow with the data (checked with 500 programmes).
# Contact: 8 since its programme list is paged (the paginator's count). Sheet: 11
# since it also counts the published programmes that are not on the printed sheet.
QUERY_BUDGETS = {"home": 5, "sheet": 11, "contact": 8, "accessibility": 2, "privacy": 2}


# The base template -------------------------------------------------------------


def test_every_page_is_dutch_with_the_skip_link_first_and_no_external_resources(client):
    page = html_of(client.get("/"))
    assert '<html lang="nl">' in page
    assert 'name="viewport"' in page
    first_link = re.search(r"<a\s[^>]*>.*?</a>", page, re.S).group(0)
    assert 'href="#main-content"' in first_link
    assert "Naar de inhoud" in first_link
    assert '<main id="main-content" tabindex="-1"' in page
    assert "<title>" in page and "— Docententoolkit techniek</title>" in page
    # The only resource loaded is our own stylesheet; the canonical link names this
    # page itself (on this host), not another site.
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/css/site.css"]
    assert re.findall(r'<link rel="canonical" href="([^"]+)"', page) == ["http://testserver/"]
    assert not re.search(r"<(?:img|script|iframe)[^>]+src=", page)
    assert "<script" not in page


def test_footer_shows_the_toolkit_contact_from_the_data(client):
    f.OrganisationContactFactory(
        purpose=ContactPurpose.TOOLKIT,
        email="info@toolkit.example",
        url="https://toolkit.example/meer",
    )
    page = html_of(client.get(reverse("pathways:role_list")))
    assert 'href="mailto:info@toolkit.example"' in page
    assert 'href="https://toolkit.example/meer"' in page


def test_a_printed_page_names_its_own_address_with_its_query_string(client):
    page = html_of(client.get("/opleidingen/?profiel=pie&zoek=a%20b"))
    assert (
        '<p class="print-only">Deze pagina staat op '
        "http://testserver/opleidingen/?profiel=pie&amp;zoek=a%20b" in page
    )
    # The canonical link leaves the filters out.
    assert '<link rel="canonical" href="http://testserver/opleidingen/">' in page


def test_site_url_fixes_the_host_of_canonical_and_printed_addresses(client, settings):
    settings.SITE_URL = "https://toolkit.example.nl"
    page = html_of(client.get("/rollen/"))
    assert '<link rel="canonical" href="https://toolkit.example.nl/rollen/">' in page
    assert '<meta property="og:url" content="https://toolkit.example.nl/rollen/">' in page
    assert "Deze pagina staat op https://toolkit.example.nl/rollen/" in page


# The site pages ----------------------------------------------------------------


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_has_one_h1_one_stylesheet_and_sets_no_cookies(client, name):
    response = client.get(reverse(name))
    page = html_of(response)
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/css/site.css"]
    # The privacy page promises that public pages set no cookies.
    assert response.cookies == {}
    assert "<script" not in page.replace('<script type="application/ld+json">', "")


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_query_count_is_fixed_with_many_programmes(
    client, many_programmes, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(QUERY_BUDGETS[name]):
        html_of(client.get(reverse(name)))


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_query_count_is_fixed_with_the_seed(
    client, seeded_db, django_assert_max_num_queries, name
):
    with django_assert_max_num_queries(QUERY_BUDGETS[name]):
        html_of(client.get(reverse(name)))


# schema.org --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "contact"])
def test_organisation_json_ld_is_built_from_the_toolkit_contact_only(client, name):
    toolkit_contact()
    page = html_of(client.get(reverse(name)))
    [data] = json_ld_blocks(page)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Sterk Techniekonderwijs",
        "alternateName": "STO",
        "url": "https://sto.example",
        "contactPoint": [
            {
                "@type": "ContactPoint",
                "contactType": "Contact over de toolkit",
                "email": "info@sto.example",
                "url": "https://sto.example/toolkit",
            }
        ],
    }


@pytest.mark.parametrize("name", ["home", "contact"])
def test_no_organisation_json_ld_without_a_toolkit_contact(client, name):
    page = html_of(client.get(reverse(name)))
    assert json_ld_blocks(page) == []
