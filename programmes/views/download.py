"""The directory's CSV download (/opleidingen/download.csv): the filtered, sorted list
without paging, as a file for Dutch Excel.

The rule to know: the cells are written by editorial/spreadsheet.py, once per
content version and site address; a download joins the lines of the listed
programmes. The columns and cells, and why: docs/decisions/0021-directory-csv-download.md.
"""

import functools

from django.http import HttpResponse
from django.urls import reverse
from django.views import View

from editorial import spreadsheet
from editorial.status import PublicationStatus
from publicpages.addresses import canonical_url

from ..filters import ProgrammeFilterSet
from ..models import (
    Location,
    Programme,
    ProgrammeContact,
    ProgrammeLink,
    StudyForm,
    VocationalProfile,
)
from ..nearby import INSTITUTION, OWN, whole_km

UNKNOWN = "niet bekend"
LINE_END = "\r\n"
# With ?bij=: two more columns at the end (the others keep their place): the distance
# in whole km (empty when the place is not known, so a spreadsheet can sort on it) and
# what it was measured to.
DISTANCE_HEADINGS = ["afstand (km)", "afstand gemeten tot"]
MEASURED_TO = {
    OWN: "vestiging van de opleiding",
    INSTITUTION: "vestiging van de hogeschool",
    None: "plaats nog niet bekend",
}


def _with_distance(line, nearest):
    """A CSV line with the two distance cells (from NearbySearch.nearest()) at its end.
    A whole number of km needs no escaping; the words are escaped once per place."""
    if nearest is None:
        km, words = "", _measured_to(None, "")
    else:
        km, words = str(whole_km(nearest[0])), _measured_to(nearest[1], nearest[2])
    return f"{line.removesuffix(LINE_END)}{spreadsheet.DELIMITER}{km}{spreadsheet.DELIMITER}{words}"


@functools.lru_cache(maxsize=4096)
def _measured_to(kind, city):
    """The cell 'vestiging van de opleiding Zwolle', escaped, with the line end."""
    return spreadsheet.lines([[f"{MEASURED_TO[kind]} {city}".strip()]])[0]


def _or_unknown(value):
    """A cell's text, or "niet bekend" when empty."""
    return str(value) if value not in (None, "") else UNKNOWN


class ProgrammeCsvView(View):
    """The filtered list as a CSV file for a spreadsheet."""

    headings = [
        "opleiding",
        "hogeschool",
        "vmbo-profielen",
        "studievormen",
        "leidt tot",
        "vrijstellingen mogelijk",
        "plaatsen",
        "websites",
        "contactpersonen",
        "e-mail",
        "op het toolkitblad",
        "laatst gecontroleerd",
        "adres op deze site",
    ]

    def get(self, request, *args, **kwargs):
        filterset = ProgrammeFilterSet(request.GET)
        ids = filterset.result_ids()
        # One reverse() for all rows: the address of a programme differs only in its slug.
        marker = "slug-marker"
        address = canonical_url(
            request, reverse("programmes:programme_detail", kwargs={"slug": marker})
        )
        before, after = address.split(marker, 1)
        lines = filterset.catalogue.derived(
            ("csv-lines", before, after), lambda: self.lines(before, after)
        )
        near = filterset.near
        if near is None:
            parts = [spreadsheet.BOM, spreadsheet.lines([self.headings])[0]]
            parts.extend([lines[pk] for pk in ids if pk in lines])
        else:
            headings = [*self.headings, *DISTANCE_HEADINGS]
            parts = [spreadsheet.BOM, spreadsheet.lines([headings])[0]]
            parts.extend([_with_distance(lines[pk], near.nearest(pk)) for pk in ids if pk in lines])
        response = HttpResponse("".join(parts), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="opleidingen.csv"'
        return response

    def lines(self, before, after):
        """{programme id: its CSV line} for every published programme: six values
        queries, once per content version (the facet index keeps them)."""
        ids, rows = [], []
        for pk, row in self.rows(before, after):
            ids.append(pk)
            rows.append([_or_unknown(cell) for cell in row])
        return dict(zip(ids, spreadsheet.lines(rows), strict=True))

    def rows(self, before, after):
        """(id, cells) of every published programme."""
        published = {"programmes__status": PublicationStatus.PUBLISHED}
        own = {"programme__status": PublicationStatus.PUBLISHED}
        facts = Programme.objects.published().values_list(
            "pk",
            "name",
            "slug",
            "institution__name",
            "qualification__name",
            "exemptions_possible",
            "on_sheet",
            "checked_on",
        )
        # Each list in the order of its model's ordering, as a prefetch gives it.
        profiles = _grouped(VocationalProfile.objects.filter(**published), "programmes", "code")
        forms = _grouped(StudyForm.objects.filter(**published), "programmes", "name")
        places = _grouped(Location.objects.filter(**published), "programmes", "city")
        # Ordered by programme, order, pk: within one programme that is (order, pk).
        links = _grouped(
            ProgrammeLink.objects.filter(**own).order_by("order", "pk"), "programme_id", "url"
        )
        contacts = _grouped(
            ProgrammeContact.objects.filter(**own).order_by("order", "pk"),
            "programme_id",
            "name",
            "email",
        )
        exemptions = {True: "ja", False: "nee", None: UNKNOWN}
        nothing = ()
        on_sheet_cell = {True: "ja", False: "nee"}
        for (
            pk,
            name,
            slug,
            institution,
            qualification,
            exempt,
            on_sheet,
            checked_on,
        ) in facts.order_by():
            people = contacts.get(pk, nothing)
            yield (
                pk,
                [
                    name,
                    institution,
                    ", ".join(profiles.get(pk, nothing)),
                    ", ".join(forms.get(pk, nothing)),
                    qualification,
                    exemptions[exempt],
                    ", ".join(places.get(pk, nothing)),
                    ", ".join(links.get(pk, nothing)),
                    ", ".join([person[0] for person in people]),
                    ", ".join([person[1] for person in people]),
                    on_sheet_cell[on_sheet],
                    checked_on.isoformat() if checked_on else "",
                    f"{before}{slug}{after}",
                ],
            )


def _grouped(queryset, key, *fields):
    """{programme id: [value, ...]} (or [(value, ...), ...] for several fields), in the
    queryset's order."""
    grouped = {}
    rows = queryset.values_list(key, *fields)
    if len(fields) == 1:
        for pk, value in rows:
            grouped.setdefault(pk, []).append(value)
    else:
        for pk, *values in rows:
            grouped.setdefault(pk, []).append(values)
    return grouped
