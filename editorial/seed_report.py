"""What a seed update did and left alone, counted per model and said in Dutch, so
staff can review what it skipped (editorial/seed_update.py)."""

from collections import Counter

MAX_VALUE = 60


def describe(instance) -> str:
    return f"{instance._meta.verbose_name} «{instance}»"


def field_name(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def short(value, start=0) -> str:
    """A value as the summary shows it: quoted, on one line, cut off when long,
    from character `start` on."""
    if value in (None, ""):
        return "(leeg)"
    text = " ".join(str(value).split())
    head = "…" if start else ""
    tail = "…" if len(text) > start + MAX_VALUE else ""
    return f'"{head}{text[start : start + MAX_VALUE]}{tail}"'


def shown_pair(current, seed):
    """Two values, each cut off around where they start to differ."""
    if not isinstance(current, str) or not isinstance(seed, str):
        return short(current), short(seed)
    one, two = " ".join(current.split()), " ".join(seed.split())
    pairs = enumerate(zip(one, two, strict=False))
    same = next((i for i, (a, b) in pairs if a != b), min(len(one), len(two)))
    start = max(0, same - 15) if same > MAX_VALUE - 15 else 0
    return short(one, start), short(two, start)


class SeedReport:
    """Counts of added entries and filled fields per model, and four lists: what
    staff edited (left alone), where the seed says something else than the
    database (not overwritten), entries that could not be added, and entries that
    came from the seed but are no longer in it (kept)."""

    def __init__(self):
        self.added = Counter()
        self.filled = Counter()
        self.models = {}
        self.edited = []
        self.differs = []
        self.not_added = []
        self.dropped = []
        # (model label, pk, field name) of every field left as it is although the
        # seed has another value: what a fresh load would show differently.
        self.kept = set()

    def _model(self, model):
        self.models.setdefault(model._meta.label, model)
        return model._meta.label

    def add(self, model):
        self.added[self._model(model)] += 1

    def fill(self, model, count):
        self.filled[self._model(model)] += count

    @property
    def total_added(self):
        return sum(self.added.values())

    @property
    def total_filled(self):
        return sum(self.filled.values())

    def emptied(self, instance, name):
        self.kept.add((instance._meta.label, instance.pk, name))
        self.edited.append(
            f"{describe(instance)}: «{field_name(type(instance), name)}» is door de redactie "
            "leeggemaakt"
        )

    def changed(self, instance, name, current, seed):
        self.kept.add((instance._meta.label, instance.pk, name))
        now, then = shown_pair(current, seed)
        self.edited.append(
            f"{describe(instance)}: «{field_name(type(instance), name)}» is door de redactie "
            f"gewijzigd (nu: {now}; startinhoud: {then})"
        )

    def member_removed(self, instance, name, member):
        self.edited.append(
            f"{describe(instance)}: «{member}» is door de redactie uit "
            f"«{field_name(type(instance), name)}» gehaald"
        )

    def gone(self, instance, fields):
        names = ", ".join(field_name(type(instance), name) for name in fields)
        self.edited.append(
            f"{describe(instance)}: er is of was al een onderdeel met dezelfde {names}, dat "
            "sindsdien is gewijzigd of verwijderd; niet opnieuw toegevoegd"
        )

    def seed_differs(self, instance, name, current, seed):
        self.kept.add((instance._meta.label, instance.pk, name))
        now, then = shown_pair(current, seed)
        self.differs.append(
            f"{describe(instance)}: «{field_name(type(instance), name)}» is "
            f"{now}, de startinhoud zegt {then}"
        )

    def left_over(self, instance):
        self.dropped.append(describe(instance))

    def cannot_add(self, label, reason):
        self.not_added.append(f"{label}: {reason}")

    def lines(self):
        """The summary in Dutch, one line per model and one per skipped item."""
        yield (
            f"Startinhoud bijgewerkt: {self.total_added} toegevoegd, {self.total_filled} aangevuld."
        )
        for label in sorted(set(self.added) | set(self.filled)):
            plural = self.models[label]._meta.verbose_name_plural
            yield f"  {plural}: {self.added[label]} toegevoegd, {self.filled[label]} aangevuld"
        sections = [
            ("Niet aangepast, want door de redactie gewijzigd", self.edited),
            ("Niet overschreven: de startinhoud zegt iets anders dan de database", self.differs),
            ("Niet toegevoegd", self.not_added),
            ("Uit de startinhoud, maar daar niet meer in (niet verwijderd)", self.dropped),
        ]
        for title, items in sections:
            if items:
                yield f"{title} ({len(items)}), graag nakijken:"
                for item in items:
                    yield f"  - {item}"
