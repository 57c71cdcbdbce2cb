"""Admin of the pathways app: organisations and their contacts, roles, routes
with their steps, transitions and offers, and the texts of the toolkit sheet."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
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
from editorial.linkcheck import BrokenLinkFilter
from editorial.old_addresses import OldAddressAdmin, OldAddressesMixin
from editorial.publishing import PublicationActionsMixin, StepAddressesMixin

from .models import (
    ContactPurpose,
    Organisation,
    OrganisationContact,
    Pathway,
    PathwaySlugHistory,
    PriorLearning,
    Quote,
    Resource,
    Role,
    Rule,
    Step,
    StepOffer,
    StepSlugHistory,
    TextBlock,
    Transition,
)

# --- Forms -------------------------------------------------------------------
# They state the database's rules in words, so staff see what to fix instead of
# the name of a violated constraint. Like ContactAdminForm they have no Meta: the
# admin builds one.


class OrganisationContactForm(ContactAdminForm):
    def clean_purpose(self):
        purpose = self.cleaned_data["purpose"]
        if purpose != ContactPurpose.OTHER:
            others = OrganisationContact.objects.filter(purpose=purpose).exclude(
                pk=self.instance.pk
            )
            if others.exists():
                raise ValidationError(
                    _(
                        "Er is al een contact met het doel ‘%(purpose)s’ en de site toont er "
                        "maar één. Kies ‘%(other)s’ of pas eerst het andere contact aan."
                    ),
                    code="duplicate_purpose",
                    params={
                        "purpose": ContactPurpose(purpose).label,
                        "other": ContactPurpose.OTHER.label,
                    },
                )
        return purpose


class TransitionForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        to_step = cleaned_data.get("to_step")
        if "from_step" in self.fields:
            from_step = cleaned_data.get("from_step")
            from_step_id = from_step.pk if from_step else None
        else:  # inline on the step's page: the step is the parent
            from_step_id = self.instance.from_step_id
        if to_step is not None and from_step_id is not None and to_step.pk == from_step_id:
            self.add_error("to_step", _("Een stap kan niet naar zichzelf leiden."))
        return cleaned_data


class StepOfferForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("institution") and not cleaned_data.get("organisation"):
            self.add_error(
                "institution",
                _("Kies de hogeschool of de organisatie (of allebei) die dit aanbod doet."),
            )
        return cleaned_data


# --- Organisations -----------------------------------------------------------


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


# --- Roles and routes --------------------------------------------------------


@admin.register(Role)
class RoleAdmin(ContentAdmin):
    list_display = ["name", "order", "required_qualification", "in_routewijzer", "checked_on"]
    list_filter = ["required_qualification", "in_routewijzer", CheckedOnFilter]
    list_select_related = ["required_qualification"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = [
        "required_qualification",
        "also_accepted_qualifications",
        "fallback_role",
        "sources",
    ]
    list_per_page = LIST_PER_PAGE
    fieldsets = [
        (None, {"fields": ["name", "slug", "order", "summary", "may_do"]}),
        (
            _("Kwalificatie"),
            {
                "fields": [
                    "required_qualification",
                    "qualification_needed_above_hours",
                    "also_accepted_qualifications",
                    "qualification_note",
                ]
            },
        ),
        (
            _("Routewijzer"),
            {
                "fields": ["in_routewijzer", "routewijzer_label", "fallback_role"],
                "description": _(
                    "Functies met een vinkje staan in de vraag 'Welke functie heeft de school "
                    "in gedachten?'. De routewijzer zoekt een route naar een stap die de "
                    "vereiste kwalificatie oplevert, of (als er geen nodig is) naar een stap "
                    "die tot deze rol leidt."
                ),
            },
        ),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]


class StepInline(StepAddressesMixin, ContentTabularInline):
    model = Step
    fields = ["order", "title", "slug", "yields", "leads_to_role"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["yields", "leads_to_role"]
    show_change_link = True
    extra = 0
    ordering = ["order", "pk"]


@admin.register(Pathway)
class PathwayAdmin(OldAddressesMixin, PublicationActionsMixin, ContentAdmin):
    list_display = ["name", "status", "order", "step_count", "checked_on"]
    list_filter = ["status", "providers", "funders", CheckedOnFilter]
    search_fields = ["name", "slug", "summary", "steps__title"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["providers", "provider_institutions", "funders", "sources"]
    inlines = [StepInline]
    list_per_page = LIST_PER_PAGE
    fieldsets = [
        (
            _("Route"),
            {
                "fields": [
                    "name",
                    "slug",
                    "old_addresses",
                    "status",
                    "order",
                    "summary",
                    "description",
                ]
            },
        ),
        (_("Werkgever"), {"fields": ["employer_role"]}),
        (
            _("Aanbod en financiering"),
            {
                "fields": [
                    "providers",
                    "provider_institutions",
                    "provider_note",
                    "funders",
                    "funding_note",
                ]
            },
        ),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering; keep it for autocomplete's paging.
        return (
            super()
            .get_queryset(request)
            .annotate(step_count=models.Count("steps"))
            .order_by(*self.model._meta.ordering)
        )

    @admin.display(description=_("stappen"), ordering="step_count")
    def step_count(self, obj):
        return obj.step_count


class TransitionInline(ChoiceRelationsMixin, ContentTabularInline):
    choice_select_related = {"to_step": ["pathway"]}
    model = Transition
    form = TransitionForm
    fk_name = "from_step"
    fields = ["to_step", "credits", "order", "checked_on"]
    autocomplete_fields = ["to_step"]
    extra = 0
    ordering = ["order", "pk"]
    verbose_name = _("volgende stap")
    verbose_name_plural = _("volgende stappen")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("to_step__pathway")


class StepOfferInline(CheckboxM2MMixin, ContentStackedInline):
    model = StepOffer
    checkbox_fields = ("profiles",)
    form = StepOfferForm
    fields = [
        "name",
        ("institution", "organisation"),
        "url",
        ("duration", "study_load"),
        ("cost", "place"),
        "profiles",
        "entry_requirements",
        "notes",
        ("order", "checked_on"),
    ]
    autocomplete_fields = ["institution", "organisation"]
    extra = 0
    ordering = ["order", "pk"]


@admin.register(Step)
class StepAdmin(StepAddressesMixin, OldAddressesMixin, ChoiceRelationsMixin, ContentAdmin):
    old_addresses_select_related = ["pathway"]
    choice_select_related = {"programmes": ["institution"]}
    list_display = ["title", "pathway", "order", "yields", "leads_to_role"]
    list_filter = ["pathway", "yields", "leads_to_role", CheckedOnFilter]
    list_select_related = ["pathway", "yields", "leads_to_role"]
    search_fields = ["title", "slug", "pathway__name"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = [
        "pathway",
        "yields",
        "leads_to_role",
        "providers",
        "provider_institutions",
        "funders",
        "programmes",
        "sources",
    ]
    inlines = [TransitionInline, StepOfferInline]
    list_per_page = LIST_PER_PAGE
    fieldsets = [
        (
            _("Stap"),
            {
                "fields": [
                    "pathway",
                    "title",
                    "slug",
                    "old_addresses",
                    "order",
                    "summary",
                    "description",
                    "duration",
                ]
            },
        ),
        (
            _("Toelatingseisen"),
            {
                "fields": [
                    "entry_requirements",
                    ("min_education", "min_experience_years"),
                    ("alternative_min_education", "alternative_min_experience_years"),
                    "alternative_note",
                ],
                "description": _(
                    "De routewijzer vergelijkt de kandidaat met het minimale niveau en de "
                    "werkervaring. Voldoet de kandidaat alleen aan de andere weg, dan past de "
                    "stap onder voorwaarde: het advies toont dan de toelichting."
                ),
            },
        ),
        (_("Wat de stap oplevert"), {"fields": ["yields", "yields_note", "leads_to_role"]}),
        (
            _("Aanbod en financiering"),
            {"fields": ["providers", "provider_institutions", "funders", "programmes"]},
        ),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]

    def get_queryset(self, request):
        return select_list_related(self, super().get_queryset(request))


@admin.register(Transition)
class TransitionAdmin(ChoiceRelationsMixin, ContentAdmin):
    choice_select_related = {"from_step": ["pathway"], "to_step": ["pathway"]}
    form = TransitionForm
    list_display = ["from_step", "to_step", "order", "checked_on"]
    list_filter = ["from_step__pathway", CheckedOnFilter]
    list_select_related = ["from_step__pathway", "to_step__pathway"]
    search_fields = ["from_step__title", "to_step__title", "credits"]
    autocomplete_fields = ["from_step", "to_step", "sources"]
    list_per_page = LIST_PER_PAGE


@admin.register(StepOffer)
class StepOfferAdmin(CheckboxM2MMixin, ChoiceRelationsMixin, ContentAdmin):
    choice_select_related = {"step": ["pathway"]}
    checkbox_fields = ("profiles",)
    form = StepOfferForm
    list_display = ["name", "step", "institution", "organisation", "place", "cost", "checked_on"]
    list_filter = [
        "step__pathway",
        "institution",
        "organisation",
        CheckedOnFilter,
        BrokenLinkFilter,
    ]
    list_select_related = ["step__pathway", "institution", "organisation"]
    search_fields = [
        "name",
        "place",
        "step__title",
        "institution__name",
        "institution__short_name",
        "organisation__name",
    ]
    autocomplete_fields = ["step", "institution", "organisation", "sources"]
    list_per_page = LIST_PER_PAGE


# --- Old addresses -------------------------------------------------------------


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


# --- Texts of the sheet ------------------------------------------------------


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
    list_display = ["title", "slug", "valid_note", "order", "checked_on"]
    list_filter = ["roles", CheckedOnFilter]
    search_fields = ["title", "slug", "explanation", "valid_note"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["roles", "steps", "sources"]
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
