"""Routes into teaching: pathways, their ordered steps, and the transitions between
steps (with what each credits). Who offers a step is in `offers`, the roles steps
lead to in `school_roles`."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.slugs import KeepsOldSlugs
from editorial.status import PublicationStatus, Requirement
from programmes.models import (
    DurationFields,
    Institution,
    Programme,
    Qualification,
    SourcedModel,
)
from programmes.models.sources import SlugManager

from .organisations import Organisation
from .public_facts import PathwayFactsMixin, StepFactsMixin
from .routewijzer import EducationLevel
from .school_roles import Role


class PathwayQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


class PathwayManager(SlugManager.from_queryset(PathwayQuerySet)):
    pass


class Pathway(PathwayFactsMixin, KeepsOldSlugs, SourcedModel):
    """A route into teaching, such as the stepped side-entry model."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "Het laatste deel van het webadres: /routes/dit-deel/. Wijzig dit liever niet. "
            "Na een wijziging sturen de oude adressen van de route en haar stappen "
            "bezoekers door naar de nieuwe."
        ),
    )
    status = models.CharField(
        _("publicatiestatus"),
        max_length=10,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        help_text=_("Alleen gepubliceerde routes staan op de openbare site."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )
    summary = models.TextField(
        _("korte samenvatting"),
        blank=True,
        help_text=_("Eén of twee zinnen in eenvoudige taal (B1)."),
    )
    description = models.TextField(
        _("uitleg"), blank=True, help_text=_("Een lege regel begint een nieuwe alinea.")
    )
    employer_role = models.TextField(_("wat de school als werkgever regelt"), blank=True)
    providers = models.ManyToManyField(
        Organisation,
        verbose_name=_("aangeboden door (organisaties)"),
        blank=True,
        related_name="pathways_provided",
    )
    provider_institutions = models.ManyToManyField(
        Institution,
        verbose_name=_("aangeboden door (hogescholen)"),
        blank=True,
        related_name="pathways_provided",
    )
    provider_note = models.TextField(_("toelichting op het aanbod"), blank=True)
    funders = models.ManyToManyField(
        Organisation,
        verbose_name=_("betaald door"),
        blank=True,
        related_name="pathways_funded",
    )
    funding_note = models.TextField(_("toelichting op de financiering"), blank=True)

    objects = PathwayManager()

    # A route's page *is* its steps (editorial.publishing).
    publication_requirements = (Requirement("steps", _("een stap")),)

    history = HistoricalRecords(m2m_fields=["providers", "provider_institutions", "funders"])

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="pathway_unique_slug"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="pathway_slug_not_empty"),
            models.CheckConstraint(
                condition=models.Q(status__in=PublicationStatus.values),
                name="pathway_status_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("pathways:pathway_detail", kwargs={"slug": self.slug})


class StepQuerySet(models.QuerySet):
    def public(self):
        """Steps of published routes, with their route (a step's URL needs it).

        A step of a draft route must not be linked: its page would be a 404.
        """
        return self.filter(pathway__status=PublicationStatus.PUBLISHED).select_related("pathway")


class StepManager(models.Manager.from_queryset(StepQuerySet)):
    def get_by_natural_key(self, pathway_slug, slug):
        return self.get(pathway__slug=pathway_slug, slug=slug)


class Step(StepFactsMixin, KeepsOldSlugs, DurationFields, SourcedModel):
    """One step of a pathway. Transitions say which steps may follow it."""

    pathway = models.ForeignKey(
        Pathway, verbose_name=_("route"), on_delete=models.CASCADE, related_name="steps"
    )
    title = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "Het laatste deel van het webadres van de stap. Wijzig dit liever niet. "
            "Na een wijziging stuurt het oude adres bezoekers door naar het nieuwe."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"),
        default=0,
        help_text=_("Stappen met hetzelfde nummer zijn keuzes: de kandidaat kiest er één."),
    )
    summary = models.TextField(
        _("korte samenvatting"),
        blank=True,
        help_text=_("Eén of twee zinnen in eenvoudige taal (B1)."),
    )
    description = models.TextField(_("uitleg"), blank=True)
    duration = models.CharField(
        _("duur (toelichting)"),
        max_length=150,
        blank=True,
        help_text=_("Zoals de bron het zegt. Vul ook de maanden hieronder in als die bekend zijn."),
    )
    entry_requirements = models.TextField(_("toelatingseisen"), blank=True)
    # The entry requirements as the Routewijzer checks them; the text above explains them.
    min_education = models.CharField(
        _("minimaal opleidingsniveau"),
        max_length=10,
        choices=EducationLevel,
        blank=True,
        help_text=_("Leeg als er geen eis is, of als die niet bekend is."),
    )
    min_experience_years = models.PositiveSmallIntegerField(
        _("minimaal jaren werkervaring"),
        null=True,
        blank=True,
        help_text=_("Leeg als er geen eis is, of als die niet bekend is."),
    )
    alternative_min_education = models.CharField(
        _("andere weg: opleidingsniveau"),
        max_length=10,
        choices=EducationLevel,
        blank=True,
        help_text=_(
            "Kan het bij sommige aanbieders ook anders, bijv. mbo 4 met een assessment? "
            "Vul dan dit niveau in en leg het uit bij 'andere weg: toelichting'."
        ),
    )
    alternative_min_experience_years = models.PositiveSmallIntegerField(
        _("andere weg: jaren werkervaring"), null=True, blank=True
    )
    alternative_note = models.TextField(
        _("andere weg: toelichting"),
        blank=True,
        help_text=_("Waar en onder welke voorwaarde de andere weg kan. Staat in het advies."),
    )
    yields = models.ForeignKey(
        Qualification,
        verbose_name=_("levert op"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steps",
        help_text=_("Het diploma, certificaat of de bevoegdheid na afronding."),
    )
    yields_note = models.TextField(_("toelichting op wat de stap oplevert"), blank=True)
    leads_to_role = models.ForeignKey(
        Role,
        verbose_name=_("leidt tot de rol"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
        help_text=_("Leeg als de stap niet tot een vaste rol in de school leidt."),
    )
    providers = models.ManyToManyField(
        Organisation,
        verbose_name=_("aangeboden door (organisaties)"),
        blank=True,
        related_name="steps_provided",
    )
    provider_institutions = models.ManyToManyField(
        Institution,
        verbose_name=_("aangeboden door (hogescholen)"),
        blank=True,
        related_name="steps_provided",
    )
    funders = models.ManyToManyField(
        Organisation, verbose_name=_("betaald door"), blank=True, related_name="steps_funded"
    )
    programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("opleidingen"),
        blank=True,
        related_name="steps",
        help_text=_("Opleidingen uit de lijst waar deze stap gevolgd kan worden."),
    )
    next_steps = models.ManyToManyField(
        "self",
        verbose_name=_("volgende stappen"),
        through="Transition",
        through_fields=("from_step", "to_step"),
        symmetrical=False,
        related_name="previous_steps",
        blank=True,
    )

    objects = StepManager()

    # A step's address holds its route's slug and its own (editorial.slugs).
    address_fields = ("pathway_id", "slug")
    address_field_names = ("slug", "pathway", "pathway_id")

    history = HistoricalRecords(
        m2m_fields=["providers", "provider_institutions", "funders", "programmes"]
    )

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["pathway", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "slug"], name="step_unique_slug_per_pathway"
            ),
            models.CheckConstraint(condition=~models.Q(slug=""), name="step_slug_not_empty"),
            models.CheckConstraint(
                condition=models.Q(min_education__in=["", *EducationLevel.values])
                & models.Q(alternative_min_education__in=["", *EducationLevel.values]),
                name="step_education_levels_valid",
            ),
        ]

    def __str__(self):
        return f"{self.pathway}: {self.title}"

    def natural_key(self):
        return (*self.pathway.natural_key(), self.slug)

    natural_key.dependencies = ["pathways.pathway"]

    def get_absolute_url(self):
        return reverse(
            "pathways:step_detail", kwargs={"pathway_slug": self.pathway.slug, "slug": self.slug}
        )


class Transition(SourcedModel):
    """From one step to a next one, and what of the first counts in the next."""

    from_step = models.ForeignKey(
        Step, verbose_name=_("van stap"), on_delete=models.CASCADE, related_name="transitions_out"
    )
    to_step = models.ForeignKey(
        Step, verbose_name=_("naar stap"), on_delete=models.CASCADE, related_name="transitions_in"
    )
    credits = models.TextField(
        _("wat telt mee"),
        blank=True,
        help_text=_("Wat uit de vorige stap meetelt, zodat niets dubbel gedaan wordt."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overgang")
        verbose_name_plural = _("overgangen")
        ordering = ["from_step", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_step", "to_step"], name="transition_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(from_step=models.F("to_step")),
                name="transition_not_to_itself",
                violation_error_message=_("Een stap kan niet naar zichzelf leiden."),
            ),
        ]

    def __str__(self):
        return f"{self.from_step.title} → {self.to_step.title}"
