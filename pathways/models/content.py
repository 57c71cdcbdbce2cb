"""Texts of the toolkit sheet that staff edit: resources, the quote, text blocks
and the rules that shape a route."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import SourcedModel
from programmes.models.sources import SlugManager

from .organisations import Organisation


class ResourceKind(models.TextChoices):
    ONLINE = "online", _("Online hulpbron")
    FURTHER_READING = "further_reading", _("Meer lezen")
    ARTICLE = "article", _("Artikel")
    MORE_INFO = "more_info", _("Meer informatie")


class Resource(SourcedModel):
    """An online resource or a 'meer lezen' link, with its address as printed."""

    # Checked by manage.py check_links (editorial.linkcheck).
    linked_url_fields = ("url",)

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Vaste naam in het adres op de site. Wijzig dit liever niet."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=ResourceKind,
        help_text=_("Bepaalt onder welk kopje de hulpbron op de site staat."),
    )
    label = models.CharField(
        _("verwijzing op het blad"),
        max_length=60,
        blank=True,
        help_text=_("Zoals de toolkit ernaar verwijst, bijv. 'Meer lezen 1'."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    url = models.URLField(
        _("adres"),
        max_length=500,
        blank=True,
        help_text=_("Zoals gedrukt in de toolkit (bit.ly). Leeg als het blad geen adres noemt."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )

    objects = SlugManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hulpbron")
        verbose_name_plural = _("hulpbronnen")
        ordering = ["kind", "order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="resource_unique_slug"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="resource_slug_not_empty"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)


class Quote(SourcedModel):
    """A quote printed on the sheet, shown on the home page."""

    # How the seed update (editorial/seed_update.py) finds this entry back.
    seed_lookup_fields = ("author",)

    text = models.TextField(_("citaat"))
    author = models.CharField(_("naam"), max_length=200)
    author_role = models.CharField(_("functie"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Het eerste citaat staat op de voorpagina.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("citaat")
        verbose_name_plural = _("citaten")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.author}: {self.text[:60]}"


class TextBlock(SourcedModel):
    """A named piece of text from the sheet, such as its introduction.

    Templates look a block up by its key; staff change the words in the admin.
    """

    slug = models.SlugField(
        _("sleutel"), max_length=60, help_text=_("De site zoekt de tekst op met deze sleutel.")
    )
    title = models.CharField(_("kop"), max_length=200, blank=True)
    body = models.TextField(_("tekst"), help_text=_("Een lege regel begint een nieuwe alinea."))

    objects = SlugManager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tekstblok")
        verbose_name_plural = _("tekstblokken")
        ordering = ["slug"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="textblock_unique_slug")]

    def __str__(self):
        return self.title or self.slug

    def natural_key(self):
        return (self.slug,)


class RuleExplains(models.TextChoices):
    """Which entry requirement of a step a rule explains. The values are those of
    routefinder_types.Requirement."""

    EDUCATION = "education", _("het opleidingsniveau")
    EXPERIENCE = "experience", _("de werkervaring")


class Rule(SourcedModel):
    """A rule or fact that shapes a route, such as 'in vmbo, teaching more than four
    hours a week needs a bevoegdheid'. Shown with its source and date."""

    slug = models.SlugField(
        _("sleutel"),
        max_length=80,
        help_text=_("Vaste naam in het adres op de site. Wijzig dit liever niet."),
    )
    title = models.CharField(_("regel"), max_length=300)
    explanation = models.TextField(_("uitleg"), blank=True)
    valid_note = models.CharField(
        _("peildatum"),
        max_length=150,
        blank=True,
        help_text=_("Sinds of tot wanneer de regel geldt, zoals de bron het zegt."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Een lager nummer staat eerder op de pagina.")
    )
    explains = models.CharField(
        _("legt uit waarom een stap niet past, bij"),
        max_length=20,
        choices=RuleExplains,
        blank=True,
        help_text=_(
            "Kies wat deze regel uitlegt van de toelatingseisen van de stappen hieronder. "
            "Past een kandidaat op dat punt niet, dan verwijst het advies naar deze regel. "
            "Leeg: de regel staat wel bij de regels van het advies, maar niet bij een reden."
        ),
    )
    # A rule that explains the education level and names a programme is a way in: when
    # no route fits, the advice names it with the programme's contact person.
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("opleiding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rules",
        help_text=_(
            "De opleiding waar deze regel over gaat, zodat het advies de contactpersoon "
            "kan noemen. Gaat de regel over het opleidingsniveau en past geen route, dan "
            "noemt het advies deze opleiding als weg die de bronnen wel noemen."
        ),
    )
    # Where the Routewijzer shows the rule: for these jobs, and when a route passes
    # (or cannot pass) these steps.
    roles = models.ManyToManyField(
        "pathways.Role",
        verbose_name=_("geldt voor de functies"),
        blank=True,
        related_name="rules",
        help_text=_("De routewijzer toont de regel als de school een van deze functies kiest."),
    )
    steps = models.ManyToManyField(
        "pathways.Step",
        verbose_name=_("geldt voor de stappen"),
        blank=True,
        related_name="rules",
        help_text=_(
            "De routewijzer toont de regel als de route langs een van deze stappen gaat, of "
            "uitlegt waarom een stap niet past."
        ),
    )

    objects = SlugManager()

    history = HistoricalRecords(m2m_fields=["roles", "steps"])

    class Meta:
        verbose_name = _("regel")
        verbose_name_plural = _("regels")
        ordering = ["order", "title"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="rule_unique_slug")]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)
