"""Two to four programmes side by side (/opleidingen/vergelijken/).

The choice lives in the address, `?opleiding=<slug>` repeated. The rule to know:
an address never gives an error page; the page compares what it can and says what
it left out. With more than PICKER_SIZE published programmes the picker is a
search field instead of a checkbox per programme, so the page stays bounded; why,
and the query budget: docs/decisions/0023-compare-picker-bounded.md.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count
from django.views.generic import TemplateView

from ..filters import SEARCH_MAX_LENGTH, SearchInput
from ..models import Programme
from ..search import clean_search_text

MIN_CHOICES = 2
MAX_CHOICES = 4
# With more published programmes than this, the picker lists the chosen ones and a
# search field instead of every programme; a search shows at most this many matches.
PICKER_SIZE = 30
# Values beyond this many are not read, so a hand-made address with thousands of
# values cannot make the page (or its messages) grow without bound.
MAX_VALUES = 50
# What a programme's slug can look like (SlugField, ASCII).
SLUG_PATTERN = re.compile(r"[-a-zA-Z0-9_]+")


@dataclass
class CompareChoice:
    """What the address asked for, read leniently.

    `programmes` are the published programmes to compare, in the order of the
    address, at most MAX_CHOICES; `left_out` are valid ones beyond that;
    `unknown` are values that match no published programme; `repeated` are
    programmes asked for more than once.
    """

    asked: bool = False
    programmes: list = field(default_factory=list)
    left_out: list = field(default_factory=list)
    unknown: list = field(default_factory=list)
    repeated: list = field(default_factory=list)

    @property
    def too_few(self):
        return self.asked and len(self.programmes) < MIN_CHOICES

    @property
    def can_compare(self):
        return len(self.programmes) >= MIN_CHOICES

    @property
    def has_messages(self):
        return bool(self.too_few or self.left_out or self.unknown or self.repeated)


def read_choice(values, published_by_slug):
    """Read the `opleiding` values of an address against the published programmes."""
    choice = CompareChoice()
    seen = set()
    valid = []
    for value in values[:MAX_VALUES]:
        slug = value.strip()
        if not slug:
            continue
        choice.asked = True
        programme = published_by_slug.get(slug)
        if slug in seen:
            if programme is not None and programme not in choice.repeated:
                choice.repeated.append(programme)
            continue
        seen.add(slug)
        if programme is None:
            choice.unknown.append(slug)
        else:
            valid.append(programme)
    choice.programmes = valid[:MAX_CHOICES]
    choice.left_out = valid[MAX_CHOICES:]
    return choice


def compared_programmes():
    """Published programmes with what the comparison table shows: one query plus
    eight prefetches. Lighter than `with_public_relations()`: the table shows the
    number of modules (an annotation), not the modules, and no sources."""
    return (
        Programme.objects.published()
        .select_related("institution", "qualification")
        .prefetch_related(
            "profiles",
            "study_forms",
            "exemption_methods",
            "locations",
            "links",
            "contacts",
        )
        .with_costs_and_start_moments()
        .annotate(module_count=Count("modules"))
    )


def programme_label(programme):
    """A programme's name with its hogeschool: several hogescholen use the same name."""
    institution = programme.institution
    return f"{programme.name} ({institution.short_name or institution.name})"


def dutch_list(words):
    """'A', 'A en B', 'A, B en C'."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} en {words[-1]}"


class ProgrammeChoiceForm(forms.Form):
    """The checkboxes of the picker, and with a long list the search field. It is
    only rendered, never validated: the view reads the address leniently with
    `read_choice`."""

    opleiding = forms.MultipleChoiceField(
        label="Welke opleidingen wilt u vergelijken?",
        help_text="Kies 2, 3 of 4 opleidingen.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    zoek = forms.CharField(
        label="Zoek een opleiding",
        help_text=(
            "Typ een woord uit de naam van de opleiding of de hogeschool, "
            "bijvoorbeeld ‘techniek’ of ‘Fontys’."
        ),
        widget=SearchInput,
        required=False,
    )

    def __init__(self, *args, programmes, searchable=False, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels without a colon, as in the directory
        super().__init__(*args, **kwargs)
        self.fields["opleiding"].choices = [
            (programme.slug, f"{programme.name}, {programme.institution.name}")
            for programme in programmes
        ]
        if not searchable:
            del self.fields["zoek"]


def picker_programmes():
    """The published programmes the picker may list, with what a checkbox shows.

    By name, not in the normal order (by hogeschool): the normal order makes the
    database sort every published programme to keep PICKER_SIZE + 1 of them,
    while the name order comes from the index on (status, name), so it stops
    after PICKER_SIZE + 1. The few kept are then sorted in Python
    (`in_normal_order`)."""
    return (
        Programme.objects.published()
        .select_related("institution")
        .only("slug", "name", "institution__name", "institution__short_name")
        .order_by("name")
    )


def in_normal_order(programmes):
    """Programmes in the normal order (Programme.Meta.ordering: hogeschool, name)."""
    return sorted(programmes, key=lambda p: (p.institution.name.lower(), p.name.lower()))


class ProgrammeCompareView(TemplateView):
    template_name = "programmes/programme_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values = self.request.GET.getlist("opleiding")
        first = list(picker_programmes()[: PICKER_SIZE + 1])
        long_list = len(first) > PICKER_SIZE

        # Only what could be a slug goes to the database: PostgreSQL refuses text with
        # a NUL byte, and anything else cannot name a programme anyway. read_choice
        # reports the rest as unknown, like any slug that names nothing.
        slugs = {value.strip() for value in values[:MAX_VALUES]}
        slugs = {slug for slug in slugs if SLUG_PATTERN.fullmatch(slug)}
        named = compared_programmes().filter(slug__in=slugs) if slugs else []
        choice = read_choice(values, {programme.slug: programme for programme in named})
        programmes = choice.programmes if choice.can_compare else []

        search = {"text": "", "too_long": False, "matches": [], "more": False}
        if long_list:
            text = clean_search_text(self.request.GET.get("zoek", ""))
            if len(text) > SEARCH_MAX_LENGTH:
                search["too_long"] = True
            elif text:
                listed = {programme.pk for programme in choice.programmes + choice.left_out}
                found = list(
                    picker_programmes().search(text).exclude(pk__in=listed)[: PICKER_SIZE + 1]
                )
                search.update(
                    text=text,
                    matches=in_normal_order(found[:PICKER_SIZE]),
                    more=len(found) > PICKER_SIZE,
                )
            options = choice.programmes + choice.left_out + search["matches"]
        else:
            options = in_normal_order(first)

        context.update(
            choice=choice,
            programmes=programmes,
            min_choices=MIN_CHOICES,
            max_choices=MAX_CHOICES,
            picker_size=PICKER_SIZE,
            search_max_length=SEARCH_MAX_LENGTH,
            long_list=long_list,
            search=search,
            # Where "choose (more)" links in the messages go: the first checkbox, or
            # with a long list the search field.
            pick_anchor="id_zoek" if long_list else "id_opleiding_0",
            compare_title=(
                f"Vergelijk: {dutch_list(programme_label(p) for p in programmes)}"
                if len(programmes) >= MIN_CHOICES
                else "Opleidingen vergelijken"
            ),
            form=ProgrammeChoiceForm(
                initial={
                    "opleiding": [programme.slug for programme in choice.programmes],
                    "zoek": search["text"],
                },
                programmes=options,
                searchable=long_list,
            ),
        )
        return context
