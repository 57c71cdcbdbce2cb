"""The result of checking one external address (see `manage.py check_links`).

Results are kept per address, not per entry: the same website can be linked
from a programme, a resource and an organisation, and is checked once. Entries
find their result by their address (a subquery in the admin's "broken links"
filter), so an edited address simply has no result until the next check.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(ok=False)


class LinkCheck(models.Model):
    url = models.URLField(_("adres"), max_length=500)
    ok = models.BooleanField(
        _("werkt"), help_text=_("Werkt als het adres na doorverwijzingen een 2xx-antwoord geeft.")
    )
    status_code = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    final_url = models.URLField(
        _("eindadres"),
        max_length=2000,
        blank=True,
        help_text=_("Waar het adres na alle doorverwijzingen uitkomt."),
    )
    redirected = models.BooleanField(_("doorverwezen"), default=False)
    error = models.CharField(
        _("fout"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld een time-out of een onbekende server."),
    )
    checked_at = models.DateTimeField(_("gecontroleerd op"))

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("linkcontrole")
        verbose_name_plural = _("linkcontroles")
        # Moved from the programmes app; the table kept its name (migration 0001).
        db_table = "programmes_linkcheck"
        ordering = ["ok", "url"]
        constraints = [models.UniqueConstraint(fields=["url"], name="linkcheck_unique_url")]
        indexes = [models.Index(fields=["ok"], name="linkcheck_ok_idx")]

    def __str__(self):
        return self.url
