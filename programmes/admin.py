"""Admin of the programmes app: sources, the shared vocabulary, institutions and
their programmes with links, contact persons and modules."""

from django.contrib import admin
from django.db import models
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

from .csv_io.admin_mixin import CsvImportExportMixin
from .csv_io.resources import ProgrammeContactResource, ProgrammeResource
from .models import (
    ExemptionMethod,
    Institution,
    LearningForm,
    Location,
    Module,
    Programme,
    ProgrammeContact,
    ProgrammeLink,
    ProgrammeSlugHistory,
    Qualification,
    Source,
    StudyForm,
    VocationalProfile,
)

# --- Sources and vocabulary --------------------------------------------------


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publisher", "published", "url", "checked_on"]
    list_filter = [CheckedOnFilter, "publisher", BrokenLinkFilter]
    search_fields = ["title", "slug", "publisher", "url", "notes"]
    prepopulated_fields = {"slug": ("title",)}
    list_per_page = LIST_PER_PAGE


class VocabularyAdmin(ContentAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    list_per_page = LIST_PER_PAGE


@admin.register(VocationalProfile)
class VocationalProfileAdmin(VocabularyAdmin):
    list_display = ["name", "code", "is_technical", "order"]
    list_filter = ["is_technical"]
    search_fields = ["name", "code", "slug"]


@admin.register(StudyForm)
class StudyFormAdmin(VocabularyAdmin):
    pass


@admin.register(LearningForm)
class LearningFormAdmin(VocabularyAdmin):
    pass


@admin.register(ExemptionMethod)
class ExemptionMethodAdmin(VocabularyAdmin):
    search_fields = ["name", "slug", "description"]


@admin.register(Qualification)
class QualificationAdmin(VocabularyAdmin):
    list_display = [
        "name",
        "short_name",
        "is_teaching_qualification",
        "nlqf_level",
        "valid_for",
        "checked_on",
    ]
    list_filter = ["is_teaching_qualification", "nlqf_level", CheckedOnFilter]
    search_fields = ["name", "short_name", "slug", "valid_for", "description"]
    autocomplete_fields = ["sources"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "order"]}),
        (
            _("Betekenis"),
            {"fields": ["description", "valid_for", "is_teaching_qualification", "nlqf_level"]},
        ),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]


# --- Institutions ------------------------------------------------------------


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


# --- Programmes --------------------------------------------------------------


class ProgrammeLinkInline(ContentTabularInline):
    model = ProgrammeLink
    fields = ["url", "title", "order", "checked_on"]
    extra = 0
    ordering = ["order", "pk"]


class ProgrammeContactInline(ContentTabularInline):
    model = ProgrammeContact
    form = ContactAdminForm
    fields = ["name", "role", "email", "phone", "order", "checked_on"]
    extra = 0
    ordering = ["order", "pk"]


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
    inlines = [ProgrammeLinkInline, ProgrammeContactInline, ModuleInline]
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
                    "qualification",
                    "degree",
                    "profiles",
                    "study_forms",
                    "locations",
                    "ecpb_member",
                ]
            },
        ),
        (_("Inhoud"), {"fields": ["summary", "details", "total_ec", "duration"]}),
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
