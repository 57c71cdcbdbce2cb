"""The Routewijzer's route: `find_route(answers, data)`, a pure function.

It takes a school leader's answers about one candidate and a snapshot of the published
routes (the plain dataclasses of `routefinder_types`) and returns an `Advice`: no
database, no request. Texts a visitor sees are plain Dutch (B1). The rule: the same
answers and data give the same advice, in every process. The rules it applies, in
order, and the decisions where the specification is silent:
docs/decisions/0026-route-finding-rules.md.
"""

from collections.abc import Callable
from dataclasses import replace

from .routefinder_types import (
    Advice,
    Answers,
    Fit,
    NextStep,
    PathwayData,
    PriorLearningData,
    Requirement,
    RequirementCheck,
    RoleData,
    Route,
    RouteData,
    RouteStep,
    StepData,
    StepStatus,
    TransitionData,
    Warning,
)

EDUCATION_LEVELS = ("vmbo", "mbo-2-3", "mbo-4", "hbo", "wo")  # ordered low -> high
EDUCATION_NAMES = {
    "vmbo": "vmbo",
    "mbo-2-3": "mbo niveau 2 of 3",
    "mbo-4": "mbo niveau 4",
    "hbo": "hbo",
    "wo": "wo (universiteit)",
}


def education_rank(level: str) -> int:
    """Index of `level` in EDUCATION_LEVELS; "" (no requirement) is -1."""
    if not level:
        return -1
    if level not in EDUCATION_LEVELS:
        raise ValueError(f"Unknown education level: {level!r}")
    return EDUCATION_LEVELS.index(level)


_FIT_ORDER = {Fit.FULL: 0, Fit.CONDITIONAL: 1, Fit.NONE: 2}


# ---- Requirements ---------------------------------------------------------------------


def _shortfalls(
    education: str, years: int | None, answers: Answers
) -> list[tuple[str, str, str, Requirement]]:
    """The bounds `answers` do not meet: (what is asked, what the candidate has, which
    answer, which requirement)."""
    missing = []
    if education and education_rank(answers.education) < education_rank(education):
        asked = f"minstens {EDUCATION_NAMES[education]}"
        has = EDUCATION_NAMES[answers.education]
        missing.append((asked, has, "het opleidingsniveau", Requirement.EDUCATION))
    if years is not None and answers.experience_years < years:
        asked = f"minstens {years} jaar werkervaring"
        has = f"{answers.experience_years} jaar"
        missing.append((asked, has, "de werkervaring", Requirement.EXPERIENCE))
    return missing


def _explaining(step: StepData, unmet: list[tuple[str, str, str, Requirement]]) -> tuple[str, ...]:
    """The step's rules that explain the unmet requirements (rule 8), in the step's order."""
    kinds = {requirement for *_, requirement in unmet}
    slugs = [slug for kind, slug in step.requirement_rules if kind in kinds]
    return tuple(dict.fromkeys(slugs))


def check_step(step: StepData, answers: Answers) -> RequirementCheck:
    """Whether the candidate meets the step's requirements, or its alternative. A
    condition is given only when the main requirements are not met and the
    alternative is (rule 7): a candidate who meets the step never reads one."""
    main = _shortfalls(step.min_education, step.min_experience_years, answers)
    if not main:
        return RequirementCheck(Fit.FULL)
    rules = _explaining(step, main)
    reasons = [f"{step.title} vraagt {asked}; de kandidaat heeft {has}." for asked, has, *_ in main]
    if step.has_alternative:
        alt = _shortfalls(
            step.alternative_min_education, step.alternative_min_experience_years, answers
        )
        if not alt:
            note = step.alternative_note or f"{step.title} kan soms via een uitzondering."
            return RequirementCheck(Fit.CONDITIONAL, conditions=(note,), rules=rules)
        reasons += [
            f"Soms kan het ook met {asked}, maar de kandidaat heeft {has}."
            for asked, has, *_ in alt
        ]
    return RequirementCheck(Fit.NONE, reasons=tuple(reasons), rules=rules)


# ---- Paths ----------------------------------------------------------------------------

Path = tuple[tuple[StepData, str], ...]  # (step, credits of the transition into it)
Graph = tuple[dict[int, StepData], dict[int, list[TransitionData]]]


def _graph(pathway: PathwayData) -> Graph:
    """The pathway's steps by id, and its usable transitions per step, in walking order."""
    by_id = {s.id: s for s in pathway.steps}
    out: dict[int, list[TransitionData]] = {}
    for t in sorted(pathway.transitions, key=lambda t: (t.order, t.to_id)):
        if t.from_id in by_id and t.to_id in by_id and t.from_id != t.to_id:
            out.setdefault(t.from_id, []).append(t)
    return by_id, out


def _reach(starts: list[StepData], out: dict[int, list[TransitionData]]) -> set[int]:
    seen, stack = set(), [s.id for s in starts]
    while stack:
        step_id = stack.pop()
        if step_id not in seen:
            seen.add(step_id)
            stack.extend(t.to_id for t in out.get(step_id, ()))
    return seen


def _entries(pathway: PathwayData, out: dict[int, list[TransitionData]]) -> list[StepData]:
    """Steps without an incoming transition, plus the lowest-order steps of any part
    that cannot be reached from them (a cycle)."""
    ordered = sorted(pathway.steps, key=lambda s: (s.order, s.id))
    incoming = {t.to_id for ts in out.values() for t in ts}
    entries = [s for s in ordered if s.id not in incoming]
    reached = _reach(entries, out)
    while rest := [s for s in ordered if s.id not in reached]:
        lowest = [s for s in rest if s.order == rest[0].order]
        entries += lowest
        reached |= _reach(lowest, out)
    return entries


def _paths(pathway: PathwayData, graph: Graph, is_goal: Callable[[StepData], bool]) -> list[Path]:
    """Every simple path from an entry to the first goal on it."""
    by_id, out = graph
    paths = []

    def walk(path: Path) -> None:
        step = path[-1][0]
        if is_goal(step):
            paths.append(path)
            return
        on_path = {s.id for s, _ in path}
        for t in out.get(step.id, ()):
            if t.to_id not in on_path:
                walk((*path, (by_id[t.to_id], t.credits)))

    for entry in _entries(pathway, out):
        walk(((entry, ""),))
    return paths


def _route(
    pathway: PathwayData,
    graph: Graph,
    path: Path,
    goal_rank: int,
    answers: Answers,
    counts_done: Callable[[StepData], bool],
    goes_further: Callable[[StepData, frozenset[str]], bool],
) -> Route:
    """A path as a route: step statuses, requirement checks, fit and next steps."""
    by_id, out = graph
    statuses, later_done = [], False
    for step, _ in reversed(path):
        if counts_done(step):
            statuses.append(StepStatus.DONE)
            later_done = True
        else:
            statuses.append(StepStatus.PASSED if later_done else StepStatus.TODO)
    steps = tuple(
        RouteStep(
            step, status, credits, check_step(step, answers) if status == StepStatus.TODO else None
        )
        for (step, credits), status in zip(path, reversed(statuses), strict=True)
    )
    fits = [s.check.fit for s in steps if s.check]
    fit = max(fits, key=_FIT_ORDER.__getitem__, default=Fit.FULL)
    # Rule 6: only what goes further than the goal: first onwards from the goal, then
    # another branch of an earlier step, but never a lower one (a sibling of the goal
    # such as "Instructeur" after the tweedegraads programme).
    goal = path[-1][0]
    reached = frozenset(step.yields for step, _ in path if step.yields)
    on_route = {step.id for step, _ in path}
    passed = {s.step.id for s in steps if s.status == StepStatus.PASSED}
    next_steps, listed = [], set()
    for step, _ in reversed(path):
        if step.id in passed:
            continue  # the candidate is beyond this step: its other ways on are behind too
        for t in out.get(step.id, ()):
            target = by_id[t.to_id]
            if t.to_id in on_route or t.to_id in listed or counts_done(target):
                continue
            if not _leads_further(target, reached, graph, goes_further):
                continue
            listed.add(t.to_id)
            next_steps.append(NextStep(target, step, t.credits, check_step(target, answers)))
    return Route(pathway, steps, fit, goal, goal_rank, tuple(next_steps))


def _leads_further(
    step: StepData,
    reached: frozenset[str],
    graph: Graph,
    goes_further: Callable[[StepData, frozenset[str]], bool],
) -> bool:
    """Whether `step` goes further than `reached`, or is a plain step (no qualification,
    no role) on the way to one that does."""
    by_id, out = graph
    if step.yields or step.leads_to_role:
        return goes_further(step, reached)
    return any(
        goes_further(by_id[i], reached)
        for i in _reach([step], out) - {step.id}
        if by_id[i].yields or by_id[i].leads_to_role
    )


def _covers(roles: dict[str, RoleData]) -> dict[str, frozenset[str]]:
    """Per qualification, the qualifications that are worth at least as much: a job
    that asks for one and also accepts another (docent mbo: the PDG, or the
    tweedegraads bevoegdheid) says the other covers it."""
    covered: dict[str, set[str]] = {}
    for role in roles.values():
        if role.required_qualification:
            covered.setdefault(role.required_qualification, set()).update(role.also_accepted)
    return {slug: frozenset(others) for slug, others in covered.items()}


def _further_than(held: frozenset[str], roles: dict[str, RoleData]):
    """`goes_further(step, reached)`: the step yields a qualification the candidate has
    not reached (nor one worth as much), or leads to a job that needs such a one."""
    covers = _covers(roles)

    def new(qualification: str, reached: frozenset[str]) -> bool:
        have = held | reached
        return qualification not in have and not (covers.get(qualification, frozenset()) & have)

    def goes_further(step: StepData, reached: frozenset[str]) -> bool:
        if step.yields and new(step.yields, reached):
            return True
        role = roles.get(step.leads_to_role)
        if role is None or not role.required_qualification:
            return False  # a job without a required qualification asks for less
        return all(new(q, reached) for q in (role.required_qualification, *role.also_accepted))

    return goes_further


def _rank_key(route: Route, answers: Answers) -> tuple:
    """FULL first, then the required qualification, most already done, fewest to do,
    made for the candidate's level (smallest level gap), then the pathway's order."""
    highest = max((education_rank(s.step.min_education) for s in route.todo), default=-1)
    gap = abs(education_rank(answers.education) - highest)
    return (
        _FIT_ORDER[route.fit],
        route.goal_rank,
        -route.done_count,
        route.todo_count,
        gap,
        route.pathway.order,
        route.pathway.name,
    )


def _miss_key(route: Route, answers: Answers) -> tuple:
    """Nearest miss first: fewest unmet steps, then the ranking key."""
    return (route.unmet_count, *_rank_key(route, answers))


# ---- The function ---------------------------------------------------------------------


def find_route(answers: Answers, data: RouteData) -> Advice:
    """The advice for one candidate; the rules: docs/decisions/0026-route-finding-rules.md.

    Raises ValueError for an unknown role or education level.
    """
    return _advise(answers, data, frozenset())


def _done_warnings(
    known: list[PriorLearningData], answers: Answers, all_steps: dict[int, StepData]
) -> list[Warning]:
    """A warning per done prior learning whose (first) covered step the candidate
    does not meet the requirements of, not even via the alternative."""
    warnings = []
    for pl in known:
        covered = [all_steps[i] for i in pl.steps if i in all_steps]
        covered += [
            s for s in all_steps.values() if pl.qualification and s.yields == pl.qualification
        ]
        step = next((s for s in covered if check_step(s, answers).fit == Fit.NONE), None)
        if step:
            main = _shortfalls(step.min_education, step.min_experience_years, answers)
            asked = " en ".join(asked for asked, *_ in main)
            topic = " en ".join(topic for _, _, topic, _ in main)
            message = (
                f"De kandidaat heeft al gedaan: {pl.name}. Maar {step.title} vraagt {asked}. "
                f"Klopt {topic}?"
            )
            warnings.append(Warning("done_but_unmet", message))
    return warnings


def _advise(answers: Answers, data: RouteData, seen: frozenset[str]) -> Advice:
    role = data.roles.get(answers.role)
    if role is None:
        raise ValueError(f"Unknown role: {answers.role!r}")
    education_rank(answers.education)  # fail early on an unknown level
    all_steps = {s.id: s for p in data.pathways for s in p.steps}
    warnings = [
        Warning("unknown_done", f"De toolkit kent de scholing '{slug}' niet. Die telt niet mee.")
        for slug in sorted(answers.done)
        if slug not in data.prior_learning
    ]
    known = [
        data.prior_learning[slug] for slug in sorted(answers.done & data.prior_learning.keys())
    ]
    done_steps = frozenset(i for pl in known for i in pl.steps)
    held = frozenset(
        [pl.qualification for pl in known if pl.qualification]
        + [all_steps[i].yields for i in done_steps if i in all_steps and all_steps[i].yields]
    )

    def counts_done(step: StepData) -> bool:
        return step.id in done_steps or bool(step.yields and step.yields in held)

    warnings += _done_warnings(known, answers, all_steps)
    threshold = role.needed_above_hours
    if threshold is not None and answers.hours <= threshold:
        message = (
            f"Bij {threshold} uur per week of minder is voor deze functie geen bevoegdheid nodig."
        )
        warnings.append(Warning("hours_below_threshold", message))

    needed: tuple[str, ...] = ()
    if role.required_qualification and (threshold is None or answers.hours > threshold):
        needed = (role.required_qualification, *role.also_accepted)

    def goal_rank(step: StepData) -> int | None:
        """0 or 1 for a goal step (rule 4), None for any other step."""
        if not needed:
            return 0 if step.leads_to_role == role.slug else None
        if step.yields and step.yields in needed:
            return 0 if step.yields == role.required_qualification else 1
        return None

    goals = [s for s in all_steps.values() if goal_rank(s) is not None]
    note = ""
    if needed and any(q in held for q in needed):
        note = f"De kandidaat heeft al wat nodig is voor de functie {role.name}."
    elif not needed and (done_goal := next((s for s in goals if counts_done(s)), None)):
        note = f"De kandidaat heeft {done_goal.title} al gedaan. Dat is genoeg voor {role.name}."
    fulfilled = bool(note)

    goes_further = _further_than(held, data.roles)
    routes, excluded = [], []
    for pathway in data.pathways:
        graph = _graph(pathway)
        candidates = [
            _route(pathway, graph, path, goal_rank(path[-1][0]), answers, counts_done, goes_further)
            for path in _paths(pathway, graph, lambda s: goal_rank(s) is not None)
        ]
        if fitting := [r for r in candidates if r.fit != Fit.NONE]:
            routes.append(min(fitting, key=lambda r: _rank_key(r, answers)))
        elif candidates:
            excluded.append(min(candidates, key=lambda r: _miss_key(r, answers)))
    routes.sort(key=lambda r: _rank_key(r, answers))
    excluded.sort(key=lambda r: _miss_key(r, answers))

    fallback = None
    seen = seen | {role.slug}
    if not routes and not fulfilled and role.fallback in data.roles and role.fallback not in seen:
        fallback = _advise(replace(answers, role=role.fallback), data, seen)

    return Advice(
        answers=answers,
        role=role,
        needed=needed,
        held=held,
        done_steps=done_steps,
        fulfilled=fulfilled,
        fulfilled_note=note,
        routes=tuple(routes),
        excluded=tuple(excluded),
        fallback=fallback,
        no_route_in_data=not goals,
        warnings=tuple(warnings),
    )
