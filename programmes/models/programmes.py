"""Teacher-training programmes, and how to find them (ProgrammeQuerySet).

The parts of a programme (websites, contact persons, modules) are in parts.py,
which imports this module; the queryset reaches their models through the
relations (ProgrammeQuerySet._part), so there is no import circle.
"""

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.slugs import KeepsOldSlugs
from editorial.status import PublicationStatus, Requirement

from .. import search
from .durations import DurationFields
from .institutions import Institution, Location
from .public_facts import PublicFactsMixin
from .sources import SlugManager, SourcedModel
from .vocabulary import ExemptionMethod, Qualification, StudyForm, VocationalProfile

# Words of /opleidingen/ that are not a programme: the compare page
# (/opleidingen/vergelijken/) and the download (/opleidingen/download.csv).
RESERVED_PROGRAMME_SLUGS = ("vergelijken", "download")


def validate_programme_slug(value):
    """Refuses a slug whose address is taken by another page of /opleidingen/."""
    if value in RESERVED_PROGRAMME_SLUGS:
        raise ValidationError(
            _(
                "‘%(slug)s’ is gereserveerd voor een andere pagina van de site. "
                "Kies een andere slug."
            ),
            code="reserved_slug",
            params={"slug": value},
        )


class ProgrammeQuerySet(models.QuerySet):
    def _part(self, name):
        """The model of a programme's part, e.g. "modules": Module."""
        return self.model._meta.get_field(name).related_model

    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def for_profile(self, code):
        return self.filter(profiles__code__iexact=code)

    def with_public_relations(self):
        """Everything a public programme page shows, in a fixed number of queries."""
        return (
            self.select_related("institution", "qualification")
            .prefetch_related(
                "profiles",
                "study_forms",
                "exemption_methods",
                "locations",
                "links",
                "contacts",
                "sources",
                models.Prefetch(
                    "modules",
                    queryset=self._part("modules").objects.prefetch_related("learning_forms"),
                ),
            )
            .with_costs_and_start_moments()
        )

    def with_costs_and_start_moments(self):
        """A programme's dated facts, each with its study form: two queries."""
        return self.prefetch_related(
            models.Prefetch(
                "start_moments",
                queryset=self._part("start_moments").objects.select_related("study_form"),
            ),
            models.Prefetch(
                "costs", queryset=self._part("costs").objects.select_related("study_form")
            ),
        )

    def search(self, text):
        """Programmes where every word of `text` occurs in the programme's name, its
        institution's name or short name, a module's title or a contact person's
        name. Each word may match a different field.

        A word matches as part of a longer word, case ignored, on every database;
        on PostgreSQL also with Dutch full text search (stems, prefixes, accents
        ignored) in the names and module titles, not in contact persons' names.
        Why: docs/decisions/0022-search-substring-and-dutch-full-text.md.

        Modules and contacts are matched with EXISTS subqueries, so a programme
        with two matching modules is still listed once and needs no distinct().
        """
        config = search.text_search_config(connections[self.db])
        module, contact = self._part("modules"), self._part("contacts")
        queryset = self
        for word in search.search_words(text):
            condition = (
                search.contains(word, "name", "institution__name", "institution__short_name")
                | models.Exists(
                    module.objects.filter(
                        search.contains(word, "title"), programme=models.OuterRef("pk")
                    )
                )
                | models.Exists(
                    contact.objects.filter(
                        search.contains(word, "name"), programme=models.OuterRef("pk")
                    )
                )
            )
            query = search.full_text_query(word, config)
            if query is not None:
                condition |= (
                    models.Q(
                        pk__in=self.model._base_manager.filter(
                            search.full_text_match(query, "name")
                        ).values("pk")
                    )
                    | models.Q(
                        institution__in=Institution._base_manager.filter(
                            search.full_text_match(query, "name", "short_name")
                        ).values("pk")
                    )
                    | models.Exists(
                        module.objects.filter(
                            search.full_text_match(query, "title"),
                            programme=models.OuterRef("pk"),
                        )
                    )
                )
            queryset = queryset.filter(condition)
        return queryset

    def with_directory_relations(self):
        """What a result in the directory (/opleidingen/) shows, in a fixed number of queries."""
        return self.select_related("institution").prefetch_related(
            "profiles", "study_forms", "locations", "contacts"
        )


class ProgrammeManager(SlugManager.from_queryset(ProgrammeQuerySet)):
    pass


class Programme(PublicFactsMixin, KeepsOldSlugs, DurationFields, SourcedModel):
    """A teacher-training programme (lerarenopleiding) at a hogeschool."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("hogeschool"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    name = models.CharField(
        _("naam van de opleiding"),
        max_length=200,
        help_text=_("Zoals de hogeschool de opleiding noemt."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        validators=[validate_programme_slug],
        help_text=_(
            "Het laatste deel van het webadres: /opleidingen/dit-deel/. "
            "Dit adres staat mogelijk op papier: wijzig het liever niet. "
            "Na een wijziging stuurt het oude adres bezoekers door naar het nieuwe."
        ),
    )
    status = models.CharField(
        _("publicatiestatus"),
        max_length=10,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        help_text=_("Alleen gepubliceerde opleidingen staan op de openbare site."),
    )
    summary = models.TextField(
        _("korte samenvatting"),
        blank=True,
        help_text=_("Eén of twee zinnen in eenvoudige taal (B1)."),
    )
    details = models.TextField(
        _("meer over deze opleiding"),
        blank=True,
        help_text=_("Verdere feiten uit de bronnen. Een lege regel begint een nieuwe alinea."),
    )
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("leidt tot"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        help_text=_("Leeg laten als niet bekend is waartoe de opleiding leidt."),
    )
    degree = models.CharField(
        _("graad"), max_length=100, blank=True, help_text=_("Bijvoorbeeld Bachelor of Education.")
    )
    profiles = models.ManyToManyField(
        VocationalProfile,
        verbose_name=_("vmbo-profielen"),
        blank=True,
        related_name="programmes",
        help_text=_("De profielen waarvoor de opleiding docenten opleidt, volgens de bronnen."),
    )
    study_forms = models.ManyToManyField(
        StudyForm,
        verbose_name=_("studievormen"),
        blank=True,
        related_name="programmes",
        help_text=_("Kies alle vormen waarin de opleiding te volgen is."),
    )
    locations = models.ManyToManyField(
        Location,
        verbose_name=_("vestigingen"),
        blank=True,
        related_name="programmes",
        help_text=_("Waar de opleiding gegeven wordt."),
    )
    entry_requirements = models.TextField(
        _("toelatingseisen"),
        blank=True,
        help_text=_("Wat iemand nodig heeft om te mogen beginnen, bijv. een diploma."),
    )
    total_ec = models.PositiveSmallIntegerField(
        _("studielast (EC)"), null=True, blank=True, help_text=_("1 EC is ongeveer 28 uur studie.")
    )
    duration = models.CharField(
        _("duur (toelichting)"),
        max_length=100,
        blank=True,
        help_text=_(
            "Alleen als de duur niet in maanden te zeggen is, bijv. 'afhankelijk van de "
            "vrijstellingen'. Anders de maanden hieronder invullen."
        ),
    )
    croho_code = models.CharField(
        _("CROHO-nummer"),
        max_length=10,
        blank=True,
        help_text=_(
            "Het nummer in het Centraal Register Opleidingen Hoger Onderwijs, bijv. 35210."
        ),
    )
    on_sheet = models.BooleanField(
        _("staat op het toolkitblad"),
        default=True,
        help_text=_(
            "Uitvinken voor een opleiding die niet op het gedrukte blad staat, maar die een "
            "bron wel noemt als technische tweedegraads lerarenopleiding."
        ),
    )
    modules_complete = models.BooleanField(
        _("de lijst met modules is compleet"),
        default=False,
        help_text=_(
            "Alleen aanvinken als alle modules van de opleiding hieronder staan. Pas dan "
            "zegt de site 'De opleiding bestaat uit N modules'."
        ),
    )
    study_advice_binding = models.BooleanField(
        _("bindend studieadvies in het eerste jaar"),
        null=True,
        blank=True,
        help_text=_("Leeg als het niet bekend is."),
    )
    study_advice_min_ec = models.PositiveSmallIntegerField(
        _("studieadvies: minimaal EC in het eerste jaar"),
        null=True,
        blank=True,
        help_text=_("Zoveel EC moet een student in het eerste jaar halen. Leeg als niet bekend."),
    )
    exemptions_possible = models.BooleanField(
        _("vrijstellingen mogelijk"),
        null=True,
        blank=True,
        help_text=_("Leeg als het niet bekend is."),
    )
    exemption_methods = models.ManyToManyField(
        ExemptionMethod,
        verbose_name=_("manieren van vrijstelling"),
        blank=True,
        related_name="programmes",
        help_text=_("Hoe de opleiding eerdere kennis en ervaring erkent, bijv. met een EVC."),
    )
    exemption_notes = models.TextField(
        _("toelichting op vrijstellingen"),
        blank=True,
        help_text=_("Waarvoor en hoe vrijstelling kan, zoals de bronnen het zeggen."),
    )
    employer_role = models.TextField(
        _("wat de school als werkgever regelt"),
        blank=True,
        help_text=_("Wat de school organiseert, ondersteunt en begeleidt tijdens het leertraject."),
    )
    ecpb_member = models.BooleanField(
        _("lid van het ECPB"),
        null=True,
        blank=True,
        help_text=_("Leeg als het niet bekend is."),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    objects = ProgrammeManager()

    # What a school leader needs to act on a published programme (editorial.publishing).
    # When no source names a contact person (Saxion's programme, not on the sheet),
    # the seed gives the toolkit's own address (info@, printed on the sheet) as the
    # contact, with a role that says it is the toolkit and not the programme. Why not
    # publish without a contact: the rule would then hold for every programme but one,
    # and any later edit of that one in the admin would be refused until a contact is
    # added. Why not leave it a draft: then a source-confirmed programme would be
    # missing from the directory. The toolkit can answer or forward the question, and
    # staff replace the row once a source names a person.
    publication_requirements = (
        Requirement("institution", _("een hogeschool")),
        Requirement("links", _("een website")),
        Requirement("contacts", _("een contactpersoon")),
    )

    history = HistoricalRecords(
        m2m_fields=["profiles", "study_forms", "locations", "exemption_methods"],
        excluded_fields=["updated_at"],
    )

    class Meta:
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = [Lower("institution__name"), Lower("name")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="programme_unique_slug"),
            models.UniqueConstraint(
                fields=["institution", "name"], name="programme_unique_name_per_institution"
            ),
            models.CheckConstraint(condition=~models.Q(slug=""), name="programme_slug_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(slug__in=RESERVED_PROGRAMME_SLUGS),
                name="programme_slug_not_reserved",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PublicationStatus.values),
                name="programme_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(total_ec__isnull=True) | models.Q(total_ec__gt=0),
                name="programme_total_ec_positive",
                violation_error_message=_(
                    "De studielast moet groter zijn dan 0 EC. "
                    "Laat het veld leeg als die niet bekend is."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "name"], name="programme_status_name_idx")]

    def __str__(self):
        return f"{self.name} ({self.institution})"

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", kwargs={"slug": self.slug})
