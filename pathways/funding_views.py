"""The page "Kosten en subsidies": what a route costs and which schemes help pay.

Answer first: the top of the page says what the statutory tuition was (always with
its year, and never as current when the year is older than the current study
year) and which schemes pay for the school and for the candidate. Then every
published scheme, grouped by who receives it.

Whether a scheme runs is worked out on the day the page is made
(`FundingScheme.state_text`); the page cache keeps a page for one day at most
(pagecache/middleware.py), so an ended scheme is never shown as open.
"""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import TemplateView

from editorial.status import PublicationStatus
from programmes.models.costs import CostKind, ProgrammeCost, current_study_year

from .models import FundingScheme, Pathway, SchemeKind, Step
from .queries import text_blocks


def euros(amount: Decimal) -> str:
    """Dutch notation without cents when there are none: € 2.601, € 7,50."""
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def study_year(year: int) -> str:
    return f"{year}-{year + 1}"


def tuition_by_year(costs, today):
    """Tuition rows grouped by year (newest first) and amount, with the programmes.

    Each item: year, study_year, amount (text), programmes (names), is_old, sources
    and checked_on.
    Rows without a year are left out: an amount without its year says nothing.
    """
    groups = {}
    current = current_study_year(today)
    for cost in costs:
        if cost.year is None:
            continue
        group = groups.setdefault(
            (cost.year, cost.amount),
            {
                "year": cost.year,
                "study_year": study_year(cost.year),
                "amount": euros(cost.amount),
                "is_old": cost.year < current,
                "programmes": [],
                "sources": {},
                "checks": [],
            },
        )
        group["checks"].append(cost.checked_on)
        name = str(cost.programme.institution)
        if name not in group["programmes"]:
            group["programmes"].append(name)
        for source in cost.sources.all():
            group["sources"][source.pk] = source
    items = sorted(groups.values(), key=lambda item: (-item["year"], item["amount"]))
    for item in items:
        item["sources"] = list(item["sources"].values())
        item["checked_on"] = oldest(item.pop("checks"))
    return items


def oldest(days):
    """The oldest date, or None if one is missing: facts are as fresh as their stalest row."""
    return None if not days or None in days else min(days)


def scheme_queryset():
    published_steps = Step.objects.public().select_related("pathway").order_by("pathway", "order")
    return (
        FundingScheme.objects.published()
        .select_related("organisation")
        .prefetch_related(
            "sources",
            "roles",
            Prefetch("pathways", queryset=Pathway.objects.published(), to_attr="public_pathways"),
            Prefetch("steps", queryset=published_steps, to_attr="public_steps"),
        )
    )


class FundingView(TemplateView):
    """Costs and subsidies: the answer first, then tuition, the schemes for the
    school and for the candidate, other support, and the sources."""

    template_name = "pathways/funding.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        schemes = list(scheme_queryset())
        for scheme in schemes:
            scheme.state = scheme.state_text(today)
            scheme.open_today = scheme.is_open(today)
        costs = (
            ProgrammeCost.objects.filter(programme__status=PublicationStatus.PUBLISHED)
            .select_related("programme__institution")
            .prefetch_related("sources")
            .order_by("-year", "programme__institution__name")
        )
        statutory = tuition_by_year(costs.filter(kind=CostKind.STATUTORY), today)
        institutional = tuition_by_year(costs.filter(kind=CostKind.INSTITUTIONAL), today)
        tuition = statutory + institutional
        tuition_sources = {}
        for item in tuition:
            tuition_sources.update((source.pk, source) for source in item["sources"])
        context.update(
            today=today,
            current_study_year=study_year(current_study_year(today)),
            groups=[
                {
                    "id": "voor-de-school",
                    "title": "Voor de school",
                    "intro": "Subsidies die de school, het schoolbestuur of de regio aanvraagt.",
                    "schemes": [s for s in schemes if s.kind == SchemeKind.SUBSIDY],
                },
                {
                    "id": "voor-de-kandidaat",
                    "title": "Voor de kandidaat",
                    "intro": "Beurzen en tegemoetkomingen die de nieuwe collega zelf aanvraagt.",
                    "schemes": [s for s in schemes if s.kind == SchemeKind.GRANT],
                },
            ],
            statutory=statutory,
            latest_statutory=statutory[0] if statutory else None,
            institutional=institutional,
            tuition_sources=list(tuition_sources.values()),
            tuition_checked_on=oldest([item["checked_on"] for item in tuition]),
            blocks=text_blocks(),
        )
        return context
