"""The map's projection: latitude and longitude to SVG units, for the outline and markers.

One rule: the outline file (programmes/data/netherlands-outline.json, made by
`manage.py build_map_outline`) and the markers go through this same `project()`, so a
change here means building the outline again. An equirectangular projection with
longitudes scaled by cos(52.2°) keeps distances within about 3% across the
Netherlands. Why: docs/decisions/0042-server-drawn-map.md.
"""

import math

# The latitude where east-west and north-south distances are drawn alike (the middle of
# the Netherlands, near Utrecht).
STANDARD_PARALLEL = 52.2
# The frame: the European Netherlands with a small margin (degrees). A marker outside it
# is not drawn.
FRAME_MIN_LONGITUDE = 3.2
FRAME_MAX_LONGITUDE = 7.4
FRAME_MIN_LATITUDE = 50.7
FRAME_MAX_LATITUDE = 53.65
# SVG units per degree of latitude: the frame is then about 340 units wide, close to
# the pixels of a phone's column, so sizes in units are about sizes in pixels there.
SCALE = 132.0

_COS = math.cos(math.radians(STANDARD_PARALLEL))
VIEW_WIDTH = round((FRAME_MAX_LONGITUDE - FRAME_MIN_LONGITUDE) * _COS * SCALE)
VIEW_HEIGHT = round((FRAME_MAX_LATITUDE - FRAME_MIN_LATITUDE) * SCALE)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """(x, y) in SVG units: x grows to the east, y to the south, (0, 0) is the
    frame's north-west corner."""
    x = (longitude - FRAME_MIN_LONGITUDE) * _COS * SCALE
    y = (FRAME_MAX_LATITUDE - latitude) * SCALE
    return x, y


def in_frame(latitude: float, longitude: float) -> bool:
    """Whether a point lies inside the frame (and is a real number at all)."""
    return (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and FRAME_MIN_LATITUDE <= latitude <= FRAME_MAX_LATITUDE
        and FRAME_MIN_LONGITUDE <= longitude <= FRAME_MAX_LONGITUDE
    )
