"""What goes into and comes out of the Routewijzer's `routefinder.find_route`.

Plain frozen dataclasses, no database and no request: the input is the school's
`Answers` and a snapshot of the published routes (`RouteData`, built by
`pathways.routewijzer.data`); the output is an `Advice`. Step ids, pathway ids and
slugs are the database's, so a caller can find the model instances again.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# ---- Input ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    education: str
    experience_years: int
    done: frozenset[str]
    role: str
    hours: int | Decimal  # may have a fraction: 12,5 hours a week
    profile: str = ""


class Requirement(StrEnum):
    """What a step's entry requirement is about; a rule may explain one of them
    (`pathways.models.Rule.explains` holds the same values)."""

    EDUCATION = "education"
    EXPERIENCE = "experience"


@dataclass(frozen=True)
class StepData:
    id: int
    pathway_id: int
    title: str
    order: int
    yields: str = ""
    leads_to_role: str = ""
    min_education: str = ""
    min_experience_years: int | None = None
    alternative_min_education: str = ""
    alternative_min_experience_years: int | None = None
    alternative_note: str = ""
    rules: tuple[str, ...] = ()
    # (Requirement value, rule slug): the step's rules that explain one requirement;
    # a reason why the step does not fit links only to these.
    requirement_rules: tuple[tuple[str, str], ...] = ()

    @property
    def has_alternative(self) -> bool:
        return bool(self.alternative_min_education) or (
            self.alternative_min_experience_years is not None
        )


@dataclass(frozen=True)
class TransitionData:
    from_id: int
    to_id: int
    credits: str = ""
    order: int = 0


@dataclass(frozen=True)
class PathwayData:
    id: int
    name: str
    order: int
    steps: tuple[StepData, ...]
    transitions: tuple[TransitionData, ...]


@dataclass(frozen=True)
class RoleData:
    slug: str
    name: str
    required_qualification: str = ""
    also_accepted: tuple[str, ...] = ()
    needed_above_hours: int | None = None
    fallback: str = ""


@dataclass(frozen=True)
class PriorLearningData:
    slug: str
    name: str
    steps: tuple[int, ...] = ()
    qualification: str = ""


@dataclass(frozen=True)
class RouteData:
    pathways: tuple[PathwayData, ...]
    roles: dict[str, RoleData]
    prior_learning: dict[str, PriorLearningData]


# ---- Output ---------------------------------------------------------------------------


class StepStatus(StrEnum):
    DONE = "done"
    PASSED = "passed"
    TODO = "todo"


class Fit(StrEnum):
    FULL = "full"
    CONDITIONAL = "conditional"
    NONE = "none"


@dataclass(frozen=True)
class RequirementCheck:
    fit: Fit
    conditions: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # only the rules that explain the unmet requirements


@dataclass(frozen=True)
class RouteStep:
    step: StepData
    status: StepStatus
    credits: str
    check: RequirementCheck | None  # None for DONE and PASSED steps


@dataclass(frozen=True)
class NextStep:
    step: StepData
    after: StepData
    credits: str
    check: RequirementCheck


@dataclass(frozen=True)
class Route:
    pathway: PathwayData
    steps: tuple[RouteStep, ...]
    fit: Fit
    goal: StepData
    goal_rank: int
    next_steps: tuple[NextStep, ...]

    @property
    def todo(self) -> tuple[RouteStep, ...]:
        """The steps still to do, in route order."""
        return tuple(s for s in self.steps if s.status == StepStatus.TODO)

    @property
    def done_count(self) -> int:
        """Steps that count as done: DONE plus PASSED."""
        return len(self.steps) - len(self.todo)

    @property
    def todo_count(self) -> int:
        return len(self.todo)

    @property
    def unmet_count(self) -> int:
        """TODO steps whose requirements the candidate does not meet."""
        return sum(1 for s in self.todo if s.check.fit == Fit.NONE)

    def _collect(self, field: str, fits: tuple[Fit, ...]) -> tuple[str, ...]:
        found = [t for s in self.todo if s.check.fit in fits for t in getattr(s.check, field)]
        return tuple(dict.fromkeys(found))

    @property
    def conditions(self) -> tuple[str, ...]:
        """The conditions of the CONDITIONAL steps, without repeats."""
        return self._collect("conditions", (Fit.CONDITIONAL,))

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the route does not fit: the reasons of its unmet steps."""
        return self._collect("reasons", (Fit.NONE,))

    @property
    def rules(self) -> tuple[str, ...]:
        """Rule slugs behind the conditions and reasons (steps not fully met)."""
        return self._collect("rules", (Fit.CONDITIONAL, Fit.NONE))

    @property
    def reason_rules(self) -> tuple[str, ...]:
        """Rule slugs behind the reasons only: what stands beside `reasons`."""
        return self._collect("rules", (Fit.NONE,))


@dataclass(frozen=True)
class Warning:  # shadows the builtin inside this module; the spec's name
    code: str
    message: str


@dataclass(frozen=True)
class Advice:
    answers: Answers
    role: RoleData
    needed: tuple[str, ...]
    held: frozenset[str]
    done_steps: frozenset[int]
    fulfilled: bool
    fulfilled_note: str
    routes: tuple[Route, ...]
    excluded: tuple[Route, ...]
    fallback: "Advice | None"
    no_route_in_data: bool
    warnings: tuple[Warning, ...]

    @property
    def best(self) -> Route | None:
        return self.routes[0] if self.routes else None
