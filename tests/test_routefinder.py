"""The Routewijzer's route function: pure unit tests on a snapshot like the seed (no database)."""

import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pathways.routefinder import education_rank, find_route
from pathways.routefinder_types import (
    Answers,
    Fit,
    PathwayData,
    PriorLearningData,
    RoleData,
    RouteData,
    StepData,
    StepStatus,
    TransitionData,
)

TWEEDEGRAADS = "tweedegraads-bevoegdheid"

# Step ids: the tens are the pathway.
KENNIS, ORIENT, INSTRUCTEUR, PDG, TWEEDEGRAADS_PROGRAMMA = 11, 12, 13, 14, 15
INTAKE, MODULES, FLEX_BEVOEGDHEID = 21, 22, 23
KIES_ROL, SCHOLING = 31, 32
GESCHIKTHEID, WERKEN_LEREN, ZIJ_BEVOEGDHEID = 41, 42, 43

ZUID_HOLLAND = "In Zuid-Holland is mbo niveau 2 of 3 soms genoeg."
AERES = "Bij Aeres: met 3 jaar werkervaring kan het ook zonder hbo."
HVA = "Bij de HvA kan het ook met mbo niveau 4."


def scholingstraject():
    steps = (
        StepData(KENNIS, 1, "Kennismakingsprogramma", 1, min_education="mbo-4",
                 alternative_min_education="mbo-2-3", alternative_note=ZUID_HOLLAND),
        StepData(ORIENT, 1, "Oriëntatietraject", 2, yields="pdd", min_education="mbo-4",
                 alternative_min_education="mbo-2-3", alternative_note=ZUID_HOLLAND),
        StepData(INSTRUCTEUR, 1, "Instructeur", 3, leads_to_role="instructeur"),
        StepData(PDG, 1, "PDG-traject (mbo-bevoegdheid)", 3, yields="pdg",
                 leads_to_role="docent-mbo", min_education="hbo",
                 alternative_min_experience_years=3, alternative_note=AERES),
        StepData(TWEEDEGRAADS_PROGRAMMA, 1, "Tweedegraadsprogramma", 3, yields=TWEEDEGRAADS,
                 leads_to_role="bevoegd-docent"),
    )  # fmt: skip
    transitions = (
        TransitionData(KENNIS, ORIENT, "Het kennismakingsprogramma telt mee."),
        TransitionData(ORIENT, INSTRUCTEUR, "Het portfolio telt mee.", order=1),
        TransitionData(ORIENT, PDG, "De PDD geeft vrijstelling.", order=2),
        TransitionData(ORIENT, TWEEDEGRAADS_PROGRAMMA, "Deel van de PDD telt mee.", order=3),
        TransitionData(PDG, TWEEDEGRAADS_PROGRAMMA, "De PDG geeft vrijstellingen.", order=1),
    )
    return PathwayData(1, "Scholingstraject Hybride Techniekopleiders", 1, steps, transitions)


def flexibele_leerroute():
    steps = (
        StepData(INTAKE, 2, "Intake en vrijstellingen", 1, min_education="mbo-4"),
        StepData(MODULES, 2, "Modules van leeruitkomsten volgen", 2),
        StepData(FLEX_BEVOEGDHEID, 2, "Tweedegraads bevoegdheid", 3, yields=TWEEDEGRAADS,
                 leads_to_role="bevoegd-docent"),
    )  # fmt: skip
    transitions = (TransitionData(INTAKE, MODULES), TransitionData(MODULES, FLEX_BEVOEGDHEID))
    return PathwayData(2, "Flexibele leerroute", 2, steps, transitions)


def hybride_docentschap():
    steps = (
        StepData(KIES_ROL, 3, "Kies een rol", 1),
        StepData(SCHOLING, 3, "Scholing die past bij de rol", 2, leads_to_role="hybride-docent"),
    )
    return PathwayData(3, "Hybride docentschap", 3, steps, (TransitionData(KIES_ROL, SCHOLING),))


def zij_instroom():
    steps = (
        StepData(GESCHIKTHEID, 4, "Geschiktheidsonderzoek", 1, min_education="hbo",
                 alternative_min_education="mbo-4", alternative_note=HVA,
                 rules=("zij-instroom-hbo-niveau", "subsidie-zij-instroom"),
                 requirement_rules=(("education", "zij-instroom-hbo-niveau"),)),
        StepData(WERKEN_LEREN, 4, "Werken en leren (maximaal 2 jaar)", 2),
        StepData(ZIJ_BEVOEGDHEID, 4, "Tweedegraads bevoegdheid", 3, yields=TWEEDEGRAADS,
                 leads_to_role="bevoegd-docent"),
    )  # fmt: skip
    transitions = (
        TransitionData(GESCHIKTHEID, WERKEN_LEREN),
        TransitionData(WERKEN_LEREN, ZIJ_BEVOEGDHEID),
    )
    return PathwayData(4, "Zij-instroom in het beroep", 4, steps, transitions)


def roles(*extra):
    found = [
        RoleData("instructeur", "Instructeur"),
        RoleData("onderwijsassistent", "Onderwijsassistent"),
        RoleData("onderwijsondersteuner", "Onderwijsondersteuner"),
        RoleData("hybride-docent", "Hybride docent", TWEEDEGRAADS, needed_above_hours=4,
                 fallback="instructeur"),
        RoleData("bevoegd-docent", "Bevoegd docent (tweedegraads)", TWEEDEGRAADS,
                 fallback="instructeur"),
        RoleData("docent-mbo", "Docent in het mbo", "pdg", also_accepted=(TWEEDEGRAADS,),
                 fallback="instructeur"),
        *extra,
    ]  # fmt: skip
    return {role.slug: role for role in found}


PRIOR_LEARNING = {
    pl.slug: pl
    for pl in [
        PriorLearningData("kennismakingsprogramma", "het kennismakingsprogramma", (KENNIS,)),
        PriorLearningData("orientatietraject", "het oriëntatietraject", (ORIENT,)),
        PriorLearningData(
            "instructeurscertificaat",
            "het instructeurscertificaat",
            (INSTRUCTEUR,),
            qualification="pdc-instructeurs",
        ),
        PriorLearningData("pdd", "de PDD", qualification="pdd"),
        PriorLearningData("pdg", "de PDG", qualification="pdg"),
        PriorLearningData("lerarenopleiding-deels", "een deel van een lerarenopleiding"),
    ]
}

DATA = RouteData(
    pathways=(scholingstraject(), flexibele_leerroute(), hybride_docentschap(), zij_instroom()),
    roles=roles(),
    prior_learning=PRIOR_LEARNING,
)


def ask(education="mbo-4", years=0, done=(), role="bevoegd-docent", hours=8, data=DATA):
    answers = Answers(education, years, frozenset(done), role, hours)
    return find_route(answers, data)


def statuses(route):
    return [(s.step.id, s.status) for s in route.steps]


def names(routes):
    return [route.pathway.name for route in routes]


def codes(advice):
    return [warning.code for warning in advice.warnings]


# ---- 1. Instructor with the introduction programme done ----------------------------------


def test_instructor_with_introduction_done_gets_scholingstraject_and_two_next_steps():
    advice = ask("mbo-4", 10, ["kennismakingsprogramma"], role="instructeur")
    route = advice.best
    assert route.pathway.name == "Scholingstraject Hybride Techniekopleiders"
    assert statuses(route) == [
        (KENNIS, StepStatus.DONE),
        (ORIENT, StepStatus.TODO),
        (INSTRUCTEUR, StepStatus.TODO),
    ]
    assert route.goal.id == INSTRUCTEUR
    assert route.fit == Fit.FULL
    assert (route.done_count, route.todo_count) == (1, 2)
    assert [(n.step.id, n.after.id) for n in route.next_steps] == [
        (PDG, ORIENT),
        (TWEEDEGRAADS_PROGRAMMA, ORIENT),
    ]
    pdg, tweedegraads = route.next_steps
    assert pdg.check.fit == Fit.CONDITIONAL  # mbo-4 but 10 years: the 3-year alternative
    assert pdg.check.conditions == (AERES,)
    assert pdg.credits == "De PDD geeft vrijstelling."
    assert tweedegraads.check.fit == Fit.FULL
    assert not advice.fulfilled and advice.needed == ()


def test_route_steps_carry_the_credits_of_the_transition_into_them():
    route = ask("mbo-4", role="instructeur").best
    assert [s.credits for s in route.steps] == [
        "",
        "Het kennismakingsprogramma telt mee.",
        "Het portfolio telt mee.",
    ]


def test_done_and_passed_steps_have_no_requirement_check():
    route = ask("mbo-4", done=["pdd"], role="instructeur").best
    assert [s.check is None for s in route.steps] == [True, True, False]


# ---- 2./3. Bevoegd docent: ranking by level gap and fit -----------------------------------


def test_hbo_candidate_gets_zij_instroom_first_then_the_other_fitting_routes():
    advice = ask("hbo", role="bevoegd-docent")
    assert names(advice.routes) == [
        "Zij-instroom in het beroep",
        "Scholingstraject Hybride Techniekopleiders",
        "Flexibele leerroute",
    ]
    assert all(route.fit == Fit.FULL for route in advice.routes)
    assert advice.needed == (TWEEDEGRAADS,)
    assert advice.excluded == ()
    # Of the two scholingstraject paths, the one without the PDG detour.
    assert [s.step.id for s in advice.routes[1].steps] == [KENNIS, ORIENT, TWEEDEGRAADS_PROGRAMMA]


def test_mbo4_candidate_gets_zij_instroom_conditional_after_the_full_routes():
    advice = ask("mbo-4", role="bevoegd-docent")
    assert names(advice.routes) == [
        "Scholingstraject Hybride Techniekopleiders",
        "Flexibele leerroute",
        "Zij-instroom in het beroep",
    ]
    zij = advice.routes[-1]
    assert [r.fit for r in advice.routes] == [Fit.FULL, Fit.FULL, Fit.CONDITIONAL]
    assert zij.conditions == (HVA,)
    assert zij.rules == ("zij-instroom-hbo-niveau",)
    assert zij.reason_rules == ()  # it fits on a condition: there is no reason
    assert zij.todo[0].check.rules == ("zij-instroom-hbo-niveau",)


# ---- 4. Nothing fits: excluded routes and the fallback chain --------------------------------


def test_vmbo_candidate_gets_no_route_but_reasons_and_the_instructor_fallback():
    advice = ask("vmbo", role="bevoegd-docent")
    assert advice.routes == () and advice.best is None
    assert not advice.no_route_in_data
    assert names(advice.excluded) == [
        "Flexibele leerroute",  # one unmet step; asks mbo-4: the smaller level gap
        "Zij-instroom in het beroep",  # one unmet step; asks hbo
        "Scholingstraject Hybride Techniekopleiders",  # two unmet steps
    ]
    assert all(route.fit == Fit.NONE for route in advice.excluded)
    flexibel, zij, scholing = advice.excluded
    assert flexibel.reasons == (
        "Intake en vrijstellingen vraagt minstens mbo niveau 4; de kandidaat heeft vmbo.",
    )
    assert zij.reasons[0] == "Geschiktheidsonderzoek vraagt minstens hbo; de kandidaat heeft vmbo."
    assert "mbo niveau 4" in zij.reasons[1]
    assert zij.rules == ("zij-instroom-hbo-niveau",)
    assert scholing.unmet_count == 2

    fallback = advice.fallback
    assert fallback.role.slug == "instructeur"
    assert fallback.answers.role == "instructeur"
    assert fallback.routes == ()
    (instructor_route,) = fallback.excluded
    assert instructor_route.goal.id == INSTRUCTEUR
    assert any("mbo niveau 4" in reason for reason in instructor_route.reasons)
    assert any("mbo niveau 2 of 3" in reason for reason in instructor_route.reasons)
    assert fallback.fallback is None  # instructeur has no fallback: the chain ends


def test_experience_shortfall_is_explained_in_years():
    pdg_only = replace(scholingstraject(), steps=scholingstraject().steps[3:4], transitions=())
    data = replace(DATA, pathways=(pdg_only,))
    (route,) = ask("mbo-4", 1, role="docent-mbo", data=data).excluded
    assert route.reasons == (
        "PDG-traject (mbo-bevoegdheid) vraagt minstens hbo; de kandidaat heeft mbo niveau 4.",
        "Soms kan het ook met minstens 3 jaar werkervaring, maar de kandidaat heeft 1 jaar.",
    )


# ---- 5./6./7. Conditional entry and done steps ---------------------------------------------


def test_mbo23_instructor_fits_on_condition_via_the_alternative():
    advice = ask("mbo-2-3", role="instructeur")
    route = advice.best
    assert route.fit == Fit.CONDITIONAL
    assert route.conditions == (ZUID_HOLLAND,)  # two steps, one condition
    assert [s.check.fit for s in route.todo] == [Fit.CONDITIONAL, Fit.CONDITIONAL, Fit.FULL]
    assert advice.fallback is None


def test_holding_the_pdd_counts_the_orientation_as_done_and_the_introduction_as_passed():
    advice = ask("mbo-4", done=["pdd"], role="instructeur")
    assert advice.held == frozenset({"pdd"})
    assert advice.done_steps == frozenset()
    assert statuses(advice.best) == [
        (KENNIS, StepStatus.PASSED),
        (ORIENT, StepStatus.DONE),
        (INSTRUCTEUR, StepStatus.TODO),
    ]


def test_done_pdg_makes_the_route_via_the_pdg_best_for_bevoegd_docent():
    advice = ask("hbo", done=["pdg"], role="bevoegd-docent")
    route = advice.best
    assert route.pathway.id == 1
    assert statuses(route) == [
        (KENNIS, StepStatus.PASSED),
        (ORIENT, StepStatus.PASSED),
        (PDG, StepStatus.DONE),
        (TWEEDEGRAADS_PROGRAMMA, StepStatus.TODO),
    ]
    assert route.steps[-1].credits == "De PDG geeft vrijstellingen."
    assert not advice.fulfilled


# ---- 8./9. Docent mbo: goal rank and fulfilled -------------------------------------------


def test_docent_mbo_prefers_a_route_to_the_pdg_over_one_to_an_also_accepted_qualification():
    advice = ask("hbo", role="docent-mbo")
    assert advice.needed == ("pdg", TWEEDEGRAADS)
    assert advice.best.goal.id == PDG
    assert advice.best.goal_rank == 0
    assert names(advice.routes)[:2] == [
        "Scholingstraject Hybride Techniekopleiders",
        "Zij-instroom in het beroep",
    ]
    assert advice.routes[1].goal_rank == 1


def test_docent_mbo_with_the_pdg_done_is_fulfilled_and_still_gets_next_steps():
    advice = ask("hbo", done=["pdg"], role="docent-mbo")
    assert advice.fulfilled
    assert "Docent in het mbo" in advice.fulfilled_note
    assert advice.fallback is None
    assert advice.best.goal.id == PDG
    assert advice.best.todo_count == 0
    # Only onwards from the PDG: the ways on from the passed orientation track
    # (to instructor) lie behind the candidate.
    assert [(n.step.id, n.after.id) for n in advice.best.next_steps] == [
        (TWEEDEGRAADS_PROGRAMMA, PDG),
    ]


# ---- 10. Hours threshold ------------------------------------------------------------------


def test_hybrid_teacher_at_four_hours_needs_no_qualification_and_gets_a_warning():
    advice = ask("mbo-4", role="hybride-docent", hours=4)
    assert advice.needed == ()
    assert codes(advice) == ["hours_below_threshold"]
    assert "4 uur per week of minder" in advice.warnings[0].message
    assert names(advice.routes) == ["Hybride docentschap"]
    assert advice.best.goal.id == SCHOLING


def test_hybrid_teacher_above_the_threshold_needs_the_second_degree_qualification():
    advice = ask("mbo-4", role="hybride-docent", hours=8)
    assert advice.needed == (TWEEDEGRAADS,)
    assert "hours_below_threshold" not in codes(advice)
    assert "Hybride docentschap" not in names(advice.routes)
    assert advice.best.goal.yields == TWEEDEGRAADS


# ---- 11./12. Fulfilled by a step, no route in the data -------------------------------------


def test_instructor_with_the_instructor_certificate_is_fulfilled():
    advice = ask("mbo-4", done=["instructeurscertificaat"], role="instructeur")
    assert advice.fulfilled
    assert advice.fulfilled_note.startswith("De kandidaat heeft Instructeur al gedaan.")
    assert advice.held == frozenset({"pdc-instructeurs"})
    assert statuses(advice.best) == [
        (KENNIS, StepStatus.PASSED),
        (ORIENT, StepStatus.PASSED),
        (INSTRUCTEUR, StepStatus.DONE),
    ]


def test_not_fulfilled_without_the_goal_step_done():
    advice = ask("mbo-4", done=["kennismakingsprogramma"], role="instructeur")
    assert not advice.fulfilled
    assert advice.fulfilled_note == ""


def test_onderwijsassistent_has_no_route_in_the_data():
    advice = ask("mbo-4", role="onderwijsassistent")
    assert advice.no_route_in_data
    assert advice.routes == () and advice.excluded == ()
    assert advice.fallback is None


def test_no_route_in_data_is_false_when_routes_exist_but_do_not_fit():
    assert not ask("vmbo", role="instructeur").no_route_in_data


# ---- 13. Contradictory answers -------------------------------------------------------------


def test_vmbo_with_the_orientation_done_gets_a_done_but_unmet_warning():
    advice = ask("vmbo", done=["orientatietraject"], role="instructeur")
    assert codes(advice) == ["done_but_unmet"]
    assert advice.warnings[0].message == (
        "De kandidaat heeft al gedaan: het oriëntatietraject. Maar Oriëntatietraject vraagt "
        "minstens mbo niveau 4. Klopt het opleidingsniveau?"
    )


def test_vmbo_with_the_pdg_done_gets_a_warning_via_the_step_that_yields_it():
    advice = ask("vmbo", 0, done=["pdg"], role="docent-mbo")
    assert codes(advice) == ["done_but_unmet"]
    assert "minstens hbo" in advice.warnings[0].message


def test_no_done_but_unmet_warning_when_the_alternative_is_met():
    assert codes(ask("mbo-4", 5, done=["pdg"], role="docent-mbo")) == []
    assert codes(ask("mbo-2-3", done=["orientatietraject"], role="instructeur")) == []


def test_unknown_done_slug_is_ignored_with_a_warning():
    advice = ask("mbo-4", done=["bestaat-niet", "kennismakingsprogramma"], role="instructeur")
    assert codes(advice) == ["unknown_done"]
    assert "bestaat-niet" in advice.warnings[0].message
    assert advice.done_steps == frozenset({KENNIS})


def test_unknown_role_raises_value_error():
    with pytest.raises(ValueError, match="Unknown role"):
        ask(role="bestaat-niet")


# ---- 14./15. Cycles and determinism -------------------------------------------------------


def test_fallback_cycle_terminates():
    only_wo = PathwayData(
        9, "Alleen wo", 9, (StepData(91, 9, "Wo-opleiding", 1, yields="x", min_education="wo"),), ()
    )
    data = RouteData(
        (only_wo,),
        {"a": RoleData("a", "A", "x", fallback="b"), "b": RoleData("b", "B", "x", fallback="a")},
        {},
    )
    advice = ask("vmbo", role="a", data=data)
    assert advice.fallback.role.slug == "b"
    assert advice.fallback.fallback is None


def test_same_answers_give_equal_advice():
    assert ask("mbo-4", 10, ["kennismakingsprogramma", "pdd"], "instructeur") == ask(
        "mbo-4", 10, ["pdd", "kennismakingsprogramma"], "instructeur"
    )


def test_advice_is_the_same_in_processes_with_another_hash_seed():
    # Sets print in hash order, so compare everything ordered: routes, excluded, warnings.
    code = (
        "from tests.test_routefinder import ask;"
        "a = ask('vmbo', 0, ['zz', 'pdg', 'orientatietraject', 'aa'], 'bevoegd-docent');"
        "b = ask('vmbo', 0, ['zz', 'aa', 'lerarenopleiding-deels'], 'bevoegd-docent');"
        "print(repr([(x.routes, x.excluded, x.warnings) for x in (a, b, b.fallback)]))"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert "done_but_unmet" in outputs.pop()


def test_a_cycle_in_the_transitions_terminates():
    steps = (
        StepData(1, 5, "A", 1),
        StepData(2, 5, "B", 2),
        StepData(3, 5, "Doel", 3, leads_to_role="instructeur"),
    )
    transitions = (TransitionData(1, 2), TransitionData(2, 1), TransitionData(2, 3))
    data = replace(DATA, pathways=(PathwayData(5, "Rondje", 1, steps, transitions),))
    route = ask(role="instructeur", data=data).best
    assert [s.step.id for s in route.steps] == [1, 2, 3]


def test_a_pathway_without_transitions_offers_a_goal_step_alone():
    steps = (StepData(1, 6, "Losse stap", 1), StepData(2, 6, "Certificaat", 2, leads_to_role="x"))
    data = replace(
        DATA,
        pathways=(PathwayData(6, "Los", 1, steps, ()),),
        roles=roles(RoleData("x", "X")),
    )
    route = ask(role="x", data=data).best
    assert [s.step.id for s in route.steps] == [2]


# ---- Education levels ----------------------------------------------------------------------


def test_education_rank_orders_levels_and_treats_empty_as_no_requirement():
    assert education_rank("") == -1
    assert [education_rank(level) for level in ("vmbo", "mbo-2-3", "mbo-4", "hbo", "wo")] == [
        0,
        1,
        2,
        3,
        4,
    ]
    with pytest.raises(ValueError):
        education_rank("mbo-5")


# ---- Issue 14, item 5: advice that is right for this candidate -----------------------------


def test_after_the_tweedegraads_goal_nothing_lower_is_a_next_step():
    # Instructeur (a job that needs nothing) and the PDG (covered by the tweedegraads
    # bevoegdheid: docent mbo accepts either) branch off the orientation track.
    route = ask("mbo-4", 15, role="bevoegd-docent").best
    assert route.goal.id == TWEEDEGRAADS_PROGRAMMA
    assert route.next_steps == ()


def test_after_the_pdg_goal_the_tweedegraads_programme_goes_further():
    route = ask("hbo", role="docent-mbo").best
    assert route.goal.id == PDG
    assert [(n.step.id, n.after.id) for n in route.next_steps] == [(TWEEDEGRAADS_PROGRAMMA, PDG)]


def test_a_plain_step_counts_as_a_next_step_only_when_it_leads_further():
    steps = (
        StepData(1, 9, "Cursus", 1, leads_to_role="instructeur"),
        StepData(2, 9, "Tussenstap", 2),
        StepData(3, 9, "Opleiding", 3, yields=TWEEDEGRAADS),
        StepData(4, 9, "Nog een tussenstap", 2),
        StepData(5, 9, "Gastles", 3, leads_to_role="instructeur"),
    )
    transitions = (
        TransitionData(1, 2, order=1),
        TransitionData(2, 3),
        TransitionData(1, 4, order=2),
        TransitionData(4, 5),
    )
    data = replace(DATA, pathways=(PathwayData(9, "Proef", 9, steps, transitions),))
    route = ask("mbo-4", role="instructeur", data=data).best
    assert [n.step.id for n in route.next_steps] == [2]


def test_a_candidate_who_meets_a_step_reads_no_condition_and_no_rule():
    advice = ask("hbo", role="docent-mbo")
    pdg = next(s for s in advice.best.steps if s.step.id == PDG)
    assert pdg.check.fit == Fit.FULL
    assert pdg.check.conditions == () and pdg.check.rules == ()


def test_a_reason_links_only_to_the_rules_that_explain_it():
    step = StepData(
        1, 9, "Stap", 1, yields=TWEEDEGRAADS, min_education="hbo", min_experience_years=5,
        rules=("over-hbo", "over-ervaring", "over-geld"),
        requirement_rules=(("education", "over-hbo"), ("experience", "over-ervaring")),
    )  # fmt: skip
    data = replace(DATA, pathways=(PathwayData(9, "Proef", 9, (step,), ()),))
    (years,) = ask("hbo", 2, data=data).excluded
    (level,) = ask("mbo-4", 9, data=data).excluded
    (both,) = ask("mbo-4", 2, data=data).excluded
    assert years.rules == years.reason_rules == ("over-ervaring",)
    assert level.rules == ("over-hbo",)
    assert both.rules == ("over-hbo", "over-ervaring")  # never "over-geld"


def test_a_vmbo_alternative_gives_a_vmbo_candidate_a_route_on_condition():
    admission = "Bij Hogeschool Utrecht kan het ook met een toelatingsonderzoek."
    flex = flexibele_leerroute()
    intake = replace(flex.steps[0], alternative_min_education="vmbo", alternative_note=admission)
    data = replace(DATA, pathways=(replace(flex, steps=(intake, *flex.steps[1:])),))
    vmbo = ask("vmbo", 15, data=data)
    assert vmbo.best.fit == Fit.CONDITIONAL
    assert vmbo.best.conditions == (admission,)
    assert ask("mbo-4", 15, data=data).best.conditions == ()


@pytest.mark.parametrize(("hours", "needed"), [(4, ()), (Decimal("4.5"), (TWEEDEGRAADS,))])
def test_hours_with_a_fraction_are_compared_with_the_threshold(hours, needed):
    assert ask("mbo-4", role="hybride-docent", hours=hours).needed == needed
