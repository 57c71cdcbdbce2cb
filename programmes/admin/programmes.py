"""Admin of the programmes, with their websites, contact persons and modules (inline
and each on its own list), and their old addresses."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import (
    LIST_PER_PAGE,
    CheckboxM2MMixin,
    ChoiceRelationsMixin,
    ContactAdminForm,
    ContentAdmin,
    ContentStackedInline,
    ContentTabularInline,
    select_list_related,
)
from editorial.freshness import CheckedOnFilter
from editorial.linkcheck.admin import BrokenLinkFilter, LinkStatusColumnMixin
from editorial.old_addresses import OldAddressAdmin, OldAddressesMixin
from editorial.publishing.admin import PublicationActionsMixin

from ..csv_io.admin_mixin import CsvImportExportMixin
from ..csv_io.resources import ProgrammeContactResource, ProgrammeResource
from ..models import (
    Module,
    Programme,
    ProgrammeContact,
    ProgrammeCost,
    ProgrammeLink,
    ProgrammeSlugHistory,
    StartMoment,
)


class ProgrammeLinkInline(ContentTabularInline):
    model = ProgrammeLink
    fields = ["url", "title", "kind", "order", "checked_on"]
    extra = 0
    ordering = ["order", "pk"]


class ProgrammeContactInline(ContentTabularInline):
    model = ProgrammeContact
    form = ContactAdminForm
    fields = ["name", "role", "email", "phone", "order", "checked_on"]
    extra = 0
    ordering = ["order", "pk"]


class ProgrammeCostInline(ContentStackedInline):
    """Stacked: in a table row the choice lists were too narrow to read at 1,280 px."""

    model = ProgrammeCost
    fields = [("amount", "year", "kind"), ("study_form", "paid_by"), "note", "checked_on"]
    autocomplete_fields = ["study_form"]
    extra = 0


class StartMomentInline(ContentTabularInline):
    model = StartMoment
    fields = ["day", "month", "study_form", "source_year", "checked_on"]
    autocomplete_fields = ["study_form"]
    extra = 0


class ModuleInline(CheckboxM2MMixin, ContentStackedInline):
    model = Module
    fields = [
        ("title", "order"),
        "outcome",
        ("ec", "exemption_possible"),
        "exemption_basis",
        "learning_forms",
    ]
    checkbox_fields = ["learning_forms"]
    extra = 0
    ordering = ["order", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("learning_forms")


@admin.register(Programme)
class ProgrammeAdmin(
    CsvImportExportMixin,
    LinkStatusColumnMixin,
    OldAddressesMixin,
    PublicationActionsMixin,
    ChoiceRelationsMixin,
    CheckboxM2MMixin,
    ContentAdmin,
):
    choice_select_related = {"locations": ["institution"]}
    resource_classes = [ProgrammeResource]
    link_url_path = "links__url"
    list_display = [
        "name",
        "institution",
        "status",
        "qualification",
        "ecpb_member",
        "checked_on",
        "link_status",
        "updated_at",
    ]
    list_filter = [
        "status",
        "institution",
        "profiles",
        "study_forms",
        "qualification",
        "ecpb_member",
        "exemptions_possible",
        CheckedOnFilter,
        BrokenLinkFilter.on("links__url"),
    ]
    list_select_related = ["institution", "qualification"]
    search_fields = [
        "name",
        "slug",
        "institution__name",
        "institution__short_name",
        "contacts__name",
        "contacts__email",
        "modules__title",
    ]
    search_help_text = _(
        "Zoek op naam, hogeschool, naam of e-mailadres van een contactpersoon, of module."
    )
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["institution", "qualification", "locations", "sources"]
    checkbox_fields = ["profiles", "study_forms", "exemption_methods"]
    readonly_fields = ["updated_at"]
    inlines = [
        ProgrammeLinkInline,
        ProgrammeContactInline,
        ProgrammeCostInline,
        StartMomentInline,
        ModuleInline,
    ]
    list_per_page = LIST_PER_PAGE
    save_on_top = True
    fieldsets = [
        (
            _("Opleiding"),
            {
                "fields": [
                    "institution",
                    "name",
                    "slug",
                    "old_addresses",
                    "status",
                    "on_sheet",
                    "qualification",
                    "degree",
                    "croho_code",
                    "profiles",
                    "study_forms",
                    "locations",
                    "ecpb_member",
                ]
            },
        ),
        (
            _("Inhoud"),
            {
                "fields": [
                    "summary",
                    "details",
                    "total_ec",
                    ("duration_min_months", "duration_max_months"),
                    "duration",
                    ("study_advice_binding", "study_advice_min_ec"),
                    "modules_complete",
                ]
            },
        ),
        (
            _("Toelating en vrijstellingen"),
            {
                "fields": [
                    "entry_requirements",
                    "exemptions_possible",
                    "exemption_methods",
                    "exemption_notes",
                ]
            },
        ),
        (_("Werkgever"), {"fields": ["employer_role"]}),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return select_list_related(self, super().get_queryset(request))


class ProgrammePartAdmin(ContentAdmin):
    """Shared by the parts of a programme that also have an inline on its page."""

    list_select_related = ["programme__institution"]
    list_filter = ["programme__institution", CheckedOnFilter]
    autocomplete_fields = ["programme", "sources"]
    list_per_page = LIST_PER_PAGE
    public_anchor = ""  # the part's section on the programme's page

    def get_queryset(self, request):
        return select_list_related(self, super().get_queryset(request))

    def view_on_site(self, obj):
        """A part has no page of its own: "view on site" opens its section of the
        programme's page."""
        return f"{obj.programme.get_absolute_url()}#{self.public_anchor}"


@admin.register(ProgrammeLink)
class ProgrammeLinkAdmin(LinkStatusColumnMixin, ProgrammePartAdmin):
    list_display = ["url", "link_status", "title", "programme", "order", "checked_on"]
    list_filter = [BrokenLinkFilter, *ProgrammePartAdmin.list_filter]
    search_fields = ["url", "title", "programme__name", "programme__institution__name"]
    public_anchor = "websites"


@admin.register(ProgrammeContact)
class ProgrammeContactAdmin(CsvImportExportMixin, ProgrammePartAdmin):
    form = ContactAdminForm
    resource_classes = [ProgrammeContactResource]
    list_display = ["name", "email", "phone", "role", "programme", "checked_on"]
    search_fields = [
        "name",
        "email",
        "role",
        "programme__name",
        "programme__slug",
        "programme__institution__name",
        "programme__institution__short_name",
    ]
    search_help_text = _("Zoek op naam, e-mailadres, rol, opleiding of hogeschool.")
    public_anchor = "contact"


@admin.register(Module)
class ModuleAdmin(CheckboxM2MMixin, ProgrammePartAdmin):
    list_display = ["title", "programme", "ec", "exemption_possible", "order"]
    list_filter = ["exemption_possible", "learning_forms", "programme__institution"]
    search_fields = ["title", "outcome", "programme__name", "programme__institution__name"]
    checkbox_fields = ["learning_forms"]
    public_anchor = "modules"


@admin.register(ProgrammeSlugHistory)
class ProgrammeSlugHistoryAdmin(OldAddressAdmin):
    list_display = ["old_address", "programme", "created"]
    list_select_related = ["programme__institution"]
    search_fields = ["old_slug", "programme__name", "programme__slug"]
    search_help_text = _("Zoek op een oude slug of op de naam of slug van de opleiding.")
    autocomplete_fields = ["programme"]
    fields = ["old_slug", "programme", "created"]
