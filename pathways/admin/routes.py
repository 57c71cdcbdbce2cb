"""Admin of the roles and the routes: routes with their steps, the transitions
between steps and the offers of a step."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import (
    LIST_PER_PAGE,
    CheckboxM2MMixin,
    ChoiceRelationsMixin,
    ContentAdmin,
    ContentStackedInline,
    ContentTabularInline,
    select_list_related,
)
from editorial.freshness import CheckedOnFilter
from editorial.linkcheck.admin import BrokenLinkFilter
from editorial.old_addresses import OldAddressesMixin
from editorial.publishing.admin import PublicationActionsMixin, StepAddressesMixin

from ..models import OfferCost, Pathway, Role, Step, StepOffer, Transition
from .forms import StepOfferForm, TransitionForm


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


class OfferCostInline(ContentStackedInline):
    """Stacked: in a table row the choice lists were too narrow to read at 1,280 px."""

    model = OfferCost
    fields = [("amount", "year", "kind", "paid_by"), "note", "checked_on"]
    extra = 0


class StepOfferInline(CheckboxM2MMixin, ContentStackedInline):
    model = StepOffer
    checkbox_fields = ("profiles",)
    form = StepOfferForm
    fields = [
        "name",
        ("institution", "organisation"),
        "url",
        ("duration", "study_load"),
        ("duration_min_months", "duration_max_months"),
        ("cost", "place"),
        "profiles",
        "entry_requirements",
        "notes",
        "has_ended",
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
                    ("duration_min_months", "duration_max_months"),
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
    list_display = [
        "name",
        "step",
        "institution",
        "organisation",
        "place",
        "cost",
        "has_ended",
        "checked_on",
    ]
    list_filter = [
        "step__pathway",
        "has_ended",
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
    inlines = [OfferCostInline]
    list_per_page = LIST_PER_PAGE


@admin.register(OfferCost)
class OfferCostAdmin(ContentAdmin):
    list_display = ["offer", "amount", "year", "kind", "paid_by", "checked_on"]
    list_filter = ["kind", "year", CheckedOnFilter]
    list_select_related = ["offer__step__pathway"]
    search_fields = ["offer__name", "note"]
    autocomplete_fields = ["offer", "sources"]
    list_per_page = LIST_PER_PAGE
    # Shown with its offer on the step page, which has no anchor per cost.
    view_on_site = False
