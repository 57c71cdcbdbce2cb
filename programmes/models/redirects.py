"""Old addresses of programmes, so links printed in the toolkit keep working.

`Programme.save()` (editorial.slugs.KeepsOldSlugs) keeps a changed slug here, and
`editorial.redirects` answers the old address with a 301 to the current one.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.slugs import SlugHistoryQuerySet
from editorial.status import PUBLIC_STATUSES

from .programmes import Programme, validate_programme_slug


class ProgrammeSlugHistoryQuerySet(SlugHistoryQuerySet):
    owner_field = "programme"

    def redirect_target(self, slug):
        """The published or archived programme that `slug` used to lead to, or None
        (one query). An archived one answers with its "no longer offered" page (410),
        which helps a visitor with an old printed link more than a 404."""
        entry = (
            self.filter(old_slug=slug, programme__status__in=PUBLIC_STATUSES)
            .select_related("programme")
            .first()
        )
        return entry.programme if entry else None


class ProgrammeSlugHistory(models.Model):
    """An old slug of a programme: its old address redirects to the current one."""

    # The page whose 404 editorial.redirects turns into a redirect.
    redirect_url_name = "programmes:programme_detail"

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("opleiding"),
        on_delete=models.CASCADE,
        related_name="old_slugs",
    )
    old_slug = models.SlugField(
        _("oude slug"),
        max_length=100,
        validators=[validate_programme_slug],
        help_text=_(
            "Een eerder deel van het webadres van de opleiding. Wie dat oude adres "
            "opent, komt vanzelf op de pagina van de opleiding."
        ),
    )
    created = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = ProgrammeSlugHistoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("oud adres van een opleiding")
        verbose_name_plural = _("oude adressen van opleidingen")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["old_slug"], name="programmeslughistory_unique_old_slug"
            ),
            models.CheckConstraint(
                condition=~models.Q(old_slug=""), name="programmeslughistory_slug_not_empty"
            ),
        ]

    def __str__(self):
        return self.old_address

    @property
    def old_address(self):
        return reverse("programmes:programme_detail", kwargs={"slug": self.old_slug})

    def clean(self):
        """An old slug that is some programme's current slug would never redirect."""
        super().clean()
        if self.old_slug and Programme.objects.filter(slug=self.old_slug).exists():
            raise ValidationError(
                {
                    "old_slug": _(
                        "Dit is het huidige adres van een opleiding. "
                        "Een oud adres kan niet ook een huidig adres zijn."
                    )
                },
                code="slug_in_use",
            )
