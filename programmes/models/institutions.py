"""The hogescholen that offer teacher-training programmes, and their locations."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .sources import SlugManager, SourcedModel


class Province(models.TextChoices):
    DRENTHE = "drenthe", "Drenthe"
    FLEVOLAND = "flevoland", "Flevoland"
    FRIESLAND = "friesland", "Friesland"
    GELDERLAND = "gelderland", "Gelderland"
    GRONINGEN = "groningen", "Groningen"
    LIMBURG = "limburg", "Limburg"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    OVERIJSSEL = "overijssel", "Overijssel"
    UTRECHT = "utrecht", "Utrecht"
    ZEELAND = "zeeland", "Zeeland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"


class Institution(SourcedModel):
    """A hogeschool (university of applied sciences)."""

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("website",)

    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(
        _("korte naam"), max_length=60, blank=True, help_text=_("Bijvoorbeeld HvA of Fontys.")
    )
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Deel van het webadres. Wijzig dit liever niet.")
    )
    website = models.URLField(_("website"), max_length=500, blank=True)

    objects = SlugManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hogeschool")
        verbose_name_plural = _("hogescholen")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="institution_unique_slug"),
            models.UniqueConstraint(fields=["name"], name="institution_unique_name"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="institution_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class LocationManager(models.Manager):
    def get_by_natural_key(self, institution_slug, city):
        return self.get(institution__slug=institution_slug, city=city)


class Location(SourcedModel):
    """A place where an institution teaches."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("hogeschool"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    city = models.CharField(_("plaats"), max_length=100)
    province = models.CharField(_("provincie"), max_length=20, choices=Province, blank=True)
    address = models.CharField(
        _("adres"), max_length=200, blank=True, help_text=_("Leeg als het adres niet bekend is.")
    )
    note = models.CharField(
        _("opmerking"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld dat de precieze vestiging nog niet is nagegaan."),
    )

    objects = LocationManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        ordering = [Lower("institution__name"), "city"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "city"], name="location_unique_city_per_institution"
            ),
            models.CheckConstraint(condition=~models.Q(city=""), name="location_city_not_empty"),
        ]

    def __str__(self):
        return f"{self.institution.short_name or self.institution.name}, {self.city}"

    def natural_key(self):
        return (*self.institution.natural_key(), self.city)

    natural_key.dependencies = ["programmes.institution"]
