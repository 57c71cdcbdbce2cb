"""Funding schemes: subsidies, grants and allowances that pay for a route.

A scheme names for whom and for what it is, how much, from when to when, and its
source. Whether it is open is worked out from its status and dates on the day a
page is shown (`FundingScheme.is_open`), so a scheme whose end date has passed is
never shown as open, even if nobody edited it. "Today" is the local date of the
site's time zone (`timezone.localdate()`), the same day the page cache keys on.
"""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import SourcedModel
from programmes.models.costs import MONTHS
from programmes.models.sources import SlugManager

from .organisations import Organisation
from .routes import Pathway, Step
from .school_roles import Role


def dutch_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class SchemeKind(models.TextChoices):
    SUBSIDY = "subsidie", _("subsidie voor de school of regio")
    GRANT = "beurs", _("beurs of tegemoetkoming voor de kandidaat")


class SchemeStatus(models.TextChoices):
    OPEN = "open", _("loopt")
    CLOSED = "gesloten", _("gestopt")
    UNKNOWN = "onbekend", _("niet nagegaan")


class SchemeCondition(models.TextChoices):
    """What the candidate must already be or have, as the source says, so that the
    Routewijzer does not offer a scheme to a candidate it is not for."""

    NONE = "", _("geen voorwaarde voor de kandidaat (of niet bekend)")
    TEACHING_QUALIFICATION = "bevoegdheid", _("de kandidaat heeft al een onderwijsbevoegdheid")
    MBO_INSTRUCTOR = "instructeur-mbo", _("de kandidaat werkt al als instructeur in het mbo")


class FundingSchemeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class FundingScheme(SourcedModel):
    """A subsidy or grant, with whom and what it is for."""

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("url",)

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Vaste naam in het adres. Wijzig dit liever niet.")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=SchemeKind)
    is_published = models.BooleanField(
        _("op de site"), default=True, help_text=_("Uitvinken om de regeling te verbergen.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("uitgevoerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_schemes",
        help_text=_("Bijvoorbeeld DUO of DUS-I. Leeg als het niet bekend is."),
    )
    summary = models.TextField(_("korte uitleg"), help_text=_("Eén of twee zinnen (B1)."))
    for_whom = models.TextField(_("voor wie"), blank=True)
    not_for = models.TextField(
        _("niet voor"),
        blank=True,
        help_text=_("Voor wie de regeling uitdrukkelijk niet is, als de bron dat zegt."),
    )
    only_if = models.CharField(
        _("alleen als"),
        max_length=20,
        choices=SchemeCondition,
        blank=True,
        help_text=_(
            "Alleen als de bron het zegt. Het advies van de Routewijzer zet de regeling dan "
            "apart, onder 'Alleen als …', tenzij de antwoorden laten zien dat de kandidaat "
            "eraan voldoet."
        ),
    )
    for_what = models.TextField(_("waarvoor"), blank=True)
    amount = models.TextField(
        _("hoeveel"),
        blank=True,
        help_text=_("Met het jaar waarvoor het bedrag geldt, bijv. 'ten hoogste € 25.000 (2024)'."),
    )
    budget = models.TextField(
        _("budget"), blank=True, help_text=_("Het totale budget per jaar, met de jaren.")
    )
    how_to_apply = models.TextField(
        _("aanvragen"), blank=True, help_text=_("Wie vraagt aan, en wanneer (aanvraagperiode).")
    )
    starts_on = models.DateField(_("loopt vanaf"), null=True, blank=True)
    ends_on = models.DateField(
        _("loopt tot en met"),
        null=True,
        blank=True,
        help_text=_("Na deze datum toont de site de regeling als gestopt. Leeg als niet bekend."),
    )
    period_note = models.CharField(
        _("toelichting op de looptijd"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld 'budget vastgesteld tot en met 2028; einddatum niet nagegaan'."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SchemeStatus,
        default=SchemeStatus.UNKNOWN,
        help_text=_("'Loopt' alleen als een bron dat zegt. Na de einddatum geldt 'gestopt'."),
    )
    url = models.URLField(_("website"), max_length=500, blank=True)
    roles = models.ManyToManyField(
        Role,
        verbose_name=_("voor de rollen"),
        blank=True,
        related_name="funding_schemes",
    )
    pathways = models.ManyToManyField(
        Pathway, verbose_name=_("bij de routes"), blank=True, related_name="funding_schemes"
    )
    steps = models.ManyToManyField(
        Step, verbose_name=_("bij de stappen"), blank=True, related_name="funding_schemes"
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    objects = SlugManager.from_queryset(FundingSchemeQuerySet)()

    history = HistoricalRecords(m2m_fields=["roles", "pathways", "steps"])

    class Meta:
        verbose_name = _("regeling (subsidie of beurs)")
        verbose_name_plural = _("regelingen (subsidies en beurzen)")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="fundingscheme_unique_slug"),
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="fundingscheme_slug_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="fundingscheme_ends_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("pathways:funding") + f"#{self.slug}"

    def has_ended(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.ends_on is not None and self.ends_on < today

    def is_open(self, today: datetime.date | None = None) -> bool:
        """Open only when a source says it runs and its end date has not passed."""
        today = today or timezone.localdate()
        if self.status != SchemeStatus.OPEN or self.has_ended(today):
            return False
        return self.starts_on is None or self.starts_on <= today

    def state_text(self, today: datetime.date | None = None) -> str:
        """One honest phrase for the page: open, ended (with the date), or not checked.

        Worked out for `today`, so it changes the day after `ends_on` without an edit.
        A scheme marked closed reads "Gestopt" even if its end date is still ahead.
        """
        today = today or timezone.localdate()
        if self.has_ended(today):
            return f"Gestopt: liep tot en met {dutch_date(self.ends_on)}"
        if self.status == SchemeStatus.CLOSED:
            return "Gestopt"
        if self.is_open(today):
            return "Loopt" + (f" tot en met {dutch_date(self.ends_on)}" if self.ends_on else "")
        if self.status == SchemeStatus.OPEN:
            return f"Begint op {dutch_date(self.starts_on)}"
        return "Niet nagegaan of de regeling nog loopt"
