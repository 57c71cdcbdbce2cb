"""What a place name typed by a visitor comes to: the one Dutch place meant, or the
Dutch message to show beside the field.

Shared by the Routewijzer's questionnaire and the directory's nearby search, so both
say the same: "Bedoelt u ...?" for an unknown name, which province for a name that
occurs in more than one, and "not in the Netherlands" for a bigger place abroad. The
place index itself: programmes/places.py.
"""

from dataclasses import dataclass

from .models import Province
from .places import Place, _province_key, close_matches, find_places, normalise, places


@dataclass(frozen=True)
class PlaceResolution:
    """What a typed place name (and province) comes to: the one place meant, or a Dutch
    message and the field it belongs beside ("plaats" for the name, "provincie" for the
    province). `provinces` lists the provinces to choose from when the name is ambiguous."""

    place: Place | None = None
    message: str = ""
    field: str = ""
    provinces: tuple[str, ...] = ()


def resolve_place(
    name: str, province: str = "", unknown_hint: str = "Controleer de spelling."
) -> PlaceResolution:
    """The place `name` means, with `province` (a Province value or label) to choose
    between places with the same name, or the message to show: "Bedoelt u ...?" for an
    unknown name, which province for an ambiguous one. `unknown_hint` ends the message
    for a name without close matches. Used by the Routewijzer and the directory."""
    found = find_places(name)
    if not found:
        country = places().abroad.get(normalise(name))
        if country:
            return PlaceResolution(
                message=f"‘{name}’ ligt niet in Nederland, maar in {country}. De toolkit kent "
                "alleen opleidingen in Nederland. Vul de plaats in Nederland in waar de school "
                "staat.",
                field="plaats",
            )
        close = close_matches(name)
        if close:
            options = " of ".join(place.name for place in close)
            return PlaceResolution(
                message=f"We kennen de plaats ‘{name}’ niet. Bedoelt u {options}?", field="plaats"
            )
        return PlaceResolution(
            message=f"We kennen de plaats ‘{name}’ niet. {unknown_hint}", field="plaats"
        )
    provinces = tuple(dict.fromkeys(place.province for place in found))
    if province:
        wanted = _province_key(province)
        in_province = [place for place in found if place.province == wanted]
        if not in_province:
            actual = " of ".join(dict.fromkeys(place.province_name for place in found))
            chosen = Province(wanted).label if wanted in Province.values else province
            return PlaceResolution(
                message=f"{found[0].name} ligt in {actual}, niet in {chosen}. Kies {actual}, "
                "of laat de provincie leeg.",
                field="provincie",
                provinces=provinces,
            )
        found = in_province
    if len({place.province for place in found}) > 1:
        names = " en ".join(dict.fromkeys(place.province_name for place in found))
        return PlaceResolution(
            message=f"Er zijn meer plaatsen met de naam {found[0].name}: in {names}. Kies de "
            "provincie van de school.",
            field="provincie",
            provinces=provinces,
        )
    return PlaceResolution(place=found[0], provinces=provinces)
