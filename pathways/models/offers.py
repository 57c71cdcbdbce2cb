"""Concrete offers of a step: who gives it, where, for how long and at what cost."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import Institution, SourcedModel, VocationalProfile

from .organisations import Organisation
from .routes import Step


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
