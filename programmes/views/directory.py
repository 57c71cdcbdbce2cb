"""The programme directory (/opleidingen/): the published programmes, filtered, sorted
and 20 a page.

The filters live in programmes/filters.py; this view pages the ids they give and
reads only the page's programmes from the database. The rule to know: an
unusable page number gives a message, never a 404
(docs/decisions/0020-lenient-directory-addresses.md). Query budgets:
tests/test_directory.py; why it is fast: docs/decisions/0018-directory-facet-index.md.
"""

from django.urls import reverse
from django.views.generic import ListView

from editorial.status import PublicationStatus
from publicpages.paging import lenient_page

from ..filters import ProgrammeFilterSet
from ..maps import MapMarker, netherlands_map
from ..models import Programme

# How many campuses on the directory's map get their name drawn beside them: the
# nearest few; the text alternative names them all.
MAP_NAMES_SHOWN = 3


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
        near = self.filterset.near
        if near is not None:
            # The distances come from memory (programmes/nearby.py), not from a query.
            for programme in page.object_list:
                programme.distance = near.distance(programme.pk)
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
            filters_active=bool(active) or filterset.near is not None,
            notices=filterset.ignored + self.page_notices,
            notices_more=filterset.ignored_more,
            chip_groups=filterset.chip_groups(),
            list_url=reverse("programmes:programme_list"),
            current_query=filterset.query,
            clear_query=filterset.clear_query(),
            page_range=paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            page_size=self.paginate_by,
            nearby=filterset.nearby,
            near=filterset.near,
            unknown_left_out=filterset.unknown_place_left_out() if filterset.near else 0,
            without_radius_query=filterset.removal_query("straal"),
        )
        if filterset.near is not None:
            context["map_figure"] = self.map_figure(filterset.nearby.place, page.object_list)
        if count == 0 and active:
            context["without"] = [
                {
                    "legend": filterset.legend(name),
                    "count": filterset.count_without(name),
                    "query": filterset.removal_query(name),
                }
                for name in active
            ]
        return context

    def map_figure(self, place, programmes):
        """The map of the page's programmes (their nearest campus) and the school's
        place; only the nearest few campuses get their name drawn beside them."""
        markers = [MapMarker(place.latitude, place.longitude, place.name, "origin", place.name)]
        named = []
        for programme in programmes:
            distance = programme.distance
            if distance.km is None:
                continue
            if distance.city not in named and len(named) < MAP_NAMES_SHOWN:
                named.append(distance.city)
                short = distance.city
            else:
                short = ""
            markers.append(
                MapMarker(
                    distance.latitude,
                    distance.longitude,
                    f"{programme.name} ({programme.institution.name}), {distance.city}",
                    "campus",
                    short,
                )
            )
        return netherlands_map(
            markers,
            id_prefix="kaart-opleidingen",
            title=f"Kaart: de opleidingen op deze pagina en {place.name}",
        )
