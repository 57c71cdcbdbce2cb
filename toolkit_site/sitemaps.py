"""sitemap.xml and robots.txt: tell search engines which public pages exist.

The sitemap lists the fixed pages, published programmes and published routes
with their steps. Drafts, the admin, the compare page and the CSV download are
left out: robots.txt asks crawlers to skip the last three. Each section costs
two queries (a count and a page), however many entries there are.

Cheap per entry
---------------
One document (no sitemap index), so the addresses and the tests stay as they
were; what made it slow with 5,000 programmes was the work per entry, not the
queries. So:

- ProgrammeSitemap reads (slug, updated_at) pairs with values_list, no model
  instances, and builds each address from one reverse() of the programme page,
  split around its slug, instead of a reverse() per programme; its get_urls()
  skips the framework's per-entry attribute lookups.
- `sitemap_xml` (the view behind /sitemap.xml) writes the XML with plain string
  joins instead of Django's sitemap.xml template, whose per-entry variable
  lookups and date filter cost more than everything else together. The output
  has the same entries, addresses and lastmod dates (the date in the site's time
  zone, as the template's |date gave) and the same headers (X-Robots-Tag; no
  Last-Modified, as before: the fixed pages have no date).

The Sitemap classes still work with Django's own sitemap view.
"""

import datetime
from html import escape as xml_escape
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from pathways.models import Pathway, Step
from programmes.models import Programme
from publicpages.addresses import canonical_url


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
    """Published programmes by slug, with their last change; cheap per entry:
    items are (slug, updated_at) pairs and the address comes from one reverse()."""

    SLUG_MARK = "slug-mark"

    def items(self):
        return Programme.objects.published().order_by("slug").values_list("slug", "updated_at")

    def _path_parts(self):
        """The programme page's path before and after the slug, from one reverse()."""
        path = reverse("programmes:programme_detail", kwargs={"slug": self.SLUG_MARK})
        head, _, tail = path.partition(self.SLUG_MARK)
        return head, tail

    def location(self, item):
        head, tail = self._path_parts()
        # Slugs are ASCII letters, digits, - and _ (SlugField): reverse() would not
        # quote anything in them either.
        return f"{head}{item[0]}{tail}"

    def lastmod(self, item):
        return item[1]

    def get_urls(self, page=1, site=None, protocol=None):
        """Like Sitemap.get_urls, the same dicts, without its per-entry lookups."""
        prefix = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        head, tail = self._path_parts()
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


SITEMAP_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _url_element(url, zone):
    """One <url> element of a url dict from Sitemap.get_urls(), as Django's
    sitemap.xml template writes it (lastmod as a date in the site's time zone)."""
    lastmod = url["lastmod"]
    if lastmod:
        if isinstance(lastmod, datetime.datetime) and lastmod.tzinfo is not None:
            lastmod = lastmod.astimezone(zone)
        # YYYY-MM-DD of a date or a datetime.
        lastmod = f"<lastmod>{lastmod.isoformat()[:10]}</lastmod>"
    else:
        lastmod = ""
    extra = ""
    if url["changefreq"]:
        extra += f"<changefreq>{xml_escape(str(url['changefreq']))}</changefreq>"
    if url["priority"]:
        extra += f"<priority>{xml_escape(str(url['priority']))}</priority>"
    for alternate in url["alternates"]:
        extra += (
            f'<xhtml:link rel="alternate" hreflang="{xml_escape(alternate["lang_code"])}" '
            f'href="{xml_escape(alternate["location"])}"/>'
        )
    return f"<url><loc>{xml_escape(url['location'])}</loc>{lastmod}{extra}</url>\n"


@x_robots_tag
def sitemap_xml(request, sitemaps=None):
    """/sitemap.xml: the entries of `sitemaps` (default SITEMAPS), written without
    a template (see the module docstring)."""
    site = get_current_site(request)
    zone = timezone.get_current_timezone()
    parts = [SITEMAP_HEAD]
    for sitemap in (sitemaps or SITEMAPS).values():
        if callable(sitemap):
            sitemap = sitemap()
        for url in sitemap.get_urls(site=site, protocol=request.scheme):
            parts.append(_url_element(url, zone))
    parts.append("</urlset>\n")
    return HttpResponse("".join(parts), content_type="application/xml")


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
