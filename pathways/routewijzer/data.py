"""The route data the Routewijzer keeps in memory per content version.

`load_route_data()` reads the published routes, rules, jobs, prior learning and
every campus: the same for every advice, so the advice view keeps it with
`pagecache.memo.per_content_version`. The rule: what it returns is read-only once
built, and holds content only. Why and how it stays cheap:
docs/decisions/0028-routewijzer-route-data-in-memory.md.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from editorial.status import PublicationStatus
from programmes.models import Location, Programme, Qualification

from ..models import (
    FundingScheme,
    Pathway,
    PriorLearning,
    Role,
    Rule,
    Step,
    StepOffer,
    Transition,
)
from ..routefinder_types import (
    PathwayData,
    PriorLearningData,
    RoleData,
    RouteData,
    StepData,
    TransitionData,
)


@dataclass(frozen=True)
class Campus:
    """A location (vestiging), as far as the advice needs it."""

    pk: int
    city: str
    province: str
    institution_id: int


@dataclass
class LoadedData:
    """The route data for the pure function, and the model instances to render."""

    route_data: RouteData
    steps: dict  # step id -> Step (providers, funders, offers prefetched; advice_rules,
    # linked_programmes (ids of published programmes) and advice_transitions added)
    pathways: dict  # pathway id -> Pathway
    roles: dict  # slug -> Role
    prior_learning: dict  # slug -> PriorLearning
    rules: dict  # slug -> Rule, the rules of the published steps (with the programme
    # a rule names, its institution and contacts)
    campuses: tuple = ()  # every Location as a Campus (see nearest.ranked_campuses)
    given_qualifications: frozenset = frozenset()  # ids of qualifications programmes give
    teaching_qualifications: frozenset = frozenset()  # slugs of those that are a bevoegdheid


def public_schemes():
    """The published funding schemes of a route, step or job, as `public_funding_schemes`."""
    return Prefetch(
        "funding_schemes",
        queryset=FundingScheme.objects.published(),
        to_attr="public_funding_schemes",
    )


def load_route_data():
    """Published routes with everything the advice shows. Twenty-two queries, whatever
    the amount of data. Where the advice needs no model instance (which step leads to
    which, which rules and programmes belong to a step), compact rows are read instead
    of prefetched instances, which is cheaper."""
    pathways = list(Pathway.objects.published().prefetch_related(public_schemes()))
    steps = list(
        Step.objects.filter(pathway__in=[pathway.pk for pathway in pathways])
        .select_related("yields", "leads_to_role")
        .prefetch_related(
            "providers",
            "provider_institutions",
            "funders",
            public_schemes(),
            Prefetch(
                "offers",
                queryset=StepOffer.objects.select_related(
                    "institution", "organisation"
                ).prefetch_related("profiles", "costs"),
            ),
        )
        .order_by("order", "pk")
    )
    step_ids = [step.pk for step in steps]
    # Every rule once, with its sources and the programme it names (a way in: its
    # contact persons too); then which step and which job each belongs to.
    all_rules = list(
        Rule.objects.select_related("programme__institution").prefetch_related(
            "sources", "programme__contacts"
        )
    )
    rule_by_pk = {rule.pk: rule for rule in all_rules}
    rule_rank = {rule.pk: rank for rank, rule in enumerate(all_rules)}

    def rules_per(links):
        grouped = {}
        for owner_id, rule_id in links:
            grouped.setdefault(owner_id, []).append(rule_id)
        return {
            owner_id: [rule_by_pk[pk] for pk in sorted(pks, key=rule_rank.__getitem__)]
            for owner_id, pks in grouped.items()
        }

    step_rules = rules_per(
        Rule.steps.through.objects.filter(step_id__in=step_ids)
        .order_by()
        .values_list("step_id", "rule_id")
    )
    role_rules = rules_per(Rule.roles.through.objects.order_by().values_list("role_id", "rule_id"))
    # The published programmes linked to a step. The status is checked here, not in the
    # database: there SQLite would start from (nearly) all published programmes.
    linked_programmes = {}
    for step_id, programme_id, status in (
        Step.programmes.through.objects.filter(step_id__in=step_ids)
        .order_by()
        .values_list("step_id", "programme_id", "programme__status")
    ):
        if status == PublicationStatus.PUBLISHED:
            linked_programmes.setdefault(step_id, set()).add(programme_id)
    transitions_out = {}
    for transition in (
        Transition.objects.filter(from_step_id__in=step_ids)
        .order_by("order", "to_step_id")
        .values_list("from_step_id", "to_step_id", "credits", "order", named=True)
    ):
        transitions_out.setdefault(transition.from_step_id, []).append(transition)
    steps_of = {}
    for step in steps:
        step.advice_rules = step_rules.get(step.pk, [])
        step.linked_programmes = linked_programmes.get(step.pk, set())
        step.advice_transitions = transitions_out.get(step.pk, [])
        steps_of.setdefault(step.pathway_id, []).append(step)
    roles = {
        role.slug: role
        for role in Role.objects.select_related("required_qualification").prefetch_related(
            "also_accepted_qualifications", public_schemes()
        )
    }
    for role in roles.values():
        role.advice_rules = role_rules.get(role.pk, [])
    prior = {entry.slug: entry for entry in PriorLearning.objects.select_related("qualification")}
    # A prior learning's steps in the order of the steps (Step's ordering: by route,
    # then order); steps of routes that are not published come last.
    pathway_rank = {pathway.pk: rank for rank, pathway in enumerate(pathways)}
    in_order = sorted(steps, key=lambda step: (pathway_rank[step.pathway_id], step.order, step.pk))
    step_rank = {step.pk: (0, rank) for rank, step in enumerate(in_order)}
    prior_steps = {}
    for entry_id, step_id in PriorLearning.steps.through.objects.order_by().values_list(
        "priorlearning_id", "step_id"
    ):
        prior_steps.setdefault(entry_id, []).append(step_id)
    for entry in prior.values():
        entry.step_ids = tuple(
            sorted(prior_steps.get(entry.pk, []), key=lambda pk: step_rank.get(pk, (1, pk)))
        )
    step_models = {}
    pathway_data = []
    for pathway in pathways:
        step_data = []
        transitions = []
        for step in steps_of.get(pathway.pk, []):
            step.pathway = pathway  # for get_absolute_url, without a query
            step_models[step.pk] = step
            step_data.append(
                StepData(
                    id=step.pk,
                    pathway_id=pathway.pk,
                    title=step.title,
                    order=step.order,
                    yields=step.yields.slug if step.yields else "",
                    leads_to_role=step.leads_to_role.slug if step.leads_to_role else "",
                    min_education=step.min_education,
                    min_experience_years=step.min_experience_years,
                    alternative_min_education=step.alternative_min_education,
                    alternative_min_experience_years=step.alternative_min_experience_years,
                    alternative_note=step.alternative_note,
                    rules=tuple(rule.slug for rule in step.advice_rules),
                    requirement_rules=tuple(
                        (rule.explains, rule.slug) for rule in step.advice_rules if rule.explains
                    ),
                )
            )
            transitions.extend(
                TransitionData(
                    from_id=transition.from_step_id,
                    to_id=transition.to_step_id,
                    credits=transition.credits,
                    order=transition.order,
                )
                for transition in step.advice_transitions
            )
        pathway_data.append(
            PathwayData(
                id=pathway.pk,
                name=pathway.name,
                order=pathway.order,
                steps=tuple(step_data),
                transitions=tuple(transitions),
            )
        )
    route_data = RouteData(
        pathways=tuple(pathway_data),
        roles={
            slug: RoleData(
                slug=slug,
                name=role.routewijzer_label or role.name,
                required_qualification=(
                    role.required_qualification.slug if role.required_qualification else ""
                ),
                also_accepted=tuple(q.slug for q in role.also_accepted_qualifications.all()),
                needed_above_hours=role.qualification_needed_above_hours,
                fallback=next(
                    (other.slug for other in roles.values() if other.pk == role.fallback_role_id),
                    "",
                ),
            )
            for slug, role in roles.items()
        },
        prior_learning={
            slug: PriorLearningData(
                slug=slug,
                name=entry.name,
                steps=entry.step_ids,
                qualification=entry.qualification.slug if entry.qualification else "",
            )
            for slug, entry in prior.items()
        },
    )
    return LoadedData(
        route_data=route_data,
        steps=step_models,
        pathways={pathway.pk: pathway for pathway in pathways},
        roles=roles,
        prior_learning=prior,
        rules={rule.slug: rule for step in step_models.values() for rule in step.advice_rules},
        campuses=all_campuses(),
        given_qualifications=given_qualifications(),
        teaching_qualifications=frozenset(
            qualification.slug
            for qualification in [step.yields for step in steps]
            + [entry.qualification for entry in prior.values()]
            if qualification is not None and qualification.is_teaching_qualification
        ),
    )


def all_campuses():
    """Every campus, as compact rows. One query."""
    return tuple(
        Campus(*row)
        for row in Location.objects.order_by().values_list("pk", "city", "province", "institution")
    )


def given_qualifications():
    """The ids of the qualifications that published programmes give. One query, that
    looks up each qualification in the index instead of reading every programme."""
    given = Programme.objects.published().filter(qualification_id=OuterRef("pk"))
    return frozenset(
        Qualification.objects.filter(Exists(given)).order_by().values_list("pk", flat=True)
    )
