"""Admin of the organisations behind the routes, and their contacts."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import LIST_PER_PAGE, ContentAdmin, ContentStackedInline
from editorial.freshness import CheckedOnFilter
from editorial.linkcheck.admin import BrokenLinkFilter

from ..models import Organisation, OrganisationContact
from .forms import OrganisationContactForm


class OrganisationContactInline(ContentStackedInline):
    model = OrganisationContact
    form = OrganisationContactForm
    fields = [
        "purpose",
        ("name", "role"),
        ("email", "phone"),
        "url",
        "description",
        "how_to_reach",
        ("order", "checked_on"),
    ]
    extra = 0
    ordering = ["order", "pk"]


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ["name", "short_name", "kind", "website", "email", "checked_on"]
    list_filter = ["kind", CheckedOnFilter, BrokenLinkFilter.on("website")]
    search_fields = ["name", "short_name", "slug", "description", "contacts__name"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["sources"]
    inlines = [OrganisationContactInline]
    list_per_page = LIST_PER_PAGE
    fieldsets = [
        (
            None,
            {"fields": ["name", "short_name", "slug", "kind", "description", "website", "email"]},
        ),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]

    def view_on_site(self, obj):
        """Organisations have no page of their own; they are listed on /hulpbronnen/."""
        return reverse("pathways:resource_list") + f"#organisatie-{obj.slug}"


@admin.register(OrganisationContact)
class OrganisationContactAdmin(ContentAdmin):
    form = OrganisationContactForm
    list_display = ["__str__", "organisation", "purpose", "email", "phone", "checked_on"]
    list_filter = ["purpose", "organisation", CheckedOnFilter, BrokenLinkFilter]
    list_select_related = ["organisation"]
    search_fields = ["name", "role", "email", "organisation__name", "organisation__short_name"]
    autocomplete_fields = ["organisation", "sources"]
    list_per_page = LIST_PER_PAGE
