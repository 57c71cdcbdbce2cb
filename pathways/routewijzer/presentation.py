"""An advice as the Routewijzer's templates show it.

`present_advice()` pairs each part of a `routefinder_types.Advice` with the model
instances its page needs (steps, offers, rules), as plain dicts: a template cannot
look up a step by its id. It reads nothing from the database: everything comes from
the route data in memory (`data.LoadedData`). Offers that have ended are left out:
the advice lists what the candidate can do now. When no route fits, `ways_in` names
what the sources do say (a rule about the education level that names a programme);
see docs/decisions/0026-route-finding-rules.md ("A way in").
"""

import re

from editorial.status import PublicationStatus

from ..models import RuleExplains


def provider_name(offer):
    """Who gives the offer, to follow its name; "" when the name already says it
    ("Geschiktheidsonderzoek bij Hogeschool Utrecht")."""
    provider = offer.institution or offer.organisation
    if provider is None:
        return ""
    names = [provider.name, getattr(provider, "short_name", "")]
    for part in filter(None, names):
        # As a whole word: the short name "HU" is not in "Huis".
        if re.search(rf"\b{re.escape(part)}\b", offer.name, re.IGNORECASE):
            return ""
    return provider.name


def ways_in(advice, loaded):
    """What the sources name when no route fits: the rules about the education level
    beside the reasons of the routes that do not fit, that name a programme. Each as
    {"rule", "programme" (None when it is not published), "contact" (its first
    contact person with an e-mail address, or None)}, in the rules' order."""
    if advice.best is not None or advice.fulfilled:
        return []
    slugs = dict.fromkeys(slug for route in advice.excluded for slug in route.reason_rules)
    found = []
    for rule in sorted(
        (loaded.rules[slug] for slug in slugs if slug in loaded.rules),
        key=lambda rule: (rule.order, rule.title),
    ):
        if rule.explains != RuleExplains.EDUCATION or rule.programme is None:
            continue  # it says why a step does not fit, not how to get in
        programme = rule.programme
        if programme.status != PublicationStatus.PUBLISHED:
            found.append({"rule": rule, "programme": None, "contact": None})
            continue
        contact = next((contact for contact in programme.contacts.all() if contact.email), None)
        found.append({"rule": rule, "programme": programme, "contact": contact})
    return found


def other_profile_offers(count, profile):
    """The line about the offers left out because they are only for other profielen."""
    if not count:
        return ""
    name = profile.code or profile.name
    if count == 1:
        return (
            f"1 opleiding of traject staat er niet bij: dat is voor een ander profiel "
            f"(niet voor {name})."
        )
    return (
        f"{count} opleidingen of trajecten staan er niet bij: die zijn voor een ander "
        f"profiel (niet voor {name})."
    )


def present_advice(advice, loaded, profile=None):
    """The advice with the model instances each part needs for its page, as plain
    dicts for the template (which cannot look up a step by its id)."""
    if advice is None:
        return None

    def offers_of(step):
        """The offers the candidate can take now: for the chosen profiel first, then
        those without profielen. Offers that have ended are history; offers only for
        other profielen are left out too, and counted (`other_profile_offers`)."""
        offers = []
        for offer in step.offers.all():
            if offer.has_ended:
                continue
            offer_profiles = list(offer.profiles.all())
            fits = None if not offer_profiles or profile is None else profile in offer_profiles
            offers.append(
                {
                    "offer": offer,
                    "provider": provider_name(offer),
                    "profiles": offer_profiles,
                    "fits": fits,
                }
            )
        return sorted(
            (item for item in offers if item["fits"] is not False),
            key=lambda item: item["fits"] is not True,
        ), other_profile_offers(sum(item["fits"] is False for item in offers), profile)

    def rules_of(slugs):
        return [loaded.rules[slug] for slug in slugs if slug in loaded.rules]

    def present_step(item):
        step = loaded.steps[item.step.id]
        offers, offers_left_out = offers_of(step)
        return {
            "item": item,
            "step": step,
            "offers": offers,
            "offers_left_out": offers_left_out,
            "rules": rules_of(item.check.rules if item.check else ()),
        }

    def present_route(route):
        return {
            "route": route,
            "rules": rules_of(route.reason_rules),  # shown beside route.reasons
            "pathway": loaded.pathways[route.pathway.id],
            "steps": [present_step(item) for item in route.steps],
            "next_steps": [
                {
                    "item": item,
                    "step": loaded.steps[item.step.id],
                    "rules": rules_of(item.check.rules),
                }
                for item in route.next_steps
            ],
        }

    role = loaded.roles[advice.role.slug]
    qualifications = {}
    if role.required_qualification:
        qualifications[role.required_qualification.slug] = role.required_qualification
    for qualification in role.also_accepted_qualifications.all():
        qualifications[qualification.slug] = qualification
    return {
        "advice": advice,
        "role": role,
        "role_name": advice.role.name,
        "needed": [qualifications[slug] for slug in advice.needed if slug in qualifications],
        "best": present_route(advice.best) if advice.best else None,
        "others": [present_route(route) for route in advice.routes[1:]],
        "excluded": [present_route(route) for route in advice.excluded],
        "ways_in": ways_in(advice, loaded),
        "fallback": present_advice(advice.fallback, loaded, profile),
    }
