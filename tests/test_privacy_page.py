"""The privacy statement (/privacy/): the staff's cookies as the settings make them, and
what the site does with contact persons' data."""

import pytest
from django.urls import reverse

from tests.helpers import html_of, position, toolkit_contact

pytestmark = pytest.mark.django_db


def test_privacy_page_names_the_staff_cookies_from_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * 24 * 60 * 60
    page = html_of(client.get(reverse("privacy")))
    cookies = page[position(page, "<table") : position(page, "</table>")]
    assert "<code>sessionid</code>" in cookies and "3 dagen" in cookies
    assert "<code>csrftoken</code>" in cookies and "364 dagen" in cookies
    assert "zetten geen cookies" in page


def test_privacy_page_explains_contact_persons_data_and_how_to_have_it_removed(client):
    toolkit_contact()
    page = html_of(client.get(reverse("privacy")))
    section = page[position(page, 'id="contactpersonen"') : position(page, 'id="andere-websites"')]
    for fact in [
        "persoonsgegevens",
        "Vanwege hun rol",
        "toolkitblad",
        "hogescholen",
        "verwijderen",
    ]:
        assert fact in section, fact
    assert 'href="mailto:info@sto.example"' in section
    assert "bit.ly" in page and "Autoriteit Persoonsgegevens" in page
