"""Site-wide views.

The home page is the toolkit sheet on the web. Every fact on it is data that
staff edit in the admin (text blocks by slug, the quote, the coach, resources,
programmes, routes); the template only arranges them and leaves out a section
whose data is missing.

Decisions: the institutions table shows exactly the sheet's columns (hogeschool,
opleiding, website, contactpersoon, e-mail), so locations are not fetched here;
they are on each programme's page. Where the sheet's text block already
describes the online resources, they are listed as links only.
"""

from django.views.generic import TemplateView

from pathways.models import (
    ContactPurpose,
    OrganisationContact,
    Pathway,
    Quote,
    Resource,
    ResourceKind,
)
from pathways.queries import resources_by_kind, text_blocks
from programmes.models import Programme

from .context_processors import toolkit_contact_for


class HomeView(TemplateView):
    template_name = "home.html"

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
        context.update(
            # One query each, whatever the number of rows (see tests/test_pages.py).
            programmes=Programme.objects.published()
            .select_related("institution")
            .prefetch_related("links", "contacts"),
            pathways=Pathway.objects.published(),
            resources=resources,
            quote=Quote.objects.select_related("organisation").first(),
            hybrid_coach=OrganisationContact.objects.for_purpose(ContactPurpose.HYBRID_COACH),
            blocks=text_blocks(),
        )
        return context


class SheetView(TemplateView):
    """The toolkit sheet "Opleiden doe je samen!" in its own order. Work in progress."""

    template_name = "site/sheet.html"


class ContactView(TemplateView):
    template_name = "site/contact.html"


class AccessibilityView(TemplateView):
    template_name = "site/accessibility.html"


class PrivacyView(TemplateView):
    template_name = "site/privacy.html"
