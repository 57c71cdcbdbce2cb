"""Where a fact comes from, and when it was last checked.

Every content entry points to one or more sources and records the date its facts
were checked, so a page can say where a fact comes from and how old it is.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SlugManager(models.Manager):
    """Looks entries up by slug, so fixtures can refer to them by name."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Source(models.Model):
    """A document or web page that facts on the site are taken from."""

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("url",)

    slug = models.SlugField(
        _("sleutel"),
        max_length=80,
        help_text=_("Korte vaste naam, alleen kleine letters, cijfers en streepjes."),
    )
    title = models.CharField(
        _("titel"),
        max_length=300,
        help_text=_("Naam van de pagina of het document, zoals een bezoeker die herkent."),
    )
    url = models.URLField(
        _("adres"),
        max_length=500,
        blank=True,
        help_text=_("Leeg laten als de bron geen webadres heeft."),
    )
    publisher = models.CharField(_("uitgever"), max_length=200, blank=True)
    published = models.CharField(
        _("datum van de bron"),
        max_length=100,
        blank=True,
        help_text=_(
            "De datum zoals de bron die noemt, bijvoorbeeld '18 mei 2018' of 'juni 2020'. "
            "Leeg als de bron geen datum noemt."
        ),
    )
    checked_on = models.DateField(
        _("gecontroleerd op"), null=True, blank=True, help_text=_("Wanneer de bron is bekeken.")
    )
    notes = models.TextField(_("toelichting"), blank=True)

    objects = SlugManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="source_unique_slug"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="source_slug_not_empty"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)


class SourcedModel(models.Model):
    """Adds the sources of an entry's facts and the date they were checked."""

    sources = models.ManyToManyField(
        Source,
        verbose_name=_("bronnen"),
        blank=True,
        related_name="+",
        help_text=_("Waar de gegevens van dit onderdeel vandaan komen."),
    )
    checked_on = models.DateField(
        _("laatst gecontroleerd op"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de gegevens voor het laatst met de bronnen zijn vergeleken."),
    )

    class Meta:
        abstract = True
