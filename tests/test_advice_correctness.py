"""Advice that is right for this candidate (issue 14, item 5), through the test client
against the seed, with the issue's two candidates: a Deventer car mechanic (mbo 4,
15 years, PIE, 12 hours) and a candidate who has only vmbo. Both want to teach PIE in
the vmbo (the job that needs the tweedegraads bevoegdheid).

The rules behind it: docs/decisions/0026-route-finding-rules.md (rules 8 and 9); the
route function's own tests are in test_routefinder.py.
"""

import html
import re
from types import SimpleNamespace

import pytest

from pathways.models import Rule, RuleExplains, Step, StepOffer
from pathways.routewijzer.funding_fit import FundingFit, fit_schemes
from tests.test_advice_summary import DEVENTER, summary_of
from tests.test_routewijzer import advice, section, text_of

MECHANIC = DEVENTER  # the car mechanic: mbo 4, 15 years, PIE, 12 hours, Deventer
VMBO_ONLY = {**MECHANIC, "opleiding": "vmbo"}
ROLES = ("bevoegd-docent", "docent-mbo", "hybride-docent", "instructeur")


def next_steps(page):
    """The text of "Daarna kan de kandidaat verder" ("" when the advice has none)."""
    start = page.find('<h3 id="daarna"')
    if start == -1:
        return ""
    return text_of(page[start : page.index("</ul>", start)])


def best_route_steps(page):
    """The HTML of the best route's steps, up to the next steps or the next section."""
    route = section(page, "route")
    return route.split('id="daarna"')[0]


# ---- After the goal: only what goes further ----------------------------------------------


def test_mechanic_is_not_offered_a_step_down_after_the_tweedegraads_programme(seeded_db, client):
    page = advice(client, MECHANIC)
    assert "De beste route is Scholingstraject Hybride Techniekopleiders" in text_of(page)
    assert "Tweedegraadsprogramma" in text_of(best_route_steps(page))
    # Instructeur (no bevoegdheid) and the PDG (mbo only) are less than the goal.
    assert next_steps(page) == ""
    assert "Daarna kan de kandidaat verder" not in text_of(page)


def test_after_the_pdg_the_tweedegraads_programme_goes_further_and_instructeur_does_not(
    seeded_db, client
):
    page = advice(client, {**MECHANIC, "opleiding": "hbo", "functie": "docent-mbo"})
    assert "PDG-traject" in text_of(best_route_steps(page))
    onwards = next_steps(page)
    assert onwards.startswith("Daarna kan de kandidaat verder Tweedegraadsprogramma")
    assert "Instructeur" not in onwards


# ---- Conditions only when this candidate needs them ---------------------------------------


def test_mechanic_does_not_read_the_aeres_condition_for_a_pdg(seeded_db, client):
    page = advice(client, MECHANIC)
    assert "Aeres Hogeschool kan het ook zonder diploma" not in page
    # The one condition shown is the HvA's way in with mbo 4: he has mbo 4, not hbo.
    others = text_of(section(page, "andere-routes"))
    assert (
        "Onder voorwaarde: Bij de Hogeschool van Amsterdam kan zij-instroom ook met een mbo-4"
        in (others)
    )


def test_a_candidate_who_has_the_diploma_reads_no_condition(seeded_db, client):
    page = advice(client, {**MECHANIC, "opleiding": "hbo", "functie": "docent-mbo"})
    text = text_of(page)
    assert "Past onder voorwaarde" not in text and "Onder voorwaarde" not in text
    assert "Aeres Hogeschool kan het ook zonder diploma" not in text


# ---- A reason links only to the rules that explain it --------------------------------------


REASON_KINDS = {
    RuleExplains.EDUCATION: re.compile(r"vraagt minstens (vmbo|mbo|hbo|wo)"),
    RuleExplains.EXPERIENCE: re.compile(r"vraagt minstens \d+ jaar werkervaring"),
}


def linked_rules(fragment):
    return re.findall(r'href="#regel-([a-z0-9-]+)"', fragment)


def reasons_with_rules(page):
    """(text of the reasons, slugs of the rules linked) of every "does not fit" place."""
    found = []
    for fragment in re.findall(r'<p class="fit fit-none">.*?</p>', page, re.S):
        found.append((text_of(fragment), linked_rules(fragment)))
    for item in section(page, "past-niet").split("<li>")[1:]:
        found.append((text_of(item), linked_rules(item)))
    return found


def test_every_rule_a_reason_links_to_explains_that_reason(seeded_db, client):
    explains = dict(Rule.objects.values_list("slug", "explains"))
    checked = 0
    for candidate in (MECHANIC, VMBO_ONLY):
        for role in ROLES:
            for ervaring in ("15", "1"):
                page = advice(client, {**candidate, "functie": role, "ervaring": ervaring})
                for reasons, slugs in reasons_with_rules(page):
                    for slug in slugs:
                        kind = explains[slug]
                        assert kind, f"{slug} explains no requirement but is linked to: {reasons}"
                        assert REASON_KINDS[kind].search(reasons), (slug, reasons)
                        checked += 1
    assert checked  # the seed has at least one such link


def test_vmbo_candidate_reads_the_hbo_rule_beside_the_hbo_reason_and_not_the_subsidy(
    seeded_db, client
):
    item = section(advice(client, VMBO_ONLY), "past-niet").split("Zij-instroom in het beroep")[1]
    item = item.split("</li>")[0]
    assert "Geschiktheidsonderzoek vraagt minstens hbo" in text_of(item)
    assert linked_rules(item) == ["zij-instroom-hbo-niveau"]


def test_a_rule_staff_mark_as_explaining_the_education_is_linked_to_that_reason(seeded_db, client):
    # An instructor to be, with 1 year: the PDG is a way further that does not fit yet.
    candidate = {**MECHANIC, "ervaring": "1", "functie": "instructeur"}

    def pdg_reason(page):
        return [
            (reasons, slugs)
            for reasons, slugs in reasons_with_rules(page)
            if "PDG-traject (mbo-bevoegdheid) vraagt minstens hbo" in reasons
        ]

    before = pdg_reason(advice(client, candidate))
    rule = Rule.objects.get(slug="pdg-alleen-mbo")
    assert rule.explains == ""  # it says what a PDG is worth, not why hbo is asked
    rule.explains = RuleExplains.EDUCATION
    rule.save()
    after = pdg_reason(advice(client, candidate))
    assert before and all("pdg-alleen-mbo" not in slugs for _, slugs in before)
    assert after and all("pdg-alleen-mbo" in slugs for _, slugs in after)


# ---- A vmbo candidate: what the sources say about a way in ----------------------------------


WAY_IN = "toelatingsonderzoek-hogeschool-utrecht"
WAY_IN_TITLE = "Zonder havo-, vwo- of mbo-diploma: een toelatingsonderzoek bij Hogeschool Utrecht"
HU_CONTACT = "Hermien Vossebeld"
HU_EMAIL = "hermien.vossebeld@hu.nl"


def notice(page):
    """The HTML of the "Geen route past" notice in the route section."""
    route = section(page, "route")
    start = route.find('<div class="notice">')
    return route[start : route.index("</div>", start)] if start != -1 else ""


def test_vmbo_candidate_gets_no_route_and_the_way_in_the_sources_name(seeded_db, client):
    page = advice(client, VMBO_ONLY)
    text = text_of(page)
    assert "Geen route past bij deze kandidaat en deze functie." in text
    assert "De beste route" not in text
    # Not a condition on the flexible route: that is Fontys, HvA, HR and Windesheim.
    assert "onder voorwaarde" not in text_of(section(page, "route")).lower()
    assert "Erik Schakelaar" not in text_of(summary_of(page))
    way_in = text_of(notice(page))
    assert (
        f"Wat de bronnen wel noemen: {WAY_IN_TITLE}. Lees meer bij de opleiding "
        "Leraar Techniek tweedegraads (specialisatie MVI mogelijk) van Hogeschool Utrecht. "
        f"Neem contact op met {HU_CONTACT}: {HU_EMAIL}." in way_in
    )
    assert f'href="#regel-{WAY_IN}"' in notice(page)
    assert 'href="/opleidingen/hu-leraar-techniek-tweedegraads/"' in notice(page)
    assert f'href="mailto:{HU_EMAIL}"' in notice(page)
    # The rule it links to is on the page, with its source.
    rules = text_of(section(page, "regels"))
    assert WAY_IN_TITLE in rules
    assert "Of andere hogescholen dat ook doen, staat niet in de bronnen van de toolkit." in rules


def test_the_way_in_stands_beside_the_flexible_routes_reason(seeded_db, client):
    item = section(advice(client, VMBO_ONLY), "past-niet").split("Flexibele leerroute")[1]
    item = item.split("</li>")[0]
    assert "Intake en vrijstellingen vraagt minstens mbo niveau 4; de kandidaat heeft vmbo." in (
        text_of(item)
    )
    assert linked_rules(item) == [WAY_IN]


def test_the_intake_of_the_flexible_route_has_no_hu_alternative(seeded_db):
    intake = Step.objects.get(pathway__slug="flexibele-leerroute", slug="intake-en-vrijstellingen")
    assert (intake.alternative_min_education, intake.alternative_note) == ("", "")
    assert "hovi-2025-hu" not in {source.slug for source in intake.sources.all()}
    rule = Rule.objects.get(slug=WAY_IN)
    assert rule.programme.slug == "hu-leraar-techniek-tweedegraads"
    assert [source.slug for source in rule.sources.all()] == ["hovi-2025-hu"]


def test_a_candidate_who_has_mbo_4_reads_no_way_in(seeded_db, client):
    # The mechanic: his route and first step are unchanged; the way in is only for
    # when no route fits.
    page = advice(client, MECHANIC)
    summary = text_of(summary_of(page))
    assert "De beste route: Scholingstraject Hybride Techniekopleiders" in summary
    assert "Een bron noemt wel een weg" not in summary
    assert "Wat de bronnen wel noemen" not in text_of(section(page, "route"))


def test_without_a_programme_the_rule_is_no_way_in(seeded_db, client):
    # Staff clear the programme: the rule still explains the reason, but names no way in.
    rule = Rule.objects.get(slug=WAY_IN)
    rule.programme = None
    rule.save()
    page = advice(client, VMBO_ONLY)
    assert "Geen route past bij deze kandidaat en deze functie." in text_of(page)
    assert "Wat de bronnen wel noemen" not in text_of(page)
    assert "Een bron noemt wel een weg" not in text_of(page)
    assert WAY_IN in linked_rules(section(page, "past-niet"))


# ---- Ended offers are not among what the candidate can do now -------------------------------


def test_an_offer_that_has_ended_is_not_listed(seeded_db, client):
    name = "Route naar het Pedagogisch Didactisch Diploma"
    assert name in text_of(best_route_steps(advice(client, MECHANIC)))
    offer = StepOffer.objects.get(step__slug="orientatietraject", name=name)
    offer.has_ended = True
    offer.save()
    steps = text_of(best_route_steps(advice(client, MECHANIC)))
    assert name not in steps
    assert "Traject voor zij-instromers in het Zuid-Hollandse programma" in steps
    # The step's own page keeps it, as history.
    step_page = text_of(client.get(offer.step.get_absolute_url()).content.decode())
    assert f"{name} Dit aanbod loopt niet meer." in step_page


def test_no_offer_in_the_seed_says_it_has_ended_without_being_marked_so(seeded_db):
    said_ended = StepOffer.objects.filter(notes__icontains="loopt niet meer")
    assert not said_ended.filter(has_ended=False).exists()


# ---- Offers and schemes that are not for this candidate ------------------------------------

OTHER_PROFILE_LINE = (
    "Aanbod 2 opleidingen of trajecten staan er niet bij: die zijn voor een ander profiel "
    "(niet voor PIE). De opleidingen voor deze stap staan onder Opleidingen."
)
DP_OFFER = "Docent en kennismanager Dienstverlening en Producten (Windesheim)"


def test_offers_only_for_another_profiel_are_left_out_and_counted(seeded_db, client):
    steps = text_of(best_route_steps(advice(client, MECHANIC)))
    assert OTHER_PROFILE_LINE in steps
    assert DP_OFFER not in steps
    assert "ander profiel</span>" not in best_route_steps(advice(client, MECHANIC))
    assert '<a href="#opleidingen">Opleidingen</a>' in best_route_steps(advice(client, MECHANIC))
    # For a D&P candidate they are what fits; without a profiel they are all listed.
    for answers, label in [
        ({**MECHANIC, "profiel": "dp"}, "past bij uw profiel"),
        (
            {key: value for key, value in MECHANIC.items() if key != "profiel"},
            "Voor D&P.",
        ),
    ]:
        steps = text_of(best_route_steps(advice(client, answers)))
        assert f"{DP_OFFER}. Voor D&P" in steps
        assert label in steps
        assert "staan er niet bij" not in steps


def funding_text(answers, client):
    return text_of(section(advice(client, answers), "kosten-en-subsidies"))


def test_schemes_for_qualified_teachers_are_set_apart_for_the_mechanic(seeded_db, client):
    text = funding_text(MECHANIC, client)
    offered, apart = text.split("Alleen als de kandidaat al een onderwijsbevoegdheid heeft")
    # What the candidate can count on comes first, as cards.
    assert "Alles over Subsidie zij-instroom" in offered
    assert "Alles over Tegemoetkoming leraren" in offered
    assert "Lerarenbeurs" not in offered.replace("Regelingen:", "")
    assert "Regelingen: Subsidie zij-instroom" in offered
    # Then the schemes with a condition the answers do not show, by name only.
    assert apart.startswith(
        " Dat staat niet in uw antwoorden. Deze regelingen zijn er alleen in dat geval: "
        "Lerarenbeurs Subsidie tweede lerarenopleiding"
    )
    assert (
        "Alleen als de kandidaat al als instructeur in het mbo werkt Dat vraagt de "
        "Routewijzer niet. Deze regeling is er alleen in dat geval: Instructeursbeurs mbo"
    ) in apart
    assert "Alles over Lerarenbeurs" not in text


def test_a_candidate_with_a_pdg_has_a_bevoegdheid_and_is_offered_the_lerarenbeurs(
    seeded_db, client
):
    # The seed calls the PDG a bevoegdheid (for the mbo); the condition is met.
    text = funding_text({**MECHANIC, "gedaan": "pdg"}, client)
    assert "Alles over Lerarenbeurs" in text
    assert "Alleen als de kandidaat al een onderwijsbevoegdheid heeft" not in text
    assert "Alleen als de kandidaat al als instructeur in het mbo werkt" in text


def test_fit_schemes_keeps_the_order_and_offers_schemes_without_a_condition():
    def scheme(name, only_if=""):
        return SimpleNamespace(name=name, only_if=only_if)

    schemes = [
        scheme("A", "instructeur-mbo"),
        scheme("B"),
        scheme("C", "bevoegdheid"),
        scheme("D"),
        scheme("E", "bevoegdheid"),
    ]
    fit = fit_schemes(schemes, held=frozenset({"pdd"}), teaching_qualifications={"pdg"})
    assert [item.name for item in fit.offered] == ["B", "D"]
    assert [
        (group.condition, [item.name for item in group.schemes]) for group in fit.set_apart
    ] == [
        ("de kandidaat al een onderwijsbevoegdheid heeft", ["C", "E"]),
        ("de kandidaat al als instructeur in het mbo werkt", ["A"]),
    ]
    qualified = fit_schemes(schemes, held=frozenset({"pdg"}), teaching_qualifications={"pdg"})
    assert [item.name for item in qualified.offered] == ["B", "C", "D", "E"]
    assert fit_schemes([], frozenset(), frozenset()) == FundingFit()


# ---- Small things -------------------------------------------------------------------------


def test_an_offer_does_not_repeat_the_institution_its_name_holds(seeded_db, client):
    steps = text_of(best_route_steps(advice(client, MECHANIC)))
    steps_dp = text_of(best_route_steps(advice(client, {**MECHANIC, "profiel": "dp"})))
    assert "Dienstverlening en Producten (Windesheim). Voor D&P" in steps_dp
    assert "(Windesheim), Hogeschool Windesheim" not in steps_dp
    assert "(Aeres Hogeschool), Aeres Hogeschool" not in steps_dp
    # A name without its institution still gets it.
    assert "Route naar het Pedagogisch Didactisch Diploma, Fontys Hogescholen." in steps
    zij = text_of(best_route_steps(advice(client, {**MECHANIC, "opleiding": "hbo"})))
    assert "Geschiktheidsonderzoek bij Hogeschool Utrecht." in zij
    assert "Hogeschool Utrecht, Hogeschool Utrecht" not in zij


@pytest.mark.parametrize("hours", ["12,5", "12.5", " 12,5 "])
def test_hours_with_a_decimal_comma_or_point_are_accepted_and_shown_the_dutch_way(
    seeded_db, client, hours
):
    page = advice(client, {**MECHANIC, "uren": hours})
    assert "Voor deze functie bij 12,5 uur per week is nodig" in text_of(page)
    assert "12.5 uur" not in text_of(page)


def test_old_links_with_whole_hours_keep_working(seeded_db, client):
    assert "Voor deze functie bij 12 uur per week is nodig" in text_of(advice(client, MECHANIC))


def test_half_an_hour_above_the_threshold_needs_a_bevoegdheid(seeded_db, client):
    above = text_of(advice(client, {**MECHANIC, "functie": "hybride-docent", "uren": "4,5"}))
    at = text_of(advice(client, {**MECHANIC, "functie": "hybride-docent", "uren": "4"}))
    assert "bij 4,5 uur per week is nodig: Tweedegraads bevoegdheid" in above
    assert "bij 4 uur per week is geen bevoegdheid nodig" in at


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("12,5,5", "Vul het aantal uren in als een getal, bijvoorbeeld 8 of 12,5."),
        ("twaalf", "Vul het aantal uren in als een getal, bijvoorbeeld 8 of 12,5."),
        ("NaN", "Vul het aantal uren in als een getal, bijvoorbeeld 8 of 12,5."),
        ("0,5", "Vul minstens 1 uur per week in."),
        ("40,5", "Vul een aantal uren in van 1 tot en met 40."),
        ("12,555", "hoogstens twee cijfers na de komma"),
    ],
)
def test_nonsense_hours_get_a_dutch_message_and_are_kept(seeded_db, client, hours, message):
    page = advice(client, {**MECHANIC, "uren": hours})
    assert message in text_of(page)
    assert f'value="{html.escape(hours.strip(), quote=True)}"' in page
