"""Browser fixtures: Playwright driving Debian's chromium against a live server.

Without /usr/bin/chromium (or the playwright package) the browser tests are
skipped with the reason, unless REQUIRE_TEST_TOOLS=1 is set: then they fail, so CI
cannot pass by silently skipping them.

Most browser tests only read. They share `seeded_live_server`: one live server per
test module, with the seed committed once for the module (a live server on
PostgreSQL sees committed rows only), and the database emptied after the module's
last test. Each reading test runs in its own transaction (`db`), so the test's own
queries see the seed too. A test that writes, or that logs in (the server then
writes a session), commits: it asks for pytest-django's `live_server` with
`seeded_transactional_db` (or builds its own data), and pytest-django empties the
database after it; the hook below loads the module's seed again before the next
reading test, should one follow.
"""

import os
from pathlib import Path

import pytest

from tests.seeding import SeededLiveServer, is_transactional

# Playwright's sync API runs an event loop in this thread; Django would then refuse
# the database work that the tests and factories do. Nothing here is really async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason):
    if os.environ.get("REQUIRE_TEST_TOOLS") == "1":
        pytest.fail(f"{reason}, and REQUIRE_TEST_TOOLS=1 asks for every test to run.")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (make install-test)")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page in its own context (no shared cookies), in Dutch."""
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def open_tab(browser):
    """A function that opens a fresh tab in its own context (Dutch, no shared cookies):
    `open_tab(viewport, javascript=True)`. The tabs close after the test. The addresses
    the server answered with an error (5xx) collect in `open_tab.server_errors`."""
    contexts = []

    def open_(viewport=None, javascript=True):
        options = {"locale": "nl-NL", "java_script_enabled": javascript}
        if viewport is not None:
            options["viewport"] = viewport
        context = browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(10_000)
        tab = context.new_page()
        tab.on("response", lambda r: r.status >= 500 and open_.server_errors.append(r.url))
        return tab

    open_.server_errors = []
    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(params=[True, False], ids=["js-aan", "js-uit"])
def visitor(open_tab, viewport, request):
    """A tab of the module's `viewport` fixture, with JavaScript on and off; the test
    fails when the server answered with an error on the way."""
    yield open_tab(viewport, javascript=request.param)
    assert open_tab.server_errors == [], f"Server errors on the way: {open_tab.server_errors}"


@pytest.fixture(scope="module")
def seeded_live_data():
    """Data a browser module adds to the seed of its live server: a function that
    makes it, or None. A module overrides this fixture to add some."""
    return None


@pytest.fixture(scope="module")
def module_live_server(request, django_db_setup, django_db_blocker, seeded_live_data):
    """The module's own live server, with the seed (and `seeded_live_data`) committed
    before it starts; after the module it stops and the database is emptied."""
    from django.db import connection

    if connection.in_atomic_block:
        pytest.fail("The module's live server was asked for inside a test's transaction.")
    live = SeededLiveServer(request.module, django_db_blocker, seeded_live_data)
    live.load()
    live.start()
    SeededLiveServer.current = live
    yield live
    SeededLiveServer.current = None
    live.stop()


@pytest.fixture
def seeded_live_server(module_live_server, db):
    """A live server with the seed, shared by the module's reading tests (see the
    module docstring). Its `url` is the address to open."""
    assert module_live_server.loaded
    return module_live_server.server


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that commits empties the database after it: the module's seed is then
    gone, so load it again before the next test that reads it."""
    live = SeededLiveServer.current
    if live is None or getattr(item, "module", None) is not live.module:
        return
    if is_transactional(item):
        live.loaded = False
    elif "seeded_live_server" in item.fixturenames and not live.loaded:
        live.load()
