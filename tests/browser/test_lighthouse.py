"""Lighthouse gives 100 for best practices on every page type (PAGE_TYPES in
tests/browser/test_accessibility.py) and the admin's login page, in Debian's
chromium, headless, against the module's live server.

Lighthouse comes from the npm registry, pinned, into var/tools (`make lighthouse`,
which `make pytest` runs). Without Node.js, Lighthouse or chromium the test is
skipped with the reason, unless REQUIRE_TEST_TOOLS=1 (as in CI): then it fails.
One Node process and one browser audit the page types in turn: starting them costs
more than an audit.

An error page answers 404 or 410 on purpose, and Chromium logs that status as a
console error, which Lighthouse counts against best practices. On those pages that
one line is allowed; every other audit must pass there too.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import ERROR_PAGES, PAGE_TYPES, add_archived_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TOOLS = Path(__file__).resolve().parents[2] / "var/tools"
LIGHTHOUSE = TOOLS / "node_modules/lighthouse/package.json"
CHROMIUM = Path("/usr/bin/chromium")

# Audits each URL with Lighthouse's Node API in one browser; prints one line of JSON
# per URL: its score and the audits that count and did not pass, with their items.
# Run with var/tools as the working directory, where `lighthouse` is installed.
RUNNER = """
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [chromePath, ...urls] = JSON.parse(process.argv[process.argv.length - 1]);
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const url of urls) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: ["best-practices"],
      disableFullPageScreenshot: true,
      ignoreStatusCode: true,
    });
    const category = lhr.categories["best-practices"];
    const failing = category.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== 1)
      .map((ref) => ({
        id: ref.id,
        title: lhr.audits[ref.id].title,
        items: (lhr.audits[ref.id].details?.items || []).map((item) => ({
          url: item.sourceLocation?.url ?? item.url ?? "",
          description: item.description ?? "",
        })),
      }));
    const line = { url, score: category.score, version: lhr.lighthouseVersion, failing };
    process.stdout.write(JSON.stringify(line) + "\\n");
  }
} finally {
  await chrome.kill();
}
"""


def _unavailable(reason):
    if os.environ.get("REQUIRE_TEST_TOOLS") == "1":
        pytest.fail(f"{reason}, and REQUIRE_TEST_TOOLS=1 asks for every test to run.")
    pytest.skip(reason)


def lighthouse_command():
    if not shutil.which("node"):
        _unavailable("Node.js is not installed (apt-get install nodejs npm)")
    if not LIGHTHOUSE.exists():
        _unavailable(f"Lighthouse is not installed in {TOOLS} (make lighthouse)")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return ["node", "--input-type=module", "-e", RUNNER]


@pytest.fixture(scope="module")
def seeded_live_data():
    return add_archived_programme


def allowed(path, audit, base_url):
    """Whether a failing audit is only an error page's own status in the console."""
    status = ERROR_PAGES.get(path)
    return (
        status is not None
        and audit["id"] == "errors-in-console"
        and bool(audit["items"])
        and all(
            item["url"] == base_url + path and f"status of {status}" in item["description"]
            for item in audit["items"]
        )
    )


def test_best_practices_score_100_on_every_page_type(seeded_live_server):
    command = lighthouse_command()
    base_url = seeded_live_server.url
    paths = [*PAGE_TYPES, reverse("admin:login")]
    urls = [base_url + path for path in paths]
    result = subprocess.run(
        [*command, json.dumps([str(CHROMIUM), *urls])],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [report["url"] for report in reports] == urls

    problems = {}
    for path, report in zip(paths, reports, strict=True):
        failing = [a for a in report["failing"] if not allowed(path, a, base_url)]
        if failing or (report["score"] != 1 and not report["failing"]):
            problems[path] = {"score": report["score"], "failing": failing}
    assert problems == {}, json.dumps(problems, indent=2, ensure_ascii=False)
