"""Old addresses of routes and steps, so links printed in the toolkit keep working.

`Pathway.save()` and `Step.save()` (editorial.slugs.KeepsOldSlugs) keep a changed slug
here, and `editorial.redirects.OldSlugRedirectMiddleware` turns a 404 on an old
address into a permanent redirect to the current one. The rule: a step's address
holds two slugs (/routes/<route>/<step>/) and keeps working when either changed, or
when the step moved to another route (its history records the route the old address
was under). A step's old slug is unique within its route, as a live step slug is.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.slugs import SlugHistoryQuerySet
from editorial.status import PUBLIC_STATUSES

from .routes import Pathway, Step


class PathwaySlugHistoryQuerySet(SlugHistoryQuerySet):
    owner_field = "pathway"

    def redirect_target(self, slug):
        """The published or archived route that `slug` used to lead to, or None
        (one query); an archived one answers with its 410 page."""
        entry = (
            self.filter(old_slug=slug, pathway__status__in=PUBLIC_STATUSES)
            .select_related("pathway")
            .first()
        )
        return entry.pathway if entry else None


class PathwaySlugHistory(models.Model):
    """An old slug of a route: its old addresses redirect to the current ones."""

    redirect_url_name = "pathways:pathway_detail"

    pathway = models.ForeignKey(
        Pathway, verbose_name=_("route"), on_delete=models.CASCADE, related_name="old_slugs"
    )
    old_slug = models.SlugField(
        _("oude slug"),
        max_length=100,
        help_text=_(
            "Een eerder deel van het webadres van de route. Wie dat oude adres opent, "
            "ook dat van een stap, komt vanzelf op de pagina van nu."
        ),
    )
    created = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = PathwaySlugHistoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("oud adres van een route")
        verbose_name_plural = _("oude adressen van routes")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["old_slug"], name="pathwayslughistory_unique_old_slug"),
            models.CheckConstraint(
                condition=~models.Q(old_slug=""), name="pathwayslughistory_slug_not_empty"
            ),
        ]

    def __str__(self):
        return self.old_address

    @property
    def old_address(self):
        return reverse("pathways:pathway_detail", kwargs={"slug": self.old_slug})

    def clean(self):
        """An old slug that is some route's current slug would never redirect."""
        super().clean()
        if self.old_slug and Pathway.objects.filter(slug=self.old_slug).exists():
            raise ValidationError(
                {
                    "old_slug": _(
                        "Dit is het huidige adres van een route. "
                        "Een oud adres kan niet ook een huidig adres zijn."
                    )
                },
                code="slug_in_use",
            )


class StepSlugHistoryQuerySet(models.QuerySet):
    def record(self, step, previous):
        """Updates the history after `step` was saved; `previous` is the
        (route id, slug) it had before, None for a new step."""
        if previous == (step.pathway_id, step.slug):
            return
        # The live step wins: its address is no longer anyone's old address.
        self.filter(pathway_id=step.pathway_id, old_slug=step.slug).delete()
        if previous:
            pathway_id, slug = previous
            self.update_or_create(pathway_id=pathway_id, old_slug=slug, defaults={"step": step})

    def redirect_target(self, pathway_slug, slug):
        """The step of a published route that /routes/<pathway_slug>/<slug>/ leads
        to now, or None. Two queries at most, whatever the history holds.

        First the route the address names, by its current or an old slug. Then the
        step under that route, by its current slug (only the route's slug changed)
        or an old one (the step's slug changed, or the step moved to another route).
        A current slug wins over an old one in both look-ups.
        """
        pathways = (
            Pathway.objects.filter(Q(slug=pathway_slug) | Q(old_slugs__old_slug=pathway_slug))
            .values_list("pk", "slug")
            .distinct()
        )
        pathway_id = _prefer_current(pathways, pathway_slug)
        if pathway_id is None:
            return None
        steps = (
            Step.objects.filter(pathway__status__in=PUBLIC_STATUSES)
            .select_related("pathway")
            .filter(
                Q(pathway_id=pathway_id, slug=slug)
                | Q(old_slugs__pathway_id=pathway_id, old_slugs__old_slug=slug)
            )
            .distinct()
            .order_by("pk")
        )
        steps = list(steps)
        for step in steps:
            if step.pathway_id == pathway_id and step.slug == slug:
                return step
        return steps[0] if steps else None


def _prefer_current(rows, slug):
    """The id among (id, current slug) rows whose current slug is `slug`, else the first."""
    rows = list(rows)
    for pk, current_slug in rows:
        if current_slug == slug:
            return pk
    return rows[0][0] if rows else None


class StepSlugHistory(models.Model):
    """An old address of a step: the route it was under and the step's slug then."""

    redirect_url_name = "pathways:step_detail"

    step = models.ForeignKey(
        Step, verbose_name=_("stap"), on_delete=models.CASCADE, related_name="old_slugs"
    )
    pathway = models.ForeignKey(
        Pathway,
        verbose_name=_("route van het oude adres"),
        on_delete=models.CASCADE,
        related_name="old_step_slugs",
        help_text=_("De route waar de stap onder viel toen het oude adres gold."),
    )
    old_slug = models.SlugField(
        _("oude slug"),
        max_length=100,
        help_text=_(
            "Een eerder deel van het webadres van de stap. Wie dat oude adres opent, "
            "komt vanzelf op de pagina van de stap."
        ),
    )
    created = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = StepSlugHistoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("oud adres van een stap")
        verbose_name_plural = _("oude adressen van stappen")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "old_slug"], name="stepslughistory_unique_old_slug_per_pathway"
            ),
            models.CheckConstraint(
                condition=~models.Q(old_slug=""), name="stepslughistory_slug_not_empty"
            ),
        ]

    def __str__(self):
        return self.old_address

    @property
    def old_address(self):
        """The old address under the route's current slug: it redirects as well."""
        return reverse(
            "pathways:step_detail",
            kwargs={"pathway_slug": self.pathway.slug, "slug": self.old_slug},
        )

    def clean(self):
        """An old slug that is a current step slug in the same route would never redirect."""
        super().clean()
        if (
            self.old_slug
            and self.pathway_id
            and Step.objects.filter(pathway_id=self.pathway_id, slug=self.old_slug).exists()
        ):
            raise ValidationError(
                {
                    "old_slug": _(
                        "Dit is het huidige adres van een stap in deze route. "
                        "Een oud adres kan niet ook een huidig adres zijn."
                    )
                },
                code="slug_in_use",
            )
