"""How long a whole route takes: the durations of its steps added up along every way
through it (from a first step to a last one, following the transitions).

The rule: a total is only given for the ways on which every step has a duration in
months; the steps that lack one are named, so a page never guesses. Pure functions
on plain values, so `Pathway.total_duration()` can use prefetched steps.
"""

from dataclasses import dataclass, field

from programmes.models.durations import months_text

# A route with more ways than this is not added up (a guard against odd data).
MAX_PATHS = 200


@dataclass(frozen=True)
class StepSpan:
    """A step as the total needs it: its id, title and months (None if unknown)."""

    id: int
    title: str
    low: int | None
    high: int | None

    @property
    def known(self) -> bool:
        return self.low is not None or self.high is not None


@dataclass
class RouteDuration:
    low: int | None = None  # the shortest way, in months (None: no lower bound known)
    high: int | None = None  # the longest way, in months (None: no upper bound known)
    missing: list = field(default_factory=list)  # titles of steps without a duration
    ways: int = 0  # how many ways through the route there are
    added: int = 0  # how many of them could be added up
    none_known: bool = False  # no step of the route has a duration

    @property
    def text(self) -> str:
        """'1 tot 1,5 jaar', 'maximaal 2 jaar'; '' when nothing could be added up."""
        return months_text(self.low, self.high) if self.added else ""

    @property
    def complete(self) -> bool:
        return bool(self.ways) and self.added == self.ways


def ways_through(spans, next_ids):
    """Every way from a first step (nothing leads to it) to a last one (it leads
    nowhere). `next_ids` maps a step id to the ids of the steps that may follow it."""
    by_id = {span.id: span for span in spans}
    targets = {to for tos in next_ids.values() for to in tos if to in by_id}
    starts = [span for span in spans if span.id not in targets]
    ways = []

    def walk(way):
        if len(ways) >= MAX_PATHS:
            return
        onward = [by_id[to] for to in next_ids.get(way[-1].id, ()) if to in by_id]
        onward = [span for span in onward if span not in way]  # no loops
        if not onward:
            ways.append(way)
        for span in onward:
            walk([*way, span])

    for start in starts:
        walk([start])
    return ways


def route_duration(spans, next_ids) -> RouteDuration:
    """The range over the ways whose steps all have a duration: from the sum of the
    minimums of the shortest way to the sum of the maximums of the longest."""
    result = RouteDuration()
    lows, highs = [], []
    missing = {}
    for way in ways_through(spans, next_ids):
        result.ways += 1
        unknown = [span for span in way if not span.known]
        if unknown:
            for span in unknown:
                missing.setdefault(span.id, span.title)
            continue
        result.added += 1
        way_lows = [span.low for span in way]
        way_highs = [span.high for span in way]
        lows.append(None if None in way_lows else sum(way_lows))
        highs.append(None if None in way_highs else sum(way_highs))
    if result.added:
        result.low = None if None in lows else min(lows)
        result.high = None if None in highs else max(highs)
    result.missing = list(missing.values())
    result.none_known = bool(spans) and not any(span.known for span in spans)
    return result
