"""The shapes of a route's diagram, in SVG user units: boxes, arrows, the word "of".

`pathways.diagram.layout()` computes them; `templates/pathways/_diagram.html` draws
them as inline SVG, and as a column of HTML boxes for narrow screens. Numbers and
text only, no HTML: the template escapes the text.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    text: str
    y: int


@dataclass(frozen=True)
class Box:
    """One step: a rectangle with the step number above the wrapped name."""

    key: object
    title: str
    number: int
    row: int
    column: int
    x: int
    y: int
    width: int
    height: int
    label_y: int  # the baseline of the step number
    lines: tuple = ()
    then: str = ""  # where the step leads, said in the column of steps (HTML) only

    @property
    def label(self):
        return f"Stap {self.number}"

    @property
    def center_x(self):
        return self.x + self.width // 2

    @property
    def right(self):
        return self.x + self.width

    @property
    def bottom(self):
        return self.y + self.height


@dataclass(frozen=True)
class Edge:
    """An arrow from one step to the next, as a polyline ending in an arrowhead."""

    source: object
    target: object
    points: tuple

    @property
    def path(self):
        first, *rest = self.points
        return f"M{first[0]} {first[1]}" + "".join(f" L{x} {y}" for x, y in rest)


@dataclass(frozen=True)
class OrLabel:
    """The word 'of' between two alternatives; x is its centre, y its baseline."""

    x: int
    y: int
    text: str = "of"


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    rows: tuple
    edges: tuple
    or_labels: tuple
    summary: tuple = field(default=())
    font_family: str = ""  # the font the text widths were measured for
    arrows_below: tuple = ()  # per row: an arrow down to the next row in the column
    fit_width: int | None = None  # the narrowest container that shows the SVG

    @property
    def boxes(self):
        return tuple(box for row in self.rows for box in row)

    @property
    def box_by_key(self):
        return {box.key: box for box in self.boxes}

    @property
    def flow(self):
        """The rows, each with whether an arrow leads down from it (the HTML column)."""
        return tuple(zip(self.rows, self.arrows_below, strict=True))

    @property
    def description(self):
        return " ".join(self.summary)
