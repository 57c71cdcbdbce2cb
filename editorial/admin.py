"""Admin of the editorial app: the link-check results (read only)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_base import LIST_PER_PAGE
from .models import LinkCheck


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """Results of `manage.py check_links`, broken ones first (Meta.ordering).

    Read-only: results come from the command, and an edited result would be
    overwritten by the next run. Staff may delete one, for example the result of
    an address no entry links to any more.
    """

    list_display = [
        "url",
        "result",
        "status_code",
        "final_url",
        "redirected",
        "error",
        "checked_at",
    ]
    list_filter = ["ok", "redirected"]
    search_fields = ["url", "final_url", "error"]
    search_help_text = _("Zoek op adres, eindadres of foutmelding.")
    list_per_page = LIST_PER_PAGE

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("resultaat"), ordering="ok")
    def result(self, obj):
        return _("✓ werkt") if obj.ok else _("✗ werkt niet")
