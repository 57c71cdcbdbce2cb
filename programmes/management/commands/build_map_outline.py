"""Build programmes/data/netherlands-outline.json, the outline the server-drawn map uses.

Run once by a developer, never by the site or CI: it reads a TopoJSON file of the npm
package world-atlas (Natural Earth's countries), keeps the European Netherlands,
projects it, simplifies it and writes a small file with its source named inside.
Why and how: docs/decisions/0042-server-drawn-map.md.

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python manage.py build_map_outline /tmp/package/countries-10m.json
"""

import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes.map_outline import OUTLINE_FILE
from programmes.map_projection import (
    FRAME_MAX_LATITUDE,
    FRAME_MAX_LONGITUDE,
    FRAME_MIN_LATITUDE,
    FRAME_MIN_LONGITUDE,
    STANDARD_PARALLEL,
    project,
)

# ISO 3166-1 numeric code of the Netherlands, the id world-atlas gives the country.
NETHERLANDS_ID = "528"
# Douglas-Peucker tolerance in viewBox units (about one pixel on a phone).
DEFAULT_TOLERANCE = 1.0
# Islands smaller than this (square viewBox units) are left out: too small to see.
DEFAULT_MIN_AREA = 4.0


class Command(BaseCommand):
    help = (
        "Maakt programmes/data/netherlands-outline.json (de omtrek van Nederland voor de "
        "kaart) uit countries-10m.json of countries-50m.json van het npm-pakket world-atlas."
    )

    def add_arguments(self, parser):
        parser.add_argument("topojson", help="Pad naar countries-10m.json van world-atlas.")
        parser.add_argument(
            "--atlas-version",
            help="Versie van world-atlas; standaard uit package.json naast het bestand.",
        )
        parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
        parser.add_argument("--min-area", type=float, default=DEFAULT_MIN_AREA)
        parser.add_argument("--output", default=str(OUTLINE_FILE))

    def handle(self, *args, topojson, atlas_version, tolerance, min_area, output, **options):
        try:
            topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Kan {topojson} niet lezen: {error}") from error
        atlas_version = atlas_version or _package_version(Path(topojson))
        polygons = netherlands_polygons(topology)
        rings, holes = [], 0
        for polygon in polygons:
            for index, ring in enumerate(polygon):
                points = douglas_peucker([project(lat, lon) for lon, lat in ring], tolerance)
                if len(points) < 4 or abs(ring_area(points)) < min_area:
                    continue
                holes += index > 0
                rings.append(points)
        path = " ".join(svg_ring(ring) for ring in rings)
        name = Path(topojson).name
        outline = {
            "source": {
                "data": "Natural Earth, Admin 0 countries, version 4.1.0",
                "data_licence": "public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
                "package": f"world-atlas {atlas_version} (npm), file {name}",
                "package_licence": "ISC, Copyright 2013-2019 Michael Bostock",
                "command": f"python manage.py build_map_outline {name} --tolerance {tolerance} "
                f"--min-area {min_area}",
                "kept": "the European Netherlands (id 528); the Caribbean islands left out",
                "lakes": "world-atlas has no lakes: IJsselmeer and Markermeer are drawn as land",
            },
            "projection": {
                "type": "equirectangular",
                "standard_parallel": STANDARD_PARALLEL,
                "frame": [
                    FRAME_MIN_LONGITUDE,
                    FRAME_MIN_LATITUDE,
                    FRAME_MAX_LONGITUDE,
                    FRAME_MAX_LATITUDE,
                ],
            },
            "rings": len(rings),
            "holes": holes,
            "points": sum(len(ring) for ring in rings),
            "path": path,
        }
        Path(output).write_text(json.dumps(outline, indent=1) + "\n", encoding="utf-8")
        size = Path(output).stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(rings)} ringen, {outline['points']} punten, {size} bytes in {output}."
            )
        )


def _package_version(path):
    """world-atlas's version from the package.json beside the file, as npm unpacks it."""
    try:
        return json.loads((path.parent / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as error:
        raise CommandError(
            "Geen package.json naast het bestand: geef de versie met --atlas-version."
        ) from error


def decode_arcs(topology):
    """The topology's arcs as lists of (longitude, latitude), undoing quantisation and
    delta encoding (TopoJSON specification, 2.1.3)."""
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def stitch(ring_arcs, arcs):
    """One closed ring from arc indexes; a negative index ~i is arc i reversed."""
    points = []
    for index in ring_arcs:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def netherlands_polygons(topology):
    """The polygons (lists of rings) of the Netherlands inside the map's frame."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        if str(geometry.get("id")) == NETHERLANDS_ID:
            break
    else:
        raise CommandError("Nederland (id 528) staat niet in dit bestand.")
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    polygons = [[stitch(ring, arcs) for ring in polygon] for polygon in parts]
    return [polygon for polygon in polygons if _in_frame(polygon[0])]


def _in_frame(ring):
    return all(
        FRAME_MIN_LONGITUDE <= lon <= FRAME_MAX_LONGITUDE
        and FRAME_MIN_LATITUDE <= lat <= FRAME_MAX_LATITUDE
        for lon, lat in ring
    )


def douglas_peucker(points, tolerance):
    """The ring with every point left out that lies within `tolerance` of the line
    between the points kept around it (iterative, so long coasts cannot overflow)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    # A closed ring starts and ends at one point: split it at the point farthest away.
    far = max(range(len(points)), key=lambda i: _distance(points[i], points[0], points[0]))
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_distance = None, tolerance
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > best_distance:
                best, best_distance = i, distance
        if best is not None:
            keep[best] = True
            stack += [(first, best), (best, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _distance(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    if length == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / length


def ring_area(points):
    """The signed area (shoelace formula) in square viewBox units."""
    pairs = zip(points, points[1:] + points[:1], strict=True)
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs) / 2


def svg_ring(points):
    """The ring as SVG path data in whole units: absolute start, then relative steps."""
    rounded = [(round(x), round(y)) for x, y in points]
    # Rounding can make neighbours equal; a step of (0, 0) draws nothing.
    steps = [rounded[0]]
    for point in rounded[1:]:
        if point != steps[-1]:
            steps.append(point)
    if steps[-1] == steps[0]:
        steps.pop()
    x, y = steps[0]
    parts = [f"M{x} {y}l"]
    relative = []
    for nx, ny in steps[1:]:
        relative.append(f"{nx - x} {ny - y}")
        x, y = nx, ny
    return parts[0] + " ".join(relative) + "z"
