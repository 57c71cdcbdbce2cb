"""Routes into teaching: pathways, their ordered steps, the transitions between
steps (with what each credits), who offers a step, and the roles steps lead to."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.slugs import KeepsOldSlugs
from editorial.status import PublicationStatus, Requirement
from programmes.models import Institution, Programme, Qualification, SourcedModel, VocationalProfile
from programmes.models.sources import SlugManager

from .organisations import Organisation
from .routewijzer import EducationLevel


class Role(SourcedModel):
    """A role in a school: instructeur, onderwijsassistent, hybride docent, ...

    The steps that lead to a role point to it (`Step.leads_to_role`).
    """

    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Vaste naam in het adres op de site. Wijzig dit liever niet."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )
    summary = models.TextField(_("korte uitleg"), blank=True)
    may_do = models.TextField(_("wat deze rol mag en doet"), blank=True)
    required_qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("vereiste kwalificatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("Leeg als er geen vaste kwalificatie is, of als die niet bekend is."),
    )
    qualification_note = models.TextField(
        _("toelichting op de kwalificatie"),
        blank=True,
        help_text=_("Bijvoorbeeld welke opleiding of welk niveau nodig is."),
    )
    # What the Routewijzer needs to know about the role as a job a school has in mind.
    in_routewijzer = models.BooleanField(
        _("vraag in de routewijzer"),
        default=False,
        help_text=_("Scholen kunnen deze functie kiezen in de routewijzer."),
    )
    routewijzer_label = models.CharField(
        _("naam in de routewijzer"),
        max_length=150,
        blank=True,
        help_text=_("Leeg: de gewone naam. Bijvoorbeeld 'Bevoegd docent in het vmbo'."),
    )
    also_accepted_qualifications = models.ManyToManyField(
        Qualification,
        verbose_name=_("ook goed genoeg"),
        blank=True,
        related_name="+",
        help_text=_(
            "Andere kwalificaties waarmee iemand deze functie ook mag doen. De routewijzer "
            "raadt eerst een route naar de vereiste kwalificatie aan, daarna naar deze."
        ),
    )
    qualification_needed_above_hours = models.PositiveSmallIntegerField(
        _("kwalificatie pas nodig boven (uur per week)"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: altijd nodig. Een getal, bijv. 4: alleen nodig bij meer uren per week les."
        ),
    )
    fallback_role = models.ForeignKey(
        "self",
        verbose_name=_("als de wens niet past"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Past geen route bij de kandidaat? Dan laat de routewijzer de route naar deze "
            "functie zien, als de dichtstbijzijnde die wel past."
        ),
    )

    objects = SlugManager()

    history = HistoricalRecords(m2m_fields=["also_accepted_qualifications"])

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="role_unique_slug"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="role_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("pathways:role_list") + f"#{self.slug}"


class PathwayQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


class PathwayManager(SlugManager.from_queryset(PathwayQuerySet)):
    pass


class Pathway(KeepsOldSlugs, SourcedModel):
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


class Step(KeepsOldSlugs, SourcedModel):
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
    duration = models.CharField(_("duur"), max_length=150, blank=True)
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


class StepOffer(SourcedModel):
    """A concrete offer of a step by an institution or organisation (for example
    the PDG at Hogeschool Utrecht), with the facts known about it."""

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("url",)

    step = models.ForeignKey(
        Step, verbose_name=_("stap"), on_delete=models.CASCADE, related_name="offers"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("hogeschool"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="step_offers",
        help_text=_("Vul de hogeschool of de organisatie in, of allebei."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="step_offers",
    )
    name = models.CharField(_("naam van het aanbod"), max_length=200)
    url = models.URLField(_("website"), max_length=500, blank=True)
    duration = models.CharField(_("duur"), max_length=150, blank=True)
    study_load = models.CharField(
        _("studielast"), max_length=150, blank=True, help_text=_("Bijvoorbeeld 'ongeveer 80 uur'.")
    )
    cost = models.CharField(
        _("kosten"),
        max_length=150,
        blank=True,
        help_text=_("Met het jaar waarin het bedrag gold, bijv. '€ 1.700 (2020)'."),
    )
    place = models.CharField(_("plaats"), max_length=150, blank=True)
    profiles = models.ManyToManyField(
        VocationalProfile,
        verbose_name=_("voor de vmbo-profielen"),
        blank=True,
        related_name="step_offers",
        help_text=_("Leeg als het aanbod niet aan profielen vastzit, of als dat niet bekend is."),
    )
    entry_requirements = models.TextField(_("toelatingseisen"), blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    history = HistoricalRecords(m2m_fields=["profiles"])

    class Meta:
        verbose_name = _("aanbod voor een stap")
        verbose_name_plural = _("aanbod voor stappen")
        ordering = ["step", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(institution__isnull=False)
                | models.Q(organisation__isnull=False),
                name="stepoffer_has_provider",
                violation_error_message=_(
                    "Kies een hogeschool of een organisatie die dit aanbod geeft."
                ),
            )
        ]

    def __str__(self):
        return self.name
