"""Cached pages are kept gzip-compressed too (pagecache/middleware.py, decision 0046):
a browser that accepts gzip gets the compressed copy, from the first request on, with
a weak ETag and `Vary: Accept-Encoding`; one that does not gets the page as before.
Pages that are not stored are never compressed by the site."""

import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}
PAGES = ["/", "/opleidingen/", "/opleidingen/?bij=Zwolle", "/opleidingen/download.csv"]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def visitor():
    return Client()


@pytest.mark.parametrize("url", PAGES)
def test_a_browser_that_accepts_gzip_gets_the_same_page_compressed(seeded_db, visitor, url):
    plain = visitor.get(url)
    first = visitor.get(url, **BROWSER)  # from the cache
    assert plain.status_code == first.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == plain.content
    assert int(first["Content-Length"]) == len(first.content) < len(plain.content) / 2
    assert plain["Vary"] == first["Vary"] == "Accept-Encoding"
    # The same page in another representation: the same ETag, made weak.
    assert plain["ETag"].startswith('"')
    assert first["ETag"] == "W/" + plain["ETag"]
    assert first["Content-Type"] == plain["Content-Type"]


def test_the_first_request_is_compressed_too_and_later_ones_cost_one_query(seeded_db, visitor):
    miss = visitor.get("/opleidingen/", **BROWSER)
    assert miss["Content-Encoding"] == "gzip"
    with CaptureQueriesContext(connection) as captured:
        hit = visitor.get("/opleidingen/", **BROWSER)
    assert len(captured) == 1  # the content version
    assert hit.content == miss.content
    assert hit["ETag"] == miss["ETag"]


@pytest.mark.parametrize("accept", ["", "identity", "deflate, br"])
def test_without_gzip_in_accept_encoding_the_page_is_not_compressed(seeded_db, visitor, accept):
    visitor.get("/opleidingen/", **BROWSER)  # the compressed copy is stored
    response = visitor.get("/opleidingen/", HTTP_ACCEPT_ENCODING=accept)
    assert "Content-Encoding" not in response.headers
    assert "<h1" in response.content.decode()
    assert response["ETag"].startswith('"')


def test_if_none_match_gets_304_with_either_etag(seeded_db, visitor):
    strong = visitor.get("/opleidingen/")["ETag"]
    weak = visitor.get("/opleidingen/", **BROWSER)["ETag"]
    for etag in (strong, weak):
        for headers in ({}, BROWSER):
            response = visitor.get("/opleidingen/", HTTP_IF_NONE_MATCH=etag, **headers)
            assert response.status_code == 304, (etag, headers)
            assert response.content == b""


def test_head_gets_the_length_of_the_compressed_page(seeded_db, visitor):
    body = visitor.get("/opleidingen/", **BROWSER).content
    head = visitor.head("/opleidingen/", **BROWSER)
    assert head["Content-Encoding"] == "gzip"
    assert head["Content-Length"] == str(len(body))
    assert head.content == b""


def test_a_short_page_is_kept_as_it_is(seeded_db, visitor):
    plain = visitor.get("/robots.txt")
    assert len(plain.content) < 200
    response = visitor.get("/robots.txt", **BROWSER)
    assert "Content-Encoding" not in response.headers
    assert response.content == plain.content


@pytest.mark.parametrize("url", ["/bestaat-niet/", "/beheer/login/", "/healthz"])
def test_pages_that_are_not_stored_are_not_compressed(seeded_db, visitor, url):
    response = visitor.get(url, **BROWSER)
    assert "Content-Encoding" not in response.headers
