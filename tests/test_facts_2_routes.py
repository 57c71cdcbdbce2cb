"""The routes and roles of the second research round (issue 13) on the public pages:
every role of the sheet has a step, each new offer fact stands on its step page (with
its source), routes add up their durations, ended offers are history, unknowns are
said once per entry, and the Routewijzer and the directory agree on a profiel.

The seed is loaded once for the module (`seeded_db`, tests/conftest.py); the texts
are searched in what a visitor reads (tags stripped, white space folded).
"""

import html
import re

import pytest
from django.urls import reverse

from pathways.models import Role, Step
from tests.helpers import get_html, hrefs, part

pytestmark = pytest.mark.django_db


def text_of(page):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def step_page(pathway, slug):
    return reverse("pathways:step_detail", kwargs={"pathway_slug": pathway, "slug": slug})


# The role each role of the sheet is reached by (a step that leads to it).
ROLE_STEPS = {
    "instructeur": step_page("scholingstraject-hybride-techniekopleiders", "instructeur"),
    "onderwijsassistent": step_page("ondersteunen-in-de-school", "mbo-onderwijsassistent"),
    "onderwijsondersteuner": step_page("ondersteunen-in-de-school", "ad-onderwijsondersteuner"),
    "hybride-docent": step_page("hybride-docentschap", "scholing"),
    "hybride-instructeur": step_page("hybride-docentschap", "hybride-instructeur"),
    "hybride-expert": step_page("hybride-docentschap", "hybride-expert"),
    "gastdocent": step_page("hybride-docentschap", "gastdocent"),
    "bevoegd-docent": step_page("kopopleiding", "kopopleiding"),
    "docent-mbo": step_page("scholingstraject-hybride-techniekopleiders", "pdg-traject"),
}

# (step page, facts that must stand on it, source titles that must be named there).
OFFER_FACTS = [
    (
        step_page("ondersteunen-in-de-school", "ad-onderwijsondersteuner"),
        ["Eindhoven", "120 EC", "Metaal-elektro-installatietechniek, Bouw en", "2 jaar"],
        ["HOVI-gegevens, februari 2025: Fontys Hogescholen"],
    ),
    (
        step_page("ondersteunen-in-de-school", "ad-educatief-professional"),
        [
            "Zwolle",
            "economie, techniek, gezondheidszorg en welzijn",
            "80 EC voor pedagogisch, didactisch en professioneel handelen",
            "uitstroomprofielen is Technisch Beroepsonderwijs",
            "gold dat niet voor de Associate degree (14 maart 2018)",
            "landbouwmechanisatie",
            "De bronnen noemen geen vaste rol in de school.",
        ],
        ["Hogeschool van Amsterdam (organisatie 61)", "Aeres Hogeschool (organisatie 254)"],
    ),
    (
        step_page("kopopleiding", "kopopleiding"),
        [
            "1 jaar, voltijd",
            "60 EC",
            "Rotterdam, locatie Museumpark",
            "adolescentiepsychologie, studieloopbaancoaching",
            "Start op 1 februari of 1 september (2025)",
            "de Lerarenopleiding Technisch Beroepsonderwijs en de Kopopleiding",
        ],
        ["RTV Focus Zwolle: Windesheim bundelt expertise op gebied van beroepsonderwijs"],
    ),
    (
        step_page("kopopleiding", "verkorte-opleiding"),
        ["Ongeveer 1,5 jaar", "motorvoertuigentechniek of werktuigbouwkunde"],
        ["Fontys Hogescholen (organisatie 183)"],
    ),
    (
        step_page("professionaliseringstraject-pie", "drie-modules"),
        ["3 modules van elk 5 maanden", "Lentiz LIFE College, Schiedam (juni 2021)", "PIE"],
        ["Nieuwe Stadsblad: Hogeschool Rotterdam leidt docenten op in Techno Plaza van LIFE"],
    ),
    (
        step_page("zij-instroom-in-het-beroep", "werken-en-leren"),
        [
            "minstens 8 uur per week les",
            "€ 0 zoals op de pagina: € 0 (btw vrijgesteld) (2024",
            "Bouwen, wonen en interieur (BWI)",
            "de intaker van de opleiding Mens en Technologie",
            "Maximaal 2 jaar",
        ],
        ["Fontys: zij-instroom docent vmbo-profiel Bouwen, Wonen en Interieur"],
    ),
    (
        step_page("scholingstraject-hybride-techniekopleiders", "pdg-traject"),
        ["Teachers Tech College", "ROC van Twente", "‘road map’", "ingebed in de gewone"],
        ["Hogeschool Windesheim: Teachers Tech College", "TechYourFuture: eindrapportage"],
    ),
    (
        step_page("scholingstraject-hybride-techniekopleiders", "tweedegraadsprogramma"),
        ["Dienstverlening en Producten", "Maximaal 4 jaar", "Topopleiding"],
        [],
    ),
    (
        step_page("scholingstraject-hybride-techniekopleiders", "instructeur"),
        ["fonds OTIB", "1 jaar"],
        ["TechYourFuture: Het Teacher Tech College groeit"],
    ),
    (
        step_page("scholingstraject-hybride-techniekopleiders", "orientatietraject"),
        ["10 maanden", "€ 3.250 voor het eerste oriëntatie-arrangement (de bron noemt geen jaar)"],
        [],
    ),
    (
        step_page("hybride-docentschap", "scholing"),
        ["meeloopdagen", "TMC"],
        ["High Tech Systems: TMC leent docenten uit aan mbo"],
    ),
    (
        step_page("hybride-docentschap", "hybride-instructeur"),
        ["Technisch Hybride Professional", "Een zwakke bron", "PDG-light"],
        ["Tech Gelderland: hybride docent"],
    ),
    (
        step_page("flexibele-leerroute", "intake-en-vrijstellingen"),
        ["Instituut Archimedes", "6 tot 8 weken"],
        [],
    ),
]

# (route, facts on the route's own page).
ROUTE_FACTS = [
    ("hybride-docentschap", ["coachingsprogramma voor hybride docenten", "vijf pilots"]),
    ("zij-instroom-in-het-beroep", ["TechForce Rijnmond"]),
    ("flexibele-leerroute", ["Wil je een bevoegdheid techniek?"]),
    ("kopopleiding", ["Teaching ICT"]),
]

# (route, what its page says about the total duration).
TOTALS = [
    ("kopopleiding", "Totale duur: 1 tot 1,5 jaar."),
    ("professionaliseringstraject-pie", "Totale duur: 15 maanden."),
    (
        "ondersteunen-in-de-school",
        "Totale duur: 2 jaar, langs de stappen waarvan de duur bekend is. De duur van "
        "Mbo-opleiding Onderwijsassistent staat nog niet in de toolkit",
    ),
    (
        "zij-instroom-in-het-beroep",
        "Totale duur: niet op te tellen, want de duur van Geschiktheidsonderzoek en "
        "Tweedegraads bevoegdheid staat nog niet in de toolkit.",
    ),
]


def test_every_role_on_the_roles_page_has_a_step(seeded_db, client):
    page = get_html(client, reverse("pathways:role_list"))

    assert "Nog geen stap vastgelegd." not in page
    for role in Role.objects.all():
        links = hrefs(part(page, f"{role.slug}-title"))
        assert any(link.startswith("/routes/") for link in links), role.slug
    for slug, url in ROLE_STEPS.items():
        assert url in hrefs(part(page, f"{slug}-title")), slug


@pytest.mark.parametrize(("url", "facts", "sources"), OFFER_FACTS)
def test_each_new_offer_fact_is_on_its_step_page(seeded_db, client, url, facts, sources):
    text = text_of(get_html(client, url))
    for fact in [*facts, *sources]:
        assert fact in text, fact


@pytest.mark.parametrize(("slug", "facts"), ROUTE_FACTS)
def test_new_route_facts_are_on_the_route_page(seeded_db, client, slug, facts):
    text = text_of(get_html(client, reverse("pathways:pathway_detail", kwargs={"slug": slug})))
    for fact in facts:
        assert fact in text, fact


@pytest.mark.parametrize(("slug", "total"), TOTALS)
def test_route_pages_add_up_the_durations_or_say_which_step_lacks_one(
    seeded_db, client, slug, total
):
    page = get_html(client, reverse("pathways:pathway_detail", kwargs={"slug": slug}))
    assert total in text_of(part(page, "stappen"))


def test_the_ended_2016_2017_group_is_history_not_a_current_offer(seeded_db, client):
    page = get_html(
        client, step_page("scholingstraject-hybride-techniekopleiders", "orientatietraject")
    )

    offers = text_of(part(page, "aanbod"))
    assert "2016" not in offers and "Vroege groep" not in offers
    history = "Geschiedenis: Windesheim gaf al van oktober 2016 tot juni 2017 in Deventer"
    assert history in text_of(page) and "Dat aanbod loopt niet meer." in text_of(page)


def test_old_costs_name_their_year_and_are_never_shown_as_current(seeded_db, client):
    text = text_of(
        get_html(client, step_page("scholingstraject-hybride-techniekopleiders", "pdg-traject"))
    )
    assert "€ 6.650 (2023; een bedrag van een eerder studiejaar)" in text


def test_every_route_and_step_page_says_its_unknowns_once_per_entry(seeded_db, client):
    for step in Step.objects.public().prefetch_related("offers"):
        page = get_html(client, step.get_absolute_url())
        assert '<span class="unknown">' not in page, step
        assert "<dt>Nog niet bekend" not in page, step
        lines = page.count('<p class="unknown">')
        assert lines <= 1 + len(step.offers.all()), step
        assert text_of(page).count("Nog niet bekend") == lines, step
    for slug in Step.objects.public().values_list("pathway__slug", flat=True).distinct():
        page = get_html(client, reverse("pathways:pathway_detail", kwargs={"slug": slug}))
        assert page.count('<p class="unknown">') <= 1, slug
        assert text_of(page).count("Nog niet bekend") <= 1, slug


def test_no_page_of_a_route_says_bel_without_a_phone_number(seeded_db, client):
    for step in Step.objects.public():
        for url in (step.get_absolute_url(), step.pathway.get_absolute_url()):
            assert not re.search(r"\b[Bb]el\b", text_of(get_html(client, url))), url


# The Routewijzer and the directory agree on which programmes fit a profiel --------------


def advice_fitting(client, answers):
    """The programmes the advice labels as fitting the profiel (their addresses), with
    every programme listed (the advice shows the nearest few)."""
    from unittest import mock

    from pathways.routewijzer import nearest

    query = "&".join(f"{key}={value}" for key, value in answers.items())
    with mock.patch.object(nearest, "PROGRAMMES_SHOWN", 100):
        page = get_html(client, reverse("pathways:routewijzer_advice") + "?" + query)
    return set(
        re.findall(
            r'<h3><a href="(/opleidingen/[^"]+)"[^\n]*</h3>\s*'
            r'<ul class="match-labels"[^>]*><li class="tag">past bij ',
            part(page, "opleidingen"),
        )
    )


def directory_results(client, query):
    page = get_html(client, reverse("programmes:programme_list") + "?" + query)
    return set(re.findall(r'<li class="result">\s*<h3><a href="(/opleidingen/[^"]+)"', page))


def test_routewijzer_and_directory_agree_on_the_programmes_for_pie(seeded_db, client):
    # hbo: the zij-instroom route, which ends in the qualification (no linked programmes).
    answers = {
        "opleiding": "hbo",
        "ervaring": "5",
        "functie": "bevoegd-docent",
        "profiel": "pie",
        "uren": "10",
        "plaats": "Zwolle",
    }
    fitting = advice_fitting(client, answers)
    assert fitting  # Windesheim, Fontys and Hogeschool Rotterdam train for PIE
    assert fitting == directory_results(client, "profiel=pie&leidt_tot=tweedegraads-bevoegdheid")


def test_routewijzer_and_directory_agree_for_a_step_with_linked_programmes(seeded_db, client):
    # mbo 4: the flexible route, whose last step names its programmes.
    answers = {
        "opleiding": "mbo-4",
        "ervaring": "5",
        "functie": "bevoegd-docent",
        "profiel": "pie",
        "uren": "10",
        "plaats": "Zwolle",
    }
    step = Step.objects.get(pathway__slug="flexibele-leerroute", slug="tweedegraads-bevoegdheid")
    linked = {programme.get_absolute_url() for programme in step.programmes.all()}
    fitting = advice_fitting(client, answers)
    assert fitting
    assert fitting == directory_results(client, "profiel=pie") & linked


# Adding up a route (pure functions) -------------------------------------------------


def span(pk, low=None, high=None):
    from pathways.routefinder_durations import StepSpan

    return StepSpan(pk, f"Stap {pk}", low, high)


def test_a_route_adds_the_shortest_and_the_longest_way():
    from pathways.routefinder_durations import route_duration

    # 1 -> 2 -> 4, and 1 -> 3 -> 4: 12 + (6 or 18) + 0..24 months
    spans = [span(1, 12, 12), span(2, 6, 6), span(3, 18, 18), span(4, 0, 24)]
    total = route_duration(spans, {1: [2, 3], 2: [4], 3: [4]})
    assert (total.low, total.high, total.ways, total.added) == (18, 54, 2, 2)
    assert total.complete and total.text == "1,5 tot 4,5 jaar"


def test_a_route_names_the_steps_without_a_duration_and_adds_the_other_ways():
    from pathways.routefinder_durations import route_duration

    spans = [span(1, 24, 24), span(2), span(3, 24, 24)]
    total = route_duration(spans, {})  # three alternatives, no transitions
    assert total.text == "2 jaar" and total.missing == ["Stap 2"] and not total.complete
    assert route_duration([span(1), span(2)], {1: [2]}).none_known


def test_only_a_maximum_gives_a_maximum_total_and_loops_are_not_followed():
    from pathways.routefinder_durations import route_duration

    # 1 -> 2 -> 3 -> 2: the way stops where it would go round.
    looping = route_duration(
        [span(1, 1, 1), span(2, 2, 2), span(3, 3, 3)], {1: [2], 2: [3], 3: [2]}
    )
    assert (looping.ways, looping.low, looping.high) == (1, 6, 6)
    total = route_duration([span(1, None, 24), span(2, 6, 6)], {1: [2]})
    assert (total.low, total.high, total.text) == (None, 30, "maximaal 2,5 jaar")


def test_amounts_are_written_the_dutch_way():
    from pathways.models.public_facts import euro

    assert [euro(6650), euro(0), euro("1234.50")] == ["€ 6.650", "€ 0", "€ 1.234,50"]
