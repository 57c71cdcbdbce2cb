"""The shared vocabulary: short lists that programmes and routes are tagged with.

They are tables rather than fixed choices so that staff can add an entry (a new
vmbo profiel, a new way to earn an exemption) without a code change, and so the
directory can count and filter on them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .sources import SlugManager, SourcedModel


class VocabularyEntry(models.Model):
    """A named entry with a stable slug and a place in its list."""

    slug = models.SlugField(_("sleutel"), max_length=60, help_text=_("Vaste naam in adressen."))
    name = models.CharField(_("naam"), max_length=150)
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder in de lijst.")
    )

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class VocationalProfile(VocabularyEntry):
    """A vmbo beroepsgericht profiel, such as PIE or BWI."""

    code = models.CharField(
        _("afkorting"), max_length=20, help_text=_("Zoals scholen het noemen, bijv. PIE of BWI.")
    )
    is_technical = models.BooleanField(
        _("technisch profiel"),
        default=True,
        help_text=_("Technische profielen zijn het onderwerp van de toolkit."),
    )

    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("vmbo-profiel")
        verbose_name_plural = _("vmbo-profielen")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="vocationalprofile_unique_slug"),
            models.UniqueConstraint(fields=["code"], name="vocationalprofile_unique_code"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class StudyForm(VocabularyEntry):
    """Voltijd, deeltijd, duaal or flexibel (leeruitkomstgericht)."""

    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("studievorm")
        verbose_name_plural = _("studievormen")
        constraints = [models.UniqueConstraint(fields=["slug"], name="studyform_unique_slug")]


class LearningForm(VocabularyEntry):
    """How a module is learned: praktijkleren, zelfstudie, netwerkleren, colleges."""

    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("leervorm")
        verbose_name_plural = _("leervormen")
        constraints = [models.UniqueConstraint(fields=["slug"], name="learningform_unique_slug")]


class ExemptionMethod(VocabularyEntry):
    """How prior knowledge is recognised: intake, portfolio, EVC."""

    description = models.TextField(_("uitleg"), blank=True)

    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("manier van vrijstelling")
        verbose_name_plural = _("manieren van vrijstelling")
        constraints = [models.UniqueConstraint(fields=["slug"], name="exemptionmethod_unique_slug")]


class Qualification(VocabularyEntry, SourcedModel):
    """What a programme or a step yields: a bevoegdheid, a certificate, a diploma."""

    short_name = models.CharField(
        _("korte naam"), max_length=40, blank=True, help_text=_("Bijvoorbeeld PDG of PDD.")
    )
    description = models.TextField(_("uitleg"), blank=True)
    valid_for = models.CharField(
        _("geldig voor"),
        max_length=200,
        blank=True,
        help_text=_("Waar iemand met dit bewijs les mag geven, bijv. 'vmbo en mbo'."),
    )
    is_teaching_qualification = models.BooleanField(
        _("is een bevoegdheid"),
        null=True,
        blank=True,
        help_text=_("Geeft dit bewijs het recht om les te geven? Leeg als het niet bekend is."),
    )
    nlqf_level = models.PositiveSmallIntegerField(
        _("NLQF-niveau"),
        null=True,
        blank=True,
        help_text=_("Van 1 tot 8; een bachelor is niveau 6. Leeg als het niet bekend is."),
    )

    history = HistoricalRecords()

    class Meta(VocabularyEntry.Meta):
        verbose_name = _("kwalificatie")
        verbose_name_plural = _("kwalificaties")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="qualification_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(nlqf_level__isnull=True)
                | models.Q(nlqf_level__gte=1, nlqf_level__lte=8),
                name="qualification_nlqf_level_1_to_8",
                violation_error_message=_(
                    "Het NLQF-niveau ligt tussen 1 en 8. Laat het veld leeg als het niet bekend is."
                ),
            ),
        ]
