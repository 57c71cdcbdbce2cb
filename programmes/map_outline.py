"""The outline of the Netherlands for the map: read from the derived file, and asked
whether a point lies on the land.

The file programmes/data/netherlands-outline.json is made once by
`manage.py build_map_outline` from Natural Earth (its "source" key says how); the
site only reads it, once per process. Its path data is in SVG units of
`map_projection.project()`. Why: docs/decisions/0042-server-drawn-map.md.
"""

import functools
import json
import math
import re
from pathlib import Path

OUTLINE_FILE = Path(__file__).resolve().parent / "data" / "netherlands-outline.json"
# A point this close to the coast or border (SVG units, about 2.3 km) still counts as
# in the Netherlands: the simplified outline cuts off a little of the real coast. With
# 3.0 all 1,966 places of the place index are on land, and Gronau (D) and Lommel (B)
# are not; with 2.0 Broeksittard would fall off the map.
NEAR_LAND = 3.0


@functools.cache
def outline() -> dict:
    """The derived file as a dict, read once per process."""
    return json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))


def outline_path() -> str:
    """The outline as SVG path data."""
    return outline()["path"]


@functools.cache
def rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The outline's rings as absolute points, parsed from the path data (which the
    converter writes as "M x y l dx dy dx dy ... z" per ring)."""
    parsed = []
    for part in outline_path().split("z"):
        numbers = [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?", part)]
        if len(numbers) < 6:
            continue
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        parsed.append(tuple(points))
    return tuple(parsed)


def on_land(x: float, y: float) -> bool:
    """Whether (x, y) lies in the outline or within NEAR_LAND of it."""
    inside = False
    for ring in rings():
        # Even-odd rule: a holes-free outline makes this "in any ring".
        for (ax, ay), (bx, by) in _edges(ring):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                inside = not inside
    if inside:
        return True
    return any(_distance((x, y), a, b) <= NEAR_LAND for ring in rings() for a, b in _edges(ring))


def _edges(ring):
    return zip(ring, ring[1:] + ring[:1], strict=True)


def _distance(point, start, end):
    """The distance from point to the segment start-end."""
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)
