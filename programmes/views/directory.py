"""The programme directory (/opleidingen/) and its CSV download (/opleidingen/download.csv).

The filters, their address parameters, the OR-within/AND-between rule, the
facet counts and the handling of unknown values live in programmes/filters.py;
see its docstring. Only published programmes are listed.

The page
--------
A GET form (MOJ "filter a list"): the filter state lives in the address, so a
search can be shared and bookmarked. Every link the page makes (remove one
filter, clear all, paging, the download) is built from the *understood* query,
so an unknown value is mentioned once and then dropped. 20 programmes a page,
``?pagina=N``: a page number that is not a number shows page 1, one past the end
shows the last page, both with a message: never a 404, because a shared address
should keep working when the list gets shorter. When nothing is found, the page
says how many programmes each active filter on its own hides.

The download
------------
The same filters and sort as the page, without paging: the whole filtered list.
UTF-8 with a byte order mark and ``;`` between cells, which is what Dutch Excel
expects when a file is opened with a double click; the file is called
``opleidingen.csv``. Columns have Dutch headings; several values in one cell are
separated by ", " (the csv module quotes a cell when needed); dates are ISO
(2026-11-24), which Excel recognises; an empty cell says "niet bekend". A cell
that starts with = + - @ (or a tab or carriage return) gets a leading ' so a
spreadsheet shows it as text instead of running it as a formula (CSV injection).

How it is fast
--------------
Filtering, counting and sorting use the facet index of programmes/facets.py: per
content version and process, the option lists, per filter key the set of
published programme ids, and the ids in each sort order. It is rebuilt at the
first request after a change of the content (the content version is raised in
the same transaction as every change), so an edit shows at the next request. The
page then reads only the search word's matches (one query) and its 20 programmes
(a query and four prefetches); the option lists are written out in Python
(FacetGroup.options_html), not with a template loop. When nothing is found, the
count without each active filter comes from the index too (no queries).

The download writes one CSV line per published programme once per content
version (six values queries, grouped in Python; one reverse() with a marker for
all programme addresses) and keeps the lines with the facet index, keyed by the
site's address; a download then joins the lines of the listed programmes, in
order. The bytes are the same as writing each programme with the csv module.

Query budget
------------
Every request reads the content version (1). The first request after a change of
the content also builds the facet index (11) and, for the download, its lines (6);
a sort order other than the default costs 1 the first time. Then the page: the
footer's contact, the search (1, only with a search word), the page of programmes
with four prefetches: at most 20 on a fresh index, 8 after. The download: at most
20 on a fresh index, 2 after (the version and the search). Whatever the number of
programmes. See tests/test_directory.py.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from editorial import spreadsheet
from editorial.status import PublicationStatus
from publicpages.addresses import canonical_url
from publicpages.paging import lenient_page

from ..filters import ProgrammeFilterSet
from ..models import (
    Location,
    Programme,
    ProgrammeContact,
    ProgrammeLink,
    StudyForm,
    VocationalProfile,
)

UNKNOWN = "niet bekend"


class ProgrammeListView(ListView):
    template_name = "programmes/programme_list.html"
    context_object_name = "programmes"
    paginate_by = 20
    page_kwarg = "pagina"

    def get_queryset(self):
        """The ids of the listed programmes, in order; the page's programmes are read
        from the database once the page is known (paginate_queryset)."""
        self.filterset = ProgrammeFilterSet(self.request.GET)
        self.page_notices = []
        return self.filterset.result_ids()

    def paginate_queryset(self, queryset, page_size):
        """Like ListView's, but an unusable page number gives a message instead of a 404."""
        paginator = self.get_paginator(queryset, page_size)
        page, notices = lenient_page(paginator, self.request.GET.get(self.page_kwarg, ""))
        self.page_notices.extend(notices)
        page.object_list = self.programmes(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def programmes(self, ids):
        """The programmes with these ids, in this order: one query and four prefetches."""
        if not ids:
            return []
        # The ids are of published programmes; the status is checked here and not in
        # SQL, where SQLite would then scan every published programme (status index)
        # instead of looking up 20 primary keys. One unpublished since the facet index
        # was read is left out.
        found = {
            programme.pk: programme
            for programme in Programme.objects.filter(pk__in=ids)
            .with_directory_relations()
            .order_by()
            if programme.status == PublicationStatus.PUBLISHED
        }
        return [found[pk] for pk in ids if pk in found]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        filterset.count_options()
        paginator, page = context["paginator"], context["page_obj"]
        count = paginator.count
        active = filterset.active_names
        heading = f"{filterset.describe()} ({count})"
        context.update(
            filterset=filterset,
            form=filterset.form,
            groups=list(filterset.groups.values()),
            heading=heading,
            count=count,
            filters_active=bool(active),
            notices=filterset.ignored + self.page_notices,
            notices_more=filterset.ignored_more,
            chip_groups=filterset.chip_groups(),
            list_url=reverse("programmes:programme_list"),
            current_query=filterset.query,
            clear_query=filterset.clear_query(),
            page_range=paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            page_size=self.paginate_by,
        )
        if count == 0 and active:
            context["without"] = [
                {
                    "legend": "Zoekwoord" if name == "zoek" else filterset.groups[name].legend,
                    "count": filterset.count_without(name),
                    "query": filterset.removal_query(name),
                }
                for name in active
            ]
        return context


def _or_unknown(value):
    """A cell's text, or "niet bekend" when empty."""
    return str(value) if value not in (None, "") else UNKNOWN


class ProgrammeCsvView(View):
    """The filtered list as a CSV file for a spreadsheet (see the module docstring)."""

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
        parts = [spreadsheet.BOM, spreadsheet.lines([self.headings])[0]]
        parts.extend([lines[pk] for pk in ids if pk in lines])
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
        for pk, name, slug, institution, qualification, exempt, checked_on in facts.order_by():
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
