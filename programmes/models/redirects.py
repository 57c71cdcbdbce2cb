"""Old addresses of programmes, so links printed in the toolkit keep working.

When staff change a programme's slug, `Programme.save()` keeps the old slug here
(in the same transaction). A request for the old address gets a 404 from the
detail view; `toolkit_site.redirects.OldSlugRedirectMiddleware` then looks the
slug up here and answers with a permanent redirect to the programme's current
address. Each old slug points to the programme itself, not to the next slug, so
a chain of changes (a → b → c) still takes one step: a and b both lead to c.

The rules that keep the history consistent live in `SlugHistoryQuerySet.record()`:
- a live slug always wins: a programme that takes a slug (new, or changed back to
  its own old slug) removes that slug from the history;
- an old slug belongs to one programme only (a unique constraint).
"""

from django.core.exceptions import ValidationError
from django.db import models, router
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .programmes import Programme, PublicationStatus, validate_programme_slug


def write_database(instance, save_kwargs):
    """The database alias a model's save() writes to."""
    return save_kwargs.get("using") or router.db_for_write(type(instance), instance=instance)


def saves_any_of(save_kwargs, *field_names):
    """Whether a save() with these arguments writes one of the fields.

    A save with `update_fields` that leaves the slug out cannot change it, even
    when the slug in memory differs from the stored one.
    """
    update_fields = save_kwargs.get("update_fields")
    return update_fields is None or any(name in update_fields for name in field_names)


def stored_values(instance, *field_names, using):
    """The values of these fields as they are stored now; None for a new entry."""
    if instance._state.adding or instance.pk is None:
        return None
    return (
        type(instance)
        ._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list(*field_names)
        .first()
    )


class SlugHistoryQuerySet(models.QuerySet):
    """Shared by the slug histories of programmes and pathways: one old slug
    points to one entry, through the foreign key named `owner_field`."""

    owner_field = None

    def record(self, owner, previous_slug):
        """Updates the history after `owner` was saved; `previous_slug` is the
        slug it had before (None for a new entry)."""
        if previous_slug == owner.slug:
            return
        # The live entry wins: its slug is no longer anyone's old address.
        self.filter(old_slug=owner.slug).delete()
        if previous_slug:
            self.update_or_create(old_slug=previous_slug, defaults={self.owner_field: owner})


# Statuses whose entries have a public address: published, or archived (410 page).
PUBLIC_ADDRESS_STATUSES = [PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED]


class ProgrammeSlugHistoryQuerySet(SlugHistoryQuerySet):
    owner_field = "programme"

    def redirect_target(self, slug):
        """The published or archived programme that `slug` used to lead to, or None
        (one query). An archived one answers with its "no longer offered" page (410),
        which helps a visitor with an old printed link more than a 404."""
        entry = (
            self.filter(old_slug=slug, programme__status__in=PUBLIC_ADDRESS_STATUSES)
            .select_related("programme")
            .first()
        )
        return entry.programme if entry else None


class ProgrammeSlugHistory(models.Model):
    """An old slug of a programme: its old address redirects to the current one."""

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
