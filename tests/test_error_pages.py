"""The 404 and 500 pages: in Dutch, with a way on; the 500 page without the database."""

import re

import pytest
from django.template import loader
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.helpers import position, toolkit_contact


@pytest.mark.django_db
def test_unknown_address_returns_the_dutch_404_page_with_a_programme_search_and_the_main_sections(
    client, settings, django_assert_max_num_queries
):
    assert settings.DEBUG is False
    toolkit_contact()
    with django_assert_max_num_queries(1):
        response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in page
    assert "bestaat niet, of niet meer" in page
    assert '<a href="/">' in page
    form = page[position(page, "<form") : position(page, "</form>")]
    assert 'method="get"' in form
    assert f'action="{reverse("programmes:programme_list")}"' in form
    assert position(form, '<label for="zoek-opleiding">') < position(form, 'id="zoek-opleiding"')
    assert 'name="zoek"' in form and '<button type="submit">' in form
    main = page[position(page, "<main") : position(page, "</main>")]
    for name in [
        "home",
        "programmes:programme_list",
        "pathways:pathway_list",
        "pathways:role_list",
        "pathways:resource_list",
        "sheet",
        "contact",
    ]:
        assert f'href="{reverse(name)}"' in main, name
    assert 'href="mailto:info@sto.example"' in main
    assert 'href="mailto:info@sto.example"' in page


def test_server_error_page_renders_without_database_or_context():
    # No django_db mark: any query would fail the test.
    page = loader.get_template("500.html").render()
    assert '<html lang="nl">' in page
    assert "Er ging iets mis" in page
    assert 'href="/"' in page

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="nl">' in page
    assert "<h1>Er ging iets mis</h1>" in page
    assert 'class="skip-link" href="#main-content"' in page
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/css/site.css"]
    for path in ["/", "/opleidingen/", "/routes/", "/contact/", "/toegankelijkheid/"]:
        assert f'href="{path}"' in page
    # The addresses written out in 500.html are the real ones.
    assert reverse("contact") == "/contact/" and reverse("accessibility") == "/toegankelijkheid/"
    assert reverse("programmes:programme_list") == "/opleidingen/"
    assert reverse("pathways:pathway_list") == "/routes/"
