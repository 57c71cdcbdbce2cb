"""What the public pages say about routes, steps and offers as a whole: which facts are
not known yet (said once per entry, in one line: "Nog niet bekend: duur en kosten"),
a duration as a visitor reads it, costs with their year and who pays, and a route's
total duration.

The rule: a label names a missing fact and is never shown as its value. Everything
reads relations with `.all()`, so a page that prefetched them makes no extra query.
"""

from decimal import Decimal

from programmes.models import CostKind, PaidBy

from ..routefinder_durations import StepSpan, route_duration


def _duration_shown(entry) -> str:
    """The duration as the source said it, else in months ('10 maanden'); '' if unknown."""
    return entry.duration or entry.duration_text


def euro(amount) -> str:
    """'€ 6.650', '€ 0', '€ 1.234,50' (Dutch notation)."""
    amount = Decimal(amount)
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def cost_line(cost) -> str:
    """One cost with its kind, year and who pays: 'wettelijk collegegeld € 2.601 per
    jaar (2025; een bedrag van een eerder studiejaar)'. Never shown as current when it
    is old (CostFields.is_old)."""
    parts = [euro(cost.amount)]
    if cost.kind != CostKind.PRICE:
        parts.insert(0, cost.get_kind_display())
    if cost.note:
        parts.append(cost.note)
    text = " ".join(parts)
    if cost.year is None:
        when = "de bron noemt geen jaar"
    elif cost.is_old():
        when = f"{cost.year}; een bedrag van een eerder studiejaar"
    else:
        when = str(cost.year)
    text += f" ({when})"
    if cost.paid_by and cost.paid_by != PaidBy.UNKNOWN:
        text += f", betaald door {cost.get_paid_by_display()}"
    return text


class StepFactsMixin:
    """Methods of Step for the public pages; see the module docstring."""

    @property
    def duration_shown(self) -> str:
        return _duration_shown(self)

    def credited_transitions_in(self):
        """The transitions into this step that say what of the step before counts."""
        return [transition for transition in self.transitions_in.all() if transition.credits]

    def has_provider(self) -> bool:
        return bool(self.providers.all() or self.provider_institutions.all() or self.offers.all())

    def missing_public_facts(self):
        """The Dutch labels of the step's facts nobody has a source for yet."""
        missing = []
        if not self.duration_shown:
            missing.append("duur")
        if not self.entry_requirements:
            missing.append("toelatingseisen")
        if self.yields_id is None and not self.yields_note:
            missing.append("wat de stap oplevert")
        if not self.has_provider():
            missing.append("wie de stap aanbiedt")
        if not self.funders.all():
            missing.append("wie betaalt")
        return missing


class OfferFactsMixin:
    """Methods of StepOffer for the public pages; see the module docstring."""

    @property
    def duration_shown(self) -> str:
        return _duration_shown(self)

    def cost_lines(self):
        """The costs with their year and who pays; the old free text if there are none."""
        lines = [cost_line(cost) for cost in self.costs.all()]
        if not lines and self.cost:
            lines.append(self.cost)
        return lines

    def missing_public_facts(self, step=None):
        """The Dutch labels of the offer's facts nobody has a source for yet. Entry
        requirements count as known when its step has them (pass the step to avoid a
        query when it is not cached on the offer)."""
        step = step if step is not None else self.step
        missing = []
        if not self.url:
            missing.append("website")
        if not self.duration_shown and not step.duration_shown:
            missing.append("duur")
        if not self.cost_lines():
            missing.append("kosten")
        if not self.place:
            missing.append("plaats")
        if not self.entry_requirements and not step.entry_requirements:
            missing.append("toelatingseisen")
        return missing


class RoleFactsMixin:
    """Methods of Role for the public pages; see the module docstring."""

    def missing_public_facts(self):
        return [] if self.may_do else ["wat deze rol mag en doet"]


class PathwayFactsMixin:
    """Methods of Pathway for the public pages; see the module docstring."""

    def missing_public_facts(self):
        missing = []
        if not (self.providers.all() or self.provider_institutions.all() or self.provider_note):
            missing.append("wie de route aanbiedt")
        if not (self.funders.all() or self.funding_note):
            missing.append("wie betaalt")
        if not self.employer_role:
            missing.append("wat de school als werkgever regelt")
        return missing

    def total_duration(self):
        """The route's total duration (routefinder_durations.RouteDuration), from its
        prefetched steps and their transitions out."""
        steps = list(self.steps.all())
        spans = [
            StepSpan(step.pk, step.title, step.duration_min_months, step.duration_max_months)
            for step in steps
        ]
        next_ids = {
            step.pk: [transition.to_step_id for transition in step.transitions_out.all()]
            for step in steps
        }
        return route_duration(spans, next_ids)
