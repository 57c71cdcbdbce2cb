"""robots.txt: everything public may be crawled, except the admin and the pages
that only show a visitor's own choice (compare, CSV download); it names the
sitemap's absolute address."""

from django.urls import reverse
from django.views.generic import TemplateView

from publicpages.addresses import canonical_url


class RobotsTxtView(TemplateView):
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
