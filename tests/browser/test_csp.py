"""The Content-Security-Policy (settings/base.py) in a real browser: the public
pages and the admin pages staff use every day run without a single violation,
and the browser accepts the Permissions-Policy header without complaint.

A violation shows up twice: as a `securitypolicyviolation` event in the page and
as a console message from Chromium. The test listens to both; the first test
proves the listener really hears one."""

import pytest

from programmes.models import Programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PUBLIC_PAGES = [
    "/",
    "/opleiden-doe-je-samen/",
    "/opleidingen/",
    "/opleidingen/?profiel=pie&studievorm=deeltijd",
    "/opleidingen/fontys-leraar-technisch-beroepsonderwijs/",
    "/opleidingen/vergelijken/?opleiding=hu-leraar-techniek-tweedegraads"
    "&opleiding=aeres-docent-en-kennismanager-agrotechniek",
    "/routes/",
    "/routes/scholingstraject-hybride-techniekopleiders/",
    "/routes/scholingstraject-hybride-techniekopleiders/pdg-traject/",
    "/rollen/",
    "/hulpbronnen/",
    "/routewijzer/",
    "/routewijzer/advies/?opleiding=hbo&ervaring=12&functie=bevoegd-docent&uren=20&plaats=Utrecht",
    "/contact/",
    "/toegankelijkheid/",
    "/privacy/",
    "/deze-pagina-bestaat-niet/",
]

# Runs in every page before the page's own scripts; Playwright injects it through
# the DevTools protocol, so the policy does not block the listener itself.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""

POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def watched_page(page):
    """The page, with every CSP violation and policy complaint it reports."""
    page.add_init_script(RECORD_VIOLATIONS)
    complaints = []
    page.on(
        "console",
        lambda message: (
            any(word in message.text for word in POLICY_WORDS) and complaints.append(message.text)
        ),
    )

    def problems():
        return complaints + page.evaluate("window.__violations || []")

    page.problems = problems
    return page


def test_the_listener_hears_a_violation(seeded_live_server, watched_page):
    watched_page.goto(seeded_live_server.url + "/")
    watched_page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    )
    watched_page.wait_for_timeout(200)
    assert any("style-src" in problem for problem in watched_page.problems())


def test_public_pages_break_no_policy(seeded_live_server, watched_page):
    seen = {}
    for path in PUBLIC_PAGES:
        response = watched_page.goto(seeded_live_server.url + path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        watched_page.wait_for_load_state("load")
        seen[path] = watched_page.problems()
    assert {path: problems for path, problems in seen.items() if problems} == {}


# Commits: the user, and the session and login records the server writes.
@pytest.mark.django_db(transaction=True)
def test_admin_pages_break_no_policy(
    live_server, seeded_transactional_db, watched_page, django_user_model
):
    django_user_model.objects.create_superuser(
        "beheerder", "beheerder@example.org", "een-lang-wachtwoord-2026"
    )
    programme = Programme.objects.get(slug="fontys-leraar-technisch-beroepsonderwijs")
    base = live_server.url + "/beheer/"
    seen = {}

    watched_page.goto(base)
    watched_page.get_by_label("Gebruikersnaam").fill("beheerder")
    watched_page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-2026")
    watched_page.locator("#login-form input[type=submit]").click()
    watched_page.wait_for_load_state("load")
    seen["login"] = watched_page.problems()
    assert watched_page.locator("#user-tools").count() == 1

    for path in [
        "",
        "programmes/programme/",
        f"programmes/programme/{programme.pk}/change/",
        "programmes/programme/add/",
        f"programmes/programme/{programme.pk}/history/",
        "programmes/programme/import/",
        "pathways/pathway/",
        "auth/user/add/",
    ]:
        response = watched_page.goto(base + path)
        assert response.status == 200, path
        watched_page.wait_for_load_state("load")
        seen[path] = watched_page.problems()

    # The change form's scripts ran: the collapsible fieldsets and inlines work.
    watched_page.goto(base + f"programmes/programme/{programme.pk}/change/")
    watched_page.locator(".add-row a").first.click()
    seen["add inline row"] = watched_page.problems()

    assert {path: problems for path, problems in seen.items() if problems} == {}
