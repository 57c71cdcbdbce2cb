"""How long something takes, as whole months or a range of months.

Numbers (not free text) so a route can add up the durations of its steps. The
Dutch wording ("10 maanden", "1 tot 1,5 jaar") is made by `months_text`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def _months_phrase(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return f"{years} jaar"
    if months % 6 == 0 and months > 12:
        return f"{months // 12},5 jaar"
    return f"{months} maand" if months == 1 else f"{months} maanden"


def months_text(low: int | None, high: int | None) -> str:
    """'10 maanden', 'maximaal 2 jaar', 'minstens 1 jaar', '1 tot 1,5 jaar'; '' if unknown."""
    if low and high and low != high:
        a, b = _months_phrase(low), _months_phrase(high)
        # "1 tot 1,5 jaar" rather than "1 jaar tot 1,5 jaar".
        if a.endswith(" jaar") and b.endswith(" jaar"):
            a = a.removesuffix(" jaar")
        elif a.endswith(" maanden") and b.endswith(" maanden"):
            a = a.removesuffix(" maanden")
        return f"{a} tot {b}"
    if low and high:
        return _months_phrase(low)
    if high:
        return f"maximaal {_months_phrase(high)}"
    if low:
        return f"minstens {_months_phrase(low)}"
    return ""


class DurationFields(models.Model):
    """Adds a duration in months (one number, or a range) to an entry."""

    duration_min_months = models.PositiveSmallIntegerField(
        _("duur: minimaal (maanden)"),
        null=True,
        blank=True,
        help_text=_(
            "In maanden; 1,5 jaar is 18. Vul bij een vaste duur hetzelfde getal in bij "
            "minimaal en maximaal. Leeg als het niet bekend is."
        ),
    )
    duration_max_months = models.PositiveSmallIntegerField(
        _("duur: maximaal (maanden)"),
        null=True,
        blank=True,
        help_text=_(
            "In maanden. Alleen een maximum bekend ('maximaal 2 jaar')? Vul alleen dit in."
        ),
    )

    class Meta:
        abstract = True

    @property
    def duration_text(self) -> str:
        return months_text(self.duration_min_months, self.duration_max_months)

    def clean(self):
        super().clean()
        low, high = self.duration_min_months, self.duration_max_months
        if low and high and low > high:
            raise ValidationError(
                {"duration_max_months": _("Het maximum is kleiner dan het minimum.")}
            )
