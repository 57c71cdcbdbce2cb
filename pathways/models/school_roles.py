"""The roles a newcomer can take in a school, and what the Routewijzer needs to know
about each as a job a school has in mind."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import Qualification, SourcedModel
from programmes.models.sources import SlugManager

from .public_facts import RoleFactsMixin


class Role(RoleFactsMixin, SourcedModel):
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
