"""`manage.py check_links` and the admin's link filter and column.

Every check runs against a small HTTP server that the tests start on 127.0.0.1,
never against the internet. Its endpoints play the cases a real site shows:
working, missing, failing, redirected (as bit.ly does), looping, refusing HEAD,
and too slow.
"""

import socket
import threading
import time
import urllib.error
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial.linkcheck.addresses import collect_urls
from editorial.linkcheck.checking import (
    UNKNOWN_HOST,
    check_url,
    default_user_agent,
    describe_error,
)
from editorial.models import LinkCheck
from pathways.models import Organisation, OrganisationContact, Resource, StepOffer
from programmes.models import Institution, Programme, ProgrammeLink, Source

from . import factories as f

pytestmark = pytest.mark.django_db

SLOW = 1.5  # seconds the /slow endpoint waits; well past TINY_TIMEOUT
TINY_TIMEOUT = 0.5
PAUSE = 0.6  # seconds each /pause endpoint waits; within the timeout


# --- The local server ----------------------------------------------------------

REDIRECTS = {
    "/moved": (301, "/moved-again"),
    "/moved-again": (301, "/ok"),
    "/loop": (302, "/loop-back"),
    "/loop-back": (302, "/loop"),
}


class Handler(BaseHTTPRequestHandler):
    """Answers by path; records each request as (method, path, user agent)."""

    requests = []

    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer(body=True)

    def answer(self, body):
        path = self.path.split("?")[0]
        type(self).requests.append((self.command, self.path, self.headers.get("User-Agent")))
        if path in REDIRECTS:
            code, location = REDIRECTS[path]
            self.reply(code, body, location=location)
        elif path == "/ok":
            self.reply(200, body)
        elif path == "/missing":
            self.reply(404, body)
        elif path == "/broken":
            self.reply(500, body)
        elif path == "/no-head":
            self.reply(405 if self.command == "HEAD" else 200, body)
        elif path == "/slow":
            time.sleep(SLOW)
            self.reply(200, body)
        elif path == "/pause":
            time.sleep(PAUSE)
            self.reply(200, body)
        else:
            self.reply(404, body)

    def reply(self, code, body, location=None):
        content = b"<!doctype html><title>test</title>"
        try:
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if body:
                self.wfile.write(content)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up (time-out); nothing to answer

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # don't wait for a /slow answer nobody reads

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Talk to the local server directly, even where the environment names a proxy."""
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def requests_seen():
    Handler.requests.clear()
    return Handler.requests


@pytest.fixture
def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def run_check_links(*args):
    out = StringIO()
    call_command("check_links", *args, stdout=out)
    return out.getvalue()


def check(url, **options):
    """Runs the command for a site that links to this one address; returns its result."""
    f.ProgrammeLinkFactory(url=url, programme__institution__website="")
    run_check_links(*(f"--{key}={value}" for key, value in options.items()))
    return LinkCheck.objects.get(url=url)


# --- Recording what a check finds ----------------------------------------------


def test_working_address_is_recorded_as_ok(server):
    before = timezone.now()
    result = check(f"{server}/ok")

    assert result.ok is True
    assert result.status_code == 200
    assert result.final_url == f"{server}/ok"
    assert result.redirected is False
    assert result.error == ""
    assert result.checked_at >= before


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [("/missing", 404, "Pagina niet gevonden (404)"), ("/broken", 500, "Fout bij de server (500)")],
)
def test_error_status_is_recorded_as_broken_with_its_status(server, path, status, error):
    result = check(f"{server}{path}")

    assert result.ok is False
    assert result.status_code == status
    assert result.error == error


def test_redirect_chain_records_the_final_address_and_keeps_using_head(server, requests_seen):
    result = check(f"{server}/moved")

    assert result.ok is True
    assert result.status_code == 200
    assert result.final_url == f"{server}/ok"
    assert result.redirected is True
    assert [(method, path) for method, path, _ua in requests_seen] == [
        ("HEAD", "/moved"),
        ("HEAD", "/moved-again"),
        ("HEAD", "/ok"),
    ]


def test_redirect_loop_is_recorded_as_broken_without_hanging(server):
    started = time.monotonic()
    result = check(f"{server}/loop")

    assert time.monotonic() - started < 5
    assert result.ok is False
    assert result.status_code == 302
    assert result.redirected is True
    assert "kringloop" in result.error


def test_server_that_refuses_head_is_checked_with_get(server, requests_seen):
    result = check(f"{server}/no-head")

    assert result.ok is True
    assert result.status_code == 200
    assert [(method, path) for method, path, _ua in requests_seen] == [
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
    ]


def test_slow_server_is_recorded_as_a_time_out(server):
    started = time.monotonic()
    result = check(f"{server}/slow", timeout=TINY_TIMEOUT)

    assert time.monotonic() - started < SLOW
    assert result.ok is False
    assert result.status_code is None
    assert result.error == "Time-out: geen antwoord binnen 0.5 seconden"


def test_refused_connection_is_recorded_as_broken(closed_port_url):
    result = check(closed_port_url)

    assert result.ok is False
    assert result.status_code is None
    assert "Verbinding geweigerd" in result.error


def test_unknown_host_fails_fast():
    started = time.monotonic()
    result = check("http://nonexistent.invalid/")

    assert time.monotonic() - started < 1
    assert result.ok is False
    assert result.error == UNKNOWN_HOST


def test_dns_failure_is_explained_as_an_unknown_host():
    error = urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    assert describe_error(error, timeout=10) == UNKNOWN_HOST


def test_address_other_than_http_is_not_fetched():
    result = check_url("ftp://bestanden.example/lijst.txt")

    assert result.ok is False
    assert "http" in result.error


def test_requests_name_the_site_in_their_user_agent(server, requests_seen, settings):
    settings.SITE_URL = "https://docententoolkit.example"
    check(f"{server}/ok")

    user_agent = requests_seen[0][2]
    assert user_agent == default_user_agent()
    assert "DocententoolkitTechniek" in user_agent
    assert "https://docententoolkit.example" in user_agent


def test_workers_check_addresses_at_the_same_time(server):
    urls = [f"{server}/pause?n={n}" for n in range(4)]
    for url in urls:
        f.ProgrammeLinkFactory(url=url, programme__institution__website="")

    started = time.monotonic()
    run_check_links("--workers=4", "--timeout=5")
    elapsed = time.monotonic() - started

    assert LinkCheck.objects.filter(url__in=urls, ok=True).count() == 4
    assert elapsed < PAUSE * len(urls) * 0.7  # one after the other would take 2.4 s


def test_rerun_updates_the_existing_result(server):
    url = f"{server}/ok"
    f.ProgrammeLinkFactory(url=url, programme__institution__website="")
    last_week = timezone.now() - timedelta(days=7)
    f.LinkCheckFactory(url=url, ok=False, status_code=500, error="Fout", checked_at=last_week)

    run_check_links()

    result = LinkCheck.objects.get(url=url)
    assert LinkCheck.objects.count() == 1
    assert (result.ok, result.status_code, result.error) == (True, 200, "")
    assert result.checked_at > last_week


def test_only_broken_rechecks_only_addresses_that_did_not_work(server):
    working, broken, unchecked = (f"{server}/ok?{n}" for n in ("a", "b", "c"))
    for url in (working, broken, unchecked):
        f.ProgrammeLinkFactory(url=url, programme__institution__website="")
    last_week = timezone.now() - timedelta(days=7)
    f.LinkCheckFactory(url=working, ok=True, checked_at=last_week)
    f.LinkCheckFactory(url=broken, ok=False, status_code=500, checked_at=last_week)

    output = run_check_links("--only-broken")

    assert LinkCheck.objects.get(url=working).checked_at == last_week
    assert LinkCheck.objects.get(url=broken).ok is True
    assert LinkCheck.objects.get(url=broken).checked_at > last_week
    assert not LinkCheck.objects.filter(url=unchecked).exists()
    assert "1 adres gecontroleerd, 0 werken niet." in output


def test_older_than_skips_addresses_checked_recently(server):
    recent, old, never = (f"{server}/ok?{n}" for n in ("a", "b", "c"))
    for url in (recent, old, never):
        f.ProgrammeLinkFactory(url=url, programme__institution__website="")
    yesterday = timezone.now() - timedelta(days=1)
    last_month = timezone.now() - timedelta(days=30)
    f.LinkCheckFactory(url=recent, checked_at=yesterday)
    f.LinkCheckFactory(url=old, checked_at=last_month)

    run_check_links("--older-than=7")

    assert LinkCheck.objects.get(url=recent).checked_at == yesterday
    assert LinkCheck.objects.get(url=old).checked_at > last_month
    assert LinkCheck.objects.filter(url=never).exists()


def test_command_prints_a_dutch_summary_and_succeeds_with_broken_links(server):
    for path in ("/ok", "/missing", "/broken"):
        f.ProgrammeLinkFactory(url=f"{server}{path}", programme__institution__website="")

    output = run_check_links()  # raises on a non-zero exit

    assert "3 adressen gecontroleerd, 2 werken niet." in output
    assert f"✗ {server}/missing: Pagina niet gevonden (404)" in output


def test_command_warns_when_no_server_answers_at_all(closed_port_url):
    f.ProgrammeLinkFactory(url=closed_port_url, programme__institution__website="")
    f.ProgrammeLinkFactory(url="http://nonexistent.invalid/", programme__institution__website="")

    output = run_check_links()

    assert "2 adressen gecontroleerd, 2 werken niet." in output
    assert "Controleer de internetverbinding van deze server" in output


def test_command_does_not_warn_about_the_connection_when_servers_answer(server):
    f.ProgrammeLinkFactory(url=f"{server}/missing", programme__institution__website="")
    f.ProgrammeLinkFactory(url="http://nonexistent.invalid/", programme__institution__website="")

    output = run_check_links()

    assert "2 adressen gecontroleerd, 2 werken niet." in output
    assert "internetverbinding" not in output


def test_command_mentions_results_of_addresses_no_longer_linked(server):
    f.ProgrammeLinkFactory(url=f"{server}/ok", programme__institution__website="")
    f.LinkCheckFactory(url="https://weg.example/")

    output = run_check_links()

    assert "1 opgeslagen resultaat hoort bij een adres dat de site niet meer toont" in output
    assert LinkCheck.objects.filter(url="https://weg.example/").exists()


@pytest.mark.parametrize("option", ["--workers=0", "--workers=100", "--timeout=0"])
def test_command_refuses_impossible_options(option):
    with pytest.raises(CommandError):
        call_command("check_links", option, stdout=StringIO())


def test_every_address_the_site_shows_is_collected_once():
    institution = f.InstitutionFactory(website="https://hogeschool.example/")
    f.ProgrammeLinkFactory(programme__institution=institution, url="https://bit.ly/opleiding")
    f.ProgrammeLinkFactory(programme__institution=institution, url="https://bit.ly/gedeeld")
    f.InstitutionFactory(website="")
    organisation = f.OrganisationFactory(website="https://fonds.example/")
    f.OrganisationContactFactory(organisation=organisation, url="https://fonds.example/coach")
    f.ResourceFactory(url="https://bit.ly/gedeeld", organisation=None)
    f.ResourceFactory(url="")
    f.StepOfferFactory(institution=institution, url="https://aanbod.example/")
    f.SourceFactory(url="https://bron.example/rapport.pdf")

    assert collect_urls() == [
        "https://aanbod.example/",
        "https://bit.ly/gedeeld",
        "https://bit.ly/opleiding",
        "https://bron.example/rapport.pdf",
        "https://fonds.example/",
        "https://fonds.example/coach",
        "https://hogeschool.example/",
    ]


# --- The admin ---------------------------------------------------------------------

BROKEN = "https://kapot.example/"
WORKING = "https://werkt.example/"
UNCHECKED = "https://nieuw.example/"


@pytest.fixture
def results():
    f.LinkCheckFactory(url=BROKEN, ok=False, status_code=404, error="Pagina niet gevonden (404)")
    f.LinkCheckFactory(url=WORKING, ok=True)


def admin_url(model, view="changelist"):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def listed(client, model, **params):
    response = client.get(admin_url(model), params)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def programme_with_links(*urls):
    programme = f.ProgrammeFactory()
    for url in urls:
        f.ProgrammeLinkFactory(programme=programme, url=url)
    return programme


# One way to make an entry with a given address (or without one: None) per admin.
ENTRY_WITH_ADDRESS = {
    ProgrammeLink: lambda url: f.ProgrammeLinkFactory(url=url),
    Programme: lambda url: programme_with_links(*([url] if url else [])),
    Institution: lambda url: f.InstitutionFactory(website=url or ""),
    Source: lambda url: f.SourceFactory(url=url or ""),
    Organisation: lambda url: f.OrganisationFactory(website=url or ""),
    OrganisationContact: lambda url: f.OrganisationContactFactory(url=url or ""),
    Resource: lambda url: f.ResourceFactory(url=url or ""),
    StepOffer: lambda url: f.StepOfferFactory(url=url or ""),
}


@pytest.mark.parametrize("model", ENTRY_WITH_ADDRESS, ids=lambda model: model.__name__)
def test_link_filter_finds_broken_working_and_unchecked_entries(staff_client, results, model):
    make = ENTRY_WITH_ADDRESS[model]
    broken, working, unchecked = make(BROKEN), make(WORKING), make(UNCHECKED)
    without_address = make(None) if model is not ProgrammeLink else None

    assert listed(staff_client, model, link="werkt-niet") == {broken}
    assert listed(staff_client, model, link="werkt") == {working}
    assert listed(staff_client, model, link="nog-niet-gecontroleerd") == {unchecked}
    everything = {broken, working, unchecked, without_address} - {None}
    assert listed(staff_client, model) >= everything


def test_programme_with_one_broken_link_among_working_ones_counts_as_broken(staff_client, results):
    mixed = programme_with_links(WORKING, BROKEN)
    half_checked = programme_with_links(WORKING, UNCHECKED)
    all_working = programme_with_links(WORKING)

    assert listed(staff_client, Programme, link="werkt-niet") == {mixed}
    assert listed(staff_client, Programme, link="nog-niet-gecontroleerd") == {half_checked}
    assert listed(staff_client, Programme, link="werkt") == {all_working}


def test_link_column_shows_the_state_in_words(staff_client, results):
    for url in (BROKEN, WORKING, UNCHECKED):
        f.ProgrammeLinkFactory(url=url)

    content = staff_client.get(admin_url(ProgrammeLink)).content.decode()

    assert "✗ werkt niet: Pagina niet gevonden (404)" in content
    assert "✓ werkt" in content
    assert "? nog niet gecontroleerd" in content


def test_programme_column_shows_the_state_of_its_links(staff_client, results):
    programme_with_links(WORKING, BROKEN)
    programme_with_links()

    content = staff_client.get(admin_url(Programme)).content.decode()

    assert "✗ werkt niet" in content
    assert "– geen adres" in content


def count_queries(client, model, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model), params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", [ProgrammeLink, Programme], ids=lambda model: model.__name__)
@pytest.mark.parametrize("link", ["", "werkt-niet", "werkt", "nog-niet-gecontroleerd"])
def test_link_column_and_filter_queries_do_not_grow_with_the_entries(
    staff_client, results, model, link
):
    make = ENTRY_WITH_ADDRESS[model]
    for url in (BROKEN, WORKING, UNCHECKED):
        make(url)
    with_three = count_queries(staff_client, model, link=link)

    for _ in range(5):
        for url in (BROKEN, WORKING, UNCHECKED):
            make(url)
    with_eighteen = count_queries(staff_client, model, link=link)

    assert with_eighteen == with_three


def test_link_check_list_shows_broken_results_first(staff_client):
    f.LinkCheckFactory(url="https://a-werkt.example/", ok=True)
    f.LinkCheckFactory(url="https://z-kapot.example/", ok=False, error="Fout bij de server (500)")

    response = staff_client.get(admin_url(LinkCheck))

    urls = [check.url for check in response.context["cl"].result_list]
    assert urls == ["https://z-kapot.example/", "https://a-werkt.example/"]
    assert "✗ werkt niet" in response.content.decode()


def test_link_check_results_are_read_only_but_may_be_deleted(staff_client):
    check_result = f.LinkCheckFactory(url="https://kapot.example/", ok=False)
    change_url = reverse("admin:editorial_linkcheck_change", args=[check_result.pk])

    assert staff_client.get(admin_url(LinkCheck, "add")).status_code == 403
    response = staff_client.post(change_url, {"url": "https://anders.example/", "ok": "on"})
    assert response.status_code == 403
    check_result.refresh_from_db()
    assert check_result.url == "https://kapot.example/"

    delete_url = reverse("admin:editorial_linkcheck_delete", args=[check_result.pk])
    response = staff_client.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not LinkCheck.objects.filter(pk=check_result.pk).exists()
