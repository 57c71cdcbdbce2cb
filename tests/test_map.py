"""The server-drawn map of the Netherlands (programmes/maps.py and its helpers): the
projection, which markers are drawn, the text alternative, the SVG, the template, the
derived outline file and its converter. No database: the map is a pure function."""

import json
import math
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string

from programmes import map_outline
from programmes.map_outline import OUTLINE_FILE, on_land, outline
from programmes.map_projection import VIEW_HEIGHT, VIEW_WIDTH, in_frame, project
from programmes.maps import MapMarker, label_width, netherlands_map
from programmes.places import distance_km, places

# Test positions (latitude, longitude), rounded from GeoNames.
GRONINGEN = (53.2194, 6.5665)
MIDDELBURG = (51.4988, 3.6136)
MAASTRICHT = (50.8483, 5.6889)
ZWOLLE = (52.5125, 6.0944)
UTRECHT = (52.0908, 5.1222)
EINDHOVEN = (51.4416, 5.4697)
AMSTERDAM = (52.3740, 4.8897)
BRUSSEL = (50.8505, 4.3488)  # inside the frame's rectangle, but not in the Netherlands
ANTWERPEN = (51.2194, 4.4025)
KRALENDIJK = (12.1500, -68.2667)  # Bonaire: Caribbean Netherlands, outside the frame


def campus(position, label, short=""):
    return MapMarker(*position, label=label, short=short)


def origin(position, label, short=""):
    return MapMarker(*position, label=label, kind="origin", short=short)


def parse(figure):
    """The figure's SVG as an element tree (inline SVG needs no namespace)."""
    return ET.fromstring(str(figure.svg))


def circles(figure):
    return parse(figure).findall(".//circle")


def stars(figure):
    return parse(figure).findall(".//polygon")


def labels(figure):
    return [text.text for text in parse(figure).iter("text")]


# The projection


def test_groningen_is_drawn_north_east_of_middelburg():
    gx, gy = project(*GRONINGEN)
    mx, my = project(*MIDDELBURG)
    assert gx > mx + 100  # east: x grows
    assert gy < my - 100  # north: y shrinks


def test_maastricht_is_the_southern_tip_and_every_city_lies_in_the_frame():
    cities = [GRONINGEN, MIDDELBURG, ZWOLLE, UTRECHT, EINDHOVEN, AMSTERDAM]
    _, maastricht_y = project(*MAASTRICHT)
    assert all(project(*city)[1] < maastricht_y for city in cities)
    for city in [*cities, MAASTRICHT]:
        x, y = project(*city)
        assert 0 <= x <= VIEW_WIDTH and 0 <= y <= VIEW_HEIGHT


def test_distances_on_the_map_match_distances_on_the_ground_within_three_percent():
    ratios = []
    for a, b in [(GRONINGEN, MIDDELBURG), (ZWOLLE, UTRECHT), (MAASTRICHT, AMSTERDAM)]:
        (ax, ay), (bx, by) = project(*a), project(*b)
        ratios.append(math.hypot(ax - bx, ay - by) / distance_km(*a, *b))
    assert max(ratios) / min(ratios) < 1.03


def test_a_position_that_is_not_a_number_is_outside_the_frame():
    assert not in_frame(math.nan, 5.0)
    assert not in_frame(52.0, math.inf)
    assert in_frame(*UTRECHT)


# Which markers are drawn


def test_no_markers_or_only_markers_outside_the_netherlands_give_no_map():
    assert netherlands_map([]) is None
    assert netherlands_map([campus(BRUSSEL, "Brussel"), campus(KRALENDIJK, "Bonaire")]) is None


def test_markers_outside_the_netherlands_are_not_drawn_but_named_in_the_description():
    figure = netherlands_map(
        [
            campus(UTRECHT, "Hogeschool Utrecht", short="Utrecht"),
            campus(BRUSSEL, "Campus Brussel", short="Brussel"),
            campus(ANTWERPEN, "Campus Antwerpen"),
            campus(KRALENDIJK, "Campus Bonaire"),
            campus((math.nan, math.nan), "Campus zonder plaats"),
        ]
    )
    assert len(circles(figure)) == 1
    assert labels(figure) == ["Utrecht"]
    not_drawn = figure.description.split("Niet op de kaart")[1]
    for label in ["Campus Brussel", "Campus Antwerpen", "Campus Bonaire", "Campus zonder plaats"]:
        assert label in not_drawn
    assert "Hogeschool Utrecht" not in not_drawn
    assert figure.caption == "Kaart: 1 vestiging"


def test_bad_coordinates_do_not_crash_the_map():
    figure = netherlands_map(
        [MapMarker("geen getal", None, label="Kapotte plaats"), campus(ZWOLLE, "Zwolle")]
    )
    assert len(circles(figure)) == 1
    assert "Kapotte plaats" in figure.description


def test_every_dutch_place_of_the_place_index_is_on_the_land():
    """The outline is simplified; NEAR_LAND keeps coastal and border places on it."""
    off_land = [
        place.name
        for place in places()
        if not (
            in_frame(place.latitude, place.longitude)
            and on_land(*project(place.latitude, place.longitude))
        )
    ]
    assert len(places()) > 1000
    assert off_land == []


def test_places_just_across_the_border_are_not_on_the_land():
    for position in [ANTWERPEN, BRUSSEL, (50.7760, 6.0838), (53.3670, 7.2060)]:  # + Aken, Emden
        assert not on_land(*project(*position))


# Spots: several markers at one place


def test_markers_at_one_place_are_drawn_once_and_described_once_with_what_is_there():
    figure = netherlands_map(
        [
            campus(ZWOLLE, "Windesheim, Zwolle: programma A", short="Zwolle"),
            campus(ZWOLLE, "Windesheim, Zwolle: programma B", short="Zwolle"),
            campus(ZWOLLE, "Windesheim, Zwolle: programma B", short="Zwolle"),
            campus(EINDHOVEN, "Fontys, Eindhoven", short="Eindhoven"),
        ]
    )
    assert len(circles(figure)) == 2
    assert labels(figure).count("Zwolle") == 1
    assert figure.description.count("Zwolle (Overijssel):") == 1
    assert figure.description.count("programma A") == 1
    assert figure.description.count("programma B") == 1
    assert figure.caption == "Kaart: 2 vestigingen"


def test_the_origin_is_a_star_named_in_the_caption_and_description():
    figure = netherlands_map(
        [
            campus(ZWOLLE, "Windesheim, Zwolle (ongeveer 92 km)", short="Zwolle"),
            campus(UTRECHT, "Hogeschool Utrecht (ongeveer 170 km)", short="Utrecht"),
            origin(GRONINGEN, "Groningen, de plaats van uw school", short="Groningen"),
        ]
    )
    assert len(stars(figure)) == 1
    assert len(circles(figure)) == 2
    assert figure.caption == "Kaart: 2 vestigingen en Groningen"
    assert (
        "De ster is Groningen, de plaats van uw school, in de provincie Groningen."
        in figure.description
    )
    assert figure.description.endswith(
        "De lijst op deze pagina geeft dezelfde plaatsen in woorden."
    )
    # The star is drawn first: a campus at the same place stays visible in its middle.
    shapes = [element.tag for element in parse(figure).find("./g[@class='map-markers']")]
    assert shapes == ["polygon", "circle", "circle"]


def test_a_campus_in_the_origins_own_place_shows_both_shapes_and_one_label():
    figure = netherlands_map(
        [
            origin(ZWOLLE, "Zwolle, uw plaats", short="Zwolle"),
            campus(ZWOLLE, "Windesheim, Zwolle", short="Zwolle"),
        ]
    )
    assert len(stars(figure)) == 1 and len(circles(figure)) == 1
    assert labels(figure) == ["Zwolle"]
    assert "Zwolle (Overijssel): Windesheim, Zwolle" in figure.description


def test_an_origin_alone_is_a_map():
    figure = netherlands_map([origin(MAASTRICHT, "Maastricht", short="Maastricht")])
    assert len(stars(figure)) == 1
    assert figure.caption == "Kaart: Maastricht"
    assert figure.description.startswith(
        "De kaart toont Nederland. De ster is Maastricht, in de provincie Limburg."
    )


def test_a_marker_without_a_short_name_gets_no_text_on_the_map():
    figure = netherlands_map(
        [campus(ZWOLLE, "Windesheim, Zwolle"), campus(AMSTERDAM, "HvA", short="Amsterdam")]
    )
    assert labels(figure) == ["Amsterdam"]
    assert "in Overijssel: Windesheim, Zwolle" in figure.description


def test_labels_of_places_close_together_never_overlap_and_stay_in_the_frame():
    nearby = [(52.0908 + 0.06 * i, 5.1222 + 0.05 * i) for i in range(8)]
    figure = netherlands_map(
        [campus(p, f"Plaats {i}", short=f"Plaats {i}") for i, p in enumerate(nearby)]
    )
    boxes = []
    for text in parse(figure).iter("text"):
        x, y = float(text.get("x")), float(text.get("y"))
        width = label_width(text.text)
        left = {"start": x, "end": x - width, "middle": x - width / 2}[text.get("text-anchor")]
        boxes.append((left, y - 10, left + width, y))
        assert left >= 0 and left + width <= VIEW_WIDTH and y >= 10
    assert 0 < len(boxes) < 8  # some fit, not all: the text alternative names the rest
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert all(f"Plaats {i}" in figure.description for i in range(8))


# The SVG


def test_the_svg_is_a_named_image_with_title_and_desc_and_prefixed_ids():
    figure = netherlands_map(
        [campus(UTRECHT, "Utrecht")], id_prefix="advies-kaart", title="Kaart X"
    )
    svg = parse(figure)
    assert svg.get("role") == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title.text == "Kaart X"
    assert desc.text == figure.description
    assert svg.get("aria-labelledby") == title.get("id") == "advies-kaart-titel"
    assert svg.get("aria-describedby") == desc.get("id") == "advies-kaart-beschrijving"
    assert svg.get("viewBox") == f"0 0 {VIEW_WIDTH} {VIEW_HEIGHT}"
    ids = [element.get("id") for element in svg.iter() if element.get("id")]
    assert all(id_.startswith("advies-kaart-") for id_ in ids)


def test_the_svg_refers_to_nothing_outside_and_has_no_script_or_style_attributes():
    figure = netherlands_map([campus(UTRECHT, "Utrecht", short="Utrecht")])
    svg = str(figure.svg)
    for forbidden in [
        "http",
        "//",
        "href",
        "url(",
        "<script",
        "style=",
        "<image",
        "<foreignObject",
    ]:
        assert forbidden not in svg
    land = parse(figure).find("path")
    assert land.get("class") == "map-land"
    assert land.get("d") == map_outline.outline_path()


def test_labels_and_names_are_escaped():
    figure = netherlands_map([campus(UTRECHT, 'School <b>"&"</b>', short="<i>Ut</i>")])
    svg = str(figure.svg)
    assert "<b>" not in svg and "<i>" not in svg
    assert labels(figure) == ["<i>Ut</i>"]  # parsed back from &lt;i&gt;...
    assert parse(figure).find("desc").text == figure.description


def test_the_markers_are_large_enough_and_distinct_in_shape():
    figure = netherlands_map([campus(UTRECHT, "Utrecht"), origin(ZWOLLE, "Zwolle")])
    assert float(circles(figure)[0].get("r")) >= 6
    star = [tuple(map(float, p.split(","))) for p in stars(figure)[0].get("points").split()]
    assert len(star) == 10  # five points and five notches


# The template


def test_the_include_shows_a_figure_with_caption_and_text_alternative():
    figure = netherlands_map([campus(UTRECHT, "Hogeschool Utrecht", short="Utrecht")])
    html = render_to_string("includes/_map.html", {"figure": figure})
    assert re.search(r'<figure class="map">\s*<svg class="map-svg"', html)
    caption = html[html.index("<figcaption") : html.index("</figcaption>")]
    assert "Kaart: 1 vestiging" in caption
    assert "<summary>De kaart in woorden</summary>" in caption
    assert "Hogeschool Utrecht" in caption


def test_the_include_shows_nothing_without_a_figure():
    assert render_to_string("includes/_map.html", {"figure": None}).strip() == ""
    assert render_to_string("includes/_map.html", {}).strip() == ""


# The derived outline file and its converter


def test_the_outline_file_is_small_and_names_its_source_and_licence():
    assert OUTLINE_FILE.stat().st_size < 15_000
    source = outline()["source"]
    assert "Natural Earth" in source["data"]
    assert "public domain" in source["data_licence"]
    assert source["package"].startswith("world-atlas 2.")
    assert "ISC" in source["package_licence"]
    assert source["command"].startswith("python manage.py build_map_outline ")
    assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z ?)+", outline()["path"])
    assert len(map_outline.rings()) == outline()["rings"] >= 2  # mainland and islands


def topojson(tmp_path):
    """A tiny world-atlas-like file: the Netherlands as a square near Utrecht (two arcs,
    one used reversed) and a Caribbean island, quantised and delta-encoded."""
    scale = [0.01, 0.01]
    translate = [-70.0, 10.0]

    def q(lon, lat):
        return [round((lon - translate[0]) / scale[0]), round((lat - translate[1]) / scale[1])]

    def arc(*points):
        quantised = [q(*point) for point in points]
        return [quantised[0]] + [
            [b[0] - a[0], b[1] - a[1]] for a, b in zip(quantised, quantised[1:], strict=False)
        ]

    arcs = [
        arc((5.0, 52.0), (5.5, 52.0), (5.5, 52.5)),
        arc((5.0, 52.0), (5.0, 52.5), (5.5, 52.5)),  # used reversed: ~1
        arc((-68.3, 12.1), (-68.2, 12.1), (-68.2, 12.2), (-68.3, 12.1)),
    ]
    data = {
        "type": "Topology",
        "transform": {"scale": scale, "translate": translate},
        "arcs": arcs,
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "MultiPolygon", "id": "528", "arcs": [[[0, ~1]], [[2]]]},
                ],
            }
        },
    }
    (tmp_path / "package.json").write_text('{"version": "9.9.9"}')
    path = tmp_path / "countries-10m.json"
    path.write_text(json.dumps(data))
    return path


def test_the_converter_decodes_keeps_the_european_part_and_names_its_source(tmp_path):
    output = tmp_path / "outline.json"
    call_command("build_map_outline", str(topojson(tmp_path)), output=str(output))
    result = json.loads(output.read_text())
    assert result["rings"] == 1  # Bonaire is left out
    assert result["source"]["package"] == "world-atlas 9.9.9 (npm), file countries-10m.json"
    corners = {project(52.0, 5.0), project(52.0, 5.5), project(52.5, 5.5), project(52.5, 5.0)}
    numbers = [int(n) for n in re.findall(r"-?\d+", result["path"])]
    x, y, points = numbers[0], numbers[1], []
    points.append((x, y))
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
        x, y = x + dx, y + dy
        points.append((x, y))
    assert sorted(points) == sorted((round(cx), round(cy)) for cx, cy in corners)


def test_the_converter_says_in_dutch_what_is_wrong_with_its_input(tmp_path):
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("build_map_outline", str(tmp_path / "weg.json"))
    path = topojson(tmp_path)
    data = json.loads(path.read_text())
    data["objects"]["countries"]["geometries"][0]["id"] = "056"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="Nederland"):
        call_command("build_map_outline", str(path), output=str(tmp_path / "uit.json"))
