"""The parts of a programme that have a list of their own in the admin: its
websites, contact persons and modules.

Each belongs to one programme and is deleted with it. The rule to know: a contact
person's details are personal data, shown on the public programme page (see
/privacy/).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .programmes import Programme
from .sources import SourcedModel
from .vocabulary import LearningForm


class LinkKind(models.TextChoices):
    SHEET = "blad", _("zoals op het blad")
    OWN = "eigen", _("eigen pagina van de opleiding")
    OTHER = "anders", _("andere pagina")


class ProgrammeLink(SourcedModel):
    """A website of a programme, stored as printed (the sheet prints bit.ly links)."""

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("url",)

    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.CASCADE, related_name="links"
    )
    url = models.URLField(
        _("adres"), max_length=500, help_text=_("Zoals gedrukt in de toolkit, ook een bit.ly-link.")
    )
    title = models.CharField(
        _("omschrijving"), max_length=200, help_text=_("De tekst van de link op de site.")
    )
    kind = models.CharField(
        _("soort"),
        max_length=10,
        choices=LinkKind,
        default=LinkKind.OTHER,
        help_text=_(
            "'Zoals op het blad': het adres dat in de gedrukte toolkit staat (vaak bit.ly). "
            "'Eigen pagina': de pagina van de hogeschool zelf."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("website")
        verbose_name_plural = _("websites")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "url"], name="programmelink_unique_url_per_programme"
            )
        ]

    def __str__(self):
        return self.url


class ProgrammeContact(SourcedModel):
    """A contact person for a programme. Their details are personal data: see /privacy/."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("opleiding"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(
        _("e-mailadres"),
        max_length=254,
        help_text=_("Staat op de openbare pagina van de opleiding."),
    )
    phone = models.CharField(
        _("telefoonnummer"),
        max_length=40,
        blank=True,
        help_text=_("Optioneel; staat dan op de openbare pagina. Bijvoorbeeld 038 123 45 67."),
    )
    role = models.CharField(
        _("rol"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld 'contactpersoon zij-instroom'. Leeg als het niet bekend is."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "email"], name="programmecontact_unique_email_per_programme"
            ),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="programmecontact_name_not_empty"
            ),
        ]

    def __str__(self):
        return self.name


class Module(SourcedModel):
    """A module of learning outcomes (leeruitkomsten) in a flexible programme."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.CASCADE, related_name="modules"
    )
    title = models.CharField(_("naam"), max_length=200)
    outcome = models.TextField(
        _("leeruitkomst"),
        blank=True,
        help_text=_("Wat de kandidaat aan het eind moet kunnen laten zien."),
    )
    ec = models.DecimalField(
        _("studielast (EC)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("1 EC is ongeveer 28 uur studie. Leeg als het niet bekend is."),
    )
    learning_forms = models.ManyToManyField(
        LearningForm, verbose_name=_("leervormen"), blank=True, related_name="modules"
    )
    exemption_possible = models.BooleanField(
        _("vrijstelling mogelijk"), null=True, blank=True, help_text=_("Leeg als niet bekend.")
    )
    exemption_basis = models.TextField(
        _("grond voor vrijstelling"),
        blank=True,
        help_text=_("Op grond waarvan vrijstelling kan, bijv. een diploma of werkervaring."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    history = HistoricalRecords(m2m_fields=["learning_forms"])

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "title"], name="module_unique_title_per_programme"
            ),
            models.CheckConstraint(
                condition=models.Q(ec__isnull=True) | models.Q(ec__gt=0),
                name="module_ec_positive",
                violation_error_message=_(
                    "De studielast moet groter zijn dan 0 EC. "
                    "Laat het veld leeg als die niet bekend is."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def missing_facts(self):
        """The Dutch labels of what is not known of this module, for the one line that
        says so on the programme page. Reads learning_forms with .all() (prefetched)."""
        missing = []
        if not self.outcome:
            missing.append("leeruitkomst")
        if not self.ec:
            missing.append("studielast")
        if not self.learning_forms.all():
            missing.append("leervormen")
        if self.exemption_possible is None:
            missing.append("of vrijstelling mogelijk is")
        elif self.exemption_possible and not self.exemption_basis:
            missing.append("op grond waarvan vrijstelling kan")
        return missing
