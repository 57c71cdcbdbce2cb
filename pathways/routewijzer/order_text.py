"""The sentences over the advice's list of programmes: how it is ordered, and how many
programmes were left out for another profiel.

The rule: every sentence is written from the list shown (the sort keys of its
matches, see `nearest`), so it says exactly what the visitor sees: a group that is not
in the list is not mentioned. Why: docs/decisions/0029-nearest-programmes-search.md.
"""

# The groups of the order, the first part of every sort key (nearest.ProgrammeMatch.key,
# then: no distance known, the distance): campuses (with only a province: campuses in
# it), campuses outside the province, no known place.
NEAR, OUTSIDE_PROVINCE, NO_PLACE = 0, 1, 2


def order_sentences(matches, origin):
    """The sentences that say how `matches` (in the order shown) are ordered, for the
    school's `origin` (a place, or only a province)."""
    keys = [match.key for match in matches]
    if not keys:
        return []
    with_distance = any(key[0] != NO_PLACE and not key[1] for key in keys)
    no_distance = any(key[0] != NO_PLACE and key[1] for key in keys)
    no_place = any(key[0] == NO_PLACE for key in keys)
    sentences = []
    if origin.place is not None:
        if with_distance:
            sentences.append(
                f"De opleiding die het dichtst bij {origin.place.name} is, staat bovenaan. De "
                "afstand is hemelsbreed, naar de dichtstbijzijnde vestiging."
            )
    else:
        sentences += _province_sentences(keys, origin.province_name, with_distance)
    if no_distance:
        sentences.append(
            "Van een vestiging in een plaats die de toolkit niet kent, weten we de "
            "afstand niet. Zo’n opleiding staat na de opleidingen met een afstand."
        )
    if no_place:
        sentences.append("Opleidingen waarvan de plaats nog niet bekend is, staan onderaan.")
    return sentences


def _province_sentences(keys, province, with_distance):
    """With only a province: its campuses first (a programme in it is always first, so
    when the first is not, none is), each group from the province's centre."""
    if not any(key[0] == NEAR for key in keys):
        sentences = [f"Geen van de opleidingen voor deze stap heeft een vestiging in {province}."]
        if with_distance:
            sentences.append(
                f"Hieronder staan de opleidingen, de dichtstbijzijnde bij het midden van "
                f"{province} eerst."
            )
    elif any(key[0] == OUTSIDE_PROVINCE for key in keys):
        sentences = [
            f"Eerst staan de opleidingen met een vestiging in {province}, daarna de andere. "
            f"In beide groepen staat de opleiding die het dichtst bij het midden van "
            f"{province} is bovenaan."
        ]
    elif all(key[0] == NEAR for key in keys):
        sentences = [
            f"Alle opleidingen hieronder hebben een vestiging in {province}. De opleiding "
            f"die het dichtst bij het midden van {province} is, staat bovenaan."
        ]
    else:  # the province's campuses, then programmes without a place
        sentences = [
            f"Eerst staan de opleidingen met een vestiging in {province}. De opleiding die "
            f"het dichtst bij het midden van {province} is, staat bovenaan."
        ]
    if with_distance:
        sentences.append("Het midden van een provincie is berekend uit waar de inwoners wonen.")
    return sentences


def other_profile_sentence(count, profile_name):
    """The line about the programmes left out because they are for another profiel."""
    if not count:
        return ""
    if count == 1:
        return (
            f"1 opleiding staat er niet bij: die is voor een ander profiel "
            f"(niet voor {profile_name})."
        )
    return (
        f"{count} opleidingen staan er niet bij: die zijn voor een ander profiel "
        f"(niet voor {profile_name})."
    )
