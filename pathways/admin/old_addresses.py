"""Admin of the old addresses of routes and steps (see pathways/models/redirects.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.old_addresses import OldAddressAdmin

from ..models import PathwaySlugHistory, StepSlugHistory


@admin.register(PathwaySlugHistory)
class PathwaySlugHistoryAdmin(OldAddressAdmin):
    list_display = ["old_address", "pathway", "created"]
    list_select_related = ["pathway"]
    search_fields = ["old_slug", "pathway__name", "pathway__slug"]
    search_help_text = _("Zoek op een oude slug of op de naam of slug van de route.")
    autocomplete_fields = ["pathway"]
    fields = ["old_slug", "pathway", "created"]


@admin.register(StepSlugHistory)
class StepSlugHistoryAdmin(OldAddressAdmin):
    list_display = ["old_address", "step", "created"]
    list_filter = ["pathway"]
    list_select_related = ["pathway", "step__pathway"]
    search_fields = ["old_slug", "step__title", "step__slug", "pathway__slug"]
    search_help_text = _("Zoek op een oude slug, of op de naam of slug van de stap.")
    autocomplete_fields = ["step", "pathway"]
    fields = ["old_slug", "pathway", "step", "created"]
