"""sitemap.xml and robots.txt: tell search engines which public pages exist.

The sitemap lists the fixed pages, published programmes and published routes
with their steps. Drafts, the admin, the compare page and the CSV download are
left out: robots.txt asks crawlers to skip the last three. Each section costs
two queries (a count and a page), however many entries there are.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.views.generic import TemplateView

from pathways.models import Pathway, Step
from programmes.models import Programme

from .context_processors import canonical_url


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
    def items(self):
        return Programme.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, programme):
        return programme.updated_at


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


class RobotsTxtView(TemplateView):
    """robots.txt: everything public may be crawled, except the admin and the
    pages that only show a visitor's own choice (compare, CSV download)."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            disallowed=[
                reverse("admin:index"),
                reverse("programmes:programme_compare"),
                reverse("programmes:programme_csv"),
            ],
            sitemap_url=canonical_url(self.request, reverse("sitemap")),
        )
        return context
