"""The organisations behind the routes: training funds, networks, platforms."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import SourcedModel
from programmes.models.sources import SlugManager


class OrganisationKind(models.TextChoices):
    FUND = "fund", _("Opleidings- en Ontwikkelfonds (O&O-fonds)")
    NETWORK = "network", _("Netwerk van lerarenopleidingen")
    PROGRAMME = "programme", _("Landelijk programma")
    PLATFORM = "platform", _("Platform")
    PACT = "pact", _("Samenwerkingsverband")
    OTHER = "other", _("Anders")


class Organisation(SourcedModel):
    """An organisation that offers, funds or supports a route, such as Wij Techniek."""

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("website",)

    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=60, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Vaste naam in het adres op de site. Wijzig dit liever niet."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(
        _("website"),
        max_length=500,
        blank=True,
        help_text=_("Zoals gedrukt in de toolkit, of het adres uit de bron. Leeg als onbekend."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)

    objects = SlugManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="organisation_unique_slug"),
            models.UniqueConstraint(fields=["name"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="organisation_slug_not_empty"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class ContactPurpose(models.TextChoices):
    TOOLKIT = "toolkit", _("Contact over de toolkit")
    HYBRID_COACH = "hybrid_coach", _("Coach hybride docentschap")
    OTHER = "other", _("Ander contact")


class OrganisationContactQuerySet(models.QuerySet):
    def for_purpose(self, purpose):
        """The one contact with a special purpose (toolkit, hybrid coach), or None."""
        return self.filter(purpose=purpose).select_related("organisation").first()


class OrganisationContact(SourcedModel):
    """A way to reach an organisation: the toolkit's own address, or the hybrid-teaching coach.

    Only one entry may have the purpose 'toolkit' and one 'hybrid_coach': the site
    shows those in fixed places.
    """

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("url",)

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    purpose = models.CharField(
        _("doel"),
        max_length=20,
        choices=ContactPurpose,
        default=ContactPurpose.OTHER,
        help_text=_(
            "Het contact over de toolkit en de coach hybride docentschap staan op een vaste "
            "plek op de site; van elk kan er maar één zijn."
        ),
    )
    name = models.CharField(
        _("naam"), max_length=200, blank=True, help_text=_("Leeg voor een algemeen adres.")
    )
    role = models.CharField(_("rol"), max_length=200, blank=True)
    description = models.TextField(
        _("waarvoor"), blank=True, help_text=_("Waarvoor bezoekers hier terecht kunnen.")
    )
    how_to_reach = models.TextField(
        _("hoe bereikbaar"),
        blank=True,
        help_text=_("Bijvoorbeeld 'via uw ondersteuner'. Wordt getoond naast e-mail en website."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    objects = OrganisationContactQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact van een organisatie")
        verbose_name_plural = _("contacten van organisaties")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose"],
                condition=~models.Q(purpose=ContactPurpose.OTHER),
                name="organisationcontact_unique_special_purpose",
                violation_error_message=_(
                    "Er is al een contact met dit doel; de site toont er maar één."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(purpose__in=ContactPurpose.values),
                name="organisationcontact_purpose_valid",
            ),
        ]

    def __str__(self):
        return self.name or self.role or self.get_purpose_display()
