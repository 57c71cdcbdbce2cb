"""The diagram of a route: its steps as boxes and its transitions as arrows.

`layout()` is a pure function. It takes the steps (anything with `pk`, `title` and
`order`) and the transitions (anything with `from_step_id` and `to_step_id`) and
returns a `diagram_shapes.Diagram`: numbers only, no HTML; the template
`pathways/_diagram.html` draws it: as SVG where it fits at its natural size, else as
a column of HTML boxes. The rule: the same steps give the same diagram, to the
unit. How rows, wrapping and arrows are laid out, and why:
docs/decisions/0031-route-diagram-layout.md; how names fit their boxes in any
font, and the column: docs/decisions/0039-diagram-fits-any-font.md.
"""

import string
import unicodedata

from .diagram_shapes import Box, Diagram, Edge, Line, OrLabel

# Sizes in SVG user units (px at natural size: the SVG is never scaled down).
FONT_SIZE = 15
LABEL_FONT_SIZE = 13
LINE_HEIGHT = 19
LABEL_HEIGHT = 17
PAD_X = 10
PAD_Y = 8
MIN_BOX_WIDTH = 96
MAX_BOX_WIDTH = 210
COLUMN_GAP = 32
ROW_GAP = 44
MARGIN = 6
LANE_GAP = 14

# The stylesheet asks for FONT_FAMILY (site.css, "The diagram"); the SVG repeats it
# as an attribute. Names are bold. The widths below are advance widths in 1/1000
# em, measured in Chromium: per character the wider of DejaVu Sans Bold and
# Liberation Sans Bold (= Arial Bold), so whichever of the two a browser picks,
# the name fits. Accented letters count as their base letter, any other character
# as a very wide one; SAFETY leaves room for a fallback font that is wider still.
# Why: docs/decisions/0039-diagram-fits-any-font.md.
_LOWER = (
    "675 716 593 716 678 435 716 712 343 343 665 343 1042 "  # a-m
    "712 687 716 716 493 595 478 712 652 924 645 652 582"  # n-z
)
_UPPER = (
    "774 762 734 830 683 683 821 837 372 556 775 637 995 "  # A-M
    "837 850 733 850 770 720 682 812 774 1103 771 724 725"  # N-Z
)
_OTHER = {
    " ": 348, ".": 380, ",": 380, ":": 400, ";": 400, "!": 456, "?": 611, "'": 306,
    '"': 521, "(": 457, ")": 457, "[": 457, "]": 457, "-": 415, "–": 556, "&": 872,
    "/": 365, "+": 838, "<": 838, ">": 838, "@": 1000, "%": 1002, "*": 523, "#": 838,
}  # fmt: skip
BOLD_WIDTHS = {
    **dict(zip(string.ascii_lowercase, map(int, _LOWER.split()), strict=True)),
    **dict(zip(string.ascii_uppercase, map(int, _UPPER.split()), strict=True)),
    **dict.fromkeys(string.digits, 696),
    **_OTHER,
}
OTHER_WIDTH = 1200
SAFETY = 1.1
FONT_FAMILY = "Arial, 'Liberation Sans', Arimo, Helvetica, 'DejaVu Sans', sans-serif"
# The SVG shows where its container is at least this wide (a multiple of FIT_STEP),
# and the steps in a column (HTML) elsewhere; site.css has one rule per width.
FIT_STEP = 80
FIT_WIDTHS = range(320, 961, FIT_STEP)


def text_width(text, font_size=FONT_SIZE):
    """Estimated width of `text` in bold, in user units."""
    thousandths = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1]
        thousandths += BOLD_WIDTHS.get(char, BOLD_WIDTHS.get(base, OTHER_WIDTH))
    return round(thousandths * font_size * SAFETY / 1000)


def _tokens(text):
    """Pieces a line may break after: words, and word parts after a hyphen."""
    pieces = []
    for word in text.split():
        parts = word.split("-")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            pieces.append((part if last else part + "-", last))
    return pieces


def wrap(text, max_width, font_size=FONT_SIZE):
    """Break `text` into lines no wider than `max_width` where possible.

    Lines break between words, or after a hyphen inside a word ("PDG-" /
    "traject"). A single piece wider than `max_width` gets a line of its own.
    """
    lines = []
    current = ""
    for piece, ends_word in _tokens(text):
        candidate = current + piece
        if current and text_width(candidate.rstrip(), font_size) > max_width:
            lines.append(current.rstrip())
            candidate = piece
        current = candidate + (" " if ends_word else "")
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def group_by_order(steps):
    """Steps in rows: one list per `order` value, in order; ties keep their input order."""
    rows = []
    for step in sorted(steps, key=lambda step: step.order):
        if rows and rows[-1][0].order == step.order:
            rows[-1].append(step)
        else:
            rows.append([step])
    return rows


def join_or(names):
    """'A', 'A of B', 'A, B of C'."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " of " + names[-1]


def _box_size(title):
    """Width, height and wrapped lines of a step's box."""
    natural = text_width(title) + 2 * PAD_X
    width = min(max(natural, MIN_BOX_WIDTH), MAX_BOX_WIDTH)
    lines = wrap(title, width - 2 * PAD_X)
    widest = max(text_width(line) for line in lines) + 2 * PAD_X
    width = max(MIN_BOX_WIDTH, widest)
    height = PAD_Y + LABEL_HEIGHT + len(lines) * LINE_HEIGHT + PAD_Y
    return width, height, lines


def _spread(start, length, count):
    """`count` points evenly inside a side of `length` starting at `start`."""
    return [start + length * (index + 1) // (count + 1) for index in range(count)]


def layout(steps, transitions):
    """Lay out a route (docs/decisions/0031-route-diagram-layout.md)."""
    rows_of_steps = group_by_order(steps)
    if not rows_of_steps:
        return Diagram(width=0, height=0, rows=(), edges=(), or_labels=(), font_family=FONT_FAMILY)

    # Sizes first: every box in a row gets the row's tallest height.
    sized = [[(step, *_box_size(step.title)) for step in row] for row in rows_of_steps]
    row_heights = [max(height for _, _, height, _ in row) for row in sized]
    row_widths = [
        sum(width for _, width, _, _ in row) + COLUMN_GAP * (len(row) - 1) for row in sized
    ]
    row_of = {}
    column_of = {}
    for row_index, row in enumerate(rows_of_steps):
        for column, step in enumerate(row):
            row_of[step.pk] = row_index
            column_of[step.pk] = column

    # Which transitions can be drawn, once each, in a fixed order.
    pairs = []
    seen = set()
    for transition in transitions:
        pair = (transition.from_step_id, transition.to_step_id)
        if pair in seen or pair[0] == pair[1] or not (pair[0] in row_of and pair[1] in row_of):
            continue
        seen.add(pair)
        pairs.append(pair)
    pairs.sort(key=lambda p: (row_of[p[0]], column_of[p[0]], row_of[p[1]], column_of[p[1]]))

    def kind(pair):
        source, target = pair
        step_down = row_of[target] - row_of[source]
        if step_down == 1:
            return "down"
        if step_down > 1:
            return "skip"
        if step_down < 0:
            return "back"
        if abs(column_of[target] - column_of[source]) == 1:
            return "across"
        return "under"

    kinds = {pair: kind(pair) for pair in pairs}
    arrows_below, then = _flow(rows_of_steps, pairs, kinds, row_of)
    right_lanes = [pair for pair in pairs if kinds[pair] == "skip"]
    left_lanes = [pair for pair in pairs if kinds[pair] == "back"]
    content_width = max(row_widths)
    left_area = LANE_GAP * len(left_lanes)
    width = MARGIN + left_area + content_width + LANE_GAP * len(right_lanes) + MARGIN

    # Positions.
    rows = []
    y = MARGIN
    for row_index, row in enumerate(sized):
        x = MARGIN + left_area + (content_width - row_widths[row_index]) // 2
        boxes = []
        for column, (step, box_width, _, lines) in enumerate(row):
            box_height = row_heights[row_index]
            # Centre the name in the space below the step number.
            text_top = y + PAD_Y + LABEL_HEIGHT
            free = box_height - PAD_Y - LABEL_HEIGHT - PAD_Y - len(lines) * LINE_HEIGHT
            first_baseline = text_top + free // 2 + LINE_HEIGHT - 5
            boxes.append(
                Box(
                    key=step.pk,
                    title=step.title,
                    number=row_index + 1,
                    row=row_index,
                    column=column,
                    x=x,
                    y=y,
                    width=box_width,
                    height=box_height,
                    label_y=y + PAD_Y + LABEL_FONT_SIZE,
                    then=then.get(step.pk, ""),
                    lines=tuple(
                        Line(text=line, y=first_baseline + index * LINE_HEIGHT)
                        for index, line in enumerate(lines)
                    ),
                )
            )
            x += box_width + COLUMN_GAP
        rows.append(tuple(boxes))
        y += row_heights[row_index] + ROW_GAP
    height = y - ROW_GAP + MARGIN
    box = {b.key: b for row in rows for b in row}

    # Ports: where arrows leave (bottom) and enter (top, or bottom for "under"),
    # spread along the side and sorted by where the other end lies, so arrows
    # from one box do not cross each other.
    far_right = width * 2
    far_left = -width

    def other_x(pair, end):
        other = pair[1] if end == "out" else pair[0]
        if kinds[pair] == "skip":
            return far_right
        if kinds[pair] == "back":
            return far_left
        return box[other].center_x

    sides = {}
    for pair in pairs:
        if kinds[pair] == "across":
            continue
        sides.setdefault((pair[0], "bottom"), []).append((pair, "out"))
        target_side = "bottom" if kinds[pair] == "under" else "top"
        sides.setdefault((pair[1], target_side), []).append((pair, "in"))
    ports = {}
    for (key, _side), users in sides.items():
        users.sort(key=lambda user: (other_x(*user), pairs.index(user[0])))
        xs = _spread(box[key].x, box[key].width, len(users))
        for (pair, end), port_x in zip(users, xs, strict=True):
            ports[(pair, end)] = port_x

    def gap_below(row_index):
        return rows[row_index][0].bottom + ROW_GAP // 2

    def gap_above(row_index):
        return rows[row_index][0].y - ROW_GAP // 2

    edges = []
    or_y_shift = {}
    for pair in pairs:
        source, target = box[pair[0]], box[pair[1]]
        out_x, in_x = ports.get((pair, "out")), ports.get((pair, "in"))
        kind_ = kinds[pair]
        if kind_ == "down":
            points = ((out_x, source.bottom), (in_x, target.y))
        elif kind_ == "skip":
            lane = MARGIN + left_area + content_width + LANE_GAP * (right_lanes.index(pair) + 1)
            below, above = gap_below(source.row), gap_above(target.row)
            points = (
                (out_x, source.bottom),
                (out_x, below),
                (lane, below),
                (lane, above),
                (in_x, above),
                (in_x, target.y),
            )
        elif kind_ == "back":
            lane = MARGIN + LANE_GAP * (len(left_lanes) - left_lanes.index(pair)) - LANE_GAP // 2
            below, above = gap_below(source.row), gap_above(target.row)
            points = (
                (out_x, source.bottom),
                (out_x, below),
                (lane, below),
                (lane, above),
                (in_x, above),
                (in_x, target.y),
            )
        elif kind_ == "across":
            arrow_y = source.y + source.height * 4 // 5
            if target.column > source.column:
                points = ((source.right, arrow_y), (target.x, arrow_y))
            else:
                points = ((source.x, arrow_y), (target.right, arrow_y))
            or_y_shift[min(source.column, target.column), source.row] = True
        else:  # "under": below the row, back up into the target's bottom.
            below = source.bottom + ROW_GAP // 3
            points = (
                (out_x, source.bottom),
                (out_x, below),
                (in_x, below),
                (in_x, target.bottom),
            )
        edges.append(Edge(source=pair[0], target=pair[1], points=points))
    # An arrow below the last row needs room under it.
    height = max([height] + [y + MARGIN for edge in edges for _, y in edge.points])

    # "of" between neighbours in a row: in the middle of the gap, or higher up
    # when an arrow runs across that gap.
    or_labels = []
    for row in rows:
        for left, right in zip(row, row[1:], strict=False):
            middle = left.y + left.height // 2 + 5
            higher = left.y + left.height * 2 // 5 + 5
            or_labels.append(
                OrLabel(
                    x=(left.right + right.x) // 2,
                    y=higher if or_y_shift.get((left.column, left.row)) else middle,
                )
            )

    return Diagram(
        width=width,
        height=height,
        rows=tuple(rows),
        edges=tuple(edges),
        or_labels=tuple(or_labels),
        summary=tuple(_summary(rows_of_steps, pairs)),
        font_family=FONT_FAMILY,
        arrows_below=arrows_below,
        fit_width=next((fit for fit in FIT_WIDTHS if fit >= width), None),
    )


def _flow(rows_of_steps, pairs, kinds, row_of):
    """What the column of steps (HTML, for narrow screens) shows besides the steps.

    One arrow under a row when a transition goes to the next row. That arrow says
    "every step here leads to every step there"; where that is not so, and for
    every other transition, the step itself says where it leads ("Verder met ...").
    Returns the arrows (one flag per row) and the notes (by step key).
    """
    title = {step.pk: step.title for row in rows_of_steps for step in row}
    down = [pair for pair in pairs if kinds[pair] == "down"]
    arrows_below = tuple(
        any(row_of[source] == index for source, _ in down) for index in range(len(rows_of_steps))
    )
    complete = set()
    for index, row in enumerate(rows_of_steps[:-1]):
        wanted = {(a.pk, b.pk) for a in row for b in rows_of_steps[index + 1]}
        if wanted <= set(down):
            complete.add(index)
    targets = {}
    for pair in pairs:
        if kinds[pair] != "down" or row_of[pair[0]] not in complete:
            targets.setdefault(pair[0], []).append(title[pair[1]])
    then = {key: "Verder met " + join_or(names) for key, names in targets.items()}
    return arrows_below, then


def _summary(rows_of_steps, pairs):
    """The diagram in words, one sentence per step number and per step with arrows."""
    title = {step.pk: step.title for row in rows_of_steps for step in row}
    count = len(rows_of_steps)
    sentences = [f"De route heeft {count} {'stap' if count == 1 else 'stappen'}."]
    for number, row in enumerate(rows_of_steps, start=1):
        if len(row) == 1:
            sentences.append(f"Stap {number}: {row[0].title}.")
        else:
            choices = ", of ".join(step.title for step in row)
            sentences.append(f"Stap {number} is een keuze uit {len(row)}: {choices}.")
    targets = {}
    for source, target in pairs:
        targets.setdefault(source, []).append(title[target])
    for row in rows_of_steps:
        for step in row:
            if step.pk in targets:
                sentences.append(f"Na {step.title} kunt u verder met {join_or(targets[step.pk])}.")
    return sentences


def transitions_of(steps):
    """The outgoing transitions of steps whose `transitions_out` were prefetched."""
    return [transition for step in steps for transition in step.transitions_out.all()]
