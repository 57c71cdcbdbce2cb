"""What the Routewijzer asks about a candidate and what staff tell it: the levels
of education, and the things a candidate may already have done ("eerder gedaan"),
each mapped to the steps it completes and the qualification it gives.

The requirements of a step (its minimum education and experience, and another way
in) live on `Step`; the job a school has in mind is a `Role`. The route itself is
computed by `pathways.routefinder.find_route`, a pure function of the answers and
this data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import Qualification, SourcedModel
from programmes.models.sources import SlugManager


class EducationLevel(models.TextChoices):
    """The candidate's highest education, low to high. The values are the
    Routewijzer's URL values and must stay equal to routefinder.EDUCATION_LEVELS."""

    VMBO = "vmbo", _("vmbo")
    MBO_2_3 = "mbo-2-3", _("mbo niveau 2 of 3")
    MBO_4 = "mbo-4", _("mbo niveau 4")
    HBO = "hbo", _("hbo (bachelor)")
    WO = "wo", _("wo (universiteit)")


class PriorLearning(SourcedModel):
    """Something a candidate may already have done, such as the orientation track
    or a PDG. The Routewijzer asks about each entry; a step it completes, or a step
    that yields its qualification, is shown as done and skipped ("telt mee")."""

    name = models.CharField(
        _("naam"),
        max_length=200,
        help_text=_("Zoals de vraag het noemt, bijv. 'Het oriëntatietraject'."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        help_text=_(
            "Vaste naam in het adres van een advies (gedaan=dit-deel). Wijzig dit liever niet: "
            "gedeelde adviezen gebruiken het."
        ),
    )
    help_text = models.CharField(
        _("uitleg bij de vraag"),
        max_length=300,
        blank=True,
        help_text=_("Een korte uitleg onder het keuzevakje, in eenvoudige taal."),
    )
    steps = models.ManyToManyField(
        "pathways.Step",
        verbose_name=_("telt als afgeronde stap"),
        blank=True,
        related_name="completed_by",
        help_text=_("De stappen die de kandidaat hiermee al gedaan heeft."),
    )
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("de kandidaat heeft dan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prior_learning",
        help_text=_(
            "Het diploma of certificaat dat de kandidaat hiermee heeft. Een stap die dit "
            "oplevert, telt dan als gedaan."
        ),
    )
    exemption_note = models.TextField(
        _("wat dit betekent voor vrijstellingen"),
        blank=True,
        help_text=_("Staat in het advies bij de opleidingen, bijv. 'Vraag vrijstelling aan'."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder in de vragenlijst.")
    )

    objects = SlugManager()

    history = HistoricalRecords(m2m_fields=["steps"])

    class Meta:
        verbose_name = _("eerder gedaan")
        verbose_name_plural = _("eerder gedaan (routewijzer)")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="priorlearning_unique_slug"),
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="priorlearning_slug_not_empty"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)
