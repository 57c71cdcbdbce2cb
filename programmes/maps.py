"""A map of the Netherlands with markers, drawn on the server as an inline SVG.

`netherlands_map(markers)` returns a `MapFigure` (the SVG, a caption and a text
alternative in Dutch) or None when there is nothing to show; the template
`includes/_map.html` shows it. The rule: the map never stands alone; its text
alternative names every place, also those it could not draw (outside the frame).
The outline is a derived file (programmes/data/netherlands-outline.json, from
Natural Earth); no tiles, no requests to other sites. Why and how:
docs/decisions/0042-server-drawn-map.md.
"""

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .map_outline import on_land, outline_path
from .map_projection import VIEW_HEIGHT, VIEW_WIDTH, in_frame, project
from .places import distance_km, places

CAMPUS = "campus"
ORIGIN = "origin"
# Sizes in SVG units; the frame is about as many units wide as a phone's column is
# pixels (map_projection.SCALE), so these are about pixels there.
CAMPUS_RADIUS = 6.5
ORIGIN_RADIUS = 16.0
FONT_SIZE = 14.0
# Colours are presentation attributes, so the map looks the same without our stylesheet;
# site.css changes them for forced colours and print. On the land (#f3f2f1) the
# campus colour has 7.2:1 and the origin's 6.5:1 (WCAG 1.4.11 asks 3:1).
CAMPUS_COLOUR = "#005a5b"
ORIGIN_COLOUR = "#a4262c"
# The labels' font. Their width is guessed per character: the wider of DejaVu Sans and
# Liberation Sans (Arial's metrics) as Chromium measured them, in em, rounded up to a
# few classes; any other character counts as 0.65 em.
LABEL_FONT = 'Arial, "Liberation Sans", Arimo, Helvetica, "DejaVu Sans", sans-serif'
CHARACTER_WIDTHS = {
    **dict.fromkeys("'ijlI .ï", 0.3),
    **dict.fromkeys("frt-()", 0.4),
    **dict.fromkeys("szcJL", 0.55),
    **dict.fromkeys("ABCDHNRUVXZ", 0.75),
    **dict.fromkeys("mwGMOQW", 1.0),
}
LABEL_GAP = 4.0
# Markers closer than this (SVG units, about 5 km) would draw as one blob: one spot.
SAME_SPOT = CAMPUS_RADIUS
# The text alternative names the province of the nearest Dutch place within this distance.
PROVINCE_RADIUS_KM = 10
INTRODUCTION = "De lijst op deze pagina geeft dezelfde plaatsen in woorden."


@dataclass(frozen=True)
class MapMarker:
    """One place on the map: a campus, or the school's own place (kind "origin")."""

    latitude: float
    longitude: float
    label: str  # what the text alternative says for it
    kind: str = CAMPUS  # "campus" or "origin"
    short: str = ""  # a short name drawn next to the marker; only some markers get one


@dataclass(frozen=True)
class MapFigure:
    """What a page shows: the inline SVG, a one-line caption and the text alternative."""

    svg: SafeString
    caption: str
    description: str


@dataclass
class _Spot:
    """The markers drawn as one: same kind, (almost) the same place."""

    x: float
    y: float
    kind: str
    markers: list
    position: tuple[float, float]  # (latitude, longitude) of the first marker

    @property
    def short(self):
        return next((marker.short for marker in self.markers if marker.short), "")


def netherlands_map(
    markers: Sequence[MapMarker], *, id_prefix: str = "kaart", title: str = "Kaart van Nederland"
) -> MapFigure | None:
    """The map with these markers, or None when not one of them can be drawn."""
    spots, outside = _spots(markers)
    if not spots:
        return None
    description = _description(spots, outside)
    svg = _svg(spots, id_prefix=id_prefix, title=title, description=description)
    return MapFigure(svg=svg, caption=_caption(spots), description=description)


def _spots(markers):
    """The markers in the Netherlands merged into spots, and the markers outside it (or
    with no usable position). Origins come first: drawn first, a campus at the same place
    stays visible in the middle of the star, whose points stick out around it."""
    spots, outside = [], []
    for marker in markers:
        try:
            latitude, longitude = float(marker.latitude), float(marker.longitude)
        except (TypeError, ValueError):
            latitude = longitude = math.nan
        x, y = project(latitude, longitude)
        if not (in_frame(latitude, longitude) and on_land(x, y)):
            outside.append(marker)
            continue
        kind = ORIGIN if marker.kind == ORIGIN else CAMPUS
        for spot in spots:
            if spot.kind == kind and math.hypot(spot.x - x, spot.y - y) < SAME_SPOT:
                spot.markers.append(marker)
                break
        else:
            spots.append(_Spot(x, y, kind, [marker], (latitude, longitude)))
    spots.sort(key=lambda spot: spot.kind != ORIGIN)
    return spots, outside


def _caption(spots):
    campuses = sum(spot.kind == CAMPUS for spot in spots)
    parts = []
    if campuses:
        parts.append(f"{campuses} {'vestiging' if campuses == 1 else 'vestigingen'}")
    parts += [_origin_name(spot) for spot in spots if spot.kind == ORIGIN]
    return "Kaart: " + _join(parts)


def _origin_name(spot):
    return spot.short or spot.markers[0].label


def _description(spots, outside):
    """The text alternative: where each spot lies, what is there, what is not drawn."""
    sentences = ["De kaart toont Nederland."]
    for spot in spots:
        if spot.kind == ORIGIN:
            province = _province(spot)
            where = f", in de provincie {province}" if province else ""
            sentences.append(f"De ster is {_join(_labels(spot))}{where}.")
    campuses = [spot for spot in spots if spot.kind == CAMPUS]
    if campuses:
        lines = [_campus_words(spot) for spot in campuses]
        noun = "Het rondje is" if len(campuses) == 1 else "De rondjes zijn"
        sentences.append(f"{noun} {_vestigingen(len(campuses))}: " + "; ".join(lines) + ".")
    if outside:
        labels = "; ".join(dict.fromkeys(marker.label for marker in outside))
        sentences.append(f"Niet op de kaart, want buiten Nederland of onbekend: {labels}.")
    sentences.append(INTRODUCTION)
    return " ".join(sentences)


def _vestigingen(count):
    return "een vestiging" if count == 1 else f"{count} vestigingen"


def _campus_words(spot):
    province = _province(spot)
    if spot.short:
        where = f"{spot.short} ({province})" if province else spot.short
    else:
        where = f"in {province}" if province else ""
    return f"{where}: {_join(_labels(spot))}" if where else _join(_labels(spot))


def _labels(spot):
    """The spot's labels, each once (several programmes can share one campus)."""
    return list(dict.fromkeys(marker.label for marker in spot.markers))


def _province(spot):
    """The province of the Dutch place nearest to the spot (the place index), or ""
    when no place lies within PROVINCE_RADIUS_KM."""
    return _province_at(*spot.position)


@functools.lru_cache(maxsize=1024)
def _province_at(latitude, longitude):
    # Cached: the same campuses come back on every page, and the search reads every place.
    nearest = min(
        places(),
        # Squared degrees, longitudes shrunk as on the map: enough to pick the nearest.
        key=lambda place: (
            (place.latitude - latitude) ** 2 + ((place.longitude - longitude) * 0.61) ** 2
        ),
        default=None,
    )
    if nearest is None or (
        distance_km(latitude, longitude, nearest.latitude, nearest.longitude) > PROVINCE_RADIUS_KM
    ):
        return ""
    return nearest.province_name


def _join(parts):
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def _svg(spots, *, id_prefix, title, description):
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    shapes = [_marker_svg(spot) for spot in spots]
    labels = _place_labels(spots)
    return format_html(
        '<svg class="map-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
        '<title id="{title_id}">{title}</title><desc id="{desc_id}">{description}</desc>'
        '<path class="map-land" d="{path}" fill="#f3f2f1" stroke="#4a4a4a" stroke-width="1.25" '
        'stroke-linejoin="round"/>'
        '<g class="map-markers" stroke="#ffffff" stroke-width="1.5">{shapes}</g>'
        '<g class="map-labels" font-family="{font}" font-size="{font_size}" fill="#1b1b1b" '
        'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
        "{labels}</g></svg>",
        w=VIEW_WIDTH,
        h=VIEW_HEIGHT,
        title_id=title_id,
        desc_id=desc_id,
        title=title,
        description=description,
        path=outline_path(),
        font=LABEL_FONT,
        font_size=f"{FONT_SIZE:g}",
        shapes=mark_safe("".join(shapes)),
        labels=mark_safe("".join(labels)),
    )


def _marker_svg(spot):
    if spot.kind == ORIGIN:
        return (
            f'<polygon class="map-origin" fill="{ORIGIN_COLOUR}" '
            f'points="{_star_points(spot.x, spot.y)}"/>'
        )
    return (
        f'<circle class="map-campus" fill="{CAMPUS_COLOUR}" '
        f'cx="{spot.x:.1f}" cy="{spot.y:.1f}" r="{CAMPUS_RADIUS:g}"/>'
    )


def _star_points(x, y, points=5):
    """A five-pointed star around (x, y): a shape, not only a colour, sets it apart."""
    corners = []
    for i in range(points * 2):
        radius = ORIGIN_RADIUS if i % 2 == 0 else ORIGIN_RADIUS * 0.5
        angle = math.pi * i / points - math.pi / 2
        corners.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return " ".join(corners)


def _place_labels(spots):
    """A <text> per spot with a short name, beside its marker where it overlaps no other
    label or marker and stays inside the frame; a label that fits nowhere is left out
    (the text alternative still names the place)."""
    taken = [_marker_box(spot) for spot in spots]
    texts, named = [], []
    # The origin first (see _spots): it is the place the reader knows.
    for spot in spots:
        # A campus in the origin's own place needs no second label with the same name.
        if not spot.short or any(
            short == spot.short and math.hypot(x - spot.x, y - spot.y) < SAME_SPOT
            for short, x, y in named
        ):
            continue
        named.append((spot.short, spot.x, spot.y))
        width = label_width(spot.short)
        radius = ORIGIN_RADIUS if spot.kind == ORIGIN else CAMPUS_RADIUS
        for box, x, anchor in _label_candidates(spot, width, radius):
            if _inside_frame(box) and not any(_overlap(box, other) for other in taken):
                taken.append(box)
                baseline = box[3] - FONT_SIZE * 0.25
                texts.append(
                    f'<text class="map-label" x="{x:.1f}" y="{baseline:.1f}" '
                    f'text-anchor="{anchor}">{escape(spot.short)}</text>'
                )
                break
    return texts


def label_width(text: str) -> float:
    """A generous guess of the text's width in SVG units at the labels' font size."""
    return FONT_SIZE * sum(CHARACTER_WIDTHS.get(character, 0.65) for character in text)


def _label_candidates(spot, width, radius):
    """Boxes (left, top, right, bottom) right of, left of, above and below the marker,
    with the x and text-anchor that draw the text in that box."""
    gap = radius + LABEL_GAP
    half = FONT_SIZE / 2
    x, y = spot.x, spot.y
    yield (x + gap, y - half, x + gap + width, y + half + 2), x + gap, "start"
    yield (x - gap - width, y - half, x - gap, y + half + 2), x - gap, "end"
    yield (x - width / 2, y - gap - FONT_SIZE, x + width / 2, y - gap + 2), x, "middle"
    yield (x - width / 2, y + gap - 2, x + width / 2, y + gap + FONT_SIZE), x, "middle"


def _marker_box(spot):
    radius = ORIGIN_RADIUS if spot.kind == ORIGIN else CAMPUS_RADIUS
    return (spot.x - radius, spot.y - radius, spot.x + radius, spot.y + radius)


def _inside_frame(box):
    return box[0] >= 0 and box[1] >= 0 and box[2] <= VIEW_WIDTH and box[3] <= VIEW_HEIGHT


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
