"""Concrete offers of a step: who gives it, where, for how long and at what cost."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import (
    CostFields,
    DurationFields,
    Institution,
    SourcedModel,
    VocationalProfile,
)

from .organisations import Organisation
from .public_facts import OfferFactsMixin
from .routes import Step


class StepOfferManager(models.Manager):
    def get_by_natural_key(self, pathway_slug, step_slug, name):
        return self.get(step__pathway__slug=pathway_slug, step__slug=step_slug, name=name)


class StepOffer(OfferFactsMixin, DurationFields, SourcedModel):
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
    duration = models.CharField(
        _("duur (toelichting)"),
        max_length=150,
        blank=True,
        help_text=_("Zoals de bron het zegt. Vul ook de maanden hieronder in als die bekend zijn."),
    )
    study_load = models.CharField(
        _("studielast"), max_length=150, blank=True, help_text=_("Bijvoorbeeld 'ongeveer 80 uur'.")
    )
    cost = models.CharField(
        _("kosten"),
        max_length=150,
        blank=True,
        help_text=_(
            "Oude vrije tekst, met het jaar waarin het bedrag gold. Nieuwe bedragen liever "
            "onder 'Kosten' hieronder, met jaar en wie betaalt."
        ),
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
    has_ended = models.BooleanField(
        _("loopt niet meer"),
        default=False,
        help_text=_(
            "Aanvinken als dit aanbod niet meer wordt gegeven. Het advies van de "
            "routewijzer noemt het dan niet meer bij wat de kandidaat nu kan doen."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    objects = StepOfferManager()

    history = HistoricalRecords(m2m_fields=["profiles"])

    class Meta:
        verbose_name = _("aanbod voor een stap")
        verbose_name_plural = _("aanbod voor stappen")
        ordering = ["step", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["step", "name"], name="stepoffer_unique_name_per_step"),
            models.CheckConstraint(
                condition=models.Q(institution__isnull=False)
                | models.Q(organisation__isnull=False),
                name="stepoffer_has_provider",
                violation_error_message=_(
                    "Kies een hogeschool of een organisatie die dit aanbod geeft."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.step.natural_key(), self.name)

    natural_key.dependencies = ["pathways.step"]


class OfferCost(CostFields, SourcedModel):
    """What an offer costs, for one year, and who pays."""

    # How the seed update (editorial/seed_update.py) finds this entry back.
    seed_lookup_fields = ("offer", "kind", "year")

    offer = models.ForeignKey(
        StepOffer, verbose_name=_("aanbod"), on_delete=models.CASCADE, related_name="costs"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kosten van een aanbod")
        verbose_name_plural = _("kosten van aanbod")
        ordering = ["offer", "-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="offercost_amount_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.offer}: € {self.amount} ({self.year or 'jaar niet bekend'})"
