"""The sections of /sitemap.xml, served by Django's own sitemap view (toolkit_site/urls.py).

It lists the fixed pages, the published programmes and the published routes
with their steps; drafts, the admin, the compare page and the CSV download are
left out. The one rule: each section costs two queries (a count and a page) and
little work per entry, however many entries there are: items are plain rows
(values_list()/only()), not full instances. Why one document, and how it stays
cheap: docs/decisions/0032-sitemap.md.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pathways.models import Pathway, Step
from programmes.models import Programme


class SiteSitemap(Sitemap):
    """Uses SITE_URL's scheme and host when it is set, like canonical links do;
    otherwise the request's own (the sites framework is not installed)."""

    def _site_url(self):
        site_url = getattr(settings, "SITE_URL", "")
        return urlsplit(site_url) if site_url else None

    def get_protocol(self, protocol=None):
        site_url = self._site_url()
        return site_url.scheme if site_url else super().get_protocol(protocol)

    def get_domain(self, site=None):
        site_url = self._site_url()
        return site_url.netloc if site_url else super().get_domain(site)


class StaticViewSitemap(SiteSitemap):
    """The fixed pages. Not the compare page or the CSV: they depend on a choice."""

    url_names = [
        "home",
        "sheet",
        "programmes:programme_list",
        "pathways:pathway_list",
        "pathways:role_list",
        "pathways:resource_list",
        "pathways:funding",
        "pathways:routewijzer",
        "contact",
        "accessibility",
        "privacy",
    ]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class ProgrammeSitemap(SiteSitemap):
    """Published programmes by slug, with their last change, as (slug, updated_at) rows."""

    SLUG_MARK = "slug-mark"

    def items(self):
        return Programme.objects.published().order_by("slug").values_list("slug", "updated_at")

    @functools.cached_property
    def _path_around_slug(self):
        path = reverse("programmes:programme_detail", kwargs={"slug": self.SLUG_MARK})
        head, _mark, tail = path.partition(self.SLUG_MARK)
        return head, tail

    def location(self, item):
        # One reverse() for all: one per programme took a third of the time at 5,000.
        # A slug is letters, digits, - and _, which reverse() would not quote either.
        head, tail = self._path_around_slug
        return f"{head}{item[0]}{tail}"

    def lastmod(self, item):
        return item[1]

    def get_urls(self, page=1, site=None, protocol=None):
        """Sitemap.get_urls()'s dicts without its per-entry look-ups, which cost 40% of
        the uncached page at 5,000 programmes (measured with make bench)."""
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        head, tail = self._path_around_slug
        urls = []
        latest = None
        for slug, updated_at in self.paginator.page(page).object_list:
            if latest is None or updated_at > latest:
                latest = updated_at
            urls.append(
                {
                    "item": (slug, updated_at),
                    "location": f"{prefix}{head}{slug}{tail}",
                    "lastmod": updated_at,
                    "changefreq": None,
                    "priority": "",
                    "alternates": [],
                }
            )
        if latest is not None:
            self.latest_lastmod = latest
        return urls


class PathwaySitemap(SiteSitemap):
    def items(self):
        return Pathway.objects.published().only("slug").order_by("order", "name")


class StepSitemap(SiteSitemap):
    def items(self):
        return (
            Step.objects.public()
            .only("slug", "pathway__slug")
            .order_by("pathway__order", "pathway__name", "order", "pk")
        )


SITEMAPS = {
    "pages": StaticViewSitemap,
    "programmes": ProgrammeSitemap,
    "pathways": PathwaySitemap,
    "steps": StepSitemap,
}
