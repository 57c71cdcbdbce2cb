"""Admin of the texts of the toolkit sheet: resources, quotes, text blocks, the rules
that shape a route, and what a candidate may already have done."""

from django.contrib import admin
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import LIST_PER_PAGE, ContentAdmin
from editorial.freshness import CheckedOnFilter
from editorial.linkcheck.admin import BrokenLinkFilter

from ..models import PriorLearning, Quote, Resource, Rule, TextBlock


@admin.register(Resource)
class ResourceAdmin(ContentAdmin):
    list_display = ["title", "kind", "label", "organisation", "url", "order", "checked_on"]
    list_filter = ["kind", "organisation", CheckedOnFilter, BrokenLinkFilter]
    list_select_related = ["organisation"]
    search_fields = ["title", "slug", "label", "description", "url", "organisation__name"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["organisation", "sources"]
    list_per_page = LIST_PER_PAGE


@admin.register(Quote)
class QuoteAdmin(ContentAdmin):
    list_display = ["author", "short_text", "author_role", "organisation", "order"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["text", "author", "author_role", "organisation__name"]
    autocomplete_fields = ["organisation", "sources"]
    list_per_page = LIST_PER_PAGE

    @admin.display(description=_("citaat"), ordering="text")
    def short_text(self, obj):
        return Truncator(obj.text).chars(80)


@admin.register(TextBlock)
class TextBlockAdmin(ContentAdmin):
    list_display = ["slug", "title", "checked_on"]
    search_fields = ["slug", "title", "body"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["sources"]
    list_per_page = LIST_PER_PAGE


@admin.register(Rule)
class RuleAdmin(ContentAdmin):
    list_display = ["title", "slug", "explains", "programme", "valid_note", "order", "checked_on"]
    list_filter = ["roles", "explains", CheckedOnFilter]
    list_select_related = ["programme__institution"]
    search_fields = ["title", "slug", "explanation", "valid_note"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["programme", "roles", "steps", "sources"]
    list_per_page = LIST_PER_PAGE

    def view_on_site(self, obj):
        """Rules have no page of their own; they are listed on /hulpbronnen/."""
        return reverse("pathways:resource_list") + f"#regel-{obj.slug}"


@admin.register(PriorLearning)
class PriorLearningAdmin(ContentAdmin):
    """What a candidate may already have done: the Routewijzer's checkboxes."""

    list_display = ["name", "slug", "qualification", "order", "checked_on"]
    list_filter = ["qualification", CheckedOnFilter]
    list_select_related = ["qualification"]
    search_fields = ["name", "slug", "help_text"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["steps", "qualification", "sources"]
    list_per_page = LIST_PER_PAGE
    fieldsets = [
        (None, {"fields": ["name", "slug", "help_text", "order"]}),
        (
            _("Wat telt mee"),
            {"fields": ["steps", "qualification", "exemption_note"]},
        ),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]

    def view_on_site(self, obj):
        """The entry is a question of the Routewijzer."""
        return reverse("pathways:routewijzer") + f"#gedaan-{obj.slug}"
