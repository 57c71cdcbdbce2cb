"""Admin of the programmes app: sources, the shared vocabulary, institutions and
their programmes with links, contact persons and modules.

The helpers at the top (the "checked" filter, the publication actions and the
contact form) are shared with the pathways admin.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from toolkit_site.admin_base import ContentAdmin, ContentStackedInline, ContentTabularInline
from toolkit_site.freshness import CheckedOnFilter

from .csv_io import CsvImportExportMixin, ProgrammeContactResource, ProgrammeResource
from .linkcheck import BrokenLinkFilter, LinkStatusColumnMixin
from .models import (
    ExemptionMethod,
    Institution,
    LearningForm,
    LinkCheck,
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
from .publishing import PublicationActionsMixin
from .validators import validate_phone_number

LIST_PER_PAGE = 50

# --- Shared helpers ----------------------------------------------------------


# CheckedOnFilter (toolkit_site/freshness.py) and PublicationActionsMixin
# (publishing.py) live in their own modules; they are imported here because the
# pathways admin takes its shared helpers from this module.


class ContactAdminForm(forms.ModelForm):
    """Admin form for a contact with a phone number: checks the number lightly.

    It has no Meta: the admin builds one for each contact model it is used with.
    """

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if phone:
            validate_phone_number(phone)
        return phone


def select_list_related(model_admin, queryset):
    """Selects the related objects a changelist shows, in the admin's get_queryset().

    Used where an entry's name includes a related object's (a programme's includes
    its institution's), so autocomplete results need them too. The changelist then
    skips list_select_related, as the queryset already selects related objects: so
    this selects everything list_select_related names.
    """
    return queryset.select_related(*model_admin.list_select_related)


class ChoiceRelationsMixin:
    """Selects, for the choices of a relation, what their names show (a location's
    hogeschool, a step's route), so a select menu costs one query.

    `choice_select_related` maps a field name to the relations to select.
    """

    choice_select_related = {}

    def _select_choice_relations(self, db_field, kwargs):
        related = self.choice_select_related.get(db_field.name)
        if related and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.remote_field.model._default_manager.select_related(
                *related
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._select_choice_relations(db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._select_choice_relations(db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CheckboxM2MMixin:
    """Shows short vocabulary lists (a handful of entries) as checkboxes."""

    checkbox_fields = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class OldAddressesForm(forms.ModelForm):
    """Gives the read-only list of old addresses its help text (the admin takes a
    read-only field's help text from the form). No Meta model: the admin adds it."""

    class Meta:
        help_texts = {
            "old_addresses": _(
                "Eerdere adressen van deze pagina. Ze blijven werken: wie zo’n adres opent, "
                "komt vanzelf op het huidige adres. Er komt hier een oud adres bij als de "
                "slug verandert. Moet een oud adres niet meer doorsturen? Open het via de "
                "link en verwijder het. Krijgt een andere pagina dezelfde slug, dan neemt "
                "die het adres vanzelf over."
            )
        }


class OldAddressesMixin:
    """Shows, on an entry's change page, its old addresses as a read-only field
    (add "old_addresses" to the fieldsets). Each links to its own admin page,
    where staff can delete it. Costs one query; `old_addresses_select_related`
    names what an old address needs for its URL (a step's route)."""

    form = OldAddressesForm
    old_addresses_select_related = ()

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "old_addresses"]

    @admin.display(description=_("oude adressen"))
    def old_addresses(self, obj):
        if obj is None or obj.pk is None:
            return _("Nog geen: een nieuwe pagina heeft geen oude adressen.")
        entries = obj.old_slugs.all()
        if self.old_addresses_select_related:  # select_related() without names selects all
            entries = entries.select_related(*self.old_addresses_select_related)
        entries = list(entries)
        if not entries:
            return _("Geen.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse(
                            f"admin:{entry._meta.app_label}_{entry._meta.model_name}_change",
                            args=[entry.pk],
                        ),
                        entry.old_address,
                        _("vastgelegd op %(date)s")
                        % {"date": date_format(timezone.localtime(entry.created), "j F Y")},
                    )
                    for entry in entries
                ),
            ),
        )


class OldAddressAdmin(admin.ModelAdmin):
    """The old addresses of one kind of entry, to look one up or delete it.

    Old addresses are recorded when staff change a slug. Adding one by hand is
    possible for an address that was printed before the change was recorded;
    changing one is not: delete it and add another.
    """

    list_display = ["old_address", "created"]
    readonly_fields = ["created"]
    list_per_page = LIST_PER_PAGE

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return select_list_related(self, super().get_queryset(request))

    @admin.display(description=_("oud adres"), ordering="old_slug")
    def old_address(self, obj):
        return obj.old_address


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
