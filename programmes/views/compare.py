"""Two to four programmes side by side (/opleidingen/vergelijken/).

The choice lives in the address, `?opleiding=<slug>` repeated, so a comparison
can be bookmarked and shared, and the page needs no JavaScript: a plain GET form
with a checkbox per published programme makes the address.

A hand-made or outdated address never gives an error page. The page compares
what it can and says in plain Dutch what it left out and why: a slug it does
not know (or of a programme that is not published; the page does not tell the
two apart, so drafts stay hidden), a programme chosen twice, more than four.

Queries: one for the checkbox list of all published programmes, and, when at
least two are chosen, one plus six prefetches for the chosen ones. The count
does not depend on the amount of data.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Count
from django.views.generic import TemplateView

from ..models import Programme

MIN_CHOICES = 2
MAX_CHOICES = 4
# Values beyond this many are not read, so a hand-made address with thousands of
# values cannot make the page (or its messages) grow without bound.
MAX_VALUES = 50


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
    six prefetches. Lighter than `with_public_relations()`: the table shows the
    number of modules (an annotation), not the modules, and no sources."""
    return (
        Programme.objects.published()
        .select_related("institution", "qualification")
        .prefetch_related(
            "profiles", "study_forms", "exemption_methods", "locations", "links", "contacts"
        )
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
    """The checkbox list of published programmes. It is only rendered, never
    validated: the view reads the address leniently with `read_choice`."""

    opleiding = forms.MultipleChoiceField(
        label="Welke opleidingen wilt u vergelijken?",
        help_text="Kies 2, 3 of 4 opleidingen.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opleiding"].choices = [
            (programme.slug, f"{programme.name}, {programme.institution.name}")
            for programme in programmes
        ]


class ProgrammeCompareView(TemplateView):
    template_name = "programmes/programme_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = list(
            Programme.objects.published()
            .select_related("institution")
            .only("slug", "name", "institution__name", "institution__short_name")
        )
        choice = read_choice(
            self.request.GET.getlist("opleiding"),
            {programme.slug: programme for programme in published},
        )
        programmes = []
        if choice.can_compare:
            by_pk = compared_programmes().in_bulk([programme.pk for programme in choice.programmes])
            programmes = [by_pk[p.pk] for p in choice.programmes if p.pk in by_pk]
        context.update(
            choice=choice,
            programmes=programmes,
            min_choices=MIN_CHOICES,
            max_choices=MAX_CHOICES,
            compare_title=(
                f"Vergelijk: {dutch_list(programme_label(p) for p in programmes)}"
                if len(programmes) >= MIN_CHOICES
                else "Opleidingen vergelijken"
            ),
            form=ProgrammeChoiceForm(
                initial={"opleiding": [programme.slug for programme in choice.programmes]},
                programmes=published,
            ),
        )
        return context
