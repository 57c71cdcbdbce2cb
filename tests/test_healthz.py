"""/healthz (toolkit_site/health.py): 200 when the database answers, 503 when it
does not; never cached, no cookies, not in the sitemap."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

pytestmark = pytest.mark.django_db

URL = "/healthz"


@pytest.fixture(autouse=True)
def page_cache(settings):
    """With the page cache on, as in production: /healthz must still pass by it."""
    settings.PAGE_CACHE_ENABLED = True


def test_healthz_answers_ok_when_the_database_answers(client, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        response = client.get(URL)

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert captured.captured_queries[0]["sql"] == "SELECT 1"


def test_healthz_answers_503_when_the_database_fails(client, caplog):
    with mock.patch.object(
        CursorWrapper, "execute", side_effect=OperationalError("connection refused")
    ):
        response = client.get(URL)

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert "the database does not answer" in caplog.text


def test_healthz_is_never_cached_and_sets_no_cookies(client):
    first = client.get(URL)
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("down")):
        second = client.get(URL)

    assert first["Cache-Control"] == "no-store"
    assert "ETag" not in first and "Last-Modified" not in first
    assert second.status_code == 503  # not the stored 200
    assert not first.cookies and not second.cookies
    assert "Vary" not in first


def test_healthz_answers_head_and_refuses_other_methods(client):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_healthz_is_not_in_the_sitemap_or_robots_txt(client):
    assert URL not in client.get("/sitemap.xml").content.decode()
    assert "healthz" not in client.get("/robots.txt").content.decode()


def test_healthz_still_needs_an_allowed_host(client):
    assert client.get(URL, headers={"host": "load-balancer.internal"}).status_code == 400
