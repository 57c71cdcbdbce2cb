"""Admin lists of the programmes' costs and start moments (each also an inline on
the programme's page), so staff can review them across programmes."""

from django.contrib import admin

from editorial.admin_base import LIST_PER_PAGE, ContentAdmin, select_list_related
from editorial.freshness import CheckedOnFilter

from ..models import ProgrammeCost, StartMoment


class ProgrammeFactAdmin(ContentAdmin):
    list_select_related = ["programme__institution", "study_form"]
    list_filter = ["programme__institution", CheckedOnFilter]
    autocomplete_fields = ["programme", "study_form", "sources"]
    search_fields = ["programme__name", "programme__institution__name"]
    list_per_page = LIST_PER_PAGE
    # The programme page shows these among its key facts; they have no anchor of their own.
    view_on_site = False

    def get_queryset(self, request):
        return select_list_related(self, super().get_queryset(request))


@admin.register(ProgrammeCost)
class ProgrammeCostAdmin(ProgrammeFactAdmin):
    list_display = ["programme", "kind", "year", "amount", "study_form", "paid_by", "checked_on"]
    list_filter = ["kind", "year", *ProgrammeFactAdmin.list_filter]


@admin.register(StartMoment)
class StartMomentAdmin(ProgrammeFactAdmin):
    list_display = ["programme", "__str__", "study_form", "source_year", "checked_on"]
