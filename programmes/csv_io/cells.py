"""The cells of the admin's CSV files: each widget turns a cell into a value and back.

The rule to know: a cell that cannot be read raises ValueError with a Dutch
message; the import shows it at the row and column, and saves nothing.
Entries are named by their slug, never by a database id
(docs/decisions/0024-csv-import-names-entries.md).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from import_export import widgets

from editorial.status import PublicationStatus


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related entry named by its slug."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(slug=value)
        except self.model.DoesNotExist:
            raise ValueError(
                _("Er is geen %(model)s met de slug ‘%(slug)s’.")
                % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Several related entries named by their slugs, separated by commas."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=",", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()]
        found = self.model.objects.filter(slug__in=slugs)
        unknown = sorted(set(slugs) - {entry.slug for entry in found})
        if unknown:
            known = ", ".join(self.model.objects.values_list("slug", flat=True))
            raise ValueError(
                _("Onbekend: %(unknown)s. Kies uit: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": known}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(entry.slug for entry in value.all())


class YesNoWidget(widgets.Widget):
    """ja / nee / empty for "not known"."""

    YES = ("ja", "j", "yes", "true", "waar", "1")
    NO = ("nee", "n", "no", "false", "onwaar", "0")
    UNKNOWN = ("", "niet bekend", "onbekend")

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        if text in self.UNKNOWN:
            return None
        raise ValueError(_("Vul ‘ja’ of ‘nee’ in, of laat de cel leeg als het niet bekend is."))

    def render(self, value, obj=None, **kwargs):
        return {True: "ja", False: "nee"}.get(value, "")


class RequiredYesNoWidget(YesNoWidget):
    """ja / nee for a field that is always one of the two (e.g. 'op het toolkitblad')."""

    UNKNOWN = ()

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except ValueError:
            raise ValueError(_("Vul ‘ja’ of ‘nee’ in.")) from None


class StatusWidget(widgets.Widget):
    """The publication status by its Dutch name (Concept, Gepubliceerd, Gearchiveerd)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        for status in PublicationStatus:
            if text in (str(status.label).lower(), status.value):
                return status.value
        raise ValueError(
            _("Kies een van: %(choices)s.")
            % {"choices": ", ".join(str(label) for label in PublicationStatus.labels)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(PublicationStatus(value).label) if value else ""


class DutchDateWidget(widgets.Widget):
    """A date as 2026-11-24; also 24-11-2026 and 24/11/2026, as Dutch Excel may save it."""

    FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(_("Vul een datum in als 2026-11-24, of laat de cel leeg."))

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class WholeNumberWidget(widgets.Widget):
    """A whole number; empty for none."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value() or number < 0:
            raise ValueError(_("Vul een heel getal in, of laat de cel leeg."))
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TextWidget(widgets.CharWidget):
    """Text, with spaces around it removed; an empty cell is an empty text."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)
