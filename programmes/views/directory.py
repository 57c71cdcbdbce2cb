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
says how many programmes each active filter on its own hides (one count query
per active filter, only then).

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

Query budget
------------
Page: the footer's contact, the six option lists, one facet query per filter
(eight), the count, and the page with four prefetches: 21, whatever the number
of programmes. An empty result skips the page but counts each active filter's
removal (at most nine): 25 at most. Download: the six option lists (to read the
address), the list and five prefetches: 12. See tests/test_directory.py.
"""

import csv

from django.http import HttpResponse
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from toolkit_site.context_processors import canonical_url

from ..filters import ProgrammeFilterSet

UNKNOWN = "niet bekend"


class ProgrammeListView(ListView):
    template_name = "programmes/programme_list.html"
    context_object_name = "programmes"
    paginate_by = 20
    page_kwarg = "pagina"

    def get_queryset(self):
        self.filterset = ProgrammeFilterSet(self.request.GET)
        self.page_notices = []
        return self.filterset.qs.with_directory_relations()

    def paginate_queryset(self, queryset, page_size):
        """Like ListView's, but an unusable page number gives a message instead of a 404."""
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg, "").strip()
        number = 1
        if raw:
            # ASCII digits only: int() also reads "١٢", and fails on "²" (which isdigit()
            # accepts) and on numbers of more than 4300 digits.
            digits = raw.lstrip("0")
            if raw.isascii() and raw.isdigit() and digits:
                number = int(digits) if len(digits) <= 9 else paginator.num_pages + 1
                if number > paginator.num_pages:
                    self.page_notices.append(
                        f"Pagina {_shortened(raw)} bestaat niet. U ziet de laatste pagina "
                        f"(pagina {paginator.num_pages})."
                    )
                    number = paginator.num_pages
            else:
                self.page_notices.append(
                    f"‘{_shortened(raw)}’ is geen paginanummer. U ziet pagina 1."
                )
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

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


def _shortened(text, length=20):
    return text if len(text) <= length else text[: length - 1] + "…"


def spreadsheet_cell(value):
    """A cell's text, made safe against formulas, or "niet bekend" when empty."""
    text = str(value) if value not in (None, "") else UNKNOWN
    if text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def joined(values):
    return ", ".join(str(value) for value in values)


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
        programmes = ProgrammeFilterSet(request.GET).qs.with_download_relations()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="opleidingen.csv"'
        response.write("\ufeff")  # the byte order mark: Excel then reads UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow(self.headings)
        for programme in programmes:
            writer.writerow(spreadsheet_cell(cell) for cell in self.row(request, programme))
        return response

    def row(self, request, programme):
        contacts = programme.contacts.all()
        exemptions = {True: "ja", False: "nee", None: UNKNOWN}[programme.exemptions_possible]
        return [
            programme.name,
            programme.institution.name,
            joined(profile.code for profile in programme.profiles.all()),
            joined(form.name for form in programme.study_forms.all()),
            programme.qualification.name if programme.qualification else "",
            exemptions,
            joined(location.city for location in programme.locations.all()),
            joined(link.url for link in programme.links.all()),
            joined(contact.name for contact in contacts),
            joined(contact.email for contact in contacts),
            programme.checked_on.isoformat() if programme.checked_on else "",
            canonical_url(request, programme.get_absolute_url()),
        ]
