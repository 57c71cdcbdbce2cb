"""A school leader's journeys, in a real browser, on a phone and on a laptop,
with JavaScript on and off (the site has no scripts; these prove it needs none):

1. filter the directory for profiel PIE and part-time study, open a programme
   and find the contact person's e-mail address;
2. compare two programmes chosen in the directory;
3. follow the stepped side-entry route from its first step to the
   second-degree programme.

The seed holds no programme for PIE in part-time study, so journey 1 adds one
(the seed's only PIE programme is full-time and flexible).
"""

import re

import pytest

from programmes.models import Location, Programme, StudyForm, VocationalProfile
from tests import factories as f
from tests.helpers import expect, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
SIDE_ENTRY = "/routes/scholingstraject-hybride-techniekopleiders/"


@pytest.fixture(params=["telefoon", "laptop"])
def viewport(request):
    return PHONE if request.param == "telefoon" else LAPTOP


# Commits the programme it adds, so the server sees it.
@pytest.mark.django_db(transaction=True)
def test_filter_for_pie_part_time_open_a_programme_and_find_the_contact(
    live_server, seeded_transactional_db, visitor
):
    programme = f.ProgrammeFactory(name="Leraar Installatietechniek", slug="leraar-installatie")
    programme.profiles.add(VocationalProfile.objects.get(slug="pie"))
    programme.study_forms.add(StudyForm.objects.get(slug="deeltijd"))
    programme.locations.add(Location.objects.get(city="Zwolle"))
    f.ProgrammeContactFactory(
        programme=programme, name="Pien Aansluiting", email="p.aansluiting@hogeschool.example"
    )

    # The seed's PIE part-time programmes (Windesheim, Fontys, HR) and this one.
    expected = (
        Programme.objects.published()
        .for_profile("PIE")
        .filter(study_forms__slug="deeltijd")
        .count()
    )
    assert expected >= 2

    visitor.goto(live_server.url + "/")
    visitor.get_by_role("link", name=re.compile("opleiding", re.I)).first.click()
    assert visitor.url.startswith(live_server.url + "/opleidingen/")

    visitor.get_by_role("checkbox", name=re.compile(r"\bPIE\b")).check()
    visitor.get_by_role("checkbox", name=re.compile(r"^Deeltijd", re.I)).check()
    visitor.get_by_role("button", name="Toon resultaten").first.click()

    assert "profiel=pie" in visitor.url and "studievorm=deeltijd" in visitor.url
    heading = visitor.locator("h1").inner_text()
    assert "PIE" in heading and f"({expected})" in heading
    assert visitor.title().startswith("Opleidingen voor PIE")
    assert no_sideways_scroll(visitor)

    visitor.get_by_role("link", name="Leraar Installatietechniek").click()
    assert visitor.url.endswith(programme.get_absolute_url())
    mailto = visitor.locator('#contact a[href="mailto:p.aansluiting@hogeschool.example"]')
    expect(mailto).to_be_visible()
    assert mailto.inner_text() == "p.aansluiting@hogeschool.example"
    assert no_sideways_scroll(visitor)


def test_compare_two_programmes_chosen_in_the_directory(seeded_live_server, visitor):
    visitor.goto(seeded_live_server.url + "/opleidingen/")
    visitor.get_by_role(
        "checkbox", name=re.compile(r"^Vergelijk .*Technisch Beroepsonderwijs")
    ).first.check()
    visitor.get_by_role("checkbox", name=re.compile(r"^Vergelijk .*Agrotechniek")).check()
    visitor.get_by_role("button", name=re.compile("Vergelijk de gekozen")).first.click()

    assert "/opleidingen/vergelijken/" in visitor.url
    table = visitor.locator("table")
    columns = table.locator("thead th[scope=col]")
    expect(columns).to_have_count(2)  # the click returns before the new page is there
    names = [name.strip() for name in columns.all_inner_texts()]
    assert any("Agrotechniek" in name for name in names)
    assert any("Technisch Beroepsonderwijs" in name for name in names)
    assert len([name for name in names if name]) == 2
    assert table.get_by_role("link", name=re.compile("@")).count() >= 2  # contact e-mails
    assert no_sideways_scroll(visitor)


def test_follow_the_side_entry_route_from_the_first_step_to_the_second_degree_programme(
    seeded_live_server, visitor
):
    visitor.goto(seeded_live_server.url + "/routes/")
    visitor.locator(f'main a[href="{SIDE_ENTRY}"]').first.click()
    assert visitor.url.endswith(SIDE_ENTRY)

    # The diagram is a picture with a text alternative, drawn on the server.
    diagram = visitor.locator("main svg[role=img]")
    expect(diagram).to_have_count(1)
    assert diagram.get_attribute("aria-labelledby")
    assert no_sideways_scroll(visitor)

    visitor.locator(f'main a[href="{SIDE_ENTRY}kennismakingsprogramma/"]').first.click()
    assert visitor.url.endswith("kennismakingsprogramma/")
    visitor.locator(f'main a[href="{SIDE_ENTRY}orientatietraject/"]').first.click()
    assert visitor.url.endswith("orientatietraject/")
    # The orientation track leads on to three choices; the second-degree programme is one.
    visitor.locator(f'main a[href="{SIDE_ENTRY}tweedegraadsprogramma/"]').first.click()
    assert visitor.url.endswith("tweedegraadsprogramma/")
    assert "telt mee" in visitor.locator("main").inner_text().lower()
    assert no_sideways_scroll(visitor)
    # The step names the programmes that give it; one click leads to one of them.
    windesheim = "/opleidingen/windesheim-leraar-technisch-beroepsonderwijs/"
    visitor.locator(f'main a[href="{windesheim}"]').first.click()
    assert visitor.url.endswith(windesheim)
    assert "Leraar Technisch Beroepsonderwijs" in visitor.locator("h1").inner_text()
