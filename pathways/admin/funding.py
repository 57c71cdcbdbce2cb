"""Admin of the funding schemes (subsidies and grants) and where they apply."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import LIST_PER_PAGE, ContentAdmin
from editorial.freshness import CheckedOnFilter

from ..models import FundingScheme


@admin.register(FundingScheme)
class FundingSchemeAdmin(ContentAdmin):
    list_display = ["name", "kind", "status", "ends_on", "is_published", "checked_on"]
    list_filter = ["kind", "status", "is_published", CheckedOnFilter]
    search_fields = ["name", "slug", "summary", "for_whom"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["organisation", "roles", "pathways", "steps", "sources"]
    list_per_page = LIST_PER_PAGE
    fieldsets = [
        (
            _("Regeling"),
            {"fields": ["name", "slug", "kind", "is_published", "organisation", "order", "url"]},
        ),
        (
            _("Voor wie en waarvoor"),
            {
                "fields": [
                    "summary",
                    "for_whom",
                    "not_for",
                    "only_if",
                    "for_what",
                    "amount",
                    "budget",
                ]
            },
        ),
        (
            _("Looptijd en aanvragen"),
            {
                "fields": [
                    "status",
                    ("starts_on", "ends_on"),
                    "period_note",
                    "how_to_apply",
                ],
                "description": _(
                    "Na de einddatum toont de site de regeling als gestopt, ook als de status "
                    "nog 'loopt' is."
                ),
            },
        ),
        (_("Waar de regeling bij hoort"), {"fields": ["roles", "pathways", "steps"]}),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]
