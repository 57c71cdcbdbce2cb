"""The map on the Routewijzer's advice: the campuses of the programmes it lists and the
school's place, drawn by `programmes.maps`.

The rule: the map shows exactly the programmes of the list above it, numbered as in the
list, at the campus the list names; the list is the answer, the map only supports it.
With only a province there is no place of the school to mark.
"""

from programmes.maps import CAMPUS, ORIGIN, MapMarker, netherlands_map


def advice_map(programme_advice):
    """The MapFigure for a ProgrammeAdvice, or None when no listed campus can be drawn."""
    markers = []
    place = programme_advice.origin.place
    if place is not None:
        markers.append(MapMarker(place.latitude, place.longitude, place.name, ORIGIN, place.name))
    named = set()
    for number, match in enumerate(programme_advice.matches, start=1):
        if match.place is None:  # no place known: the list says so
            continue
        city = match.location.city
        markers.append(
            MapMarker(
                match.place.latitude,
                match.place.longitude,
                f"{number}. {match.programme.name} ({match.programme.institution.name}), {city}",
                CAMPUS,
                "" if city in named else city,
            )
        )
        named.add(city)
    if len(markers) == (place is not None):
        return None
    where = f" en {place.name}" if place is not None else ""
    return netherlands_map(
        markers,
        id_prefix="kaart-advies",
        title=f"Kaart: de vestigingen van de opleidingen hierboven{where}",
    )
