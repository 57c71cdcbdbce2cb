"""Site-wide pages: the home page, the toolkit sheet on the web, contact, the
accessibility statement and the privacy page.

The one rule: every fact on them is data that staff edit in the admin, and each
page costs a fixed number of queries, whatever the amount of data
(tests/test_every_page.py and a test file per page). The 404 and 500 pages need
no view: Django renders 404.html (with the context processors) and 500.html
(without any context).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.views.generic import TemplateView

from editorial.status import PublicationStatus
from pathways.models import (
    ContactPurpose,
    OrganisationContact,
    Pathway,
    Quote,
    Resource,
    ResourceKind,
)
from pathways.queries import resources_by_kind, text_blocks
from programmes.models import Programme, VocationalProfile
from publicpages.paging import lenient_page

from .context_processors import toolkit_contact_for
from .structured_data import OrganisationStructuredDataMixin

DAY = 24 * 60 * 60


class HomeView(OrganisationStructuredDataMixin, TemplateView):
    """What the toolkit offers and three ways in: programmes, routes and roles,
    resources and contact. The sheet itself is on its own page (SheetView).

    The quick links per vmbo profiel come with their number of published
    programmes, counted in one grouped query; a profiel without any published
    programme gets no link, as it would lead to an empty list.
    """

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Q(programmes__status=PublicationStatus.PUBLISHED)
        context.update(
            profiles=VocationalProfile.objects.annotate(
                programme_count=Count("programmes", filter=published)
            ).filter(programme_count__gt=0),
            programme_count=Programme.objects.published().count(),
            blocks=text_blocks(),
        )
        return context


# The routes that go deeper into a part of the sheet, by slug. Slugs are stable
# (printed links depend on them), and the text blocks are found by slug in the
# same way. A route that is missing or not published is simply left out; the
# introduction links to the full list of routes.
SHEET_SECTION_PATHWAYS = {
    "flexible_routes": ["flexibele-leerroute"],
    "stepped_model": ["scholingstraject-hybride-techniekopleiders", "zij-instroom-in-het-beroep"],
    "hybrid_teaching": ["hybride-docentschap"],
}


# The most programmes the sheet's table shows (SheetView); the directory has them all.
SHEET_TABLE_SIZE = 20


class SheetView(TemplateView):
    """The toolkit sheet "Opleiden doe je samen!" in the sheet's own order: the
    introduction, the flexible routes, the stepped side-entry model, the online
    resources (with the quote printed beside them), further reading, the table of
    institutions, hybrid teaching and contact. Each part links to the pages that
    go deeper.

    The institutions table has the sheet's columns (hogeschool, opleiding,
    website, contactpersoon, e-mail), so locations are not fetched here. Its rows
    follow the programmes' normal order (by hogeschool): no field holds the order
    in which the sheet prints them, and the database id is no stable substitute.

    The table is bounded: it shows at most SHEET_TABLE_SIZE (20) published
    programmes, so the page costs the same with 6 programmes or 5,000. Which ones:
    those that have been on the site longest (lowest id). The seed loads the
    printed sheet's six first, so they stay on this page however many are added;
    the id only chooses them, the rows still follow the normal order. When there
    are more, a line under the table says how many the table leaves out and links
    to the directory (/opleidingen/), which has them all, with filters. Queries:
    the rows and their two prefetches, plus a count only when the table is full.
    """

    template_name = "site/sheet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resources = resources_by_kind(Resource.objects.all())
        # A "meer informatie" resource that only repeats the toolkit contact's website
        # (shown in the same section) is left out.
        toolkit_contact = toolkit_contact_for(self.request)
        if toolkit_contact and toolkit_contact.url:
            resources[ResourceKind.MORE_INFO] = [
                resource
                for resource in resources[ResourceKind.MORE_INFO]
                if resource.url != toolkit_contact.url
            ]
        programmes, total = self.table_programmes()
        context.update(
            programmes=programmes,
            programmes_total=total,
            programmes_more=total - len(programmes),
            not_on_sheet=Programme.objects.published().filter(on_sheet=False).count(),
            section_pathways=self.section_pathways(),
            resources=resources,
            quote=Quote.objects.select_related("organisation").first(),
            hybrid_coach=OrganisationContact.objects.for_purpose(ContactPurpose.HYBRID_COACH),
            blocks=text_blocks(),
        )
        return context

    def table_programmes(self):
        """(the table's rows, the number of published programmes); see the docstring."""
        # The sheet's table holds the programmes of the printed sheet; others that a
        # source confirms (Programme.on_sheet off) are in the directory.
        published = Programme.objects.published().filter(on_sheet=True)
        oldest = published.order_by("pk").values("pk")[:SHEET_TABLE_SIZE]
        programmes = list(
            published.filter(pk__in=oldest)
            .select_related("institution")
            .only("slug", "name", "on_sheet", "institution__name")
            .prefetch_related("links", "contacts")
        )
        total = len(programmes)
        if total == SHEET_TABLE_SIZE:
            total = published.count()
        return programmes, total

    def section_pathways(self):
        """{section: [published pathways]} for SHEET_SECTION_PATHWAYS, in one query."""
        slugs = {slug for section in SHEET_SECTION_PATHWAYS.values() for slug in section}
        by_slug = {
            pathway.slug: pathway for pathway in Pathway.objects.published().filter(slug__in=slugs)
        }
        return {
            section: [by_slug[slug] for slug in section_slugs if slug in by_slug]
            for section, section_slugs in SHEET_SECTION_PATHWAYS.items()
        }


# Programmes a page in the contact page's list (ContactView), as in the directory.
CONTACT_PAGE_SIZE = 20


class ContactView(OrganisationStructuredDataMixin, TemplateView):
    """Whom to ask for what, in a fixed order: a programme (its contact persons),
    a route (the organisations and hogescholen that offer it), the toolkit and
    this site (the toolkit contact), hybrid teaching (the coach).

    The site has no form and passes on no messages: the visitor writes to the
    right person directly. No reply time is promised, because none is known.

    The list of programmes and their contact persons is paged, so the page costs
    the same with 6 programmes or 5,000: CONTACT_PAGE_SIZE (20) programmes a
    page, in the normal order (by hogeschool), `?pagina=N` as in the directory,
    with the directory's lenient rule for a bad number (publicpages/paging.py). Every
    contact person stays reachable, page by page (and on the programme's own
    page). Only that list is paged: the questions, the routes, the toolkit's own
    contact and the coach are on every page, in the same place, and the paging
    links jump back to the list (#opleiding). With the seed (6 programmes) there
    is one page and no paging. Queries: the count, the page and its contacts
    prefetch, the routes with two prefetches, the coach and the footer's toolkit
    contact: 8, whatever the number of programmes.
    """

    template_name = "site/contact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(
            Programme.objects.published()
            .select_related("institution")
            # Only what the list shows: sorting for a deep page then moves small rows.
            .only("slug", "name", "institution__name")
            .prefetch_related("contacts"),
            CONTACT_PAGE_SIZE,
        )
        page, notices = lenient_page(paginator, self.request.GET.get("pagina", ""))
        context.update(
            programmes=page.object_list,
            page_obj=page,
            paginator=paginator,
            page_notices=notices,
            page_range=paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            pathways=Pathway.objects.published().prefetch_related(
                "providers", "provider_institutions"
            ),
            hybrid_coach=OrganisationContact.objects.for_purpose(ContactPurpose.HYBRID_COACH),
        )
        return context


class AccessibilityView(TemplateView):
    """The accessibility statement (digitoegankelijk.nl model). The publisher and
    the address for problems come from the toolkit contact."""

    template_name = "site/accessibility.html"


class PrivacyView(TemplateView):
    """Privacy and cookies: what the site stores and shows, and how to have it
    corrected or removed (through the toolkit contact).

    The staff cookies' names and lifetimes are read from the settings, so the
    page cannot drift from what the site really sets.
    """

    template_name = "site/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cookies = [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "purpose": "Houdt een medewerker ingelogd in het beheer.",
                "days": settings.SESSION_COOKIE_AGE // DAY,
                "until_browser_closes": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
            },
            {
                "name": settings.CSRF_COOKIE_NAME,
                "purpose": "Beschermt de formulieren van het beheer tegen misbruik.",
                "days": (settings.CSRF_COOKIE_AGE or 0) // DAY,
                "until_browser_closes": settings.CSRF_COOKIE_AGE is None,
            },
        ]
        # With CSRF_USE_SESSIONS the token lives in the session: no cookie of its own.
        context["staff_cookies"] = cookies[:1] if settings.CSRF_USE_SESSIONS else cookies
        return context
