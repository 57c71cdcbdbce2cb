"""The route diagram: the layout function (pure, no database) and its template (SVG,
and a column of HTML boxes for narrow screens)."""

import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from django.template.loader import render_to_string

from pathways import diagram as d

SVG = "{http://www.w3.org/2000/svg}"


def step(pk, title, order):
    return SimpleNamespace(pk=pk, title=title, order=order)


def go(source, target):
    return SimpleNamespace(from_step_id=source, to_step_id=target)


def side_entry():
    """The stepped side-entry model as in the seed: two steps, then three choices."""
    steps = [
        step(1, "Kennismakingsprogramma", 1),
        step(2, "Oriëntatietraject", 2),
        step(3, "Instructeur", 3),
        step(4, "PDG-traject (mbo-bevoegdheid)", 3),
        step(5, "Tweedegraadsprogramma", 3),
    ]
    transitions = [go(1, 2), go(2, 3), go(2, 4), go(2, 5), go(4, 5)]
    return steps, transitions


def inside(box, x, y):
    """Whether a point lies strictly inside a box (its border does not count)."""
    return box.x < x < box.right and box.y < y < box.bottom


def on_border(box, x, y):
    on_x = box.x <= x <= box.right
    on_y = box.y <= y <= box.bottom
    return (on_x and y in (box.y, box.bottom)) or (on_y and x in (box.x, box.right))


def crosses(box, start, end):
    """Whether a horizontal or vertical segment passes through a box's inside."""
    (x1, y1), (x2, y2) = start, end
    if x1 == x2:
        return box.x < x1 < box.right and min(y1, y2) < box.bottom and max(y1, y2) > box.y
    if y1 == y2:
        return box.y < y1 < box.bottom and min(x1, x2) < box.right and max(x1, x2) > box.x
    raise AssertionError("only straight segments are checked here")


# Rows and positions ---------------------------------------------------------------


def test_steps_sharing_an_order_number_sit_side_by_side_in_one_row():
    diagram = d.layout(*side_entry())

    assert [[box.key for box in row] for row in diagram.rows] == [[1], [2], [3, 4, 5]]
    last = diagram.rows[2]
    assert len({box.y for box in last}) == 1
    assert len({box.height for box in last}) == 1
    for left, right in zip(last, last[1:], strict=False):
        assert right.x - left.right == d.COLUMN_GAP


def test_rows_run_top_to_bottom_without_overlap_whatever_the_input_order():
    steps, transitions = side_entry()
    diagram = d.layout(list(reversed(steps)), transitions)

    assert [row[0].title for row in diagram.rows] == [
        "Kennismakingsprogramma",
        "Oriëntatietraject",
        "Tweedegraadsprogramma",  # ties keep the order they were given in
    ]
    for upper, lower in zip(diagram.rows, diagram.rows[1:], strict=False):
        assert lower[0].y - upper[0].bottom == d.ROW_GAP


def test_step_numbers_count_positions_not_the_stored_order_values():
    diagram = d.layout([step(1, "A", 10), step(2, "B", 20), step(3, "C", 20), step(4, "D", 45)], [])

    assert [box.label for box in diagram.boxes] == ["Stap 1", "Stap 2", "Stap 2", "Stap 3"]


def test_rows_are_centred_and_everything_fits_in_the_view_box():
    diagram = d.layout(*side_entry())

    widest = max(row[-1].right - row[0].x for row in diagram.rows)
    assert widest + 2 * d.MARGIN == diagram.width
    for row in diagram.rows:
        left_space = row[0].x
        right_space = diagram.width - row[-1].right
        assert abs(left_space - right_space) <= 1
    for box in diagram.boxes:
        assert box.x >= 0 and box.right <= diagram.width
        assert box.y >= 0 and box.bottom <= diagram.height
    for edge in diagram.edges:
        for x, y in edge.points:
            assert 0 <= x <= diagram.width and 0 <= y <= diagram.height


def test_the_svg_shows_only_where_it_fits_at_its_natural_size():
    diagram = d.layout(*side_entry())

    # Never scaled down, so names stay 15 px; a narrower container shows the column.
    assert diagram.fit_width in d.FIT_WIDTHS
    assert diagram.width <= diagram.fit_width < diagram.width + d.FIT_STEP
    assert d.layout([step(1, "A", 1)], []).fit_width == min(d.FIT_WIDTHS)
    wide = [step(index, "Tweedegraadsprogramma", 1) for index in range(5)]
    assert d.layout(wide, []).fit_width is None  # wider than any page: the column only


def test_the_column_has_an_arrow_under_a_row_that_leads_to_the_next():
    diagram = d.layout(*side_entry())

    assert diagram.arrows_below == (True, True, False)
    assert [len(row) for row, _ in diagram.flow] == [1, 1, 3]
    # Where the arrows between rows say it all, the boxes say nothing more; an
    # arrow across a row is said in its box.
    assert {box.key: box.then for box in diagram.boxes if box.then} == {
        4: "Verder met Tweedegraadsprogramma"
    }


def test_a_box_in_the_column_says_where_it_leads_when_the_arrow_down_would_overstate_it():
    steps = [step(1, "A", 1), step(2, "B", 1), step(3, "C", 2), step(4, "D", 3)]
    diagram = d.layout(steps, [go(1, 3), go(3, 4), go(1, 4)])

    assert diagram.arrows_below == (True, True, False)
    # Only A leads to C, so the arrow under A and B does not say it all.
    assert {box.key: box.then for box in diagram.boxes if box.then} == {1: "Verder met C of D"}


# Text ------------------------------------------------------------------------------


def test_long_names_wrap_inside_their_box():
    name = "Pedagogisch-didactische scholing voor instructeurs in het beroepsonderwijs"
    diagram = d.layout([step(1, name, 1)], [])

    box = diagram.boxes[0]
    assert len(box.lines) > 1
    assert " ".join(line.text for line in box.lines).replace("- ", "-") == name
    assert box.width <= d.MAX_BOX_WIDTH
    for line in box.lines:
        assert d.text_width(line.text) <= box.width - 2 * d.PAD_X
    baselines = [line.y for line in box.lines]
    assert baselines == sorted(baselines)
    assert box.label_y < baselines[0] < baselines[-1] < box.bottom


def test_a_word_breaks_after_its_hyphen_and_a_long_word_widens_its_box():
    assert d.wrap("PDG-traject (mbo-bevoegdheid)", 120) == ["PDG-traject", "(mbo-", "bevoegdheid)"]
    word = "Tweedegraadslerarenopleidingsprogramma"
    box = d.layout([step(1, word, 1)], []).boxes[0]
    assert [line.text for line in box.lines] == [word]
    assert box.width == d.text_width(word) + 2 * d.PAD_X


def test_text_width_counts_accented_letters_as_their_base_letter():
    assert d.text_width("Oriëntatie") == d.text_width("Orientatie")
    assert d.text_width("mm") > d.text_width("ii")


def test_text_width_leaves_room_beyond_the_widest_measured_font():
    # Bold at 15 px, measured in Chromium: "Tweedegraadsprogramma" is 221.5 px in
    # DejaVu Sans, 186.7 px in Liberation Sans (= Arial); "Kennismakingsprogramma"
    # 226.5 and 193.4 px. The estimate leaves at least 8% on top of the wider.
    assert d.text_width("Tweedegraadsprogramma") >= 221.5 * 1.08
    assert d.text_width("Kennismakingsprogramma") >= 226.5 * 1.08
    assert d.text_width("漢") > d.text_width("W")  # unknown characters count as wide


# Edges -----------------------------------------------------------------------------


def test_each_transition_is_an_arrow_from_the_bottom_of_one_box_to_the_top_of_the_next():
    diagram = d.layout(*side_entry())
    boxes = diagram.box_by_key

    down = [edge for edge in diagram.edges if (edge.source, edge.target) != (4, 5)]
    assert [(edge.source, edge.target) for edge in down] == [(1, 2), (2, 3), (2, 4), (2, 5)]
    for edge in down:
        (x1, y1), (x2, y2) = edge.points
        source, target = boxes[edge.source], boxes[edge.target]
        assert y1 == source.bottom and source.x < x1 < source.right
        assert y2 == target.y and target.x < x2 < target.right
    # Three arrows leave one box at three different points, left to right.
    starts = [edge.points[0][0] for edge in down[1:]]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert (
        down[0].path
        == f"M{down[0].points[0][0]} {boxes[1].bottom} L{down[0].points[1][0]} {boxes[2].y}"
    )


def test_an_arrow_between_neighbouring_alternatives_crosses_the_gap_below_the_word_or():
    diagram = d.layout(*side_entry())
    boxes = diagram.box_by_key
    pdg, second_degree = boxes[4], boxes[5]

    (across,) = [edge for edge in diagram.edges if (edge.source, edge.target) == (4, 5)]
    (x1, y1), (x2, y2) = across.points
    assert (x1, x2) == (pdg.right, second_degree.x)
    assert y1 == y2 and pdg.y < y1 < pdg.bottom
    labels = sorted(diagram.or_labels, key=lambda label: label.x)
    assert [label.text for label in labels] == ["of", "of"]
    assert labels[1].x == (pdg.right + second_degree.x) // 2
    assert labels[1].y < y1  # the word sits above the arrow
    assert labels[0].y > labels[1].y  # without an arrow it sits in the middle


def test_arrows_that_skip_a_row_or_go_back_never_cross_a_box():
    steps = [
        step(1, "Eerste stap", 1),
        step(2, "Tweede stap met een lange naam", 2),
        step(3, "Derde", 3),
        step(4, "Vierde", 4),
        step(5, "Naast de vierde", 4),
    ]
    transitions = [go(1, 2), go(2, 3), go(1, 3), go(1, 4), go(4, 2), go(4, 5), go(5, 4)]
    diagram = d.layout(steps, transitions)
    boxes = diagram.box_by_key

    assert len(diagram.edges) == len(transitions)
    for edge in diagram.edges:
        if (edge.source, edge.target) in {(1, 2), (2, 3)}:
            continue  # straight to the next row
        assert on_border(boxes[edge.target], *edge.points[-1]), edge
        for start, end in zip(edge.points, edge.points[1:], strict=False):
            for box in diagram.boxes:
                assert not crosses(box, start, end), (edge, box)
    # Lanes widen the diagram on both sides, one lane per arrow.
    assert diagram.width == (
        2 * d.MARGIN + 2 * d.LANE_GAP + 1 * d.LANE_GAP
        + max(row[-1].right - row[0].x for row in diagram.rows)
    )  # fmt: skip


def test_an_arrow_between_steps_that_are_not_neighbours_runs_below_their_row():
    steps = [step(1, "Links", 1), step(2, "Midden", 1), step(3, "Rechts", 1)]
    diagram = d.layout(steps, [go(1, 3)])
    left, _, right = diagram.rows[0]

    (edge,) = diagram.edges
    assert edge.points[0][1] == left.bottom and edge.points[-1][1] == right.bottom
    assert edge.points[1][1] > left.bottom
    assert diagram.height >= edge.points[1][1]


def test_missing_steps_loops_and_duplicate_transitions_are_left_out():
    steps = [step(1, "A", 1), step(2, "B", 2)]
    transitions = [go(1, 2), go(1, 2), go(2, 2), go(1, 99), go(98, 1)]

    diagram = d.layout(steps, transitions)

    assert [(edge.source, edge.target) for edge in diagram.edges] == [(1, 2)]


def test_layout_is_the_same_every_time():
    first = d.layout(*side_entry())
    second = d.layout(*side_entry())

    assert first == second
    assert all(isinstance(v, int) for box in first.boxes for v in (box.x, box.y, box.width))
    assert all(isinstance(v, int) for edge in first.edges for point in edge.points for v in point)


def test_an_empty_route_gives_an_empty_diagram():
    diagram = d.layout([], [])
    assert diagram.rows == () and diagram.edges == () and diagram.summary == ()


# The diagram in words -----------------------------------------------------------------


def test_summary_names_every_step_the_choices_and_where_each_arrow_goes():
    diagram = d.layout(*side_entry())

    assert diagram.summary == (
        "De route heeft 3 stappen.",
        "Stap 1: Kennismakingsprogramma.",
        "Stap 2: Oriëntatietraject.",
        "Stap 3 is een keuze uit 3: Instructeur, of PDG-traject (mbo-bevoegdheid), "
        "of Tweedegraadsprogramma.",
        "Na Kennismakingsprogramma kunt u verder met Oriëntatietraject.",
        "Na Oriëntatietraject kunt u verder met Instructeur, PDG-traject (mbo-bevoegdheid) "
        "of Tweedegraadsprogramma.",
        "Na PDG-traject (mbo-bevoegdheid) kunt u verder met Tweedegraadsprogramma.",
    )
    assert d.layout([step(1, "Enige", 1)], []).summary == (
        "De route heeft 1 stap.",
        "Stap 1: Enige.",
    )


# The SVG ----------------------------------------------------------------------------------


def render(diagram, diagram_id="schema", name="Route"):
    return render_to_string(
        "pathways/_diagram.html", {"diagram": diagram, "diagram_id": diagram_id, "name": name}
    )


def parts(html):
    """The wrapper, its SVG and its column of boxes (the markup is well-formed XML)."""
    wrapper = ET.fromstring(html)
    svg, flow = list(wrapper)
    return wrapper, svg, flow


def test_svg_is_well_formed_with_a_title_a_description_and_a_view_box():
    diagram = d.layout(*side_entry())
    wrapper, svg, flow = parts(render(diagram, name="Scholingstraject"))

    assert svg.tag == f"{SVG}svg"
    assert svg.get("viewBox") == f"0 0 {diagram.width} {diagram.height}"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "schema-title schema-desc"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == ("schema-title", "Schema van de route Scholingstraject")
    assert (desc.get("id"), desc.text) == ("schema-desc", diagram.description)
    assert list(svg)[:2] == [title, desc]  # first children, as SVG accessibility asks
    # The column is the same picture with the same name, for where the SVG is hidden.
    assert (flow.get("role"), flow.get("aria-labelledby")) == ("img", "schema-title schema-desc")
    assert wrapper.get("class") == f"route-diagram-wrap route-diagram-fits-{diagram.fit_width}"
    assert svg.get("font-family") == d.FONT_FAMILY


def test_svg_draws_a_box_per_step_an_arrow_per_transition_and_the_word_or():
    diagram = d.layout(*side_entry())
    _, svg, flow = parts(render(diagram))

    rects = svg.findall(f".//{SVG}rect")
    assert [(int(r.get("x")), int(r.get("y"))) for r in rects] == [
        (box.x, box.y) for box in diagram.boxes
    ]
    paths = svg.findall(f"./{SVG}g/{SVG}path")
    assert [p.get("d") for p in paths] == [edge.path for edge in diagram.edges]
    assert all(p.get("marker-end") == "url(#schema-arrow)" for p in paths)
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert texts.count("of") == 2
    assert "PDG-traject (mbo-bevoegdheid)" in texts
    assert texts.count("Stap 3") == 3
    assert svg.find(f".//{SVG}a") is None  # no links inside role="img"


def test_the_column_draws_a_box_per_step_the_word_or_and_the_arrows_down():
    diagram = d.layout(*side_entry())
    _, _, flow = parts(render(diagram))

    boxes = flow.findall(".//div[@class='route-flow-step']")
    names = [box.find("span[@class='route-flow-name']").text for box in boxes]
    assert names == [box.title for box in diagram.boxes]
    assert [box.find("span").text for box in boxes] == [box.label for box in diagram.boxes]
    assert [p.text for p in flow.iter("p")] == ["of", "of"]
    assert len(flow.findall(f"{SVG}svg")) == 2  # the arrows under rows 1 and 2
    assert "".join(flow.itertext()).count("Verder met Tweedegraadsprogramma") == 1
    assert flow.find(".//a") is None and flow.find(".//*[@id]") is None


def test_svg_escapes_names_with_ampersands_and_angle_brackets():
    steps = [step(1, "Lezen & schrijven <basis>", 1), step(2, 'Rekenen "plus"', 2)]
    html = render(d.layout(steps, [go(1, 2)]), name="R&D <route>")

    assert "<basis>" not in html and "<route>" not in html
    assert "Lezen &amp; schrijven &lt;basis&gt;" in html
    _, svg, flow = parts(html)  # would fail on a raw & or <
    assert "Lezen & schrijven <basis>" in list(flow.itertext())
    lines = [" ".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "Lezen & schrijven <basis>" in lines
    assert svg.find(f"{SVG}title").text == "Schema van de route R&D <route>"
    assert "Na Lezen & schrijven <basis> kunt u verder met" in svg.find(f"{SVG}desc").text


def test_svg_ids_are_unique_per_diagram_and_colours_are_fixed():
    html = render(d.layout(*side_entry()), diagram_id="schema-een") + render(
        d.layout(*side_entry()), diagram_id="schema-twee"
    )
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 6
    # Colours are attributes, so the drawing does not depend on the stylesheet.
    assert 'stroke="#005a5b"' in html and 'fill="#1b1b1b"' in html


def test_an_empty_diagram_renders_nothing():
    assert render(d.layout([], [])).strip() == ""
