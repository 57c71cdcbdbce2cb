"""The public page cache (pagecache/middleware.py) and the content version it keys
on (pagecache/): cached pages cost one query, every change of the content shows
at the very next request, staff always get fresh pages, conditional requests get
304s, and only plain public pages are stored. Also CACHES from CACHE_URL, and
static files compressed and cached forever under hashed names."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from editorial.models import LinkCheck
from editorial.status import PublicationStatus
from pagecache.models import ContentVersion, bump_content_version, current_version
from pathways.models import Pathway, TextBlock
from programmes.models import Programme, VocationalProfile
from toolkit_site.cache_url import cache_from_url

from . import factories as f
from .test_history import edit_in_admin
from .test_publishing import run_action

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
PROGRAMME = "windesheim-leraar-technisch-beroepsonderwijs"
PUBLIC_PAGES = [
    "/",
    "/opleidingen/",
    f"/opleidingen/{PROGRAMME}/",
    "/routes/",
    "/routes/zij-instroom-in-het-beroep/",
    "/rollen/",
    "/hulpbronnen/",
    "/contact/",
    "/opleiden-doe-je-samen/",
    "/sitemap.xml",
    "/robots.txt",
    "/opleidingen/download.csv",
]
ADVICE = (
    "/routewijzer/advies/?opleiding=hbo&ervaring=10&functie=bevoegd-docent"
    "&profiel=bwi&uren=8&plaats=Zwolle"
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache is on here (the test settings turn it off elsewhere)."""
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def visitor():
    """An anonymous visitor without cookies, apart from `staff_client` (which is
    the `client` fixture, logged in)."""
    return Client()


def page(response):
    return response.content.decode()


def version():
    return current_version().version


def stored_pages():
    """How many entries the (local memory) cache holds."""
    return len(caches["default"]._cache)


# --- Served from the cache -----------------------------------------------------------


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, ADVICE])
def test_a_second_anonymous_request_is_served_from_the_cache_with_one_query(
    seeded_db, visitor, django_assert_num_queries, url
):
    first = visitor.get(url)
    assert first.status_code == 200

    with django_assert_num_queries(1) as captured:
        second = visitor.get(url)

    assert "pagecache_contentversion" in captured.captured_queries[0]["sql"]
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_a_cached_page_keeps_its_own_headers_and_gets_the_security_headers_again(
    seeded_db, visitor
):
    first = visitor.get("/opleidingen/download.csv")
    second = visitor.get("/opleidingen/download.csv")

    for header in ("Content-Disposition", "X-Frame-Options", "Content-Length"):
        assert second[header] == first[header]
    # Added by the middleware above the cache on every response, never stored.
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
        assert second[header] == first[header]
    assert "Set-Cookie" not in second.headers
    # Only the compressed copy varies (tests/test_page_compression.py).
    assert second["Vary"] == first["Vary"] == "Accept-Encoding"
    assert not second.cookies


def test_a_miss_costs_the_page_s_own_queries_and_the_version(seeded_db, visitor, settings):
    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert visitor.get(url).status_code == 200
        return len(captured)

    settings.PAGE_CACHE_ENABLED = False
    rendered = count("/")
    settings.PAGE_CACHE_ENABLED = True

    assert count("/") == rendered + 1
    assert count("/") == 1


def test_query_strings_are_part_of_the_key(seeded_db, visitor, django_assert_num_queries):
    everything = visitor.get("/opleidingen/")
    filtered = visitor.get("/opleidingen/?profiel=groen")

    assert filtered.content != everything.content
    with django_assert_num_queries(1):
        assert visitor.get("/opleidingen/?profiel=groen").content == filtered.content
    with django_assert_num_queries(1):
        assert visitor.get("/opleidingen/").content == everything.content


def test_each_host_has_its_own_entry_as_pages_hold_absolute_links(seeded_db, visitor):
    on_testserver = page(visitor.get("/"))
    on_localhost = page(visitor.get("/", headers={"host": "localhost"}))

    assert "http://testserver/" in on_testserver
    assert "http://localhost/" in on_localhost and "http://testserver/" not in on_localhost


def test_a_host_that_is_not_allowed_gets_400_and_nothing_is_stored(seeded_db, visitor):
    response = visitor.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert stored_pages() == 0


def test_head_is_served_from_the_same_entry_with_the_same_headers(
    seeded_db, visitor, django_assert_num_queries
):
    url = f"/opleidingen/{PROGRAMME}/"
    get = visitor.get(url)
    with django_assert_num_queries(1):
        head = visitor.head(url)

    assert head.status_code == 200
    assert head.content == b""
    for header in ("ETag", "Last-Modified", "Cache-Control", "Content-Type", "Content-Length"):
        assert head[header] == get[header]


def test_head_before_any_get_gets_the_page_headers(seeded_db, visitor):
    head = visitor.head("/routes/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == visitor.get("/routes/")["ETag"]


def test_with_the_setting_off_nothing_is_cached(seeded_db, visitor, settings):
    settings.PAGE_CACHE_ENABLED = False
    visitor.get("/")
    with CaptureQueriesContext(connection) as captured:
        response = visitor.get("/")
    assert len(captured) > 1
    assert "pagecache" not in str(captured.captured_queries)
    assert "ETag" not in response


# --- The very next request after a change -----------------------------------------


def test_a_programme_edited_in_the_admin_shows_at_the_next_request(
    seeded_db, staff_client, visitor
):
    programme = Programme.objects.get(slug=PROGRAMME)
    assert "Leraar Technisch Beroepsonderwijs" in page(visitor.get(programme.get_absolute_url()))
    assert "Leraar Technisch Beroepsonderwijs" in page(visitor.get("/opleidingen/"))

    edit_in_admin(staff_client, programme, name="Leraar Techniek Nieuw")

    assert "Leraar Techniek Nieuw" in page(visitor.get(programme.get_absolute_url()))
    assert "Leraar Techniek Nieuw" in page(visitor.get("/opleidingen/"))


def test_a_text_block_edited_in_the_admin_shows_on_the_home_page_at_once(
    seeded_db, staff_client, visitor
):
    block = TextBlock.objects.get(slug="sheet-title")
    assert block.title in page(visitor.get("/"))

    edit_in_admin(staff_client, block, title="Een nieuwe titel voor het blad")

    assert "Een nieuwe titel voor het blad" in page(visitor.get("/"))


def test_a_route_edited_in_the_admin_shows_on_its_page_and_in_the_advice(
    seeded_db, staff_client, visitor
):
    advice = page(visitor.get(ADVICE))
    route = next(p for p in Pathway.objects.published() if p.name in advice)
    visitor.get(route.get_absolute_url())

    edit_in_admin(staff_client, route, name="Een route met een nieuwe naam")

    assert "Een route met een nieuwe naam" in page(visitor.get(route.get_absolute_url()))
    assert "Een route met een nieuwe naam" in page(visitor.get(ADVICE))


def test_archiving_with_the_admin_action_gives_410_at_the_next_request(
    seeded_db, staff_client, visitor
):
    programme = Programme.objects.get(slug=PROGRAMME)
    link = f'href="{programme.get_absolute_url()}"'
    assert visitor.get(programme.get_absolute_url()).status_code == 200
    assert link in page(visitor.get("/opleidingen/"))

    run_action(staff_client, Programme, "archive", [programme])

    assert visitor.get(programme.get_absolute_url()).status_code == 410
    assert link not in page(visitor.get("/opleidingen/"))


def test_a_change_in_code_shows_at_the_next_request(seeded_db, visitor):
    programme = Programme.objects.get(slug=PROGRAMME)
    visitor.get(programme.get_absolute_url())

    programme.summary = "Een heel nieuwe samenvatting."
    programme.save()

    assert "Een heel nieuwe samenvatting." in page(visitor.get(programme.get_absolute_url()))


def test_many_to_many_changes_show_at_the_next_request(seeded_db, visitor):
    programme = Programme.objects.get(slug=PROGRAMME)
    groen = VocationalProfile.objects.get(slug="groen")
    with_groen = "/opleidingen/?profiel=groen"
    assert programme.name not in page(visitor.get(with_groen))

    programme.profiles.add(groen)
    assert programme.name in page(visitor.get(with_groen))

    programme.profiles.remove(groen)
    assert programme.name not in page(visitor.get(with_groen))

    programme.profiles.add(groen)
    visitor.get(with_groen)
    groen.programmes.clear()
    assert programme.name not in page(visitor.get(with_groen))


def test_a_delete_shows_at_the_next_request(seeded_db, visitor):
    programme = Programme.objects.get(slug=PROGRAMME)
    contact = programme.contacts.first()
    assert contact.email in page(visitor.get(programme.get_absolute_url()))

    contact.delete()

    assert contact.email not in page(visitor.get(programme.get_absolute_url()))


def test_a_bulk_update_shows_once_the_version_is_raised_by_hand(seeded_db, visitor):
    """queryset.update() sends no signals: code that uses it calls bump_content_version()."""
    url = f"/opleidingen/{PROGRAMME}/"
    visitor.get(url)

    with transaction.atomic():
        Programme.objects.filter(slug=PROGRAMME).update(name="Bijgewerkt in bulk")
        assert "Bijgewerkt in bulk" not in page(visitor.get(url))  # the cache still answers
        bump_content_version()

    assert "Bijgewerkt in bulk" in page(visitor.get(url))


# --- The content version --------------------------------------------------------------


def test_loading_the_seed_with_raw_saves_raises_the_version(db):
    before = version()
    call_command("load_seed", verbosity=0)
    assert version() > before


def test_saves_deletes_and_m2m_changes_of_content_raise_the_version(db):
    programme = f.ProgrammeFactory()
    profile = f.VocationalProfileFactory()
    for change in (
        programme.save,
        lambda: programme.profiles.add(profile),
        lambda: programme.profiles.remove(profile),
        lambda: f.StepFactory(),
        lambda: f.ProgrammeSlugHistoryFactory(programme=programme),
        profile.delete,
    ):
        before = version()
        change()
        assert version() > before


def test_link_checks_and_history_rows_do_not_raise_the_version(db):
    programme = f.ProgrammeFactory()
    before = version()

    f.LinkCheckFactory(url="https://example.org/")
    LinkCheck.objects.all().delete()
    programme.history.first().save()

    assert version() == before


def test_a_rolled_back_change_rolls_back_its_version_too(db):
    programme = f.ProgrammeFactory()
    before = current_version()

    with pytest.raises(RuntimeError), transaction.atomic():
        programme.name = "Nooit opgeslagen"
        programme.save()
        assert version() == before.version + 1
        raise RuntimeError

    after = current_version()
    assert (after.version, after.changed_at) == (before.version, before.changed_at)


def test_the_key_changes_with_the_moment_even_if_a_restored_version_repeats_a_number(db):
    """A restored or new database may count from a lower number again; its pages
    must not meet those a shared cache holds for the old database."""
    before = current_version()
    ContentVersion.objects.filter(pk=1).update(version=before.version)  # the same number
    bump_content_version()
    ContentVersion.objects.filter(pk=1).update(version=before.version)

    assert current_version().key != before.key


def test_the_version_read_with_a_cursor_equals_what_the_orm_reads(db):
    """current_version() skips the ORM for speed; it must give the same aware moment."""
    bump_content_version()
    row = ContentVersion.objects.get(pk=1)
    current = current_version()

    assert (current.version, current.changed_at) == (row.version, row.changed_at)
    assert current.changed_at.utcoffset() == datetime.timedelta(0)


def test_the_excluded_paths_follow_a_change_of_the_url_configuration(settings):
    """The excluded paths are worked out once per URL configuration, not per request."""
    from pagecache import middleware as caching

    assert caching.excluded_prefixes() == (reverse("admin:index"), reverse("healthz"))
    default = settings.ROOT_URLCONF
    settings.ROOT_URLCONF = "tests.test_caching"  # this module's patterns: no admin
    assert caching.excluded_prefixes() == ()
    settings.ROOT_URLCONF = default
    assert caching.excluded_prefixes() == (reverse("admin:index"), reverse("healthz"))


def test_a_missing_row_reads_as_version_zero_and_the_next_change_makes_it_again(db):
    ContentVersion.objects.all().delete()
    assert current_version().version == 0

    f.SourceFactory()
    assert current_version().version == 1

    f.SourceFactory()
    assert current_version().version == 2


def test_migrate_raises_the_version(db):
    before = version()
    call_command("migrate", "pagecache", verbosity=0)
    assert version() > before


# --- Never cached ------------------------------------------------------------------------


def test_staff_with_a_session_never_get_a_cached_page(seeded_db, staff_client, visitor):
    programme = Programme.objects.get(slug=PROGRAMME)
    visitor.get(programme.get_absolute_url())  # cached for visitors

    Programme.objects.filter(pk=programme.pk).update(status=PublicationStatus.DRAFT)
    # No version raised on purpose: the visitors' entry is stale now, but staff
    # never read it.
    response = staff_client.get(programme.get_absolute_url())

    assert "Voorbeeld: deze opleiding is nog niet gepubliceerd" in page(response)
    assert "no-store" in response["Cache-Control"]


def test_a_preview_is_not_stored_for_visitors(seeded_db, staff_client, visitor):
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT, slug="nog-een-concept")

    assert staff_client.get(draft.get_absolute_url()).status_code == 200
    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_a_page_rendered_for_staff_is_not_stored(seeded_db, staff_client):
    assert staff_client.get("/routes/").status_code == 200
    assert stored_pages() == 0


def test_the_admin_is_never_cached(seeded_db, visitor):
    login = reverse("admin:login")
    visitor.get(login)
    assert visitor.get(login).status_code == 200
    assert stored_pages() == 0


@pytest.mark.parametrize("url", ["/opleidingen/bestaat-niet/", "/bestaat-niet/"])
def test_404_pages_are_not_cached(seeded_db, visitor, url):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert visitor.get(url).status_code == 404
        return len(captured)

    first = count()
    assert count() == first > 1  # rendered again: the version and the 404 page's own
    assert stored_pages() == 0


def test_the_archived_410_page_is_not_cached(seeded_db, visitor):
    programme = Programme.objects.get(slug=PROGRAMME)
    programme.status = PublicationStatus.ARCHIVED
    programme.save()

    assert visitor.get(programme.get_absolute_url()).status_code == 410
    response = visitor.get(programme.get_absolute_url())

    assert response.status_code == 410
    assert "ETag" not in response
    assert stored_pages() == 0


def test_a_redirect_from_an_old_slug_is_not_cached(seeded_db, visitor):
    programme = Programme.objects.get(slug=PROGRAMME)
    programme.slug = "nieuwe-slug"
    programme.save()

    response = visitor.get(f"/opleidingen/{PROGRAMME}/")

    assert response.status_code == 301
    assert stored_pages() == 0


def test_post_requests_pass_through(seeded_db, visitor):
    assert visitor.post("/opleidingen/").status_code == 405
    assert stored_pages() == 0


# Views that may not be stored, and one that may, behind the same middleware.
calls = {}


def counted(name, make):
    def view(request):
        calls[name] = calls.get(name, 0) + 1
        return make()

    return view


def with_cookie():
    response = HttpResponse("koekje")
    response.set_cookie("voorkeur", "1")
    return response


def varying():
    response = HttpResponse("hangt af")
    patch_vary_headers(response, ["Cookie"])
    return response


def private():
    response = HttpResponse("voor u")
    patch_cache_control(response, private=True)
    return response


def no_store():
    response = HttpResponse("niet bewaren")
    patch_cache_control(response, no_store=True)
    return response


urlpatterns = [
    path("plain/", counted("plain", lambda: HttpResponse("gewoon"))),
    path("cookie/", counted("cookie", with_cookie)),
    path("vary/", counted("vary", varying)),
    path("private/", counted("private", private)),
    path("no-store/", counted("no-store", no_store)),
    path("stream/", counted("stream", lambda: StreamingHttpResponse(iter([b"a", b"b"])))),
    path("created/", counted("created", lambda: HttpResponse("nieuw", status=201))),
]


@pytest.mark.urls("tests.test_caching")
@pytest.mark.parametrize(
    ("name", "views_run"),
    [
        ("plain", 1),
        ("cookie", 2),
        ("vary", 2),
        ("private", 2),
        ("no-store", 2),
        ("stream", 2),
        ("created", 2),
    ],
)
def test_only_plain_public_responses_are_stored(visitor, name, views_run):
    calls.clear()
    first = visitor.get(f"/{name}/")
    second = visitor.get(f"/{name}/")

    assert calls[name] == views_run
    assert second.status_code == first.status_code
    if name == "cookie":
        assert second.cookies["voorkeur"].value == "1"


@pytest.mark.urls("tests.test_caching")
def test_a_response_that_is_not_stored_still_answers_if_none_match(visitor):
    calls.clear()
    etag = visitor.get("/cookie/")["ETag"]

    response = visitor.get("/cookie/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert calls["cookie"] == 2  # rendered again, as it was not stored


def test_a_failing_cache_backend_still_serves_the_page(seeded_db, visitor, caplog):
    cache = caches["default"]
    with (
        mock.patch.object(cache, "get", side_effect=ConnectionError("down")),
        mock.patch.object(cache, "set", side_effect=ConnectionError("down")),
    ):
        response = visitor.get("/routes/")

    assert response.status_code == 200
    assert "Page cache unavailable" in caplog.text


# --- Conditional requests ---------------------------------------------------------------


def test_a_cached_page_has_a_strong_etag_last_modified_and_must_be_revalidated(seeded_db, visitor):
    response = visitor.get("/")

    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Last-Modified"] == http_date(current_version().changed_at.timestamp())
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_if_none_match_gets_304_from_the_cache(seeded_db, visitor, django_assert_num_queries):
    etag = visitor.get("/opleidingen/")["ETag"]

    with django_assert_num_queries(1):
        response = visitor.get("/opleidingen/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_none_match_gets_304_on_a_miss_and_the_page_is_stored(
    seeded_db, visitor, django_assert_num_queries
):
    etag = visitor.get("/opleidingen/")["ETag"]
    caches["default"].clear()

    assert visitor.get("/opleidingen/", headers={"if-none-match": etag}).status_code == 304
    with django_assert_num_queries(1):
        assert visitor.get("/opleidingen/").status_code == 200


def test_if_modified_since_gets_304_until_the_content_changes(seeded_db, visitor):
    last_modified = visitor.get("/routes/")["Last-Modified"]

    not_modified = visitor.get("/routes/", headers={"if-modified-since": last_modified})
    assert not_modified.status_code == 304

    with mock.patch("django.utils.timezone.now", return_value=_one_minute_later()):
        f.TextBlockFactory()
    modified = visitor.get("/routes/", headers={"if-modified-since": last_modified})
    assert modified.status_code == 200
    assert modified["Last-Modified"] != last_modified


def _one_minute_later():
    return current_version().changed_at + datetime.timedelta(minutes=1)


def test_an_unchanged_page_keeps_its_etag_after_other_content_changes(seeded_db, visitor):
    etag = visitor.get("/privacy/")["ETag"]

    f.ProgrammeFactory()  # not on the privacy page

    assert visitor.get("/privacy/", headers={"if-none-match": etag}).status_code == 304


def test_a_changed_page_gets_a_new_etag_and_a_full_answer(seeded_db, visitor):
    programme = Programme.objects.get(slug=PROGRAMME)
    etag = visitor.get(programme.get_absolute_url())["ETag"]

    programme.summary = "Nieuw."
    programme.save()
    response = visitor.get(programme.get_absolute_url(), headers={"if-none-match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_head_with_if_none_match_gets_304(seeded_db, visitor):
    etag = visitor.get("/rollen/")["ETag"]
    assert visitor.head("/rollen/", headers={"if-none-match": etag}).status_code == 304


# --- CACHES from CACHE_URL ------------------------------------------------------------


@pytest.mark.parametrize("url", [None, "", "locmem://"])
def test_cache_url_defaults_to_local_memory(url):
    assert cache_from_url(url)["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    "url", ["redis://cache:6379/0", "rediss://:geheim@cache.example:6380/1", "unix:///run/r.sock"]
)
def test_cache_url_redis_is_shared_and_gives_up_quickly(url):
    config = cache_from_url(url)
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == url
    assert config["OPTIONS"]["socket_connect_timeout"] <= 1


def test_cache_url_dummy_caches_nothing():
    assert cache_from_url("dummy://")["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"


def test_an_unknown_cache_url_is_refused_without_showing_its_password():
    with pytest.raises(ImproperlyConfigured) as error:
        cache_from_url("memcached://user:geheim@cache:11211")
    assert "memcached" in str(error.value)
    assert "geheim" not in str(error.value)


def test_the_redis_client_package_is_installed():
    """RedisCache imports it only when first used: a missing package would show
    only on the first request of a server that has CACHE_URL=redis://..."""
    import redis

    assert redis.Redis


def test_cache_url_from_the_environment_reaches_the_settings():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "toolkit_site.settings.local",
            "CACHE_URL": "redis://127.0.0.1:6379/2",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


# --- Static files --------------------------------------------------------------------

STATIC_PROBE = """
import json, django
django.setup()
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client
from django.test.utils import CaptureQueriesContext

call_command("collectstatic", interactive=False, verbosity=0)
hashed = staticfiles_storage.url("css/site.css")
client = Client()
result = {"hashed": hashed}
for name, url, encoding in [
    ("br", hashed, "br, gzip"),
    ("gzip", hashed, "gzip"),
    ("plain", hashed, ""),
    ("unhashed", "/static/css/site.css", "gzip"),
]:
    response = client.get(url, headers={"accept-encoding": encoding}, secure=True)
    result[name] = {"status": response.status_code, **dict(response.headers)}
print(json.dumps(result))
"""


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """collectstatic with the production settings into an empty folder, then
    requests through whitenoise, in a separate process."""
    var_dir = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "toolkit_site.settings.prod",
        "DJANGO_SECRET_KEY": "static-files-test-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "TOOLKIT_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", STATIC_PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), var_dir


def test_hashed_static_files_are_cached_forever(collected_static):
    result, _var_dir = collected_static
    assert result["hashed"] != "/static/css/site.css"  # a name with the content's hash
    for name in ("br", "gzip", "plain"):
        response = result[name]
        assert response["status"] == 200
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"


def test_static_files_are_served_compressed_with_brotli_or_gzip(collected_static):
    result, var_dir = collected_static
    assert result["br"]["Content-Encoding"] == "br"
    assert result["gzip"]["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in result["plain"]
    assert "Accept-Encoding" in result["br"]["Vary"]
    assert int(result["br"]["Content-Length"]) < int(result["plain"]["Content-Length"])
    css = list((var_dir / "staticfiles" / "css").glob("site.*.css"))
    assert {p.suffix for p in (var_dir / "staticfiles" / "css").iterdir()} >= {".css", ".gz", ".br"}
    assert css


def test_an_unhashed_static_name_is_not_cached_forever(collected_static):
    result, _var_dir = collected_static
    unhashed = result["unhashed"]
    assert unhashed["status"] == 200
    assert "immutable" not in unhashed["Cache-Control"]
