"""Which funding schemes the advice offers this candidate, and which it sets apart.

Some schemes are only for someone who already holds a teaching qualification (the
lerarenbeurs) or already works as an instructor in the mbo (the instructeursbeurs), as
their sources say (`FundingScheme.only_if`). The advice offers such a scheme only when
the answers show the candidate meets that; otherwise it lists it apart, under "Alleen
als …", so a school does not count on money the candidate cannot get, while a
candidate who does meet it (a qualified teacher in another subject) still finds it.
"""

from dataclasses import dataclass

from ..models import SchemeCondition

# What each condition asks, after "Alleen als", and why the advice cannot count on it.
CONDITION_TEXTS = {
    SchemeCondition.TEACHING_QUALIFICATION: (
        "de kandidaat al een onderwijsbevoegdheid heeft",
        "Dat staat niet in uw antwoorden.",
    ),
    SchemeCondition.MBO_INSTRUCTOR: (
        "de kandidaat al als instructeur in het mbo werkt",
        "Dat vraagt de Routewijzer niet.",
    ),
}


@dataclass(frozen=True)
class SetApart:
    """Schemes with one condition the answers do not show the candidate meets."""

    condition: str  # after "Alleen als"
    why: str
    schemes: tuple


@dataclass(frozen=True)
class FundingFit:
    offered: tuple = ()  # the schemes this candidate can count on, as far as we know
    set_apart: tuple = ()  # SetApart groups, in the order of CONDITION_TEXTS


def fit_schemes(schemes, held, teaching_qualifications):
    """Split `schemes` (in their order) for a candidate who holds the qualification
    slugs `held`; `teaching_qualifications` are the slugs that are a bevoegdheid."""
    met = {
        SchemeCondition.NONE: True,
        SchemeCondition.TEACHING_QUALIFICATION: bool(held & teaching_qualifications),
        # The Routewijzer does not ask where the candidate works now.
        SchemeCondition.MBO_INSTRUCTOR: False,
    }
    offered = []
    apart = {condition: [] for condition in CONDITION_TEXTS}
    for scheme in schemes:
        condition = SchemeCondition(scheme.only_if)
        if met[condition]:
            offered.append(scheme)
        else:
            apart[condition].append(scheme)
    return FundingFit(
        offered=tuple(offered),
        set_apart=tuple(
            SetApart(*CONDITION_TEXTS[condition], schemes=tuple(group))
            for condition, group in apart.items()
            if group
        ),
    )
