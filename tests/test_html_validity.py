"""Every page type is valid HTML, checked by the Nu HTML Checker (the W3C validator).

The checker (vnu.jar, Java) is installed by `make html-validator` into var/tools.
Without Java or the checker this test is skipped with the reason, unless
REQUIRE_TEST_TOOLS=1 is set (as in CI): then it fails. All pages are checked in
one run of the checker, because starting Java takes a second.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import Pathway, Step
from programmes.models import Programme

VNU_JAR = (
    Path(__file__).resolve().parent.parent / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar"
)


def _checker():
    reason = None
    if not shutil.which("java"):
        reason = "Java is not installed (apt-get install default-jre-headless)"
    elif not VNU_JAR.exists():
        reason = f"{VNU_JAR} is missing (make html-validator)"
    if reason:
        if os.environ.get("REQUIRE_TEST_TOOLS") == "1":
            pytest.fail(f"{reason}, and REQUIRE_TEST_TOOLS=1 asks for every test to run.")
        pytest.skip(reason)
    return ["java", "-jar", str(VNU_JAR), "--format", "json"]


# Advice pages in their different states: a route with a step done and next
# steps; side entry with programmes; a wish that does not fit (with what does);
# no route in the data; a contradiction; a province without a place.
ADVICE_QUERIES = [
    "opleiding=mbo-4&ervaring=10&gedaan=kennismakingsprogramma&functie=instructeur"
    "&profiel=pie&uren=8&plaats=Zwolle",
    "opleiding=hbo&ervaring=12&functie=bevoegd-docent&profiel=bwi&uren=24&plaats=Zwolle",
    "opleiding=vmbo&ervaring=2&functie=bevoegd-docent&uren=20&provincie=utrecht",
    "opleiding=mbo-4&ervaring=3&functie=onderwijsassistent&uren=10&plaats=Utrecht",
    "opleiding=vmbo&ervaring=3&gedaan=pdg&functie=docent-mbo&uren=10&provincie=gelderland",
]


def page_addresses():
    """One or more addresses of every public page type, including the awkward
    states: filtered, empty, invalid input, a comparison, a missing page."""
    programmes = list(Programme.objects.published().order_by("slug"))
    addresses = [
        reverse("home"),
        reverse("sheet"),
        reverse("contact"),
        reverse("accessibility"),
        reverse("privacy"),
        reverse("programmes:programme_list"),
        reverse("programmes:programme_list") + "?profiel=pie&studievorm=deeltijd",
        reverse("programmes:programme_list") + "?zoek=bestaat-niet-xyz",
        reverse("programmes:programme_list") + "?profiel=onbekend&pagina=abc&sorteer=x",
        reverse("programmes:programme_compare"),
        reverse("programmes:programme_compare")
        + "?"
        + "&".join(f"opleiding={p.slug}" for p in programmes[:4]),
        reverse("programmes:programme_compare") + "?opleiding=bestaat-niet",
        reverse("pathways:pathway_list"),
        reverse("pathways:role_list"),
        reverse("pathways:resource_list"),
        reverse("pathways:routewijzer"),
        reverse("pathways:routewijzer") + "?functie=instructeur&gedaan=pdd&plaats=Zwolle",
        # The questionnaire again, with a message beside every field.
        reverse("pathways:routewijzer_advice") + "?opleiding=x&ervaring=y&gedaan=z&uren=0",
        *(reverse("pathways:routewijzer_advice") + "?" + query for query in ADVICE_QUERIES),
        "/deze-pagina-bestaat-niet/",
    ]
    addresses += [programme.get_absolute_url() for programme in programmes]
    addresses += [pathway.get_absolute_url() for pathway in Pathway.objects.published()]
    addresses += [step.get_absolute_url() for step in Step.objects.public()]
    return addresses


def special_pages(client, django_user_model):
    """An archived programme's 410 page, and a draft's preview for staff."""
    from tests import factories as f

    archived = f.ProgrammeFactory(status=PublicationStatus.ARCHIVED, slug="oude-opleiding")
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT, slug="nieuwe-opleiding")
    staff = django_user_model.objects.create_superuser("redactie", "r@example.org", "x")
    staff_client = Client()
    staff_client.force_login(staff)
    assert client.get(archived.get_absolute_url()).status_code == 410
    assert staff_client.get(draft.get_absolute_url()).status_code == 200
    return [(client, archived.get_absolute_url()), (staff_client, draft.get_absolute_url())]


@pytest.mark.django_db
def test_every_page_type_is_valid_html(seeded_db, client, tmp_path, django_user_model):
    command = _checker()
    files = {}
    pages = [(client, address) for address in page_addresses()]
    pages += special_pages(client, django_user_model)
    for number, (visitor, address) in enumerate(pages):
        response = visitor.get(address)
        assert response.status_code in (200, 404, 410), address
        path = tmp_path / f"page-{number:03d}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = address
    server_error = tmp_path / "page-500.html"
    server_error.write_text(render_to_string("500.html"), encoding="utf-8")
    files[server_error.as_uri()] = "500.html"

    assert html_problems(command, tmp_path, files) == []


@pytest.mark.django_db
def test_every_page_has_one_main_one_h1_and_a_title_of_its_own(seeded_db, client):
    titles = {}
    for address in page_addresses():
        page = client.get(address).content.decode()
        assert page.count("<main") == 1, address
        assert len(re.findall(r"<h1[\s>]", page)) == 1, address
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()
        assert title.endswith(" — Docententoolkit techniek"), (address, title)
        titles.setdefault(title, []).append(address.split("?")[0])
    shared = {title: paths for title, paths in titles.items() if len(set(paths)) > 1}
    assert shared == {}, shared


def html_problems(command, directory, files):
    """The checker's errors and warnings for the .html files in `directory`, each as
    "<address>:<line>: <message>" (`files` maps a file's URI to its address)."""
    result = subprocess.run(
        [*command, *map(str, sorted(directory.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{files.get(message.get('url'), message.get('url'))}:{message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "warning"
    ]
