"""What something costs, always with the year the amount was for and who pays.

An amount without its year is not shown as current: the page names the year, and
says when it is older than the current study year (`CostFields.is_old`).
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .programmes import Programme
from .sources import SourcedModel
from .vocabulary import StudyForm


class CostKind(models.TextChoices):
    STATUTORY = "wettelijk", _("wettelijk collegegeld")
    INSTITUTIONAL = "instelling", _("instellingscollegegeld")
    PRICE = "prijs", _("prijs van het traject")


class PaidBy(models.TextChoices):
    UNKNOWN = "", _("niet bekend")
    CANDIDATE = "kandidaat", _("de kandidaat")
    SCHOOL = "school", _("de school (werkgever)")
    SUBSIDY = "subsidie", _("een subsidie of beurs")


def current_study_year(today: datetime.date | None = None) -> int:
    """The calendar year in which the current study year began (1 September)."""
    today = today or datetime.date.today()
    return today.year if today.month >= 9 else today.year - 1


class CostFields(models.Model):
    amount = models.DecimalField(
        _("bedrag (euro)"), max_digits=9, decimal_places=2, help_text=_("Bijvoorbeeld 2601.")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"),
        null=True,
        blank=True,
        help_text=_(
            "Het jaar waarvoor het bedrag gold, zoals de bron het noemt (2025 voor "
            "studiejaar 2025-2026). Leeg als de bron geen jaar noemt."
        ),
    )
    kind = models.CharField(_("soort"), max_length=12, choices=CostKind, default=CostKind.PRICE)
    paid_by = models.CharField(
        _("wie betaalt"), max_length=12, choices=PaidBy, blank=True, default=PaidBy.UNKNOWN
    )
    note = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld 'per jaar' of 'voor het eerste arrangement'."),
    )

    class Meta:
        abstract = True

    def is_old(self, today: datetime.date | None = None) -> bool:
        """True when the amount was for an earlier study year than the current one."""
        return self.year is None or self.year < current_study_year(today)


class ProgrammeCost(CostFields, SourcedModel):
    """Tuition (collegegeld) or a price of a programme, for one year."""

    # How the seed update (editorial/seed_update.py) finds this entry back.
    seed_lookup_fields = ("programme", "kind", "year", "study_form")

    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.CASCADE, related_name="costs"
    )
    study_form = models.ForeignKey(
        StudyForm,
        verbose_name=_("studievorm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg als het bedrag voor elke vorm geldt of de bron het niet zegt."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kosten")
        verbose_name_plural = _("kosten")
        ordering = ["programme", "-year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="programmecost_amount_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year or ''}: € {self.amount}"


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
MONTH_CHOICES = [(number, name) for number, name in enumerate(MONTHS, start=1)]


class StartMoment(SourcedModel):
    """A date in the year when a programme starts, e.g. 1 september."""

    # How the seed update (editorial/seed_update.py) finds this entry back.
    seed_lookup_fields = ("programme", "month", "day", "study_form")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("opleiding"),
        on_delete=models.CASCADE,
        related_name="start_moments",
    )
    month = models.PositiveSmallIntegerField(_("maand"), choices=MONTH_CHOICES)
    day = models.PositiveSmallIntegerField(_("dag"), null=True, blank=True)
    study_form = models.ForeignKey(
        StudyForm,
        verbose_name=_("studievorm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg als de start voor elke vorm geldt of de bron het niet zegt."),
    )
    source_year = models.PositiveSmallIntegerField(
        _("jaar in de bron"),
        null=True,
        blank=True,
        help_text=_("Het jaar waarvoor de bron deze start noemde, bijv. 2025."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("startmoment")
        verbose_name_plural = _("startmomenten")
        ordering = ["programme", "month", "day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="startmoment_month_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(day__isnull=True) | models.Q(day__gte=1, day__lte=31),
                name="startmoment_day_valid",
            ),
        ]

    def __str__(self):
        month = MONTHS[self.month - 1]
        return f"{self.day} {month}" if self.day else month
