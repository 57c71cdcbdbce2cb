"""Admin of the hogescholen and their locations."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import (
    LIST_PER_PAGE,
    ContentAdmin,
    ContentTabularInline,
    select_list_related,
)
from editorial.freshness import CheckedOnFilter
from editorial.linkcheck.admin import BrokenLinkFilter

from ..models import Institution, Location


class LocationInline(ContentTabularInline):
    model = Location
    fields = ["city", "province", "address", "note", "checked_on"]
    extra = 0
    ordering = ["city"]


@admin.register(Institution)
class InstitutionAdmin(ContentAdmin):
    list_display = ["name", "short_name", "website", "location_count", "programme_count"]
    list_filter = [CheckedOnFilter, BrokenLinkFilter.on("website")]
    search_fields = ["name", "short_name", "slug", "locations__city"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["sources"]
    inlines = [LocationInline]
    list_per_page = LIST_PER_PAGE
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "website"]}),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                location_count=models.Count("locations", distinct=True),
                programme_count=models.Count("programmes", distinct=True),
            )
            # An aggregate drops Meta.ordering; keep it for autocomplete's paging.
            .order_by(*self.model._meta.ordering)
        )

    @admin.display(description=_("vestigingen"), ordering="location_count")
    def location_count(self, obj):
        return obj.location_count

    @admin.display(description=_("opleidingen"), ordering="programme_count")
    def programme_count(self, obj):
        return obj.programme_count


@admin.register(Location)
class LocationAdmin(ContentAdmin):
    list_display = ["city", "institution", "province", "address", "checked_on"]
    list_filter = ["province", "institution", CheckedOnFilter]
    list_select_related = ["institution"]
    search_fields = ["city", "address", "institution__name", "institution__short_name"]
    autocomplete_fields = ["institution", "sources"]
    list_per_page = LIST_PER_PAGE

    def get_queryset(self, request):
        return select_list_related(self, super().get_queryset(request))
